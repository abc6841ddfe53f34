// The waits the README promises, measured from the times the vendor simulator recorded for each
// request (when it arrived, when its answer left), never from a stopwatch around the test.
const { runNode } = require('./harness/engine');
const { vendors } = require('./reliability/vendors');

const RETRY_AFTER_SECONDS = 1;
// Timers may fire a millisecond early by Date.now()'s reckoning.
const TIMER_SLACK_MS = 5;

const d7 = vendors.find((vendor) => vendor.node === 'd7Networks');
const turkeySms = vendors.find((vendor) => vendor.node === 'turkeySms');

function startSimulator(vendor) {
	const state = {};
	beforeAll(async () => {
		state.simulator = vendor.simulator(vendor.secrets);
		state.credentials = vendor.credentials(await state.simulator.start(), vendor.secrets);
	});
	afterAll(async () => state.simulator.stop());
	beforeEach(() => state.simulator.reset());
	return state;
}

/** Milliseconds between a request's answer and the arrival of the one after it. */
function gapsBetween(requests) {
	return requests.slice(1).map((request, index) => request.receivedAt - requests[index].answeredAt);
}

describe('a rate-limit refusal is waited for before the retry', () => {
	describe('D7 Networks: HTTP 429 with Retry-After', () => {
		const d7State = startSimulator(d7);
		const send = (items = [{}]) =>
			runNode({
				nodeType: 'd7Networks',
				parameters: { resource: 'otp', operation: 'send', ...d7.operations[0].parameters },
				credentials: d7State.credentials,
				items,
			});

		test(`Retry-After: ${RETRY_AFTER_SECONDS} — the retry reaches D7 no sooner than ${RETRY_AFTER_SECONDS} s after the refusal`, async () => {
			d7State.simulator.fail({
				status: 429,
				body: { detail: 'Too many requests' },
				headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
			});
			const result = await send();
			expect(result.error).toBeUndefined();
			expect(result.items[0].json.status).toBe('sent');
			const requests = d7State.simulator.requestsTo('/verify/v1/otp/send-otp');
			expect(requests).toHaveLength(2);
			for (const gap of gapsBetween(requests))
				expect(gap).toBeGreaterThanOrEqual(RETRY_AFTER_SECONDS * 1000 - TIMER_SLACK_MS);
		});

		test('Retry-After as an HTTP date is waited for too', async () => {
			// An HTTP date has whole seconds: the next second but one is at least a second away.
			const at = new Date(Math.ceil(Date.now() / 1000) * 1000 + 1000).toUTCString();
			d7State.simulator.fail({
				status: 429,
				body: { detail: 'Too many requests' },
				headers: { 'Retry-After': at },
			});
			const result = await send();
			expect(result.error).toBeUndefined();
			const requests = d7State.simulator.requestsTo('/verify/v1/otp/send-otp');
			expect(requests).toHaveLength(2);
			expect(requests[1].receivedAt).toBeGreaterThanOrEqual(Date.parse(at) - TIMER_SLACK_MS);
		});
	});

	describe('TurkeySMS: TS-1060 per-minute rate limit', () => {
		const turkeyState = startSimulator(turkeySms);

		test(`Retry-After: ${RETRY_AFTER_SECONDS} — the retry reaches TurkeySMS no sooner than ${RETRY_AFTER_SECONDS} s after the refusal`, async () => {
			turkeyState.simulator.fail({
				status: 403,
				body: {
					result: false,
					result_code: 'TS-1060',
					result_message: 'Per-minute rate limit exceeded.',
				},
				headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
			});
			const result = await runNode({
				nodeType: 'turkeySms',
				parameters: { resource: 'otp', operation: 'send', ...turkeySms.operations[0].parameters },
				credentials: turkeyState.credentials,
			});
			expect(result.error).toBeUndefined();
			expect(result.items[0].json.status).toBe('sent');
			const requests = turkeyState.simulator.requestsTo('/otp/send');
			expect(requests).toHaveLength(2);
			expect(gapsBetween(requests)[0]).toBeGreaterThanOrEqual(
				RETRY_AFTER_SECONDS * 1000 - TIMER_SLACK_MS,
			);
		});
	});
});

describe('Batch Interval', () => {
	const d7State = startSimulator(d7);
	const phones = (count) =>
		Array.from({ length: count }, (_, index) => ({ phone: `+9715${String(20000000 + index)}` }));

	test.each([
		[3, 250, 8],
		[1, 150, 3],
	])(
		'Items per Batch %i, Batch Interval %i ms: batches never overlap and start that long after the previous one ended',
		async (batchSize, batchInterval, count) => {
			const { simulator } = d7State;
			simulator.latencyMs = 20;
			const items = phones(count);
			const result = await runNode({
				nodeType: 'd7Networks',
				parameters: {
					resource: 'otp',
					operation: 'send',
					...d7.operations[0].parameters,
					recipient: '={{ $json.phone }}',
					options: { batching: { batch: { batchSize, batchInterval } } },
				},
				credentials: d7State.credentials,
				items,
			});
			expect(result.error).toBeUndefined();
			expect(result.items.map((item) => item.json.recipient)).toEqual(
				items.map((item) => item.phone),
			);
			const requests = [...simulator.requests].sort((a, b) => a.receivedAt - b.receivedAt);
			expect(requests).toHaveLength(count);
			const batches = [];
			for (let start = 0; start < requests.length; start += batchSize)
				batches.push(requests.slice(start, start + batchSize));
			expect(batches).toHaveLength(Math.ceil(count / batchSize));
			for (let index = 1; index < batches.length; index++) {
				const previousEnded = Math.max(...batches[index - 1].map((request) => request.answeredAt));
				const nextStarted = Math.min(...batches[index].map((request) => request.receivedAt));
				expect(nextStarted - previousEnded).toBeGreaterThanOrEqual(batchInterval - TIMER_SLACK_MS);
			}
		},
	);
});
