import type { INodeProperties } from 'n8n-workflow';

import { operationField, toolDescriptionFields } from '../../../shared/descriptions';
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
			{
				name: 'Get Status',
				value: 'getStatus',
				description: 'Get the status of an OTP',
				action: 'Get the status of an OTP',
			},
			{
				name: 'Resend',
				value: 'resend',
				description: 'Send the same OTP again',
				action: 'Resend an OTP',
			},
			{
				name: 'Send',
				value: 'send',
				description: 'Generate an OTP and send it',
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
	...toolDescriptionFields<D7Operation>({
		send: 'Texts a one-time code with D7 Networks. Recipient: the phone number with its country code, e.g. +971501234567. Content: the message, with {} where D7 puts the code, e.g. "Your code is {}". Returns reference: Verify needs it (as OTP ID) with the code the person received.',
		resend: 'Texts the same D7 Networks code again. OTP ID: the reference Send returned.',
		verify:
			'Checks the code a person received from D7 Networks. OTP ID: the reference Send returned. OTP Code: the code as the person gave it. Returns verified: true or false (a wrong or expired code is false, not an error) and status.',
		getStatus:
			'Gets the status of a D7 Networks code (open, approved, expired and so on). OTP ID: the reference Send returned.',
	}),
	...send.description,
	...resend.description,
	...verify.description,
	...getStatus.description,
];
