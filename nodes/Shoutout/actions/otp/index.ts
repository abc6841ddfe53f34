import type { INodeProperties } from 'n8n-workflow';

import { operationField, toolDescriptionFields } from '../../../shared/descriptions';
import type { OperationMap } from '../../../shared/types';
import * as send from './send.operation';
import * as verify from './verify.operation';

export type ShoutoutOperation = 'send' | 'verify';

export const operations: OperationMap<ShoutoutOperation> = { send, verify };

export const description: INodeProperties[] = [
	operationField(
		[
			{
				name: 'Send',
				value: 'send',
				description: 'Generate an OTP and text it',
				action: 'Send an OTP',
			},
			{
				name: 'Verify',
				value: 'verify',
				description: 'Check the code the person typed',
				action: 'Verify an OTP',
			},
		],
		'send',
	),
	...toolDescriptionFields<ShoutoutOperation>({
		send: 'Texts a one-time code with ShoutOUT. Source: the sender ID registered with ShoutOUT. Destination: the phone number with its country code, e.g. +94771234567. Message: the text, with {{code}} where the code goes, e.g. "Your code is {{code}}". Returns reference: Verify needs it (as Reference ID) with the code the person received.',
		verify:
			'Checks the code a person received from ShoutOUT. Reference ID: the reference Send returned. Code: the code as the person gave it. Returns verified: true or false (a wrong or expired code is false, not an error) and status.',
	}),
	...send.description,
	...verify.description,
];
