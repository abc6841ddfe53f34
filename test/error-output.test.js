// The error output (Settings → On Error → Continue (using error output)): an item the provider
// refused or failed goes to the error branch, paired to its input; the other items stay on the
// success branch. Every provider, with refusals and failures the provider answers, not bad input.
const crypto = require('node:crypto');
const { runNode, everythingShown } = require('./harness/engine');
const { recordingNodeType } = require('./harness/raw-output');
const { vendors, expectNoSecretShown } = require('./reliability/vendors');

// The message a person reads on the error branch; a refusal is in each provider's own words.
const FAILURES = [
	['a refusal (HTTP 402)', { status: 402, body: { message: 'Payment Required' } }, undefined],
	[
		'a server error (HTTP 503)',
		{ status: 503, body: { message: 'Service Unavailable' } },
		'the service failed (HTTP 503)',
	],
	['no answer before the timeout', { drop: 'hang' }, 'no answer came before the timeout'],
];
const REFUSAL_402 = {
	d7Networks: 'insufficient credit; top up the D7 Networks account',
	paynet: 'the request was refused (HTTP 402)',
	// ShoutOUT's own message, as its answer gives it.
	shoutout: 'Payment Required',
	turkeySms: 'the request was refused (HTTP 402)',
	valify: 'the request was refused (HTTP 402)',
};

describe.each(vendors.map((vendor) => [vendor.displayName, vendor]))('%s', (_name, vendor) => {
	const spec = vendor.operations[0];
	let simulator;
	let credentials;
	let recorded;

	beforeAll(async () => {
		simulator = vendor.simulator(vendor.secrets);
		credentials = vendor.credentials(await simulator.start(), vendor.secrets);
		recorded = await recordingNodeType(vendor.node);
	});
	afterAll(async () => simulator.stop());
	beforeEach(() => simulator.reset());

	test.each(FAILURES)(
		`${spec.operation}: %s goes to the error output, paired to its input`,
		async (_failure, fault, words) => {
			const parameters = {
				resource: 'otp',
				operation: spec.operation,
				...spec.parameters,
				options: { timeout: 400, batching: { batch: { batchSize: 1 } } },
			};
			if (spec.uniquePerItem) parameters[spec.uniquePerItem] = '={{ $json.unique }}';
			simulator.fail({ ...fault, path: spec.path });
			const result = await runNode({
				nodeType: recorded.nodeType,
				parameters,
				credentials,
				items: Array.from({ length: 3 }, () => ({ unique: `error-output-${crypto.randomUUID()}` })),
				onError: 'continueErrorOutput',
			});
			expect(result.error).toBeUndefined();
			expect(result.errorItems).toHaveLength(1);
			expect(result.errorItems[0].pairedItem).toEqual({ item: 0 });
			const said = words ?? REFUSAL_402[vendor.node];
			expect(result.errorItems[0].json.error).toBe(`${vendor.displayName}: ${said}`);
			expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
			for (const item of result.items) {
				expect(item.json.error).toBeUndefined();
				expect(item.json.status).toBe('sent');
			}
			// The node itself marks the failed item and pairs every item; the engine only routes them.
			const [returned] = recorded.outputs.at(-1);
			expect(returned.map((item) => item.pairedItem)).toEqual([
				{ item: 0 },
				{ item: 1 },
				{ item: 2 },
			]);
			expect(simulator.requestsTo(spec.path)).toHaveLength(3);
			expectNoSecretShown(everythingShown(result), vendor, simulator);
		},
	);
});
