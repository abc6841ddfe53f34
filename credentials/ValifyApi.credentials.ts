import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';

import { baseUrlExpression, environmentProperties } from './environments';
import { VALIFY_TOKEN_PATH, requestToken } from '../nodes/Valify/token';
import { valify } from '../nodes/Valify/vendor';

export class ValifyApi implements ICredentialType {
	name = 'valifyApi';

	displayName = 'Valify API';

	icon = { light: 'file:../icons/valify.svg', dark: 'file:../icons/valify.dark.svg' } as const;

	documentationUrl = 'https://valify.gitbook.io/valify-api-documentation/';

	properties: INodeProperties[] = [
		...environmentProperties(valify.environments, {
			name: 'Custom (Production Host From Valify)',
			placeholder: 'https://your-production-host.example',
			description:
				'The production address Valify gave you on onboarding, or a proxy in front of it',
		}),
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			required: true,
			default: '',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			required: true,
			default: '',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
		},
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password -- the bundle key is Valify's second secret
		{
			displayName: 'Bundle Key',
			name: 'bundleKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'The key of the Valify product bundle; it is sent in the body of every request',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	/** The OAuth password grant (nodes/Valify/token.ts). n8n calls it when the token is empty or spent, and stores the token. */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		return await requestToken(this, credentials);
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
	};

	// n8n runs preAuthentication (the token exchange) before testing; the test request asks the
	// token endpoint once more, which uses none of a token's three API calls and texts nobody.
	test: ICredentialTestRequest = {
		request: {
			baseURL: baseUrlExpression(valify.environments),
			// The key never follows a redirect to another address.
			disableFollowRedirect: true,
			url: VALIFY_TOKEN_PATH,
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: {
				grant_type: 'password',
				username: '={{$credentials.username}}',
				password: '={{$credentials.password}}',
				client_id: '={{$credentials.clientId}}',
				client_secret: '={{$credentials.clientSecret}}',
			},
		},
		rules: [
			{
				type: 'responseCode',
				properties: { value: 401, message: 'Valify refused the client ID or client secret' },
			},
			{
				type: 'responseCode',
				properties: { value: 400, message: 'Valify refused the username or password' },
			},
		],
	};
}
