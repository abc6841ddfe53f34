import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { baseUrlExpression, environmentProperties } from './environments';
import { shoutout } from '../nodes/Shoutout/vendor';

export class ShoutoutApi implements ICredentialType {
	name = 'shoutoutApi';

	displayName = 'ShoutOUT API';

	icon = { light: 'file:../icons/shoutout.svg', dark: 'file:../icons/shoutout.dark.svg' } as const;

	documentationUrl = 'https://getshoutout.com/';

	properties: INodeProperties[] = [
		...environmentProperties(shoutout.environments, {
			placeholder: 'https://api.getshoutout.com',
			description: 'Address of the ShoutOUT API or a proxy in front of it',
		}),
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'The API key from the ShoutOUT Lite app; it is sent in the Authorization header as "Apikey" followed by the key',
		},
		{
			displayName:
				'Testing this credential checks the address, not the key: ShoutOUT has no call that checks an API key without sending an SMS. A wrong key shows on the first Send or Verify as "the API key was refused".',
			name: 'keyCheckNotice',
			type: 'notice',
			default: '',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Apikey {{$credentials.apiKey}}' } },
	};

	// ShoutOUT documents no call that answers 2xx to a good key without sending an SMS, and its
	// errors are all `{message}` with undocumented words: verifying a made-up reference answers a
	// good key with an error too, so n8n's rules (equality on the body) cannot tell the two apart.
	// The test therefore reads any answer and fails only when the address does not answer like
	// ShoutOUT (no `message`: an HTML page, an empty redirect). The notice above says so.
	test: ICredentialTestRequest = {
		request: {
			baseURL: baseUrlExpression(shoutout.environments),
			// The key never follows a redirect to another address.
			disableFollowRedirect: true,
			url: '/otpservice/verify',
			method: 'POST',
			body: { code: '000000', referenceId: 'n8n-credential-test' },
			json: true,
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'message',
					value: undefined,
					message:
						'The address did not answer like the ShoutOUT API. Check the environment and base URL.',
				},
			},
		],
	};
}
