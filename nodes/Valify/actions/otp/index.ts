import type { INodeProperties } from 'n8n-workflow';

import { operationField, toolDescriptionFields } from '../../../shared/descriptions';
import type { OperationMap } from '../../../shared/types';
import * as send from './send.operation';
import * as verify from './verify.operation';

export type ValifyOperation = 'send' | 'verify';

export const operations: OperationMap<ValifyOperation> = { send, verify };

export const description: INodeProperties[] = [
	operationField(
		[
			{ name: 'Send', value: 'send', description: 'Text a 6-digit code to an Egyptian mobile', action: 'Send an OTP' },
			{ name: 'Verify', value: 'verify', description: 'Check the code the person typed', action: 'Verify an OTP' },
		],
		'send',
	),
	...toolDescriptionFields<ValifyOperation>({
		send: 'Texts a 6-digit code to an Egyptian mobile with Valify. Phone Number: the mobile with its country code, e.g. +201001234567 (or 01001234567). Returns reference (the transaction ID): Verify needs it with the code the person received.',
		verify: 'Checks the code a person received from Valify by SMS. Transaction ID: the reference Send returned. OTP: the code as the person gave it. Returns verified: true or false (a wrong or expired code is false, not an error) and status.',
	}),
	...send.description,
	...verify.description,
];
