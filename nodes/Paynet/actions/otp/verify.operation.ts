import type { IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { isSuccessStatus } from '../../../shared/answer';
import { callVendor } from '../../../shared/call';
import type { CodeField } from '../../../shared/fields';
import { codeProperty, readCode } from '../../../shared/fields';
import { verifiedItem } from '../../../shared/output';
import type { PreparedCall } from '../../../shared/types';
import { PAYNET_SUCCESS, PAYNET_UNSUCCESSFUL, paynet, paynetResultCode } from '../../vendor';
import { otpSessionIdField, readOtpSessionId, readUserGsm, userGsmField } from './fields';

const OTP_CODE: CodeField = {
	displayName: 'OTP Code',
	name: 'otpCode',
	placeholder: 'e.g. ART2',
	description: 'The code the card owner received and typed in (Paynet codes may contain letters)',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['otp'], operation: ['verify'] } },
	[userGsmField, otpSessionIdField, codeProperty(OTP_CODE)],
);

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedCall {
	const userGsm = readUserGsm(this, itemIndex);
	const otpSessionId = readOtpSessionId(this, itemIndex);
	const otpCode = readCode(this, itemIndex, OTP_CODE);
	return async (run) =>
		await callVendor.call(this, itemIndex, paynet, run, {
			request: {
				method: 'POST',
				path: '/v1/card/check_otp',
				body: { user_gsm: userGsm, otp_session_id: otpSessionId, otp_code: otpCode },
			},
			sends: false,
			// Code 1 "unsuccessful" is Paynet's "the code did not match": an answer for an IF node, not an error.
			verdict: (answer) =>
				(isSuccessStatus(answer.statusCode) || answer.statusCode === 400) &&
				paynetResultCode(answer) === PAYNET_UNSUCCESSFUL
					? verifiedItem({
							provider: paynet.provider,
							reference: otpSessionId,
							status: 'invalid',
							response: answer.body,
						})
					: undefined,
			read: (answer) =>
				paynetResultCode(answer) === PAYNET_SUCCESS
					? verifiedItem({
							provider: paynet.provider,
							reference: otpSessionId,
							status: 'approved',
							response: answer.body,
						})
					: undefined,
			needs: 'result code',
		});
}
