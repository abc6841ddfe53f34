import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { secondsFromNow } from '../../../shared/output';
import { toNationalNumber } from '../../../shared/phone';
import type { PreparedCall } from '../../../shared/types';
import { badInput, readText } from '../../../shared/validation';
import { sendCall } from './calls';
import { languageFields, readLanguage } from './fields';

/** Valify's phone codes can be verified for 10 minutes. */
const VALIFY_OTP_LIFETIME_SECONDS = 600;

const properties: INodeProperties[] = [
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '01012345678',
		description: 'Egyptian mobile number: 01XXXXXXXXX, or with +20 / 0020 / 20 in front',
	},
	languageFields,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['otp'], operation: ['send'] } },
	properties,
);

/** Valify takes Egyptian mobiles only, as 11 digits starting with 01. */
function readEgyptianMobile(context: IExecuteFunctions, itemIndex: number): string {
	const raw = readText(context, itemIndex, 'phoneNumber', 'Phone Number');
	const national = toNationalNumber(raw, { countryCode: '20', nationalNumber: /^1[0-9]{9}$/ });
	if (national === undefined) {
		throw badInput(
			context,
			itemIndex,
			'Phone Number',
			raw,
			'expected an Egyptian mobile number, e.g. 01012345678 or +20 101 234 5678',
		);
	}
	return `0${national}`;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedCall {
	const phoneNumber = readEgyptianMobile(this, itemIndex);
	return sendCall(this, itemIndex, {
		operation: 'send',
		path: '/api/v1/otp/send/',
		recipient: phoneNumber,
		fields: { phone_number: phoneNumber, ...readLanguage(this, itemIndex) },
		expiresAt: () => secondsFromNow(VALIFY_OTP_LIFETIME_SECONDS),
	});
}
