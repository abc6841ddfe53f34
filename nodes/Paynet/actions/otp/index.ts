import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../../../shared/descriptions';
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
			{ name: 'Verify', value: 'verify', description: 'Check the code the card owner typed', action: 'Verify an OTP' },
		],
		'send',
	),
	...send.description,
	...verify.description,
];
