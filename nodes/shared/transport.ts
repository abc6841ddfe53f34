import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { explainedFailureOf, isRedirect, redirectProblem, vendorApiError, withNothingSent } from './errors';
import { readTimeout } from './options';

export interface VendorRequest {
	method: IHttpRequestMethods;
	/** Path below the base URL, starting with "/"; path values must already be encoded. */
	path: string;
	body?: IDataObject;
}

/** What the vendor answered: any HTTP status; the body parsed as JSON when it is JSON. */
export interface VendorAnswer {
	statusCode: number;
	body: unknown;
	headers: Record<string, unknown>;
}

export interface VendorCallOptions {
	/** The name people know the vendor by, for error messages. */
	vendor: string;
	credentialType: string;
	baseUrl: string;
	/** A send may have reached the vendor when no answer came: never repeated, and said so. */
	isSend: boolean;
	/** Credentials to use instead of the stored ones (e.g. with a spent token cleared). */
	credentials?: ICredentialDataDecryptedObject;
	/** Milliseconds to wait for an answer; by default the node's Timeout option. */
	timeoutMs?: number;
}

function parseBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	const text = body.trim();
	if (text === '') return '';
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return body;
	}
}

interface NetworkFailure {
	what: string;
	/** The connection was never made (refused, unknown host), so nothing reached the vendor. */
	neverConnected?: boolean;
}

/** Which network failure this was, read from the HTTP client's error without keeping the error. */
function networkFailure(error: unknown): NetworkFailure {
	// n8n wraps the HTTP client's error (in `errorResponse` or `cause`) and rewrites its message.
	const seen = new Set<unknown>();
	const said: string[] = [];
	const pending: unknown[] = [error];
	while (pending.length > 0) {
		const current = pending.pop();
		if (!current || typeof current !== 'object' || seen.has(current)) continue;
		seen.add(current);
		const record = current as { code?: unknown; message?: unknown; messages?: unknown; cause?: unknown; errorResponse?: unknown };
		if (typeof record.code === 'string') said.push(record.code);
		if (typeof record.message === 'string') said.push(record.message);
		if (Array.isArray(record.messages)) said.push(...record.messages.filter((text) => typeof text === 'string'));
		pending.push(record.cause, record.errorResponse);
	}
	const text = said.join(' ').toUpperCase();
	if (
		text.includes('ECONNABORTED') ||
		text.includes('ETIMEDOUT') ||
		text.includes('TIMEOUT') ||
		text.includes('CONNECTION WAS ABORTED')
	) {
		return { what: 'no answer came before the timeout' };
	}
	if (text.includes('ECONNREFUSED') || text.includes('REFUSED THE CONNECTION')) {
		return { what: 'the connection was refused', neverConnected: true };
	}
	if (text.includes('ENOTFOUND') || text.includes('EAI_AGAIN')) {
		return { what: 'the host name could not be found', neverConnected: true };
	}
	if (
		text.includes('ECONNRESET') ||
		text.includes('SOCKET HANG UP') ||
		text.includes('EPIPE') ||
		text.includes('CLOSED UNEXPECTEDLY')
	) {
		return { what: 'the connection was cut before an answer came' };
	}
	return { what: 'the request could not be completed' };
}

/**
 * One HTTP call to a vendor through n8n's httpRequestWithAuthentication (so the credential's own
 * authenticate and preAuthentication apply). Answers of any status come back to the caller; only
 * a call that got no answer throws, as a NodeApiError that says whether a send may have gone out.
 */
export async function callVendor(
	this: IExecuteFunctions,
	itemIndex: number,
	options: VendorCallOptions,
	request: VendorRequest,
): Promise<VendorAnswer> {
	const httpOptions: IHttpRequestOptions = {
		method: request.method,
		url: `${options.baseUrl}${request.path}`,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: options.timeoutMs ?? readTimeout(this, itemIndex),
		json: true,
		headers: { Accept: 'application/json' },
		// Never followed: see redirectProblem.
		disableFollowRedirect: true,
	};
	if (request.body !== undefined) httpOptions.body = request.body;
	let response: { statusCode: number; body: unknown; headers: Record<string, unknown> };
	try {
		response = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			options.credentialType,
			httpOptions,
			options.credentials === undefined
				? undefined
				: {
						credentialsDecrypted: {
							id: '',
							name: options.credentialType,
							type: options.credentialType,
							data: options.credentials,
						},
					},
		)) as typeof response;
	} catch (error) {
		const explained = explainedFailureOf(error);
		if (explained !== undefined) {
			const answer =
				explained.statusCode === undefined ? undefined : { statusCode: explained.statusCode, body: undefined, headers: {} };
			// The credential's preAuthentication (a token exchange) failed: the call itself was never made.
			throw withNothingSent(vendorApiError(this, itemIndex, options.vendor, answer, explained.problem), true);
		}
		const failure = networkFailure(error);
		const consequence = failure.neverConnected
			? 'Nothing reached the provider, so nothing was sent.'
			: options.isSend
				? 'The code may or may not have been sent; it was not sent again, to avoid texting the person twice.'
				: 'Nothing was retried.';
		const networkError = new NodeApiError(
			this.getNode(),
			{ message: failure.what },
			{
				message: `${options.vendor}: ${failure.what}`,
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
		throw vendorApiError(this, itemIndex, options.vendor, answer, redirectProblem(answer.statusCode, answer.headers.location));
	}
	return answer;
}

const MAX_RATE_LIMIT_RETRIES = 3;
const MAX_RATE_LIMIT_WAIT_MS = 60_000;

/** Milliseconds the vendor asked us to wait in a Retry-After header, if it did. */
export function retryAfterMs(answer: VendorAnswer): number | undefined {
	const header = answer.headers['retry-after'];
	if (typeof header !== 'string' && typeof header !== 'number') return undefined;
	const seconds = Number(header);
	if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
	const date = Date.parse(String(header));
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * Calls the vendor, and when the vendor answers that it refused the request for its rate limit
 * (so nothing was sent), waits as asked and calls again, a bounded number of times. `waitFor`
 * is the vendor's own reading of such an answer: the milliseconds to wait, or undefined.
 */
export async function callVendorWithRateLimit(
	this: IExecuteFunctions,
	itemIndex: number,
	options: VendorCallOptions,
	request: VendorRequest,
	waitFor: (answer: VendorAnswer) => number | undefined = (answer) =>
		answer.statusCode === 429 ? retryAfterMs(answer) : undefined,
): Promise<VendorAnswer> {
	for (let retry = 0; ; retry++) {
		const answer = await callVendor.call(this, itemIndex, options, request);
		const wait = waitFor(answer);
		if (wait === undefined || retry >= MAX_RATE_LIMIT_RETRIES || wait > MAX_RATE_LIMIT_WAIT_MS) {
			return answer;
		}
		await sleep(wait);
	}
}
