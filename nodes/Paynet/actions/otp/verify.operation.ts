import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { verifiedItem } from '../../../shared/output';
import type { PreparedCall } from '../../../shared/types';
import { badInput, readText } from '../../../shared/validation';
import { vendorFailure, vendorRequest } from '../../../shared/vendor';
import { PAYNET_SUCCESS, PAYNET_UNSUCCESSFUL, paynet, paynetResultCode } from '../../vendor';
import { otpSessionIdField, readOtpSessionId, readUserGsm, userGsmField } from './fields';

const properties: INodeProperties[] = [
	userGsmField,
	otpSessionIdField,
	{
		displayName: 'OTP Code',
		name: 'otpCode',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. ART2',
		description: 'The code the card owner received and typed in (Paynet codes may contain letters)',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['otp'], operation: ['verify'] } },
	properties,
);

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedCall {
	const userGsm = readUserGsm(this, itemIndex);
	const otpSessionId = readOtpSessionId(this, itemIndex);
	const otpCode = readText(this, itemIndex, 'otpCode', 'OTP Code');
	if (!/^[A-Za-z0-9]{1,20}$/.test(otpCode)) {
		throw badInput(this, itemIndex, 'OTP Code', otpCode, 'expected the letters and digits of the code');
	}
	return async (run) => {
		const answer = await vendorRequest.call(
			this,
			itemIndex,
			paynet,
			{
				method: 'POST',
				path: '/v1/card/check_otp',
				body: { user_gsm: userGsm, otp_session_id: otpSessionId, otp_code: otpCode },
			},
			{ isSend: false, run },
		);
		const code = paynetResultCode(answer);
		const answered = answer.statusCode >= 200 && answer.statusCode < 300;
		if (answered && code === PAYNET_SUCCESS) {
			return verifiedItem({ provider: paynet.provider, reference: otpSessionId, status: 'approved', response: answer.body });
		}
		// Code 1 "unsuccessful" is Paynet's "the code did not match": an answer for an IF node, not an error.
		if ((answered || answer.statusCode === 400) && code === PAYNET_UNSUCCESSFUL) {
			return verifiedItem({ provider: paynet.provider, reference: otpSessionId, status: 'invalid', response: answer.body });
		}
		throw vendorFailure.call(this, itemIndex, paynet, answer);
	};
}
