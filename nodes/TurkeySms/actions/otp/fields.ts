import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { additionalFields } from '../../../shared/fields';
import { isInternationalDigits, readPastedNumber } from '../../../shared/phone';
import {
	badInput,
	checkWholeNumber,
	readAdditionalFields,
	readText,
} from '../../../shared/validation';

export const mobileField: INodeProperties = {
	displayName: 'Mobile',
	name: 'mobile',
	type: 'string',
	required: true,
	default: '',
	placeholder: '+90 532 481 89 42',
	description:
		'Phone number with its country code (+90 532…, 0090…, 90532…), or a Turkish mobile in local form (0532…)',
};

export const languageAndDigitsFields: INodeProperties = additionalFields([
	{
		displayName: 'Digits',
		name: 'digits',
		type: 'number',
		typeOptions: { minValue: 4, maxValue: 6, numberPrecision: 0 },
		default: 6,
		description: 'Length of the code TurkeySMS generates, 4 to 6 (its OTP page: 6 when not set)',
	},
	{
		displayName: 'Language',
		name: 'lang',
		type: 'options',
		options: [
			{ name: 'Arabic (Unicode)', value: 2 },
			{ name: 'English', value: 0 },
			{ name: 'Turkish', value: 1 },
		],
		default: 0,
		description:
			"Language and encoding of the message (sent as lang 0, 1 or 2). Not added, no lang is sent and TurkeySMS's own default applies (its OTP page does not say which).",
	},
]);

const TURKISH_LOCAL_MOBILE = /^05[0-9]{9}$/;
const TURKISH_COUNTRY_CODE = '90';
const TURKISH_INTERNATIONAL = /^90[0-9]{10}$/;

/**
 * The number as TurkeySMS wants it: international digits without "+" (905321234567). Turkey's
 * local mobile form 05XXXXXXXXX is the one local form that can be converted without guessing.
 */
export function readMobile(context: IExecuteFunctions, itemIndex: number): string {
	const raw = readText(context, itemIndex, 'mobile', 'Mobile');
	const pasted = readPastedNumber(raw);
	let digits = pasted?.digits;
	if (
		pasted !== undefined &&
		!pasted.international &&
		digits !== undefined &&
		TURKISH_LOCAL_MOBILE.test(digits)
	) {
		digits = `9${digits}`;
	}
	const valid =
		digits !== undefined &&
		isInternationalDigits(digits) &&
		(!digits.startsWith(TURKISH_COUNTRY_CODE) || TURKISH_INTERNATIONAL.test(digits));
	if (!valid) {
		throw badInput(
			context,
			itemIndex,
			'Mobile',
			raw,
			'expected a phone number with its country code, e.g. +90 532 481 89 42 or 905324818942, or a Turkish mobile as 0532 481 89 42',
		);
	}
	return digits as string;
}

/** The optional `lang` and `digits`, each sent only when the user set it. */
export function readLanguageAndDigits(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const body: IDataObject = {};
	const { lang, digits } = readAdditionalFields(context, itemIndex);
	if (lang !== undefined) body.lang = checkWholeNumber(context, itemIndex, 'Language', lang, 0, 2);
	if (digits !== undefined)
		body.digits = checkWholeNumber(context, itemIndex, 'Digits', digits, 4, 6);
	return body;
}
