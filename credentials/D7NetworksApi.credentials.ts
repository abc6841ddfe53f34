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

/** D7Networks's hosts; the node's requests use the same list. */
export const D7_NETWORKS_ENVIRONMENTS: Environment[] = [
	{ value: 'live', name: 'Live (api.d7networks.com)', url: 'https://api.d7networks.com' },
];

export class D7NetworksApi implements ICredentialType {
	name = 'd7NetworksApi';

	displayName = 'D7 Networks API';

	icon = { light: 'file:../icons/d7Networks.svg', dark: 'file:../icons/d7Networks.dark.svg' } as const;

	documentationUrl = 'https://d7networks.com/docs/Authentication/';

	properties: INodeProperties[] = [
		...environmentProperties(D7_NETWORKS_ENVIRONMENTS, { placeholder: 'https://api.d7networks.com', description: 'Address of the D7 Networks API or a proxy in front of it' }),
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

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return withHeader(requestOptions, 'Authorization', `Bearer ${String(credentials.apiToken ?? '')}`);
	}

	// D7 has no read-only call that fails only on a bad token: asking for the report of an OTP that
	// does not exist texts nobody, and answers 404 with a good token and 401 with a bad one. n8n
	// applies status rules only to requests that throw, and a 404 would throw too, so the answer is
	// read whatever its status and the test fails on the 401's documented code.
	test: ICredentialTestRequest = {
		request: {
			baseURL: baseUrlExpression(D7_NETWORKS_ENVIRONMENTS),
			// The key never follows a redirect to another address.
			disableFollowRedirect: true,
			url: '/verify/v1/report/n8n-credential-test',
			method: 'GET',
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'detail.code',
					value: 'ACCESS_TOKEN_SIGNATURE_VERIFICATION_FAILED',
					message: 'The API token was refused by D7 Networks',
				},
			},
		],
	};
}
