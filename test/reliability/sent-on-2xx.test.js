// A send the vendor answered 2xx, whose body does not say it failed, is a sent item for every
// sending operation of every vendor, whatever the body lacks: an error there would invite a
// second send, and the person would get two codes. Each answer below reaches exactly one request.
const { runNode, everythingShown } = require('../harness/engine');
const { vendors } = require('./vendors');

const ANSWERS_2XX = [
	['a 200 with an empty object', { status: 200, body: {} }],
	['a 200 with a list', { status: 200, body: [] }],
	[
		'a 200 whose body is not JSON',
		{ status: 200, raw: 'OK, thanks', headers: { 'Content-Type': 'text/plain' } },
	],
	[
		'a 200 with an empty body',
		{ status: 200, raw: '', headers: { 'Content-Type': 'application/json' } },
	],
	['a 200 with detail as text', { status: 200, body: { detail: 'something happened' } }],
	['a 200 with unknown fields only', { status: 200, body: { unexpected: { nested: [1, 'two'] } } }],
	[
		'a 200 whose expected fields are all null',
		{
			status: 200,
			body: {
				otp_id: null,
				request_id: null,
				expiry: null,
				referenceId: null,
				messageResult: null,
				transaction_id: null,
				result: null,
				code: null,
				result_code: null,
				otp_expire: null,
				sms_id: null,
			},
		},
	],
	['a 201 with an empty object', { status: 201, body: {} }],
	[
		'a 202 with D7\'s "accepted" shape',
		{
			status: 202,
			body: { request_id: 'req-1', status: 'accepted', created_at: '2026-01-01T10:00:00Z' },
		},
	],
];

for (const vendor of vendors) {
	describe(vendor.displayName, () => {
		let simulator;
		let credentials;

		beforeAll(async () => {
			simulator = vendor.simulator(vendor.secrets);
			credentials = vendor.credentials(await simulator.start(), vendor.secrets);
		});
		afterAll(async () => simulator.stop());
		beforeEach(() => simulator.reset());

		for (const spec of vendor.operations.filter((operation) => operation.isSend)) {
			describe(spec.operation, () => {
				test.each(ANSWERS_2XX)('%s: a sent item, no error, one request', async (_name, answer) => {
					simulator.fail({ ...answer, path: spec.path });
					const result = await runNode({
						nodeType: vendor.node,
						parameters: { resource: 'otp', operation: spec.operation, ...spec.parameters },
						credentials,
					});
					expect(result.error).toBeUndefined();
					expect(result.items).toHaveLength(1);
					const [item] = result.items;
					expect(item.pairedItem).toEqual({ item: 0 });
					expect(item.json).toMatchObject({
						provider: vendor.node,
						operation: spec.operation,
						status: 'sent',
					});
					expect(item.json.reference === null || typeof item.json.reference === 'string').toBe(
						true,
					);
					expect(
						item.json.expiresAt === null || !Number.isNaN(Date.parse(item.json.expiresAt)),
					).toBe(true);
					expect(simulator.requestsTo(spec.path)).toHaveLength(1);
					const shown = everythingShown(result);
					for (const secret of Object.values(vendor.secrets)) expect(shown).not.toContain(secret);
				});
			});
		}
	});
}
