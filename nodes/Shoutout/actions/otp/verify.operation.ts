import type { IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { firstText, isRecord } from '../../../shared/answer';
import { callVendor } from '../../../shared/call';
import type { CodeField, ReferenceField } from '../../../shared/fields';
import { codeProperty, readCode, readReference, referenceProperty } from '../../../shared/fields';
import type { VerifyStatus } from '../../../shared/output';
import { referenceOf, verifiedItem } from '../../../shared/output';
import type { PreparedCall } from '../../../shared/types';
import { shoutout } from '../../vendor';

const REFERENCE_ID: ReferenceField = {
	displayName: 'Reference ID',
	name: 'referenceId',
	vendorName: 'referenceId',
	placeholder: 'e.g. f437c171-2d08-48c8-a4a2-0123456789ab',
};
const CODE: CodeField = { displayName: 'Code', name: 'code' };

export const description = updateDisplayOptions(
	{ show: { resource: ['otp'], operation: ['verify'] } },
	[referenceProperty(REFERENCE_ID), codeProperty(CODE)],
);

/** ShoutOUT's verify `statusCode`: 1000 is documented; 1001 and 1002 are seen in the wild. */
const WRONG_CODE_STATUS: Record<string, VerifyStatus> = {
	'1001': 'invalid',
	'1002': 'expired',
};
const APPROVED = '1000';

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedCall {
	const referenceId = readReference(this, itemIndex, REFERENCE_ID);
	const code = readCode(this, itemIndex, CODE);
	const item = (body: unknown, status: VerifyStatus) =>
		verifiedItem({
			provider: shoutout.provider,
			reference: (isRecord(body) ? referenceOf(body.referenceId) : null) ?? referenceId,
			status,
			response: body,
		});
	const statusCodeOf = (body: unknown) => (isRecord(body) ? firstText(body.statusCode) : undefined);

	return async (run) =>
		await callVendor.call(this, itemIndex, shoutout, run, {
			request: { method: 'POST', path: '/otpservice/verify', body: { code, referenceId } },
			sends: false,
			// A wrong or expired code is an answer for the workflow, whether ShoutOUT sends it with 200 or 4xx.
			verdict: ({ statusCode, body }) => {
				const wrongCode = WRONG_CODE_STATUS[statusCodeOf(body) ?? ''];
				return wrongCode !== undefined && statusCode < 500 ? item(body, wrongCode) : undefined;
			},
			// Any other statusCode in a 200 is a "no" from ShoutOUT, never taken for an approval.
			read: ({ body }) => {
				const statusCode = statusCodeOf(body);
				if (statusCode === undefined) return undefined;
				return item(body, statusCode === APPROVED ? 'approved' : 'failed');
			},
			needs: 'statusCode',
		});
}
