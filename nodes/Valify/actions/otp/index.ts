import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../../../shared/descriptions';
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
			{ name: 'Send', value: 'send', description: 'Text a 6-digit code to an Egyptian mobile', action: 'Send an OTP' },
			{ name: 'Send Email', value: 'sendEmail', description: 'Email a 6-digit code to an address', action: 'Send an OTP by email' },
			{ name: 'Verify', value: 'verify', description: 'Check the code the person typed', action: 'Verify an OTP' },
			{
				name: 'Verify Email',
				value: 'verifyEmail',
				description: 'Check the code the person received by email',
				action: 'Verify an OTP sent by email',
			},
		],
		'send',
	),
	...send.description,
	...verify.description,
	...sendEmail.description,
	...verifyEmail.description,
];
