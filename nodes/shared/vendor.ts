import type { ICredentialDataDecryptedObject, IExecuteFunctions, NodeApiError } from 'n8n-workflow';

import type { Environment } from '../../credentials/environments';
import { baseUrlOf } from '../../credentials/environments';

import type { VendorProblem } from './errors';
import { isRecord, problemFromStatus, vendorApiError } from './errors';
import type { VendorAnswer, VendorRequest } from './transport';
import type { RunScope } from './types';
import { callVendorWithRateLimit, retryAfterMs } from './transport';

/**
 * What the shared core needs to know of a vendor. Each vendor's quirks (how its answers say
 * "failed", its error codes, its rate-limit signal) live in its own folder, behind this shape.
 */
export interface Vendor {
	/** The node name, which is also the `provider` field of every output item. */
	provider: string;
	/** The name people know the vendor by, for messages. */
	displayName: string;
	credentialType: string;
	/** The vendor's hosts, as its credential offers them; `custom` uses the credential's Base URL. */
	environments: Environment[];
	/** Whether an answer is a success; by default any 2xx. A 2xx is a failure only when its body says so. */
	isSuccess?: (answer: VendorAnswer) => boolean;
	/** The vendor's failure in words, for an answer that is not a success. */
	describeFailure: (answer: VendorAnswer) => VendorProblem | undefined;
	/** For an answer that refused the request for the rate limit: how long to wait before retrying. */
	rateLimitWait?: (answer: VendorAnswer) => number | undefined;
}

export interface RequestSettings {
	/** A send may never be repeated once it may have reached the vendor. */
	isSend: boolean;
	/** Credentials to use instead of the stored ones. */
	credentials?: ICredentialDataDecryptedObject;
	/** The node run's shared scope, so credentials are read once per run. */
	run?: RunScope;
}

function isTwoHundred(answer: VendorAnswer): boolean {
	return answer.statusCode >= 200 && answer.statusCode < 300;
}

export function isVendorSuccess(vendor: Vendor, answer: VendorAnswer): boolean {
	return (vendor.isSuccess ?? isTwoHundred)(answer);
}

/** Makes one call to the vendor and returns its answer, whatever its status. */
export async function vendorRequest(
	this: IExecuteFunctions,
	itemIndex: number,
	vendor: Vendor,
	request: VendorRequest,
	settings: RequestSettings,
): Promise<VendorAnswer> {
	const credentials =
		settings.credentials ??
		(settings.run
			? await settings.run.credentials(vendor.credentialType)
			: await this.getCredentials<ICredentialDataDecryptedObject>(vendor.credentialType, itemIndex));
	return await callVendorWithRateLimit.call(
		this,
		itemIndex,
		{
			vendor: vendor.displayName,
			credentialType: vendor.credentialType,
			baseUrl: baseUrlOf(credentials, vendor.environments),
			isSend: settings.isSend,
			// Handing n8n the credentials we already read saves it decrypting them a second time.
			credentials,
			timeoutMs: settings.run?.timeoutMs,
		},
		request,
		vendor.rateLimitWait ??
			((answer: VendorAnswer) => (answer.statusCode === 429 ? retryAfterMs(answer) : undefined)),
	);
}

/** The NodeApiError for an answer that is not a success, in the vendor's words where it has any. */
export function vendorFailure(
	this: IExecuteFunctions,
	itemIndex: number,
	vendor: Vendor,
	answer: VendorAnswer,
): NodeApiError {
	const problem = vendor.describeFailure(answer) ?? problemFromStatus(vendor.displayName, answer);
	return vendorApiError(this, itemIndex, vendor.displayName, answer, problem);
}

/**
 * Makes a send (never repeated) and returns what the vendor answered. Any 2xx whose body does not
 * say it failed (the vendor's isSuccess) is a sent message, even when a field we expected is
 * missing or the body cannot be read: an error there would invite a second send. `body` is the
 * answer's JSON object (empty when it is not one); `response` the answer as it came.
 */
export async function vendorSendRequest(
	this: IExecuteFunctions,
	itemIndex: number,
	vendor: Vendor,
	request: VendorRequest,
	settings: Omit<RequestSettings, 'isSend'>,
): Promise<{ body: Record<string, unknown>; response: unknown }> {
	const answer = await vendorRequest.call(this, itemIndex, vendor, request, { ...settings, isSend: true });
	return acceptedSend.call(this, itemIndex, vendor, answer);
}

/** The sent answer of a send already made, or the vendor's failure in words (see vendorSendRequest). */
export function acceptedSend(
	this: IExecuteFunctions,
	itemIndex: number,
	vendor: Vendor,
	answer: VendorAnswer,
): { body: Record<string, unknown>; response: unknown } {
	if (!isTwoHundred(answer) || !isVendorSuccess(vendor, answer)) {
		throw vendorFailure.call(this, itemIndex, vendor, answer);
	}
	return { body: isRecord(answer.body) ? answer.body : {}, response: answer.body === '' ? null : answer.body };
}

/** A 2xx answer whose body lacks what the vendor documents: an error, never a guessed success. */
export function unexpectedAnswer(
	this: IExecuteFunctions,
	itemIndex: number,
	vendor: Vendor,
	answer: VendorAnswer,
	missing: string,
): NodeApiError {
	return vendorApiError(this, itemIndex, vendor.displayName, answer, {
		message: `the answer could not be understood (no ${missing} in it)`,
		hint: 'The provider answered in a shape it does not document. Check its status page; nothing was retried.',
		mayHaveBeenSent: true,
	});
}
