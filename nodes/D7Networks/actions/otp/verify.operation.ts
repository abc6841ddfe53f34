import type { IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { isRecord } from '../../../shared/answer';
import { callVendor } from '../../../shared/call';
import type { CodeField } from '../../../shared/fields';
import { codeProperty, readCode, readReference, referenceProperty } from '../../../shared/fields';
import type { VerifyStatus } from '../../../shared/output';
import { verifiedItem } from '../../../shared/output';
import type { PreparedCall } from '../../../shared/types';
import { d7Networks } from '../../vendor';
import { OTP_ID } from './fields';

const OTP_CODE: CodeField = { displayName: 'OTP Code', name: 'otpCode' };

export const description = updateDisplayOptions(
	{ show: { resource: ['otp'], operation: ['verify'] } },
	[referenceProperty(OTP_ID), codeProperty(OTP_CODE)],
);

const STATUS_OF_D7: Record<string, VerifyStatus> = {
	APPROVED: 'approved',
	// D7's Verify-OTP page: FAILED is "Incorrect OTP".
	FAILED: 'invalid',
	EXPIRED: 'expired',
	ALREADY_VERIFIED: 'already_verified',
};

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedCall {
	const otpId = readReference(this, itemIndex, OTP_ID);
	const otpCode = readCode(this, itemIndex, OTP_CODE);
	return async (run) =>
		await callVendor.call(this, itemIndex, d7Networks, run, {
			request: {
				method: 'POST',
				path: '/verify/v1/otp/verify-otp',
				body: { otp_id: otpId, otp_code: otpCode },
			},
			sends: false,
			// A known status is the answer, whatever the HTTP status; D7 says a wrong code with HTTP 400
			// INVALID_OTP_CODE. Both are answers for the workflow, not errors.
			verdict: ({ statusCode, body }) => {
				const detail = isRecord(body) ? body.detail : undefined;
				const wrongCode =
					statusCode === 400 && isRecord(detail) && detail.code === 'INVALID_OTP_CODE';
				const status = wrongCode
					? 'invalid'
					: isRecord(body)
						? STATUS_OF_D7[String(body.status)]
						: undefined;
				return status === undefined
					? undefined
					: verifiedItem({
							provider: d7Networks.provider,
							reference: otpId,
							status,
							response: body,
						});
			},
			read: () => undefined,
			needs: 'known status',
		});
}
