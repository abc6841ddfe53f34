#!/usr/bin/env node
'use strict';
// One execution of N items through the D7 Networks node (default concurrency, no added latency),
// in a fresh process so that its peak memory is its own. Run by bench/bench.js:
//   node --expose-gc bench/items.js <sandbox D7 URL> <items>
// Prints one JSON line: { items, ms, peakRssBytes, peakHeapBytes, baseRssBytes, baseHeapBytes }.
const { runNode, shutdownEngine } = require('../test/harness/engine');

const [url, countText] = process.argv.slice(2);
const count = Number(countText);
const WARMUP_ITEMS = 1000;
const credentials = {
	d7NetworksApi: { environment: 'custom', baseUrl: url, apiToken: 'sandbox-d7-token' },
};
const parameters = {
	resource: 'otp',
	operation: 'send',
	recipient: '={{ $json.phone }}',
	messageType: 'content',
	content: 'Your code is {}',
	options: {},
};
const items = (n) =>
	Array.from({ length: n }, (_, index) => ({
		phone: `+9715${String(10000000 + (index % 90000000))}`,
	}));

async function run(n) {
	const result = await runNode({
		nodeType: 'd7Networks',
		parameters,
		credentials,
		items: items(n),
	});
	const sent = result.items.filter((item) => item.json.status === 'sent').length;
	if (result.error || sent !== n)
		throw new Error(
			`expected ${n} sends, got ${sent}${result.error ? ` (${result.error.message})` : ''}`,
		);
}

async function main() {
	// Warm: the engine and our code loaded and optimised, as in an n8n that has run for a while.
	await run(WARMUP_ITEMS);
	global.gc();
	const base = process.memoryUsage();
	let peakHeap = base.heapUsed;
	let peakRss = base.rss;
	const sampler = setInterval(() => {
		const now = process.memoryUsage();
		peakHeap = Math.max(peakHeap, now.heapUsed);
		peakRss = Math.max(peakRss, now.rss);
	}, 20);
	const start = process.hrtime.bigint();
	await run(count);
	const ms = Number(process.hrtime.bigint() - start) / 1e6;
	clearInterval(sampler);
	const now = process.memoryUsage();
	peakHeap = Math.max(peakHeap, now.heapUsed);
	peakRss = Math.max(peakRss, now.rss);
	shutdownEngine();
	console.log(
		JSON.stringify({
			items: count,
			ms,
			peakRssBytes: peakRss,
			peakHeapBytes: peakHeap,
			baseRssBytes: base.rss,
			baseHeapBytes: base.heapUsed,
		}),
	);
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
