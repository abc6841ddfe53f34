import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class ShoutoutApi implements ICredentialType {
	name = 'shoutoutApi';

	displayName = 'ShoutOUT API';

	icon = { light: 'file:../icons/shoutout.svg', dark: 'file:../icons/shoutout.dark.svg' } as const;

	documentationUrl = 'https://getshoutout.com/';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Live (api.getshoutout.com)', value: 'live' },
				{ name: 'Custom', value: 'custom' },
			],
			default: 'live',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://api.getshoutout.com',
			description: 'Address of the ShoutOUT API or a proxy in front of it',
			displayOptions: { show: { environment: ['custom'] } },
		},
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

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { Authorization: '=Apikey {{$credentials.apiKey}}' },
		},
	};

	// ShoutOUT has no read-only call: verifying a made-up reference texts nobody, and answers 403
	// only when the API key is refused (any other answer means the key was accepted).
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.environment === "custom" ? String($credentials.baseUrl).replace(/\\/+$/, "") : "https://api.getshoutout.com"}}',
			url: '/otpservice/verify',
			method: 'POST',
			body: { code: '000000', referenceId: 'n8n-credential-test' },
			json: true,
			ignoreHttpStatusErrors: true,
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
