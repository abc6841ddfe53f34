import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from './fields';

export const DEFAULT_BATCH_SIZE = 10;
export const DEFAULT_TIMEOUT_MS = 30_000;

/** Node behaviour, shaped and named like the HTTP Request node's options so n8n users know them. */
export const nodeOptions: INodeProperties = optionsCollection([
	{
		displayName: 'Batching',
		name: 'batching',
		placeholder: 'Add Batching',
		type: 'fixedCollection',
		typeOptions: { multipleValues: false },
		default: { batch: {} },
		options: [
			{
				displayName: 'Batching',
				name: 'batch',
				values: [
					{
						displayName: 'Items per Batch',
						name: 'batchSize',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: DEFAULT_BATCH_SIZE,
						description:
							'How many requests may be in flight at once. Items keep their input order in the output.',
					},
					{
						displayName: 'Batch Interval (Ms)',
						name: 'batchInterval',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 0,
						description:
							'Pause between batches in milliseconds. 0 starts the next request as soon as one finishes.',
					},
				],
			},
		],
	},
	{
		displayName: 'Timeout',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: DEFAULT_TIMEOUT_MS,
		description:
			'Milliseconds to wait for the provider to answer before giving up. A send that timed out is not repeated.',
	},
]);

function wholeNumberAtLeast(value: unknown, minimum: number, fallback: number): number {
	const number = Number(value);
	return Number.isFinite(number) && number >= minimum ? Math.floor(number) : fallback;
}

export function readBatchingOptions(context: IExecuteFunctions): {
	batchSize: number;
	batchInterval: number;
} {
	const batch = context.getNodeParameter('options.batching.batch', 0, {}) as {
		batchSize?: number;
		batchInterval?: number;
	};
	return {
		batchSize: wholeNumberAtLeast(batch.batchSize, 1, DEFAULT_BATCH_SIZE),
		batchInterval: wholeNumberAtLeast(batch.batchInterval, 0, 0),
	};
}

/** The Timeout option, read once per run from the first item, as the batching options are. */
export function readTimeout(context: IExecuteFunctions): number {
	return wholeNumberAtLeast(
		context.getNodeParameter('options.timeout', 0, DEFAULT_TIMEOUT_MS),
		1,
		DEFAULT_TIMEOUT_MS,
	);
}
