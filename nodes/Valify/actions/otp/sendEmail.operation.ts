import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { PreparedCall } from '../../../shared/types';
import { badInput, readText } from '../../../shared/validation';
import { sendCall } from './calls';
import { languageFields, readLanguage } from './fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		description: 'The email address Valify sends the 6-digit code to',
	},
	languageFields,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['otp'], operation: ['sendEmail'] } },
	properties,
);

/** One address: a local part, "@", and a domain with at least one dot; no spaces anywhere. */
const EMAIL_ADDRESS = /^[^\s@]{1,64}@[^\s@.]+(?:\.[^\s@.]+)+$/;

function readEmail(context: IExecuteFunctions, itemIndex: number): string {
	const email = readText(context, itemIndex, 'email', 'Email');
	if (email.length > 254 || !EMAIL_ADDRESS.test(email)) {
		throw badInput(
			context,
			itemIndex,
			'Email',
			email,
			'expected one email address such as name@example.com',
		);
	}
	return email;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedCall {
	const email = readEmail(this, itemIndex);
	return sendCall(this, itemIndex, {
		operation: 'sendEmail',
		path: '/api/v1/otp/email/send/',
		recipient: email,
		fields: { email, ...readLanguage(this, itemIndex) },
		// Valify's email OTP pages state no lifetime for the code.
		expiresAt: () => null,
	});
}
