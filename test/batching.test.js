// Bounded concurrency, input order and pairing, and rate-limit waits: the shared item loop,
// exercised through the D7 Networks node (every node runs the same loop).
const { runNode } = require('./harness/engine');
const { createD7Simulator } = require('../simulators/d7Networks');

const API_TOKEN = 'batching-token';
let d7;
let credentials;

beforeAll(async () => {
	d7 = createD7Simulator({ apiToken: API_TOKEN });
	credentials = {
		d7NetworksApi: { environment: 'custom', baseUrl: await d7.start(), apiToken: API_TOKEN },
	};
});
afterAll(async () => d7.stop());
beforeEach(() => d7.reset());

const phones = (count) =>
	Array.from({ length: count }, (_, index) => ({ phone: `+9715${String(10000000 + index)}` }));

const sendAll = (items, options = {}, extra = {}) =>
	runNode({
		nodeType: 'd7Networks',
		parameters: {
			resource: 'otp',
			operation: 'send',
			recipient: '={{ $json.phone }}',
			messageType: 'content',
			content: 'Code {}',
			options,
		},
		credentials,
		items,
		...extra,
	});

function expectInputOrder(result, items) {
	expect(result.items.map((item) => item.json.recipient)).toEqual(items.map((item) => item.phone));
	expect(result.items.map((item) => item.pairedItem)).toEqual(
		items.map((_, index) => ({ item: index })),
	);
}

describe('bounded concurrency', () => {
	test('by default at most 10 requests are in flight, and all 40 items are sent once', async () => {
		d7.latencyMs = 30;
		const items = phones(40);
		const result = await sendAll(items);
		expect(result.error).toBeUndefined();
		expect(d7.requests).toHaveLength(40);
		expect(d7.maxInFlight).toBeLessThanOrEqual(10);
		expect(d7.maxInFlight).toBeGreaterThan(1);
		expectInputOrder(result, items);
	});

	test.each([1, 3, 7])('Items per Batch %i is never exceeded', async (batchSize) => {
		d7.latencyMs = 20;
		const items = phones(15);
		const result = await sendAll(items, { batching: { batch: { batchSize } } });
		expect(result.error).toBeUndefined();
		expect(d7.requests).toHaveLength(15);
		expect(d7.maxInFlight).toBeLessThanOrEqual(batchSize);
		if (batchSize > 1) expect(d7.maxInFlight).toBeGreaterThan(1);
		expectInputOrder(result, items);
	});

	test('with a batch interval, batches go one after the other and never overlap', async () => {
		d7.latencyMs = 10;
		const items = phones(9);
		const result = await sendAll(items, {
			batching: { batch: { batchSize: 4, batchInterval: 30 } },
		});
		expect(result.error).toBeUndefined();
		expect(d7.maxInFlight).toBeLessThanOrEqual(4);
		expectInputOrder(result, items);
	});

	test('output order and pairing follow the input even when later requests finish first', async () => {
		// Random latencies: the answers come back in a shuffled order.
		const delays = new Map();
		d7.latencyFor = (request) => {
			const key = request.body.recipient;
			if (!delays.has(key)) delays.set(key, Math.floor(Math.random() * 40));
			return delays.get(key);
		};
		const items = phones(30);
		const result = await sendAll(items);
		expect(result.error).toBeUndefined();
		expectInputOrder(result, items);
		const arrival = d7.requests.map((request) => request.body.recipient);
		expect(new Set(arrival).size).toBe(30);
	});

	test('Continue On Fail keeps order and pairing when some items fail at the vendor', async () => {
		d7.fail({
			status: 402,
			body: { detail: [{ code: 'INSUFFICIENT_CREDIT', message: 'no credit' }] },
			times: 3,
		});
		const items = phones(12);
		const result = await sendAll(items, {}, { onError: 'continueRegularOutput' });
		expect(result.items).toHaveLength(12);
		expect(result.items.map((item) => item.pairedItem)).toEqual(
			items.map((_, index) => ({ item: index })),
		);
		expect(
			result.items.filter(
				(item) =>
					item.json.error === 'D7 Networks: insufficient credit; top up the D7 Networks account',
			),
		).toHaveLength(3);
		expect(d7.requests).toHaveLength(12);
	});
});

describe('rate limits', () => {
	test('a 429 with Retry-After is waited for and retried: nothing was sent the first time', async () => {
		d7.fail({
			status: 429,
			body: { detail: 'Too many requests' },
			headers: { 'Retry-After': '0' },
		});
		const result = await sendAll(phones(1));
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.status).toBe('sent');
		expect(d7.requests).toHaveLength(2);
	});

	test('only the refused item is retried; the others are sent once', async () => {
		d7.fail({
			status: 429,
			body: { detail: 'Too many requests' },
			headers: { 'Retry-After': '0' },
		});
		const items = phones(5);
		const result = await sendAll(items, { batching: { batch: { batchSize: 1 } } });
		expect(result.error).toBeUndefined();
		expect(d7.requests).toHaveLength(6);
		const counts = {};
		for (const request of d7.requests)
			counts[request.body.recipient] = (counts[request.body.recipient] ?? 0) + 1;
		expect(Object.values(counts).sort()).toEqual([1, 1, 1, 1, 2]);
		expectInputOrder(result, items);
	});

	test('the retries are bounded: after 3 waits the item fails in words', async () => {
		d7.fail({
			status: 429,
			body: { detail: 'Too many requests' },
			headers: { 'Retry-After': '0' },
			times: 10,
		});
		const result = await sendAll(phones(1));
		expect(result.error.message).toBe(
			'D7 Networks: too many requests, D7 Networks refused this one',
		);
		expect(result.error.description).toMatch(/Nothing was sent for this item/);
		expect(d7.requests).toHaveLength(4);
	});

	test('a 429 without Retry-After is not retried', async () => {
		d7.fail({ status: 429, body: { detail: 'Too many requests' } });
		const result = await sendAll(phones(1));
		expect(result.error.message).toMatch(/too many requests/);
		expect(d7.requests).toHaveLength(1);
	});

	test('a Retry-After longer than a minute is not waited for', async () => {
		d7.fail({
			status: 429,
			body: { detail: 'Too many requests' },
			headers: { 'Retry-After': '3600' },
		});
		const result = await sendAll(phones(1));
		expect(result.error.message).toMatch(/too many requests/);
		expect(d7.requests).toHaveLength(1);
	});

	test.each([500, 502, 503])('a %i is never retried for a send', async (status) => {
		d7.fail({ status, body: { detail: 'down' }, headers: { 'Retry-After': '0' } });
		const result = await sendAll(phones(1));
		expect(result.error).toBeDefined();
		expect(d7.requests).toHaveLength(1);
	});
});
