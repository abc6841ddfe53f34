import type { ICredentialDataDecryptedObject, IHttpRequestHelper } from 'n8n-workflow';

import { firstText, isRecord, isRedirect, isSuccessStatus, parseBody } from '../shared/answer';
import { baseUrlOf } from '../shared/environments';
import type { VendorProblem } from '../shared/errors';
import { ExplainedFailure, redirectProblem } from '../shared/errors';
import { networkFailure } from '../shared/transport';
import { valify } from './vendor';

/** Valify's OAuth token endpoint (password grant). */
export const VALIFY_TOKEN_PATH = '/api/o/token/';
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
		const page =
			typeof body === 'string' && body.trim() !== '' ? ' with a page that is not JSON' : '';
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

/**
 * The OAuth password grant, run by the credential's preAuthentication: the new access token, or
 * an ExplainedFailure in words (never the HTTP client's error, which holds the form body).
 */
export async function requestToken(
	context: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<{ accessToken: string }> {
	let response: { statusCode: number; body: unknown; headers?: Record<string, unknown> };
	try {
		response = (await context.helpers.httpRequest({
			method: 'POST',
			url: `${baseUrlOf(credentials, valify.environments)}${VALIFY_TOKEN_PATH}`,
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
		throw tokenFailure(
			redirectProblem(response.statusCode, response.headers?.location),
			response.statusCode,
		);
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
