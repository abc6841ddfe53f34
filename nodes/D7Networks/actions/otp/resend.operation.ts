import type { IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { referenceOf, secondsFromNow, sentItem } from '../../../shared/output';
import type { PreparedCall } from '../../../shared/types';
import { d7Networks, requestOtp } from '../../vendor';
import { otpIdField, readOtpId } from './fields';

export const description = updateDisplayOptions({ show: { resource: ['otp'], operation: ['resend'] } }, [
	otpIdField,
]);

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedCall {
	const otpId = readOtpId(this, itemIndex);
	return async (run) => {
		const answer = await requestOtp.call(this, itemIndex, { method: 'POST', path: '/verify/v1/otp/resend-otp', body: { otp_id: otpId } }, run);
		return sentItem({
			provider: d7Networks.provider,
			operation: 'resend',
			recipient: null,
			reference: referenceOf(answer.body.otp_id) ?? otpId,
			expiresAt: secondsFromNow(answer.body.expiry),
			response: answer.response,
		});
	};
}
