import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../../../shared/descriptions';
import type { OperationMap } from '../../../shared/types';
import * as getStatus from './getStatus.operation';
import * as resend from './resend.operation';
import * as send from './send.operation';
import * as verify from './verify.operation';

export type D7Operation = 'send' | 'resend' | 'verify' | 'getStatus';

export const operations: OperationMap<D7Operation> = { send, resend, verify, getStatus };

export const description: INodeProperties[] = [
	operationField(
		[
			{ name: 'Get Status', value: 'getStatus', description: 'Get the status of an OTP', action: 'Get the status of an OTP' },
			{ name: 'Resend', value: 'resend', description: 'Send the same OTP again', action: 'Resend an OTP' },
			{ name: 'Send', value: 'send', description: 'Generate an OTP and send it', action: 'Send an OTP' },
			{ name: 'Verify', value: 'verify', description: 'Check the code the person typed', action: 'Verify an OTP' },
		],
		'send',
	),
	...send.description,
	...resend.description,
	...verify.description,
	...getStatus.description,
];
