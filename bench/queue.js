#!/usr/bin/env node
'use strict';
// Queue-mode benchmark: executions per second of Webhook → D7 Networks Send with one n8n worker,
// then with two, same load, vendor latency 200 ms, each worker `n8n worker --concurrency=2` (small,
// so that the run is bound by the vendor's latency and not by this machine's CPU). Then one worker
// is killed with SIGKILL mid-flight and the numbers sent twice / never sent are counted.
//   npm run bench:queue      (also run by `npm run bench`; the last line is one JSON object)
// BENCH_QUEUE_CALLS (150) sets the calls per measured load.
const {
	startQueueCluster,
	runLoad,
	runLoadWithKill,
	phoneNumbers,
} = require('../scripts/queue-cluster');

const LATENCY_MS = 200;
const CONCURRENCY = 2;
const CALLS = Number(process.env.BENCH_QUEUE_CALLS ?? 150);
const PARALLEL = 50;
const WARMUP_CALLS = 20;

async function main() {
	const log = (line) => console.error(`[queue] ${line}`);
	const cluster = await startQueueCluster({
		workers: 1,
		concurrency: CONCURRENCY,
		latencyMs: LATENCY_MS,
		log,
	});
	let offset = 0;
	const numbers = (count) => {
		const list = phoneNumbers('d7Networks', count, offset);
		offset += count;
		return list;
	};
	const load = async (calls) => {
		const result = await runLoad(cluster, {
			vendor: 'd7Networks',
			phones: numbers(calls),
			parallel: PARALLEL,
		});
		if (result.statuses.success !== calls || result.sends !== calls)
			throw new Error(
				`a load went wrong: ${JSON.stringify(result.statuses)}, ${result.sends} sends`,
			);
		return result;
	};
	try {
		await load(WARMUP_CALLS);
		const one = await load(CALLS);
		await cluster.startWorker();
		await load(WARMUP_CALLS);
		const two = await load(CALLS);
		const speedup = two.executionsPerSecond / one.executionsPerSecond;
		const ideal = (workers) => (workers * CONCURRENCY * 1000) / LATENCY_MS;
		console.log(
			`1. ${CALLS} webhook calls (${PARALLEL} at once), Webhook → D7 Networks Send, vendor latency ${LATENCY_MS} ms, n8n worker --concurrency=${CONCURRENCY}`,
		);
		console.log(
			`   one worker:  ${one.executionsPerSecond.toFixed(2)} executions/s (latency-bound ceiling ${ideal(1)}/s)`,
		);
		console.log(
			`   two workers: ${two.executionsPerSecond.toFixed(2)} executions/s (ceiling ${ideal(2)}/s), shares ${JSON.stringify(two.perWorker)}`,
		);
		console.log(`   two workers / one worker: ${speedup.toFixed(2)}×`);

		const kill = await runLoadWithKill(cluster, {
			vendor: 'd7Networks',
			phones: numbers(60),
			parallel: PARALLEL,
			worker: cluster.workers[0],
			afterSends: 15,
		});
		console.log(
			`2. worker1 killed with SIGKILL after ${kill.killedAt} sends, ${kill.inFlightAtKill} execution(s) in flight; executions ${JSON.stringify(kill.statuses)}`,
		);
		console.log(
			`   numbers sent twice ${kill.sentTwice.length}; never sent ${kill.neverSent.length}; crashed executions whose OTP went out ${kill.crashedButSent}`,
		);
		console.log(
			JSON.stringify({
				queueWorkersSpeedup: Number(speedup.toFixed(2)),
				queueOneWorkerExecutionsPerSecond: Number(one.executionsPerSecond.toFixed(2)),
				queueTwoWorkersExecutionsPerSecond: Number(two.executionsPerSecond.toFixed(2)),
				queueDuplicatesAfterKill: kill.sentTwice.length,
				queueLostAfterKill: kill.neverSent.length,
				queueCrashedButSentAfterKill: kill.crashedButSent,
			}),
		);
	} finally {
		await cluster.stop();
	}
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
