import type {
	IHttpRequestOptions,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { withHeader } from './authentication';
import type { Environment } from './environments';
import { baseUrlExpression, environmentProperties } from './environments';

/** Shoutout's hosts; the node's requests use the same list. */
export const SHOUTOUT_ENVIRONMENTS: Environment[] = [
	{ value: 'live', name: 'Live (api.getshoutout.com)', url: 'https://api.getshoutout.com' },
];

export class ShoutoutApi implements ICredentialType {
	name = 'shoutoutApi';

	displayName = 'ShoutOUT API';

	icon = { light: 'file:../icons/shoutout.svg', dark: 'file:../icons/shoutout.dark.svg' } as const;

	documentationUrl = 'https://getshoutout.com/';

	properties: INodeProperties[] = [
		...environmentProperties(SHOUTOUT_ENVIRONMENTS, { placeholder: 'https://api.getshoutout.com', description: 'Address of the ShoutOUT API or a proxy in front of it' }),
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'The API key from the ShoutOUT Lite app; it is sent in the Authorization header as "Apikey" followed by the key',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return withHeader(requestOptions, 'Authorization', `Apikey ${String(credentials.apiKey ?? '')}`);
	}

	// ShoutOUT has no read-only call and its errors carry only a `message`: verifying a made-up
	// reference texts nobody, and a 401/403 says the API key was refused. Other answers to the
	// made-up reference (a 400) also fail n8n's test, with ShoutOUT's words: see the README.
	test: ICredentialTestRequest = {
		request: {
			baseURL: baseUrlExpression(SHOUTOUT_ENVIRONMENTS),
			// The key never follows a redirect to another address.
			disableFollowRedirect: true,
			url: '/otpservice/verify',
			method: 'POST',
			body: { code: '000000', referenceId: 'n8n-credential-test' },
			json: true,
		},
		rules: [
			{
				type: 'responseCode',
				properties: { value: 403, message: 'The API key was refused by ShoutOUT' },
			},
			{
				type: 'responseCode',
				properties: { value: 401, message: 'The API key was refused by ShoutOUT' },
			},
		],
	};
}
