'use strict';
// `nothingSent` on every failure item of every sending operation (send, sendCustom, resend,
// sendEmail: whatever test/reliability/vendors.js marks `isSend`), against every fault of the
// fault list: true only where the provider certainly did not send, so that a fallback to
// another provider never texts a person twice.
const net = require('node:net');
const { runNode, everythingShown } = require('../harness/engine');
const { FAULTS } = require('./fault-list');
const { vendors } = require('./vendors');

/** What each fault of the fault list means for a send. A new fault must be placed here. */
const NOTHING_SENT = {
	'HTTP 500': false,
	'HTTP 502 with an HTML page': false,
	'HTTP 503': false,
	'HTTP 429 without Retry-After': true, // a rate-limit refusal
	// A send answered 2xx is a sent item, not a failure (sent-on-2xx.test.js): no nothingSent.
	'a 200 whose body is not JSON': null,
	'a 200 with an empty body': null,
	'a 200 with an empty object': null,
	'a 200 with a list': null,
	'a 200 with detail as text': null,
	'a 400 with detail as an object': true, // a refusal the provider answered
	'a 400 with detail as a list': true,
	'a 400 with fields of the wrong type': true,
	'a 422 with no fields at all': true,
	'a connection reset before the answer': false,
	'a connection cut after the headers': false,
	'no answer before the timeout': false,
};

test('every fault of the fault list says whether a send may have gone out', () => {
	expect(Object.keys(NOTHING_SENT).sort()).toEqual(FAULTS.map(([name]) => name).sort());
});

/** A port nothing listens on: the connection is refused, so nothing can reach a vendor. */
async function closedPort() {
	const server = net.createServer();
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	await new Promise((resolve) => server.close(resolve));
	return port;
}

/** The parameters that name who gets the code (or which OTP): invalid ones are bad input. */
const ADDRESS_PARAMETERS = [
	'recipient',
	'userGsm',
	'destination',
	'mobile',
	'phoneNumber',
	'email',
	'otpId',
];

/** The operation's parameters with its address made invalid: refused before any request. */
function withBadInput(parameters) {
	const address = ADDRESS_PARAMETERS.find((name) => name in parameters);
	if (address === undefined)
		throw new Error(`no address parameter among ${Object.keys(parameters).join(', ')}`);
	return { ...parameters, [address]: '<not valid>' };
}

for (const vendor of vendors) {
	const sending = vendor.operations.filter((spec) => spec.isSend);
	describe(vendor.displayName, () => {
		let simulator;
		let credentials;
		const secretValues = Object.values(vendor.secrets);

		beforeAll(async () => {
			simulator = vendor.simulator(vendor.secrets);
			credentials = vendor.credentials(await simulator.start(), vendor.secrets);
		});
		afterAll(async () => simulator.stop());
		beforeEach(() => simulator.reset());

		const run = (spec, extra = {}) =>
			runNode({
				nodeType: vendor.node,
				parameters: {
					resource: 'otp',
					operation: spec.operation,
					...spec.parameters,
					options: { timeout: 400 },
					...extra.parameters,
				},
				credentials: extra.credentials ?? credentials,
				onError: extra.onError ?? 'continueRegularOutput',
			});

		for (const spec of sending) {
			describe(spec.operation, () => {
				test.each(FAULTS.filter(([name]) => NOTHING_SENT[name] !== null))(
					'%s',
					async (name, fault) => {
						simulator.fail({ ...fault, path: spec.path });
						const result = await run(spec);
						expect(result.error).toBeUndefined();
						expect(result.items).toHaveLength(1);
						const item = result.items[0];
						expect(item.pairedItem).toEqual({ item: 0 });
						expect(item.json.error).toMatch(new RegExp(`^${vendor.displayName}: `));
						expect(item.json.nothingSent).toBe(NOTHING_SENT[name]);
						// The description says the same in words.
						if (NOTHING_SENT[name] === false)
							expect(item.json.description).toMatch(
								/may or may not have|nothing was retried|not taken for a success/i,
							);
						expect(simulator.requestsTo(spec.path)).toHaveLength(1);
						const shown = everythingShown(result);
						for (const secret of secretValues) expect(shown).not.toContain(secret);
					},
				);

				test('a redirect, never followed: nothingSent true', async () => {
					simulator.fail({
						status: 307,
						raw: '',
						headers: { Location: `${simulator.url}/moved`, 'Content-Type': 'text/html' },
						path: spec.path,
					});
					const { items } = await run(spec);
					expect(items[0].json).toMatchObject({ httpCode: '307', nothingSent: true });
					expect(simulator.requestsTo('/moved')).toHaveLength(0);
				});

				test('bad input: nothingSent true, no request', async () => {
					const { items } = await run(spec, { parameters: withBadInput(spec.parameters) });
					expect(items[0].json.error).toEqual(expect.any(String));
					expect(items[0].json.nothingSent).toBe(true);
					expect(simulator.requests).toHaveLength(0);
				});

				test('a connection refused (nothing listens at the base URL): nothingSent true', async () => {
					const port = await closedPort();
					const refused = vendor.credentials(`http://127.0.0.1:${port}`, vendor.secrets);
					const { items } = await run(spec, { credentials: refused });
					expect(items[0].json.error).toMatch(/refused/);
					expect(items[0].json.nothingSent).toBe(true);
				});

				// n8n replaces the json of an item that carries its error with `{ error }` (n8n-core
				// 2.11.1 and 2.41.1 alike), so nothingSent is on the regular output with Continue On
				// Fail only: the README shows that pattern.
				test('on the error output, n8n keeps only the message', async () => {
					simulator.fail({ status: 503, body: { message: 'down' }, path: spec.path });
					const { items, errorItems } = await run(spec, { onError: 'continueErrorOutput' });
					expect(items).toHaveLength(0);
					expect(errorItems).toHaveLength(1);
					expect(errorItems[0].json).toEqual({
						error: expect.stringMatching(new RegExp(`^${vendor.displayName}: `)),
					});
				});

				test('without Continue On Fail, the node error says it in its context', async () => {
					simulator.fail({ status: 503, body: { message: 'down' }, path: spec.path });
					const result = await run(spec, { onError: 'stopWorkflow' });
					expect(result.error.context.nothingSent).toBe(false);
				});
			});
		}

		for (const spec of vendor.operations.filter((operation) => !operation.isSend)) {
			test(`${spec.operation} is not a send: its failure item has no nothingSent`, async () => {
				simulator.fail({ status: 503, body: { message: 'down' }, path: spec.path });
				const { items } = await run(spec);
				expect(items[0].json.error).toEqual(expect.any(String));
				expect(items[0].json).not.toHaveProperty('nothingSent');
			});
		}
	});
}

describe('vendor answers that say in their own words whether anything went out', () => {
	const byNode = (node) => vendors.find((vendor) => vendor.node === node);

	async function sendAgainst(node, fault, operation = 'send') {
		const vendor = byNode(node);
		const spec = vendor.operations.find((candidate) => candidate.operation === operation);
		const simulator = vendor.simulator(vendor.secrets);
		try {
			const credentials = vendor.credentials(await simulator.start(), vendor.secrets);
			simulator.fail({ ...fault, path: spec.path });
			const result = await runNode({
				nodeType: vendor.node,
				parameters: { resource: 'otp', operation, ...spec.parameters },
				credentials,
				onError: 'continueRegularOutput',
			});
			return result.items[0].json;
		} finally {
			await simulator.stop();
		}
	}

	test('D7 Networks: HTTP 200 with status FAILED did not send', async () => {
		const json = await sendAgainst('d7Networks', {
			status: 200,
			body: { otp_id: 'x', status: 'FAILED' },
		});
		expect(json).toMatchObject({ nothingSent: true });
	});

	test('D7 Networks: 402 insufficient credit did not send', async () => {
		const json = await sendAgainst('d7Networks', {
			status: 402,
			body: { detail: [{ code: 'INSUFFICIENT_CREDIT', message: 'no credit' }] },
		});
		expect(json).toMatchObject({ nothingSent: true, httpCode: '402' });
	});

	test('TurkeySMS: HTTP 200 with result false (TS-1027) did not send', async () => {
		const json = await sendAgainst('turkeySms', {
			status: 200,
			body: { result: false, result_code: 'TS-1027', result_message: 'Insufficient balance.' },
		});
		expect(json).toMatchObject({ nothingSent: true });
	});

	test('TurkeySMS: its per-minute rate limit (TS-1060) refused the send', async () => {
		const json = await sendAgainst('turkeySms', {
			status: 403,
			body: {
				result: false,
				result_code: 'TS-1060',
				result_message: 'Per-minute rate limit exceeded.',
			},
			headers: { 'Retry-After': '120' },
		});
		expect(json).toMatchObject({ nothingSent: true });
	});

	test('Paynet: HTTP 200 with code 8 (servererror) may have sent', async () => {
		const json = await sendAgainst('paynet', {
			status: 200,
			body: { code: 8, message: 'servererror' },
		});
		expect(json).toMatchObject({ nothingSent: false });
	});

	test('Paynet: HTTP 200 with code 10 (timeout) may have sent', async () => {
		const json = await sendAgainst('paynet', {
			status: 200,
			body: { code: 10, message: 'timeout' },
		});
		expect(json).toMatchObject({ nothingSent: false });
	});

	test('Paynet: HTTP 200 with code 5 (duplicatedata) did not send', async () => {
		const json = await sendAgainst('paynet', {
			status: 200,
			body: { code: 5, message: 'duplicatedata' },
		});
		expect(json).toMatchObject({ nothingSent: true });
	});
});
