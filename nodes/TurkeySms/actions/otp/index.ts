import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../../../shared/descriptions';
import type { OperationMap } from '../../../shared/types';
import * as send from './send.operation';
import * as sendCustom from './sendCustom.operation';

export type TurkeySmsOperation = 'send' | 'sendCustom';

export const operations: OperationMap<TurkeySmsOperation> = { send, sendCustom };

export const description: INodeProperties[] = [
	operationField(
		[
			{
				name: 'Send',
				value: 'send',
				description: 'Generate an OTP and text it with the standard template',
				action: 'Send an OTP',
			},
			{
				name: 'Send Custom',
				value: 'sendCustom',
				description: 'Generate an OTP and text it inside your own message, from your sender ID',
				action: 'Send an OTP with a custom message',
			},
		],
		'send',
	),
	...send.description,
	...sendCustom.description,
];
