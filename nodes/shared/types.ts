import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
} from 'n8n-workflow';

import type { VendorAnswer } from './answer';
import type { Environment } from './environments';
import type { VendorProblem } from './errors';

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
	/** Whether a 2xx answer says in its body that the request failed; any other 2xx is a success. */
	saysFailed?: (answer: VendorAnswer) => boolean;
	/** The vendor's failure in words, for an answer that is not a success. */
	describeFailure: (answer: VendorAnswer) => VendorProblem | undefined;
	/** For an answer that refused the request for the rate limit: how long to wait; by default a 429's Retry-After. */
	rateLimitWait?: (answer: VendorAnswer) => number | undefined;
	/** Body fields taken from the credential where its declarative authenticate cannot add them. */
	credentialFields?: (credentials: ICredentialDataDecryptedObject) => IDataObject;
	/** A credential whose token the vendor may refuse as spent: the call is made again with a new one. */
	token?: {
		/** The credential's expirable field. */
		field: string;
		/** Whether the answer refused the token; `renewals` is how many new tokens this call has had. */
		refused: (answer: VendorAnswer, renewals: number) => boolean;
		maxRenewals: number;
	};
}

/** What the calls of one node run share: the credentials, read once rather than once per item. */
export interface RunScope {
	credentials(type: string): Promise<ICredentialDataDecryptedObject>;
	/** The node's request timeout in milliseconds. */
	timeoutMs: number;
}

/** The request an operation has decided to make for one item, not made yet. */
export type PreparedCall = (run: RunScope) => Promise<IDataObject>;

/**
 * One operation of a vendor node. `prepare` reads and validates the item's parameters and throws
 * a NodeOperationError for bad input, so nothing is sent for an item that is wrong; the call it
 * returns is made later, under the node's concurrency bound.
 */
export interface OtpOperation {
	description: INodeProperties[];
	prepare(this: IExecuteFunctions, itemIndex: number): PreparedCall;
}

/** A typed map: a vendor that forgets one of its operations does not compile. */
export type OperationMap<Operation extends string> = Record<Operation, OtpOperation>;

/**
 * The operations that text (or email) a code. Each failure item of theirs says `nothingSent`,
 * so a workflow can fall back to another provider without reaching the person twice.
 */
const SENDING_OPERATIONS: readonly string[] = ['send', 'sendCustom', 'resend', 'sendEmail'];

export function isSendingOperation(operation: string): boolean {
	return SENDING_OPERATIONS.includes(operation);
}
