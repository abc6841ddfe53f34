import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';

import { firstText, isRecord, isRedirect, isSuccessStatus, parseBody } from '../nodes/shared/answer';
import { baseUrlOf } from '../nodes/shared/environments';
import { baseUrlExpression, environmentProperties } from './environments';
import type { VendorProblem } from '../nodes/shared/errors';
import { ExplainedFailure, redirectProblem } from '../nodes/shared/errors';
import { networkFailure } from '../nodes/shared/transport';
import { valify } from '../nodes/Valify/vendor';

const TOKEN_PATH = '/api/o/token/';
const TOKEN_TIMEOUT_MS = 30_000;

/**
 * A token-exchange failure in words, with nothing of the request: the HTTP client's own error
 * would carry the form body, which holds the password and the client secret.
 */
function tokenFailure(problem: VendorProblem, httpStatus?: number): ExplainedFailure {
	return new ExplainedFailure('Valify', problem, httpStatus);
}

/** What OAuth's answer says about which part of the credential is wrong. */
function tokenProblem(statusCode: number, body: unknown): VendorProblem {
	const answer = isRecord(body) ? body : {};
	const code = firstText(answer.error);
	const said = firstText(answer.error_description);
	if (code === 'invalid_client' || (code === undefined && statusCode === 401)) {
		return {
			message: 'the token endpoint refused the client ID or client secret',
			hint: 'Check the Client ID and Client Secret in the Valify credential (they come with the account from Valify).',
			vendorCode: code,
		};
	}
	if (code === 'invalid_grant') {
		return {
			message: 'the token endpoint refused the username or password',
			hint: 'Check the Username and Password in the Valify credential.',
			vendorCode: code,
		};
	}
	if (code === 'unauthorized_client' || code === 'unsupported_grant_type') {
		return {
			message: 'the client is not allowed to sign in with a username and password',
			hint: 'Ask Valify to enable the password grant for this client ID.',
			vendorCode: code,
		};
	}
	if (statusCode >= 500 || typeof body === 'string') {
		const page = typeof body === 'string' && body.trim() !== '' ? ' with a page that is not JSON' : '';
		return {
			message: `the token endpoint failed (HTTP ${statusCode}${page})`,
			hint: "No code was sent. Check the credential's environment or base URL and Valify's status, then run again.",
		};
	}
	return {
		message: `the token endpoint refused the sign-in${said ? `: ${said}` : ''} (HTTP ${statusCode})`,
		hint: 'Check the Username, Password, Client ID and Client Secret in the Valify credential.',
		vendorCode: code,
	};
}

/** The network failure the token request met, in words about the token endpoint. */
function networkProblem(error: unknown): VendorProblem {
	const { kind } = networkFailure(error);
	const what =
		kind === 'timeout'
			? 'no answer came from the token endpoint before the timeout'
			: kind === 'refused'
				? 'the connection to the token endpoint was refused'
				: 'the token endpoint could not be reached';
	return {
		message: what,
		hint: "No code was sent. Check the credential's environment or base URL and Valify's status, then run again.",
	};
}

export class ValifyApi implements ICredentialType {
	name = 'valifyApi';

	displayName = 'Valify API';

	icon = { light: 'file:../icons/valify.svg', dark: 'file:../icons/valify.dark.svg' } as const;

	documentationUrl = 'https://valify.gitbook.io/valify-api-documentation/';

	properties: INodeProperties[] = [
		...environmentProperties(valify.environments, { name: 'Custom (Production Host From Valify)', placeholder: 'https://your-production-host.example', description: 'The production address Valify gave you on onboarding, or a proxy in front of it' }),
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

	/** The OAuth password grant. n8n calls it when the token is empty or spent, and stores the token. */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		let response: { statusCode: number; body: unknown; headers?: Record<string, unknown> };
		try {
			response = (await this.helpers.httpRequest({
				method: 'POST',
				url: `${baseUrlOf(credentials, valify.environments)}${TOKEN_PATH}`,
				body: new URLSearchParams({
					grant_type: 'password',
					username: String(credentials.username ?? ''),
					password: String(credentials.password ?? ''),
					client_id: String(credentials.clientId ?? ''),
					client_secret: String(credentials.clientSecret ?? ''),
				}),
				headers: { Accept: 'application/json' },
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				// A redirect would carry the password and client secret to another address.
				disableFollowRedirect: true,
				timeout: TOKEN_TIMEOUT_MS,
			})) as typeof response;
		} catch (error) {
			throw tokenFailure(networkProblem(error));
		}
		const body = parseBody(response.body);
		const accessToken = isRecord(body) ? firstText(body.access_token) : undefined;
		if (isRedirect(response.statusCode)) {
			throw tokenFailure(redirectProblem(response.statusCode, response.headers?.location), response.statusCode);
		}
		if (!isSuccessStatus(response.statusCode)) {
			throw tokenFailure(tokenProblem(response.statusCode, body), response.statusCode);
		}
		if (accessToken === undefined) {
			throw tokenFailure(
				{
					message: 'the token endpoint answered without an access token',
					hint: "No code was sent. Check the credential's environment or base URL.",
				},
				response.statusCode,
			);
		}
		return { accessToken };
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
			url: TOKEN_PATH,
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
