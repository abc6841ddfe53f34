import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { baseUrlExpression, environmentProperties } from './environments';
import { paynet } from '../nodes/Paynet/vendor';

export class PaynetApi implements ICredentialType {
	name = 'paynetApi';

	displayName = 'Paynet API';

	icon = { light: 'file:../icons/paynet.svg', dark: 'file:../icons/paynet.dark.svg' } as const;

	documentationUrl = 'https://doc.paynet.com.tr/english/';

	properties: INodeProperties[] = [
		...environmentProperties(paynet.environments, {
			placeholder: 'https://api.paynet.com.tr',
			description: 'Address of the Paynet API or a proxy in front of it',
		}),
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
		properties: { headers: { Authorization: '=Basic {{$credentials.secretKey}}' } },
	};

	// Checking a code for a session that does not exist texts nobody. Paynet refuses a bad key with
	// HTTP 401 `{type: "authorization_error", code: 7}` (or a 200 carrying code 7, "unauthorized");
	// a good key gets its "no such OTP" code. n8n applies status rules only to requests that throw,
	// so the answer is read whatever its status and the test fails on those documented fields.
	test: ICredentialTestRequest = {
		request: {
			baseURL: baseUrlExpression(paynet.environments),
			// The key never follows a redirect to another address.
			disableFollowRedirect: true,
			url: '/v1/card/check_otp',
			method: 'POST',
			body: { user_gsm: '5000000000', otp_session_id: 'n8n-credential-test', otp_code: '000000' },
			json: true,
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'type',
					value: 'authorization_error',
					message: 'The secret key was refused by Paynet',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'code', value: 7, message: 'The secret key was refused by Paynet' },
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'code', value: '7', message: 'The secret key was refused by Paynet' },
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'result_code',
					value: 7,
					message: 'The secret key was refused by Paynet',
				},
			},
		],
	};
}
