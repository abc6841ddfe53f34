// Fault injection: every operation of every vendor, against every way a vendor can fail.
// Each fault is an error in words, an error item paired to its input with Continue On Fail,
// exactly one request per item (a send that may have reached the vendor is never repeated),
// and no secret anywhere a person or a log could see it.
const crypto = require('node:crypto');
const { runNode, everythingShown } = require('../harness/engine');
const { HTML_502 } = require('../../simulators/vendor-simulator');
const { recordingNodeType } = require('../harness/raw-output');
const { vendors, expectNoSecretShown } = require('./vendors');

const { FAULTS } = require('./fault-list');

for (const vendor of vendors) {
	describe(vendor.displayName, () => {
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

		for (const spec of vendor.operations) {
			// A send answered 2xx is a sent item, never an error: see sent-on-2xx.test.js.
			const faults = spec.isSend
				? FAULTS.filter(([, fault]) => !(fault.status >= 200 && fault.status < 300))
				: FAULTS;
			describe(spec.operation, () => {
				test.each(faults)('%s: an error in words, one request, no secret', async (_name, fault) => {
					simulator.fail({ ...fault, path: spec.path });
					const result = await runNode({
						nodeType: vendor.node,
						parameters: {
							resource: 'otp',
							operation: spec.operation,
							...spec.parameters,
							options: { timeout: 400 },
						},
						credentials,
					});
					expect(result.items).toHaveLength(0);
					expect(result.error).toBeDefined();
					expect(result.error.name).toBe('NodeApiError');
					const { message, description } = result.error;
					expect(message.startsWith(`${vendor.displayName}: `)).toBe(true);
					expect(message).not.toMatch(/undefined|\[object Object\]|null|NaN/);
					expect(message).not.toMatch(/\n\s+at /);
					expect(String(description ?? '')).not.toMatch(/undefined|\[object Object\]|\n\s+at /);
					expect(result.error.context.itemIndex).toBe(0);
					expect(simulator.requestsTo(spec.path)).toHaveLength(1);
					const shown = everythingShown(result);
					expectNoSecretShown(shown, vendor, simulator);
				});

				test.each(faults)(
					'%s with Continue On Fail: an error item paired to its input, the other items go on',
					async (_name, fault) => {
						const parameters = {
							resource: 'otp',
							operation: spec.operation,
							...spec.parameters,
							options: { timeout: 400, batching: { batch: { batchSize: 1 } } },
						};
						if (spec.uniquePerItem) parameters[spec.uniquePerItem] = '={{ $json.unique }}';
						const items = (count) =>
							Array.from({ length: count }, () => ({ unique: `cof-${crypto.randomUUID()}` }));
						// What the other items give when nothing goes wrong (a made-up reference may be an answer or a refusal).
						const unfaulted = await runNode({
							nodeType: vendor.node,
							parameters,
							credentials,
							items: items(1),
							onError: 'continueRegularOutput',
						});
						simulator.reset();
						simulator.fail({ ...fault, path: spec.path });
						const result = await runNode({
							nodeType: recorded.nodeType,
							parameters,
							credentials,
							items: items(3),
							onError: 'continueRegularOutput',
						});
						expect(result.error).toBeUndefined();
						const pairing = [{ item: 0 }, { item: 1 }, { item: 2 }];
						expect(result.items.map((item) => item.pairedItem)).toEqual(pairing);
						// The node pairs its items itself; the engine would fill in positions and hide a miss.
						expect(recorded.outputs.at(-1)[0].map((item) => item.pairedItem)).toEqual(pairing);
						const { error } = result.items[0].json;
						expect(typeof error).toBe('string');
						expect(error.startsWith(`${vendor.displayName}: `)).toBe(true);
						expect(error).not.toBe(unfaulted.items[0].json.error);
						for (const later of result.items.slice(1))
							expect(later.json.error).toBe(unfaulted.items[0].json.error);
						expect(simulator.requestsTo(spec.path)).toHaveLength(3);
						expectNoSecretShown(everythingShown(result), vendor, simulator);
					},
				);

				test('a redirect is not followed: an error in words naming where it pointed, nothing sent there', async () => {
					simulator.fail({
						status: 307,
						raw: '',
						headers: {
							Location: `${simulator.url}/moved${spec.path}?session=abc123`,
							'Content-Type': 'text/html',
						},
						path: spec.path,
					});
					const result = await runNode({
						nodeType: vendor.node,
						parameters: { resource: 'otp', operation: spec.operation, ...spec.parameters },
						credentials,
					});
					expect(result.error.name).toBe('NodeApiError');
					expect(result.error.message).toBe(
						`${vendor.displayName}: the address answered with a redirect (HTTP 307 to ${simulator.url}/moved${spec.path})`,
					);
					expect(result.error.description).toMatch(
						/^Redirects are not followed, so the credentials never go to another address/,
					);
					expect(result.error.httpCode).toBe('307');
					expect(simulator.requestsTo(spec.path)).toHaveLength(1);
					expect(simulator.requestsTo('/moved')).toHaveLength(0);
					const shown = everythingShown(result);
					expect(shown).not.toContain('abc123');
					expectNoSecretShown(shown, vendor, simulator);
				});
			});
		}

		test('with Continue On Fail, each failing item becomes an error item paired to its input', async () => {
			const spec = vendor.operations[0];
			simulator.fail({ status: 503, body: { message: 'down' }, path: spec.path, times: 1 });
			simulator.fail({ drop: 'before', path: spec.path, times: 1 });
			const result = await runNode({
				nodeType: vendor.node,
				parameters: {
					resource: 'otp',
					operation: spec.operation,
					...spec.parameters,
					options: { batching: { batch: { batchSize: 1 } } },
				},
				credentials,
				items: [{}, {}, {}],
				onError: 'continueRegularOutput',
			});
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(3);
			expect(result.items.map((item) => item.pairedItem)).toEqual([
				{ item: 0 },
				{ item: 1 },
				{ item: 2 },
			]);
			expect(result.items[0].json.error).toMatch(new RegExp(`^${vendor.displayName}: `));
			expect(result.items[0].json.httpCode).toBe('503');
			expect(result.items[1].json.error).toMatch(new RegExp(`^${vendor.displayName}: `));
			expect(result.items[2].json.error).toBeUndefined();
			expect(simulator.requestsTo(spec.path)).toHaveLength(3);
			const shown = everythingShown(result);
			expectNoSecretShown(shown, vendor, simulator);
		});
	});
}
