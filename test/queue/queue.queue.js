'use strict';
// n8n in queue mode, for real: PostgreSQL, Redis, one main taking the webhooks and two
// `n8n worker --concurrency=2` processes, each loading this package from its own user folder.
// Webhook → Send, 500 calls with a number each (at most 50 at once), against the sandbox.
const {
	startQueueCluster,
	runLoad,
	runLoadWithKill,
	phoneNumbers,
} = require('../../scripts/queue-cluster');

const CALLS = 500;
const PARALLEL = 50;
const LATENCY_MS = 100;
let cluster;

beforeAll(
	async () => {
		cluster = await startQueueCluster({
			workers: 2,
			concurrency: 2,
			latencyMs: LATENCY_MS,
			log: (line) => process.stderr.write(`[queue] ${line}\n`),
		});
	},
	5 * 60 * 1000,
);

afterAll(
	async () => {
		if (cluster) await cluster.stop();
	},
	2 * 60 * 1000,
);

const report = (result) =>
	process.stderr.write(
		`[queue] ${result.vendor}: ${result.calls} calls in ${(result.loadMs / 1000).toFixed(1)} s (${result.executionsPerSecond.toFixed(1)} executions/s); ` +
			`executions ${JSON.stringify(result.statuses)}; per worker ${JSON.stringify(result.perWorker)}; sends ${result.sends}` +
			`${result.vendor === 'valify' ? `; token exchanges ${result.tokenExchanges}, calls refused for a spent token ${result.refusedTokenCalls}` : ''}\n`,
	);

function expectEveryNumberSentOnce(result, phones) {
	expect(result.failedAnswers).toEqual([]);
	expect(result.answeredSent).toBe(phones.length);
	expect(result.statuses).toEqual({ success: phones.length });
	expect(result.sends).toBe(phones.length);
	expect(result.sentTwice).toEqual([]);
	expect(result.neverSent).toEqual([]);
	expect(result.strangers).toEqual([]);
	// Both workers ran a share, and every execution was started by exactly one of them.
	expect(result.unattributed).toBe(0);
	expect(Object.keys(result.perWorker).sort()).toEqual(['worker1', 'worker2']);
	for (const count of Object.values(result.perWorker)) expect(count).toBeGreaterThan(0);
}

test('D7 Networks: 500 webhook calls, 500 executions succeed, one send per number, both workers run a share', async () => {
	const phones = phoneNumbers('d7Networks', CALLS);
	const result = await runLoad(cluster, { vendor: 'd7Networks', phones, parallel: PARALLEL });
	report(result);
	expectEveryNumberSentOnce(result, phones);
});

test('Valify: 500 calls, one send per number; the token (3 calls each) is shared through the credential in Postgres', async () => {
	const phones = phoneNumbers('valify', CALLS);
	const result = await runLoad(cluster, { vendor: 'valify', phones, parallel: PARALLEL });
	report(result);
	expectEveryNumberSentOnce(result, phones);
	// Each token serves 3 calls, so at least ⌈500 / 3⌉ exchanges. Executions running at once read
	// the same stored token; the fourth caller is refused (nothing sent) and exchanges a new one.
	expect(result.tokenExchanges).toBeGreaterThanOrEqual(Math.ceil(CALLS / 3));
	expect(result.sendRequests).toBe(CALLS + result.refusedTokenCalls);
	// A refused call is retried with a new token: never more than one refusal per exchange.
	expect(result.refusedTokenCalls).toBeLessThanOrEqual(result.tokenExchanges);
});

test('a worker killed with SIGKILL mid-flight: no number is sent twice; lost and crashed-after-sending are measured', async () => {
	const phones = phoneNumbers('d7Networks', 120, CALLS);
	// A slower vendor, so that the killed worker surely has sends in flight.
	const result = await runLoadWithKill(cluster, {
		vendor: 'd7Networks',
		phones,
		parallel: PARALLEL,
		latencyMs: 300,
		worker: cluster.workers[0],
		afterSends: 20,
	});
	report(result);
	process.stderr.write(
		`[queue] killed worker1 after ${result.killedAt} sends with ${result.inFlightAtKill} execution(s) in flight: ` +
			`numbers sent twice ${result.sentTwice.length}, never sent ${result.neverSent.length}, ` +
			`crashed executions whose OTP went out ${result.crashedButSent}, crashed before sending ${result.crashedNotSent}; ` +
			`their callers were answered ${(result.crashedAnsweredAfterMs / 1000).toFixed(1)} s after the kill with ` +
			`${JSON.stringify(result.failedAnswers.map((answer) => answer.status ?? answer.error))}\n`,
	);
	expect(result.inFlightAtKill).toBeGreaterThan(0);
	expect(result.sentTwice).toEqual([]);
	expect(result.strangers).toEqual([]);
	// n8n 2.x never re-runs a stalled job: the killed worker's executions (at most its
	// concurrency) end in error; all the others succeed.
	const crashed = result.failedPhones.length;
	expect(crashed).toBeGreaterThan(0);
	expect(crashed).toBeLessThanOrEqual(cluster.concurrency);
	expect((result.statuses.error || 0) + (result.statuses.crashed || 0)).toBe(crashed);
	expect(result.statuses.success).toBe(phones.length - crashed);
	// Every number whose execution succeeded was sent exactly once.
	expect(result.neverSent.length).toBe(result.crashedNotSent);
});
