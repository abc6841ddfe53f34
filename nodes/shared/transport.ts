import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IHttpRequestOptions,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { VendorAnswer, VendorRequest } from './answer';
import { isRedirect, parseBody } from './answer';
import { explainedFailureOf, redirectProblem, vendorApiError, withNothingSent } from './errors';
import { baseUrlOf } from './environments';
import type { Vendor } from './types';

export interface NetworkFailure {
	/** What the HTTP client met, for code that words it its own way (the token exchange). */
	kind: 'timeout' | 'refused' | 'unknownHost' | 'cut' | 'other';
	what: string;
	/** The connection was never made (refused, unknown host), so nothing reached the vendor. */
	neverConnected?: boolean;
}

/** Which network failure this was, read from the HTTP client's error without keeping the error. */
export function networkFailure(error: unknown): NetworkFailure {
	// n8n wraps the HTTP client's error (in `errorResponse` or `cause`) and rewrites its message.
	const seen = new Set<unknown>();
	const said: string[] = [];
	const pending: unknown[] = [error];
	while (pending.length > 0) {
		const current = pending.pop();
		if (!current || typeof current !== 'object' || seen.has(current)) continue;
		seen.add(current);
		const record = current as {
			code?: unknown;
			message?: unknown;
			messages?: unknown;
			cause?: unknown;
			errorResponse?: unknown;
		};
		if (typeof record.code === 'string') said.push(record.code);
		if (typeof record.message === 'string') said.push(record.message);
		if (Array.isArray(record.messages))
			said.push(...record.messages.filter((text) => typeof text === 'string'));
		pending.push(record.cause, record.errorResponse);
	}
	const text = said.join(' ').toUpperCase();
	if (
		text.includes('ECONNABORTED') ||
		text.includes('ETIMEDOUT') ||
		text.includes('TIMEOUT') ||
		text.includes('CONNECTION WAS ABORTED')
	) {
		return { kind: 'timeout', what: 'no answer came before the timeout' };
	}
	if (text.includes('ECONNREFUSED') || text.includes('REFUSED THE CONNECTION')) {
		return { kind: 'refused', what: 'the connection was refused', neverConnected: true };
	}
	if (text.includes('ENOTFOUND') || text.includes('EAI_AGAIN')) {
		return { kind: 'unknownHost', what: 'the host name could not be found', neverConnected: true };
	}
	if (
		text.includes('ECONNRESET') ||
		text.includes('SOCKET HANG UP') ||
		text.includes('EPIPE') ||
		text.includes('CLOSED UNEXPECTEDLY')
	) {
		return { kind: 'cut', what: 'the connection was cut before an answer came' };
	}
	return { kind: 'other', what: 'the request could not be completed' };
}

/**
 * One HTTP exchange with a vendor through n8n's httpRequestWithAuthentication, so the credential's
 * own authenticate and preAuthentication apply. Answers of any status come back to the caller;
 * only a call that got no answer throws, as a NodeApiError that says whether a send may have gone out.
 */
export async function exchange(
	this: IExecuteFunctions,
	itemIndex: number,
	vendor: Vendor,
	credentials: ICredentialDataDecryptedObject,
	request: VendorRequest,
	{ sends, timeoutMs }: { sends: boolean; timeoutMs: number },
): Promise<VendorAnswer> {
	const httpOptions: IHttpRequestOptions = {
		method: request.method,
		url: `${baseUrlOf(credentials, vendor.environments)}${request.path}`,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: timeoutMs,
		json: true,
		headers: { Accept: 'application/json' },
		// Never followed: see redirectProblem.
		disableFollowRedirect: true,
	};
	if (request.body !== undefined) httpOptions.body = request.body;
	let response: { statusCode: number; body: unknown; headers: Record<string, unknown> };
	try {
		// Handing n8n the credentials the run already read saves it decrypting them again.
		response = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			vendor.credentialType,
			httpOptions,
			{
				credentialsDecrypted: {
					id: '',
					name: vendor.credentialType,
					type: vendor.credentialType,
					data: credentials,
				},
			},
		)) as typeof response;
	} catch (error) {
		const explained = explainedFailureOf(error);
		if (explained !== undefined) {
			const answer =
				explained.statusCode === undefined
					? undefined
					: { statusCode: explained.statusCode, body: undefined, headers: {} };
			// The credential's preAuthentication (a token exchange) failed: the call itself was never made.
			throw withNothingSent(
				vendorApiError(this, itemIndex, vendor.displayName, answer, explained.problem),
				true,
			);
		}
		const failure = networkFailure(error);
		const consequence = failure.neverConnected
			? 'Nothing reached the provider, so nothing was sent.'
			: sends
				? 'The code may or may not have been sent; it was not sent again, to avoid texting the person twice.'
				: 'Nothing was retried.';
		const networkError = new NodeApiError(
			this.getNode(),
			{ message: failure.what },
			{
				message: `${vendor.displayName}: ${failure.what}`,
				description: `${consequence} Check the credential's environment or base URL and the provider's status.`,
				itemIndex,
			},
		);
		throw withNothingSent(networkError, failure.neverConnected === true);
	}
	const answer: VendorAnswer = {
		statusCode: response.statusCode,
		body: parseBody(response.body),
		headers: response.headers ?? {},
	};
	if (isRedirect(answer.statusCode)) {
		throw vendorApiError(
			this,
			itemIndex,
			vendor.displayName,
			answer,
			redirectProblem(answer.statusCode, answer.headers.location),
		);
	}
	return answer;
}
