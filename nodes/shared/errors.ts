import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { VendorAnswer } from './answer';
import { isRecord, isSuccessStatus } from './answer';

/** A vendor failure in words: what went wrong, what to do, and the vendor's own code. */
export interface VendorProblem {
	message: string;
	hint?: string;
	vendorCode?: string | number;
	/**
	 * The answer said the request failed, yet the message may have gone out: an answer that
	 * cannot be read, or the vendor's own "server error" / "timeout" code in a 2xx answer.
	 */
	mayHaveBeenSent?: boolean;
}

/** What an ExplainedFailure carries to the node: the problem in words, and the HTTP status if any. */
interface Explained {
	vendorProblem: VendorProblem;
	vendorHttpStatus?: number;
}

/**
 * A failure put in words before any call to the vendor was made: Valify's token exchange, which
 * runs in its credential's preAuthentication. n8n wraps what preAuthentication throws in a
 * NodeApiError and drops the thrown error itself; what it keeps is `response.data`, as the
 * NodeApiError's `context.data`. So the words travel there, and explainedFailureOf reads them.
 */
export class ExplainedFailure extends Error {
	readonly description: string;

	readonly response: { data: Explained };

	constructor(vendor: string, problem: VendorProblem, httpStatus?: number) {
		super(`${vendor}: ${problem.message}`);
		this.name = 'ExplainedFailure';
		this.description = problem.hint ?? '';
		this.response = { data: { vendorProblem: problem, vendorHttpStatus: httpStatus } };
	}
}

function explainedIn(value: unknown): { problem: VendorProblem; statusCode?: number } | undefined {
	if (
		!isRecord(value) ||
		!isRecord(value.vendorProblem) ||
		typeof value.vendorProblem.message !== 'string'
	) {
		return undefined;
	}
	const statusCode =
		typeof value.vendorHttpStatus === 'number' ? value.vendorHttpStatus : undefined;
	return { problem: value.vendorProblem as unknown as VendorProblem, statusCode };
}

/** The words of an ExplainedFailure, in the NodeApiError n8n made of it (or in the error itself). */
export function explainedFailureOf(
	error: unknown,
): { problem: VendorProblem; statusCode?: number } | undefined {
	const seen = new Set<unknown>();
	let current: unknown = error;
	while (isRecord(current) && !seen.has(current)) {
		seen.add(current);
		const found =
			explainedIn(isRecord(current.context) ? current.context.data : undefined) ??
			explainedIn(isRecord(current.response) ? current.response.data : undefined);
		if (found !== undefined) return found;
		current = current.cause;
	}
	return undefined;
}

/** Where a redirect pointed, without its query or fragment (they may carry anything). */
function redirectTarget(location: unknown): string | undefined {
	if (typeof location !== 'string') return undefined;
	const target = location.split(/[?#]/)[0].trim();
	return target === '' ? undefined : target.slice(0, 200);
}

/**
 * Words for a redirect. Calls never follow one: n8n would send the credential's key along to
 * wherever it points, and a send repeated at another address could text the person twice.
 */
export function redirectProblem(
	statusCode: number,
	location: unknown,
): { message: string; hint: string } {
	const target = redirectTarget(location);
	return {
		message: `the address answered with a redirect (HTTP ${statusCode}${target ? ` to ${target}` : ''})`,
		hint: "Redirects are not followed, so the credentials never go to another address and nothing was sent there. Check the credential's environment and base URL (for example https:// rather than http://).",
	};
}

/** Words for an HTTP status when the vendor's body says nothing we can read. */
export function problemFromStatus(vendor: string, answer: VendorAnswer): VendorProblem {
	const status = answer.statusCode;
	const unreadable = typeof answer.body === 'string' && answer.body.trim() !== '';
	const page = unreadable ? ' with a page that is not JSON' : '';
	if (status === 429) {
		return {
			message: `too many requests, ${vendor} refused this one`,
			hint: 'Nothing was sent for this item. Wait a little, or lower "Items per Batch", and run again.',
		};
	}
	if (status >= 500) {
		return {
			message: `the service failed (HTTP ${status}${page})`,
			hint: `${vendor} may or may not have sent the code; it was not sent again. Check the provider's status before retrying.`,
		};
	}
	if (status === 401 || status === 403) {
		return {
			message: `the credentials were refused (HTTP ${status}${page})`,
			hint: 'Check the API key in the credential.',
		};
	}
	if (status === 404) {
		return {
			message: `the address was not found (HTTP 404${page})`,
			hint: "Check the credential's environment and base URL.",
		};
	}
	if (isSuccessStatus(status)) {
		return {
			message: `the answer could not be understood (HTTP ${status}${page || ', unexpected content'})`,
			hint: "It is not taken for a success, and nothing was repeated: a code may or may not have been sent. Check the provider's status before retrying.",
			mayHaveBeenSent: true,
		};
	}
	return { message: `the request was refused (HTTP ${status}${page})` };
}

/**
 * Whether the vendor certainly did not send, from what the call knows: a redirect (never
 * followed) or a 4xx refusal (a rate limit included) did not send; a 5xx, or an answer that
 * cannot be read, may have. A 2xx that says it failed in words the vendor reads did not send.
 * No answer at all (`undefined`): the failure came before the request (a token exchange).
 */
export function nothingSentFor(answer: VendorAnswer | undefined, problem: VendorProblem): boolean {
	if (problem.mayHaveBeenSent === true) return false;
	if (answer === undefined) return true;
	const status = answer.statusCode;
	if (status >= 500) return false;
	if (status >= 300) return true;
	return isSuccessStatus(status) && isRecord(answer.body);
}

/** Marks an error with whether the vendor certainly did not send; the item loop puts it on the item. */
export function withNothingSent<T extends { context: IDataObject }>(
	error: T,
	nothingSent: boolean,
): T {
	error.context.nothingSent = nothingSent;
	return error;
}

/**
 * The NodeApiError for a vendor's answer. Built from our own words and the vendor's body only,
 * never from the HTTP client's error, which carries the request and its credentials.
 */
export function vendorApiError(
	context: IExecuteFunctions,
	itemIndex: number,
	vendor: string,
	answer: VendorAnswer | undefined,
	problem: VendorProblem,
): NodeApiError {
	const facts: string[] = [];
	if (problem.vendorCode !== undefined && problem.vendorCode !== '') {
		facts.push(`${vendor} code ${String(problem.vendorCode)}`);
	}
	if (answer !== undefined) facts.push(`HTTP ${answer.statusCode}`);
	const description = [problem.hint, facts.length ? `(${facts.join(', ')})` : undefined]
		.filter((part) => part !== undefined && part !== '')
		.join(' ');
	const response: JsonObject = { message: problem.message };
	if (answer !== undefined) response.httpCode = String(answer.statusCode);
	const error = new NodeApiError(context.getNode(), response, {
		message: `${vendor}: ${problem.message}`,
		description,
		httpCode: answer === undefined ? undefined : String(answer.statusCode),
		itemIndex,
	});
	return withNothingSent(error, nothingSentFor(answer, problem));
}
