import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { baseUrlExpression, environmentProperties } from './environments';
import { d7Networks } from '../nodes/D7Networks/vendor';

export class D7NetworksApi implements ICredentialType {
	name = 'd7NetworksApi';

	displayName = 'D7 Networks API';

	icon = {
		light: 'file:../icons/d7Networks.svg',
		dark: 'file:../icons/d7Networks.dark.svg',
	} as const;

	documentationUrl = 'https://d7networks.com/docs/Authentication/';

	properties: INodeProperties[] = [
		...environmentProperties(d7Networks.environments, {
			placeholder: 'https://api.d7networks.com',
			description: 'Address of the D7 Networks API or a proxy in front of it',
		}),
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'From the D7 dashboard: Developer → API tokens',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.apiToken}}' } },
	};

	// D7's own n8n node tests a token with this call: it texts nobody, answers 2xx for a good token
	// and 401 for a bad one.
	test: ICredentialTestRequest = {
		request: {
			baseURL: baseUrlExpression(d7Networks.environments),
			// The key never follows a redirect to another address.
			disableFollowRedirect: true,
			url: '/auth/v1/authenticate/application/verify-token',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: { value: 401, message: 'The API token was refused by D7 Networks' },
			},
		],
	};
}
