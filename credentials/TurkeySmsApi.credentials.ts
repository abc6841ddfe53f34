import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { baseUrlExpression, environmentProperties } from './environments';
import { turkeySms } from '../nodes/TurkeySms/vendor';

export class TurkeySmsApi implements ICredentialType {
	name = 'turkeySmsApi';

	displayName = 'TurkeySMS API';

	icon = {
		light: 'file:../icons/turkeySms.svg',
		dark: 'file:../icons/turkeySms.dark.svg',
	} as const;

	documentationUrl = 'https://turkeysms.com.tr/en/docs/quickstart';

	properties: INodeProperties[] = [
		...environmentProperties(turkeySms.environments, {
			placeholder: 'https://api.turkeysms.com.tr',
			description: 'Address of the TurkeySMS API or a proxy in front of it',
		}),
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'Your V4 API key, from the TurkeySMS panel (API Center → My Keys). It needs the OTP permission to send codes.',
		},
		{
			displayName: 'Webhook Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Only for the TurkeySMS Trigger: the secret set with the webhook URL in the TurkeySMS panel (API Center → Security & IP → Webhook). Events are verified with it; without it, every event is refused.',
		},
	];

	// TurkeySMS takes the key in the JSON body of every call, not in a header.
	// n8n sets the field on the request's own body object, so the operation's fields stay.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { body: { api_key: '={{$credentials.apiKey}}' } },
	};

	// /auth/check reads the key's status and sends no SMS. Every answer is read from its body
	// (TurkeySMS answers a bad key with result false and TS-1031); n8n fails the test when a rule's
	// key has the rule's value. The documented answer has key_details.status "Active"; the other
	// statuses below are not documented (guessed), and n8n's rules can only match exact values.
	test: ICredentialTestRequest = {
		request: {
			baseURL: baseUrlExpression(turkeySms.environments),
			// The key never follows a redirect to another address.
			disableFollowRedirect: true,
			url: '/auth/check',
			method: 'POST',
			body: {},
			json: true,
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'result_code',
					value: 'TS-1031',
					message:
						'TurkeySMS refused the API key (TS-1031 invalid API key). Copy the V4 key again from the TurkeySMS panel.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'result_code',
					value: 'TS-1061',
					message:
						'POST requests are not enabled for this API key (TS-1061). Enable them for the key in the TurkeySMS panel.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'key_details.permissions.send_otp',
					value: false,
					message:
						'The API key works but lacks the OTP permission (send_otp). Enable it for the key in the TurkeySMS panel.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'key_details.status',
					value: 'Inactive',
					message:
						'The API key is not active (status Inactive). Activate it in the TurkeySMS panel (API Center → My Keys) or use an active key.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'key_details.status',
					value: 'inactive',
					message:
						'The API key is not active (status inactive). Activate it in the TurkeySMS panel (API Center → My Keys) or use an active key.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'key_details.status',
					value: 'Passive',
					message:
						'The API key is not active (status Passive). Activate it in the TurkeySMS panel (API Center → My Keys) or use an active key.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'key_details.status',
					value: 'Pasif',
					message:
						'The API key is not active (status Pasif). Activate it in the TurkeySMS panel (API Center → My Keys) or use an active key.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'key_details.status',
					value: 'Suspended',
					message:
						'The API key is not active (status Suspended). Activate it in the TurkeySMS panel (API Center → My Keys) or use an active key.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'key_details.status',
					value: 'Blocked',
					message:
						'The API key is not active (status Blocked). Activate it in the TurkeySMS panel (API Center → My Keys) or use an active key.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'key_details.status',
					value: 'Revoked',
					message:
						'The API key is not active (status Revoked). Activate it in the TurkeySMS panel (API Center → My Keys) or use an active key.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'account_summary.account_status',
					value: 'Inactive',
					message:
						'The TurkeySMS account is not active (status Inactive). Contact TurkeySMS support.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'account_summary.account_status',
					value: 'Passive',
					message:
						'The TurkeySMS account is not active (status Passive). Contact TurkeySMS support.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'account_summary.account_status',
					value: 'Pasif',
					message: 'The TurkeySMS account is not active (status Pasif). Contact TurkeySMS support.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'account_summary.account_status',
					value: 'Suspended',
					message:
						'The TurkeySMS account is not active (status Suspended). Contact TurkeySMS support.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'account_summary.account_status',
					value: 'Blocked',
					message:
						'The TurkeySMS account is not active (status Blocked). Contact TurkeySMS support.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'result',
					value: false,
					message:
						'TurkeySMS did not accept the API key check (result false). Check the key and its permissions in the TurkeySMS panel.',
				},
			},
			{
				// Not TurkeySMS's answer at all (an HTML page, another service): the address is wrong.
				type: 'responseSuccessBody',
				properties: {
					key: 'result',
					value: undefined,
					message:
						'The address did not answer like the TurkeySMS API. Check the environment and base URL.',
				},
			},
		],
	};
}
