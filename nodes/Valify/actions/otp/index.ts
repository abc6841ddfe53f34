import type { INodeProperties } from 'n8n-workflow';

import { operationField, toolDescriptionFields } from '../../../shared/descriptions';
import type { OperationMap } from '../../../shared/types';
import * as send from './send.operation';
import * as sendEmail from './sendEmail.operation';
import * as verify from './verify.operation';
import * as verifyEmail from './verifyEmail.operation';

export type ValifyOperation = 'send' | 'verify' | 'sendEmail' | 'verifyEmail';

export const operations: OperationMap<ValifyOperation> = { send, verify, sendEmail, verifyEmail };

export const description: INodeProperties[] = [
	operationField(
		[
			{
				name: 'Send',
				value: 'send',
				description: 'Text a 6-digit code to an Egyptian mobile',
				action: 'Send an OTP',
			},
			{
				name: 'Send Email',
				value: 'sendEmail',
				description: 'Email a 6-digit code to an address',
				action: 'Send an OTP by email',
			},
			{
				name: 'Verify',
				value: 'verify',
				description: 'Check the code the person typed',
				action: 'Verify an OTP',
			},
			{
				name: 'Verify Email',
				value: 'verifyEmail',
				description: 'Check the code the person received by email',
				action: 'Verify an OTP sent by email',
			},
		],
		'send',
	),
	...toolDescriptionFields<ValifyOperation>({
		send: 'Texts a 6-digit code to an Egyptian mobile with Valify. Phone Number: the mobile with its country code, e.g. +201001234567 (or 01001234567). Returns reference (the transaction ID): Verify needs it with the code the person received.',
		verify:
			'Checks the code a person received from Valify by SMS. Transaction ID: the reference Send returned. OTP: the code as the person gave it. Returns verified: true or false (a wrong or expired code is false, not an error) and status.',
		sendEmail:
			'Emails a 6-digit code to an address with Valify. Email: the full address, e.g. name@example.com. Returns reference (the transaction ID): Verify Email needs it with the code the person received.',
		verifyEmail:
			'Checks the code a person received from Valify by email. Transaction ID: the reference Send Email returned. OTP: the 6 digits as the person gave them. Returns verified: true or false (a wrong or expired code is false, not an error) and status.',
	}),
	...send.description,
	...verify.description,
	...sendEmail.description,
	...verifyEmail.description,
];
