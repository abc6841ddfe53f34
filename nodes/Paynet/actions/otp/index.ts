import type { INodeProperties } from 'n8n-workflow';

import { operationField, toolDescriptionFields } from '../../../shared/descriptions';
import type { OperationMap } from '../../../shared/types';
import * as send from './send.operation';
import * as verify from './verify.operation';

export type PaynetOperation = 'send' | 'verify';

export const operations: OperationMap<PaynetOperation> = { send, verify };

export const description: INodeProperties[] = [
	operationField(
		[
			{
				name: 'Send',
				value: 'send',
				description: 'Text an OTP to the card owner before their card is saved',
				action: 'Send an OTP',
			},
			{
				name: 'Verify',
				value: 'verify',
				description: 'Check the code the card owner typed',
				action: 'Verify an OTP',
			},
		],
		'send',
	),
	...toolDescriptionFields<PaynetOperation>({
		send: "Texts the code Paynet requires before it saves a card. User GSM: the card owner's Turkish mobile with its country code, e.g. +905321234567. OTP Session ID: your own unique value for this card save. Returns reference (that session ID): Verify needs it, the same number and the code the person received.",
		verify:
			'Checks the code the card owner received from Paynet. User GSM and OTP Session ID: the same values as in Send. OTP Code: the code as the person gave it. Returns verified: true or false (a wrong or expired code is false, not an error) and status.',
	}),
	...send.description,
	...verify.description,
];
