import type { IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { isRecord } from '../../../shared/errors';
import { statusItem } from '../../../shared/output';
import type { PreparedCall } from '../../../shared/types';
import { unexpectedAnswer, vendorRequest, isVendorSuccess, vendorFailure } from '../../../shared/vendor';
import { d7Networks } from '../../vendor';
import { otpIdField, readOtpId } from './fields';

export const description = updateDisplayOptions({ show: { resource: ['otp'], operation: ['getStatus'] } }, [
	otpIdField,
]);

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedCall {
	const otpId = readOtpId(this, itemIndex);
	return async (run) => {
		const answer = await vendorRequest.call(
			this,
			itemIndex,
			d7Networks,
			{ method: 'GET', path: `/verify/v1/report/${encodeURIComponent(otpId)}` },
			{ isSend: false, run },
		);
		if (!isVendorSuccess(d7Networks, answer)) throw vendorFailure.call(this, itemIndex, d7Networks, answer);
		const response = answer.body;
		if (!isRecord(response) || typeof response.status !== 'string') {
			throw unexpectedAnswer.call(this, itemIndex, d7Networks, answer, 'status');
		}
		return statusItem({ provider: d7Networks.provider, reference: otpId, status: response.status, response });
	};
}
