import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class PaynetApi implements ICredentialType {
	name = 'paynetApi';

	displayName = 'Paynet API';

	icon = { light: 'file:../icons/paynet.svg', dark: 'file:../icons/paynet.dark.svg' } as const;

	documentationUrl = 'https://doc.paynet.com.tr/english/';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Live (api.paynet.com.tr)', value: 'live' },
				{ name: 'Test (pts-api.paynet.com.tr)', value: 'test' },
				{ name: 'Custom', value: 'custom' },
			],
			default: 'live',
			description: 'Live and test secret keys are different; pick the system the key belongs to',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://api.paynet.com.tr',
			description: 'Address of the Paynet API or a proxy in front of it',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Secret Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'sck_…',
			description: 'The secret key (sck_…) from the Paynet merchant panel',
		},
	];

	// Paynet documents "Authorization: Basic <secret key>": the key as it is, not base64 of user:password.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { Authorization: '=Basic {{$credentials.secretKey}}' },
		},
	};

	// Checking a code for a session that does not exist texts nobody: a bad key answers 401, a good
	// key any other answer (Paynet's "no such OTP" code).
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.environment === "custom" ? String($credentials.baseUrl).replace(/\\/+$/, "") : $credentials.environment === "test" ? "https://pts-api.paynet.com.tr" : "https://api.paynet.com.tr"}}',
			url: '/v1/card/check_otp',
			method: 'POST',
			body: { user_gsm: '5000000000', otp_session_id: 'n8n-credential-test', otp_code: '000000' },
			json: true,
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseCode',
				properties: { value: 401, message: 'The secret key was refused by Paynet' },
			},
		],
	};
}
