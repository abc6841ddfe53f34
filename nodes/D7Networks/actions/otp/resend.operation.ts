import type { IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { callVendor } from '../../../shared/call';
import { readReference, referenceProperty } from '../../../shared/fields';
import { referenceOf, secondsFromNow, sentItem } from '../../../shared/output';
import type { PreparedCall } from '../../../shared/types';
import { d7Networks } from '../../vendor';
import { OTP_ID } from './fields';

export const description = updateDisplayOptions(
	{ show: { resource: ['otp'], operation: ['resend'] } },
	[referenceProperty(OTP_ID)],
);

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedCall {
	const otpId = readReference(this, itemIndex, OTP_ID);
	return async (run) =>
		await callVendor.call(this, itemIndex, d7Networks, run, {
			request: { method: 'POST', path: '/verify/v1/otp/resend-otp', body: { otp_id: otpId } },
			sends: true,
			read: ({ fields, response }) =>
				sentItem({
					provider: d7Networks.provider,
					operation: 'resend',
					recipient: null,
					reference: referenceOf(fields.otp_id) ?? otpId,
					expiresAt: secondsFromNow(fields.expiry),
					response,
				}),
		});
}
