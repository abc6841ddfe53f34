import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../../../shared/descriptions';
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
	...send.description,
	...verify.description,
];
