import type { IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { sentItem } from '../../../shared/output';
import type { PreparedCall } from '../../../shared/types';
import { callVendor } from '../../../shared/call';
import { paynet, paynetTimeToIso } from '../../vendor';
import { otpSessionIdField, readOtpSessionId, readUserGsm, userGsmField } from './fields';

export const description = updateDisplayOptions(
	{ show: { resource: ['otp'], operation: ['send'] } },
	[userGsmField, otpSessionIdField],
);

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedCall {
	const userGsm = readUserGsm(this, itemIndex);
	const otpSessionId = readOtpSessionId(this, itemIndex);
	return async (run) =>
		await callVendor.call(this, itemIndex, paynet, run, {
			request: {
				method: 'POST',
				path: '/v1/card/send_otp',
				body: { user_gsm: userGsm, otp_session_id: otpSessionId },
			},
			sends: true,
			read: ({ fields, response }) =>
				sentItem({
					provider: paynet.provider,
					operation: 'send',
					recipient: userGsm,
					reference: otpSessionId,
					expiresAt: paynetTimeToIso(fields.otp_expire),
					response,
				}),
		});
}
