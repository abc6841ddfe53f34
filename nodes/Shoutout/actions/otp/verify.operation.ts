import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { firstText, isRecord } from '../../../shared/errors';
import type { VerifyStatus } from '../../../shared/output';
import { referenceOf, verifiedItem } from '../../../shared/output';
import type { PreparedCall } from '../../../shared/types';
import { badInput, readText } from '../../../shared/validation';
import { isVendorSuccess, unexpectedAnswer, vendorFailure, vendorRequest } from '../../../shared/vendor';
import { shoutout } from '../../vendor';

const properties: INodeProperties[] = [
	{
		displayName: 'Reference ID',
		name: 'referenceId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. f437c171-2d08-48c8-a4a2-0123456789ab',
		description: 'The referenceId that the Send operation returned as "reference"',
	},
	{
		displayName: 'Code',
		name: 'code',
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

/** ShoutOUT's verify `statusCode`: 1000 is documented; 1001 and 1002 are seen in the wild. */
const WRONG_CODE_STATUS: Record<string, VerifyStatus> = {
	'1001': 'invalid',
	'1002': 'expired',
};
const APPROVED = '1000';

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedCall {
	const referenceId = readText(this, itemIndex, 'referenceId', 'Reference ID');
	if (!/^[A-Za-z0-9._:-]{1,200}$/.test(referenceId)) {
		throw badInput(
			this,
			itemIndex,
			'Reference ID',
			referenceId,
			'expected the reference (referenceId) that Send returned (letters, digits, dashes)',
		);
	}
	const code = readText(this, itemIndex, 'code', 'Code');
	if (!/^[A-Za-z0-9]{1,20}$/.test(code)) {
		throw badInput(this, itemIndex, 'Code', code, 'expected the letters or digits of the code');
	}

	return async (run) => {
		const answer = await vendorRequest.call(
			this,
			itemIndex,
			shoutout,
			{ method: 'POST', path: '/otpservice/verify', body: { code, referenceId } },
			{ isSend: false, run },
		);
		const body = answer.body;
		const statusCode = isRecord(body) ? firstText(body.statusCode) : undefined;
		const reference = (isRecord(body) ? referenceOf(body.referenceId) : null) ?? referenceId;
		const item = (status: VerifyStatus) =>
			verifiedItem({ provider: shoutout.provider, reference, status, response: body });

		// A wrong or expired code is an answer for the workflow, whether ShoutOUT sends it with 200 or 4xx.
		const wrongCode = statusCode === undefined ? undefined : WRONG_CODE_STATUS[statusCode];
		if (wrongCode !== undefined && answer.statusCode < 500) return item(wrongCode);
		if (!isVendorSuccess(shoutout, answer)) throw vendorFailure.call(this, itemIndex, shoutout, answer);
		if (statusCode === undefined) throw unexpectedAnswer.call(this, itemIndex, shoutout, answer, 'statusCode');
		// Any other statusCode in a 200 is a "no" from ShoutOUT, never taken for an approval.
		return item(statusCode === APPROVED ? 'approved' : 'failed');
	};
}
