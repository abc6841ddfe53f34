import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { additionalFields } from '../../../shared/fields';
import { checkOneOf, readAdditionalFields } from '../../../shared/validation';

/** Valify's `lang`: the language of its messages; unset, Valify uses English. */
export const languageFields: INodeProperties = additionalFields([
	{
		displayName: 'Language',
		name: 'lang',
		type: 'options',
		options: [
			{ name: 'Arabic', value: 'ar' },
			{ name: 'English', value: 'en' },
		],
		default: 'en',
		description: "Language of Valify's messages",
	},
]);

export function readLanguage(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const { lang } = readAdditionalFields(context, itemIndex);
	if (lang === undefined) return {};
	return { lang: checkOneOf(context, itemIndex, 'Language', lang, ['en', 'ar']) };
}

/** The fields of both verifies (phone and email): Valify checks a code against its transaction. */
export const verifyFields: INodeProperties[] = [
	{
		displayName: 'Transaction ID',
		name: 'transactionId',
		type: 'string',
		required: true,
		default: '',
		description: 'The transaction_id that the matching Send operation returned as "reference"',
	},
	{
		displayName: 'OTP',
		name: 'otp',
		type: 'string',
		required: true,
		default: '',
		placeholder: '123456',
		description: 'The 6-digit code the person typed',
	},
	languageFields,
];
