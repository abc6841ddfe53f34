import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

/** A request to a vendor, below the base URL its credential chose. */
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

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The first non-empty text among the candidates, or undefined. */
export function firstText(...candidates: unknown[]): string | undefined {
	for (const candidate of candidates) {
		if (typeof candidate === 'string' && candidate.trim() !== '') return candidate.trim();
		if (typeof candidate === 'number') return String(candidate);
	}
	return undefined;
}

/** The one success rule of HTTP: a 2xx. Whether a 2xx body says it failed is the vendor's to say. */
export function isSuccessStatus(statusCode: number): boolean {
	return statusCode >= 200 && statusCode < 300;
}

/** Whether an HTTP status is a redirect, which no call of ours follows. */
export function isRedirect(statusCode: number): boolean {
	return statusCode >= 300 && statusCode < 400;
}

/** A body as JSON when it is JSON; other text stays text, and an empty body is ''. */
export function parseBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	const text = body.trim();
	if (text === '') return '';
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return body;
	}
}

/** Milliseconds the vendor asked us to wait in a Retry-After header, if it did. */
export function retryAfterMs(answer: VendorAnswer): number | undefined {
	const header = answer.headers['retry-after'];
	if (typeof header !== 'string' && typeof header !== 'number') return undefined;
	const seconds = Number(header);
	if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
	const date = Date.parse(String(header));
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
