import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { toNationalNumber } from '../../../shared/phone';
import { badInput, readText } from '../../../shared/validation';

export const userGsmField: INodeProperties = {
	displayName: 'User GSM',
	name: 'userGsm',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. +90 532 123 45 67',
	description:
		"The card owner's Turkish mobile number. +90 5…, 905…, 05… or 5… are all fine, with spaces or dashes; it is sent as 5XXXXXXXXX.",
};

export const otpSessionIdField: INodeProperties = {
	displayName: 'OTP Session ID',
	name: 'otpSessionId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. card-save-8f14e45f',
	description:
		'Your own unique value that ties the OTP to the card being saved. Use the same value for Send, Verify and the card save.',
};

const TURKISH_MOBILE = { countryCode: '90', nationalNumber: /^5[0-9]{9}$/ };

/** The number as Paynet wants it: 5XXXXXXXXX, no +90 and no leading 0. */
export function readUserGsm(context: IExecuteFunctions, itemIndex: number): string {
	const raw = readText(context, itemIndex, 'userGsm', 'User GSM');
	const gsm = toNationalNumber(raw, TURKISH_MOBILE);
	if (gsm === undefined) {
		throw badInput(
			context,
			itemIndex,
			'User GSM',
			raw,
			'expected a Turkish mobile number such as +90 532 123 45 67, 0532 123 45 67 or 5321234567',
		);
	}
	return gsm;
}

export function readOtpSessionId(context: IExecuteFunctions, itemIndex: number): string {
	return readText(context, itemIndex, 'otpSessionId', 'OTP Session ID');
}
