import type { INodeProperties } from 'n8n-workflow';

import { operationField, toolDescriptionFields } from '../../../shared/descriptions';
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
	...toolDescriptionFields<TurkeySmsOperation>({
		send: "Texts a code TurkeySMS generates, in its standard message. Mobile: the phone number with its country code, e.g. +905321234567. Returns reference (the message ID) and TurkeySMS's answer.",
		sendCustom:
			'Texts a code TurkeySMS generates, in your own message. Mobile: the phone number with its country code, e.g. +905321234567. Title: a sender ID approved in the TurkeySMS panel. Text: the message, with TS-CODE where the code goes, e.g. "Your code is TS-CODE". Returns reference (the message ID) and TurkeySMS\'s answer.',
	}),
	...send.description,
	...sendCustom.description,
];
