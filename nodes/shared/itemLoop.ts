import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	JsonObject,
	NodeApiError,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { readBatchingOptions, readTimeout } from './options';
import type { OtpOperation, PreparedCall, RunScope } from './types';
import { isSendingOperation } from './types';

interface NodeErrorLike extends Error {
	description?: string | null;
	httpCode?: string | null;
	context?: IDataObject;
}

function isNodeError(error: unknown): error is NodeErrorLike {
	return (
		error instanceof Error &&
		typeof (error as NodeErrorLike).context === 'object' &&
		'node' in (error as object)
	);
}

/** Every error leaves the node stamped with the item it belongs to. */
function errorForItem(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeErrorLike {
	if (isNodeError(error)) {
		error.context = { ...(error.context ?? {}), itemIndex };
		return error;
	}
	return new NodeOperationError(context.getNode(), error as JsonObject, { itemIndex });
}

/**
 * A failed send says whether the provider certainly did not send: bad input never reaches it,
 * a call's error was marked by the transport (see nothingSentFor), and any other error may
 * have come after the message went out. Other operations say nothing of it.
 */
function settleNothingSent(
	error: NodeErrorLike,
	sends: boolean,
	beforeAnyCall: boolean,
): boolean | undefined {
	const context = { ...(error.context ?? {}) };
	delete context.nothingSent;
	const nothingSent = sends ? beforeAnyCall || error.context?.nothingSent === true : undefined;
	if (nothingSent !== undefined) context.nothingSent = nothingSent;
	error.context = context;
	return nothingSent;
}

function errorItem(
	context: IExecuteFunctions,
	error: NodeErrorLike,
	itemIndex: number,
	nothingSent: boolean | undefined,
): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	if (error.description) json.description = error.description;
	if (error.httpCode) json.httpCode = error.httpCode;
	if (nothingSent !== undefined) json.nothingSent = nothingSent;
	const item: INodeExecutionData = { json, pairedItem: { item: itemIndex } };
	// With the error output switched on, n8n routes items that carry `error` to it (and keeps
	// only the message there); on the regular output the item keeps description and httpCode.
	if (context.getNode().onError === 'continueErrorOutput') item.error = error as NodeApiError;
	return item;
}

interface PendingCall {
	itemIndex: number;
	call: PreparedCall;
	sends: boolean;
}

/**
 * The item loop every vendor node runs: validate every item first (bad input never reaches the
 * vendor), then make the calls with at most `batchSize` in flight, keep the input's order and
 * pairing, and honour Continue On Fail / the error output.
 */
export async function runOperation(
	this: IExecuteFunctions,
	operations: Record<string, OtpOperation>,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const continueOnFail = this.continueOnFail();
	const results: INodeExecutionData[] = new Array(items.length);
	const pending: PendingCall[] = [];

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		let sends = false;
		try {
			const operationName = this.getNodeParameter('operation', itemIndex) as string;
			const operation = operations[operationName];
			if (operation === undefined) {
				throw new NodeOperationError(
					this.getNode(),
					`The operation "${operationName}" is not supported by this node`,
					{ itemIndex },
				);
			}
			sends = isSendingOperation(operationName);
			pending.push({ itemIndex, call: operation.prepare.call(this, itemIndex), sends });
		} catch (error) {
			const itemError = errorForItem(this, error, itemIndex);
			const nothingSent = settleNothingSent(itemError, sends, true);
			if (!continueOnFail) throw itemError;
			results[itemIndex] = errorItem(this, itemError, itemIndex, nothingSent);
		}
	}

	const { batchSize, batchInterval } = readBatchingOptions(this);
	const credentialsRead = new Map<string, Promise<ICredentialDataDecryptedObject>>();
	const run: RunScope = {
		credentials: async (type) => {
			let read = credentialsRead.get(type);
			if (read === undefined) {
				read = this.getCredentials<ICredentialDataDecryptedObject>(type, 0);
				credentialsRead.set(type, read);
			}
			return await read;
		},
		timeoutMs: readTimeout(this),
	};
	let firstFailure: { itemIndex: number; error: NodeErrorLike } | undefined;

	const runOne = async ({ itemIndex, call, sends }: PendingCall) => {
		try {
			const json = await call(run);
			results[itemIndex] = { json, pairedItem: { item: itemIndex } };
		} catch (error) {
			const itemError = errorForItem(this, error, itemIndex);
			const nothingSent = settleNothingSent(itemError, sends, false);
			if (continueOnFail) {
				results[itemIndex] = errorItem(this, itemError, itemIndex, nothingSent);
			} else if (firstFailure === undefined || itemIndex < firstFailure.itemIndex) {
				firstFailure = { itemIndex, error: itemError };
			}
		}
	};

	if (batchInterval > 0) {
		// Batches: send up to batchSize, wait for all of them, pause, then the next batch.
		for (let start = 0; start < pending.length && firstFailure === undefined; start += batchSize) {
			if (start > 0) await sleep(batchInterval);
			await Promise.all(pending.slice(start, start + batchSize).map(runOne));
		}
	} else {
		// A sliding window: a new call starts as soon as one of the batchSize in flight finishes.
		let next = 0;
		const worker = async () => {
			while (next < pending.length && firstFailure === undefined) {
				await runOne(pending[next++]);
			}
		};
		await Promise.all(Array.from({ length: Math.min(batchSize, pending.length) }, worker));
	}

	if (firstFailure !== undefined) throw firstFailure.error;
	return [results];
}
