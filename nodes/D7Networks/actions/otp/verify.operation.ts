import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { isRecord } from '../../../shared/errors';
import type { VerifyStatus } from '../../../shared/output';
import { verifiedItem } from '../../../shared/output';
import type { PreparedCall } from '../../../shared/types';
import { badInput, readText } from '../../../shared/validation';
import { isVendorSuccess, unexpectedAnswer, vendorFailure, vendorRequest } from '../../../shared/vendor';
import { d7Networks } from '../../vendor';
import { otpIdField, readOtpId } from './fields';

const properties: INodeProperties[] = [
	otpIdField,
	{
		displayName: 'OTP Code',
		name: 'otpCode',
		type: 'string',
		required: true,
		default: '',
		placeholder: '123456',
		description: 'The code the person typed',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['otp'], operation: ['verify'] } },
	properties,
);

const STATUS_OF_D7: Record<string, VerifyStatus> = {
	APPROVED: 'approved',
	// D7's Verify-OTP page: FAILED is "Incorrect OTP".
	FAILED: 'invalid',
	EXPIRED: 'expired',
	ALREADY_VERIFIED: 'already_verified',
};

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedCall {
	const otpId = readOtpId(this, itemIndex);
	const otpCode = readText(this, itemIndex, 'otpCode', 'OTP Code');
	if (!/^[A-Za-z0-9]{1,20}$/.test(otpCode)) {
		throw badInput(this, itemIndex, 'OTP Code', otpCode, 'expected the letters or digits of the code');
	}
	return async (run) => {
		const answer = await vendorRequest.call(
			this,
			itemIndex,
			d7Networks,
			{ method: 'POST', path: '/verify/v1/otp/verify-otp', body: { otp_id: otpId, otp_code: otpCode } },
			{ isSend: false, run },
		);
		const body = answer.body;
		// D7 says a wrong code with HTTP 400 INVALID_OTP_CODE: an answer for the workflow, not an error.
		const detail = isRecord(body) ? body.detail : undefined;
		if (answer.statusCode === 400 && isRecord(detail) && detail.code === 'INVALID_OTP_CODE') {
			return verifiedItem({ provider: d7Networks.provider, reference: otpId, status: 'invalid', response: body });
		}
		const status = isRecord(body) && typeof body.status === 'string' ? STATUS_OF_D7[body.status] : undefined;
		if (!isVendorSuccess(d7Networks, answer) && status === undefined) {
			throw vendorFailure.call(this, itemIndex, d7Networks, answer);
		}
		if (status === undefined) throw unexpectedAnswer.call(this, itemIndex, d7Networks, answer, 'known status');
		return verifiedItem({ provider: d7Networks.provider, reference: otpId, status, response: body });
	};
}
