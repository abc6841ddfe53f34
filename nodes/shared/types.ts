import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
} from 'n8n-workflow';

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
