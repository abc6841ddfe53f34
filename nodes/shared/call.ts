import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	NodeApiError,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { VendorAnswer, VendorRequest } from './answer';
import { isRecord, isSuccessStatus, retryAfterMs } from './answer';
import { problemFromStatus, vendorApiError } from './errors';
import { exchange } from './transport';
import type { RunScope, Vendor } from './types';

/** A successful answer, as an operation reads it. */
export interface SuccessfulAnswer extends VendorAnswer {
	/** The answer's JSON object; empty when it is not one. */
	fields: Record<string, unknown>;
	/** The answer as it came (null for an empty body), for the item's `response`. */
	response: unknown;
}

/**
 * What an operation asks of a vendor, and the item it makes of the answer. A send is never
 * repeated once it may have reached the vendor, and any successful answer to it is a sent
 * message, even one without a field we expected: an error there would invite a second send. Any
 * other call names what it `needs`: a successful answer without it is an error, not a guess.
 */
export type VendorCall =
	| { request: VendorRequest; sends: true; read: (answer: SuccessfulAnswer) => IDataObject }
	| {
			request: VendorRequest;
			sends: false;
			/** An answer the workflow takes whatever its HTTP status (a verify's "wrong code"). */
			verdict?: (answer: VendorAnswer) => IDataObject | undefined;
			read: (answer: SuccessfulAnswer) => IDataObject | undefined;
			needs: string;
	  };

const MAX_RATE_LIMIT_RETRIES = 3;
const MAX_RATE_LIMIT_WAIT_MS = 60_000;

/** The one success rule: a 2xx whose body does not say, in the vendor's own terms, that it failed. */
export function isSuccess(vendor: Vendor, answer: VendorAnswer): boolean {
	return isSuccessStatus(answer.statusCode) && vendor.saysFailed?.(answer) !== true;
}

/** A 429's Retry-After, the rate-limit signal of vendors that document no other. */
function tooManyRequestsWait(answer: VendorAnswer): number | undefined {
	return answer.statusCode === 429 ? retryAfterMs(answer) : undefined;
}

/** The NodeApiError for an answer that is not a success, in the vendor's words where it has any. */
function vendorFailure(
	context: IExecuteFunctions,
	itemIndex: number,
	vendor: Vendor,
	answer: VendorAnswer,
): NodeApiError {
	const problem = vendor.describeFailure(answer) ?? problemFromStatus(vendor.displayName, answer);
	return vendorApiError(context, itemIndex, vendor.displayName, answer, problem);
}

/**
 * One request, answered: when the vendor refuses it for its rate limit (so nothing was sent), waits
 * as asked and asks again, a bounded number of times.
 */
async function rateLimitedExchange(
	context: IExecuteFunctions,
	itemIndex: number,
	vendor: Vendor,
	credentials: ICredentialDataDecryptedObject,
	request: VendorRequest,
	options: { sends: boolean; timeoutMs: number },
): Promise<VendorAnswer> {
	const waitFor = vendor.rateLimitWait ?? tooManyRequestsWait;
	for (let retry = 0; ; retry++) {
		const answer = await exchange.call(context, itemIndex, vendor, credentials, request, options);
		const wait = waitFor(answer);
		if (wait === undefined || retry >= MAX_RATE_LIMIT_RETRIES || wait > MAX_RATE_LIMIT_WAIT_MS) {
			return answer;
		}
		await sleep(wait);
	}
}

/**
 * Every call an operation makes: the request with the run's credentials, then what the operation
 * takes from a successful answer, or the vendor's failure in words. A refused token (Valify) was
 * not acted on, so the request is made again with a new one, a bounded number of times.
 */
export async function callVendor(
	this: IExecuteFunctions,
	itemIndex: number,
	vendor: Vendor,
	run: RunScope,
	call: VendorCall,
): Promise<IDataObject> {
	const credentials = await run.credentials(vendor.credentialType);
	const request = vendor.credentialFields
		? { ...call.request, body: { ...call.request.body, ...vendor.credentialFields(credentials) } }
		: call.request;
	const options = { sends: call.sends, timeoutMs: run.timeoutMs };
	let answer = await rateLimitedExchange(this, itemIndex, vendor, credentials, request, options);
	const token = vendor.token;
	for (
		let renewals = 0;
		token && renewals < token.maxRenewals && token.refused(answer, renewals);
		renewals++
	) {
		// `credentials` is the run's own object (RunScope reads it once per run). Emptied, its token
		// makes n8n's httpRequestWithAuthentication run the credential's preAuthentication and copy
		// the new token into this same object, so the run's later calls use it too (pinned in
		// test/valify.test.js on every engine).
		credentials[token.field] = '';
		answer = await rateLimitedExchange(this, itemIndex, vendor, credentials, request, options);
	}

	const verdict = call.sends ? undefined : call.verdict?.(answer);
	if (verdict !== undefined) return verdict;
	if (!isSuccess(vendor, answer)) throw vendorFailure(this, itemIndex, vendor, answer);
	const successful: SuccessfulAnswer = {
		...answer,
		fields: isRecord(answer.body) ? answer.body : {},
		response: answer.body === '' ? null : answer.body,
	};
	// A send the vendor accepted is never an error, whatever its answer lacks.
	if (call.sends) return call.read(successful);
	const taken = call.read(successful);
	if (taken !== undefined) return taken;
	throw vendorApiError(this, itemIndex, vendor.displayName, answer, {
		message: `the answer could not be understood (no ${call.needs} in it)`,
		hint: 'The provider answered in a shape it does not document. Check its status page; nothing was retried.',
		mayHaveBeenSent: true,
	});
}
