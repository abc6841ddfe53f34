#!/usr/bin/env node
'use strict';
// Throughput benchmark: our nodes on n8n-core's real engine against the loopback D7 simulator.
// Prints its figures as ratios measured in this one run; the last line is one JSON object.
//   npm run bench            (builds first; needs the npm registry once, to fetch n8n's HTTP Request node)
// BENCH_SENDS (1000), BENCH_OVERHEAD_ITEMS (1000), BENCH_WARMUP_RUNS (2), BENCH_REPEATS (3) set the counts;
// BENCH_ITEM_SIZES (1000,10000,100000) the sizes of one execution; BENCH_QUEUE=0 skips queue mode.
const { execFile, execFileSync, spawn } = require('node:child_process');
const { promisify } = require('node:util');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const LATENCY_MS = 50;
const SENDS = Number(process.env.BENCH_SENDS ?? 1000);
const OVERHEAD_ITEMS = Number(process.env.BENCH_OVERHEAD_ITEMS ?? 1000);
const WARMUP_RUNS = Math.max(1, Number(process.env.BENCH_WARMUP_RUNS ?? 2));
const REPEATS = Math.max(1, Number(process.env.BENCH_REPEATS ?? 3));
const NODES_BASE_VERSION = '2.11.2';
const API_TOKEN = 'sandbox-d7-token';
const ITEM_SIZES = (process.env.BENCH_ITEM_SIZES || '1000,10000,100000').split(',').map(Number);

/**
 * n8n's own HTTP Request node, from the published n8n-nodes-base package, unpacked into
 * .cache/bench/node_modules (under a node_modules folder, so linters and tools leave it alone).
 */
function loadHttpRequestNode() {
	const dir = path.join(ROOT, '.cache', 'bench');
	const packageDir = path.join(dir, 'node_modules', 'n8n-nodes-base');
	const entry = path.join(packageDir, 'dist', 'nodes', 'HttpRequest', 'HttpRequest.node.js');
	if (!fs.existsSync(entry)) {
		fs.mkdirSync(dir, { recursive: true });
		console.error(`Fetching n8n-nodes-base@${NODES_BASE_VERSION} for its HTTP Request node…`);
		execFileSync('npm', ['pack', `n8n-nodes-base@${NODES_BASE_VERSION}`, '--silent'], {
			cwd: dir,
			stdio: ['ignore', 'ignore', 'inherit'],
		});
		const tarball = path.join(dir, `n8n-nodes-base-${NODES_BASE_VERSION}.tgz`);
		const wanted = JSON.parse(
			execFileSync('tar', ['xzOf', tarball, 'package/package.json']).toString(),
		).dependencies;
		// The HTTP Request node's helpers need these four beyond what n8n-core brings. They are
		// installed first: npm would prune a package it did not install itself.
		const extra = ['@mozilla/readability', 'cheerio', 'html-to-text', 'jsdom'].map(
			(name) => `${name}@${wanted[name]}`,
		);
		fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"bench-deps","private":true}\n');
		execFileSync(
			'npm',
			['install', '--ignore-scripts', '--no-audit', '--no-fund', '--no-save', '--silent', ...extra],
			{
				cwd: dir,
				stdio: ['ignore', 'ignore', 'inherit'],
			},
		);
		fs.mkdirSync(packageDir, { recursive: true });
		execFileSync('tar', ['xzf', tarball, '--strip-components=1', '-C', packageDir]);
		if (!fs.existsSync(entry)) throw new Error('n8n-nodes-base could not be unpacked');
	}
	const { HttpRequest } = require(entry);
	return new HttpRequest();
}

/** Sends with plain node:http, `concurrency` at a time, as a baseline for the engine's cost. */
async function rawHttpSends(url, count, concurrency) {
	const http = require('node:http');
	const body = JSON.stringify({ recipient: '+971501234567', content: 'Your code is {}' });
	const post = () =>
		new Promise((resolve, reject) => {
			const request = http.request(
				`${url}/verify/v1/otp/send-otp`,
				{
					method: 'POST',
					agent: false,
					headers: { 'content-type': 'application/json', authorization: `Bearer ${API_TOKEN}` },
				},
				(response) => {
					response.resume();
					response.on('end', resolve);
				},
			);
			request.on('error', reject);
			request.end(body);
		});
	let next = 0;
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < count) {
				next++;
				await post();
			}
		}),
	);
}

function seconds(ms) {
	return `${(ms / 1000).toFixed(2)} s`;
}

async function timed(fn) {
	const start = process.hrtime.bigint();
	const result = await fn();
	return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

function expectAllSent(result, count, label) {
	const sent = result.items.filter(
		(item) => item.json.status === 'sent' || item.json.otp_id,
	).length;
	if (result.error || sent !== count) {
		throw new Error(
			`${label}: expected ${count} sends, got ${sent}${result.error ? ` (${result.error.message})` : ''}`,
		);
	}
}

/** The vendor runs in its own process, as a real vendor would: its work is not counted as ours. */
async function startSandbox() {
	const child = spawn(
		process.execPath,
		[path.join(ROOT, 'simulators', 'serve.js'), '--port', '0', '--quiet'],
		{
			stdio: ['ignore', 'pipe', 'inherit'],
		},
	);
	const urls = await new Promise((resolve, reject) => {
		let buffered = '';
		child.stdout.on('data', (chunk) => {
			buffered += chunk;
			if (buffered.includes('\n')) resolve(JSON.parse(buffered.split('\n')[0]));
		});
		child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
	});
	const url = urls.d7Networks;
	const control = async (what) => (await fetch(`${url}/__sandbox/${what}`)).json();
	return {
		url,
		reset: () => control('reset'),
		latency: (ms) => control(`latency/${ms}`),
		stats: () => control('stats'),
		stop: () => child.kill('SIGTERM'),
	};
}

async function main() {
	const { runNode, addNodeType, shutdownEngine } = require('../test/harness/engine');
	const d7 = await startSandbox();
	const url = d7.url;
	const credentials = {
		d7NetworksApi: { environment: 'custom', baseUrl: url, apiToken: API_TOKEN },
	};
	const items = (count) =>
		Array.from({ length: count }, (_, index) => ({ phone: `+9715${String(10000000 + index)}` }));
	const sendParameters = (options = {}) => ({
		resource: 'otp',
		operation: 'send',
		recipient: '={{ $json.phone }}',
		messageType: 'content',
		content: 'Your code is {}',
		options,
	});

	const concurrency = 10;
	const idealMs = Math.ceil(SENDS / concurrency) * LATENCY_MS;
	// Every measured run starts from a sandbox with nothing recorded and the latency it needs.
	const freshSandbox = async (latency) => {
		await d7.reset();
		await d7.latency(latency);
	};
	const defaultRun = async (latency) => {
		await freshSandbox(latency);
		const run = await timed(() =>
			runNode({
				nodeType: 'd7Networks',
				parameters: sendParameters(),
				credentials,
				items: items(SENDS),
			}),
		);
		expectAllSent(run.result, SENDS, 'default settings');
		return { ms: run.ms, ...(await d7.stats()) };
	};
	const rawRun = async () => {
		await freshSandbox(LATENCY_MS);
		return (await timed(() => rawHttpSends(url, SENDS, concurrency))).ms;
	};
	const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
	const list = (values) => values.map((ms) => (ms / idealMs).toFixed(3)).join(', ');

	// Warm-up: an n8n worker that sends codes all day runs warm (V8 has optimised the hot code by
	// then), so the figures are taken after WARMUP_RUNS untimed runs; the first one is shown as "cold".
	const cold = await defaultRun(LATENCY_MS);
	for (let run = 1; run < WARMUP_RUNS; run++) await defaultRun(LATENCY_MS);

	// 1. 1,000 sends at default settings (10 in flight) with 50 ms vendor latency, vs 1 in flight.
	const concurrentRuns = [];
	let maxInFlight = 0;
	for (let run = 0; run < REPEATS; run++) {
		const measured = await defaultRun(LATENCY_MS);
		concurrentRuns.push(measured.ms);
		maxInFlight = Math.max(maxInFlight, measured.maxInFlight);
	}
	// The floor of this setup: plain node:http, no n8n, 10 in flight, a new connection per request
	// (as n8n opens), against the same sandbox with the same latency.
	const rawRuns = [];
	for (let run = 0; run < REPEATS; run++) rawRuns.push(await rawRun());
	// The same sends against a vendor whose latency varies (25 to 75 ms, 50 on average), as a real
	// one's does: its answers no longer land all at once.
	const jitter = `${LATENCY_MS / 2}-${(LATENCY_MS * 3) / 2}`;
	const jitterRuns = [];
	for (let run = 0; run < REPEATS; run++) jitterRuns.push((await defaultRun(jitter)).ms);
	await freshSandbox(LATENCY_MS);
	const sequential = await timed(() =>
		runNode({
			nodeType: 'd7Networks',
			parameters: sendParameters({ batching: { batch: { batchSize: 1 } } }),
			credentials,
			items: items(SENDS),
		}),
	);
	expectAllSent(sequential.result, SENDS, 'one at a time');
	const concurrentMs = median(concurrentRuns);
	const idealRatio = concurrentMs / idealMs;
	const rawRatio = median(rawRuns) / idealMs;
	const jitterRatio = median(jitterRuns) / idealMs;
	const speedupVsSequential = sequential.ms / concurrentMs;
	console.log(
		`1. ${SENDS} D7 sends, ${LATENCY_MS} ms vendor latency, ratios to the ideal ${seconds(idealMs)} (median of ${REPEATS} runs, each listed)`,
	);
	console.log(
		`   cold (first run of the process): ${seconds(cold.ms)}; ratio ${(cold.ms / idealMs).toFixed(3)}`,
	);
	console.log(
		`   default (${concurrency} in flight, max seen ${maxInFlight}): ${seconds(concurrentMs)}; ratio ${idealRatio.toFixed(3)} (goal ≤ 1.2) [${list(concurrentRuns)}]`,
	);
	console.log(
		`   floor of this setup (plain node:http, no n8n, 10 in flight): ${seconds(median(rawRuns))}; ratio ${rawRatio.toFixed(3)} [${list(rawRuns)}]`,
	);
	console.log(
		`   default, vendor latency varying ${jitter} ms: ${seconds(median(jitterRuns))}; ratio ${jitterRatio.toFixed(3)} [${list(jitterRuns)}]`,
	);
	console.log(
		`   one at a time: ${seconds(sequential.ms)}; default is ${speedupVsSequential.toFixed(2)}× faster (goal ≥ 8)`,
	);

	// 2. Per-item overhead, no latency: our node vs n8n's HTTP Request node doing the same POST.
	await addNodeType('n8n-nodes-base.httpRequest', loadHttpRequestNode());
	const httpParameters = {
		method: 'POST',
		url: `${url}/verify/v1/otp/send-otp`,
		sendHeaders: true,
		headerParameters: { parameters: [{ name: 'Authorization', value: `Bearer ${API_TOKEN}` }] },
		sendBody: true,
		specifyBody: 'json',
		jsonBody: '={{ JSON.stringify({ recipient: $json.phone, content: "Your code is {}" }) }}',
		options: { batching: { batch: { batchSize: 10, batchInterval: 0 } } },
	};
	await freshSandbox(0);
	await runNode({
		nodeType: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: httpParameters,
		items: items(20),
	});
	const rounds = 5;
	let oursMs = 0;
	let httpMs = 0;
	for (let round = 0; round < rounds; round++) {
		await d7.reset();
		const http = await timed(() =>
			runNode({
				nodeType: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				parameters: httpParameters,
				items: items(OVERHEAD_ITEMS),
			}),
		);
		expectAllSent(http.result, OVERHEAD_ITEMS, 'HTTP Request node');
		httpMs += http.ms;
		await d7.reset();
		const ours = await timed(() =>
			runNode({
				nodeType: 'd7Networks',
				parameters: sendParameters(),
				credentials,
				items: items(OVERHEAD_ITEMS),
			}),
		);
		expectAllSent(ours.result, OVERHEAD_ITEMS, 'D7 node');
		oursMs += ours.ms;
	}
	const perItemOurs = oursMs / (rounds * OVERHEAD_ITEMS);
	const perItemHttp = httpMs / (rounds * OVERHEAD_ITEMS);
	const overheadVsHttpRequest = perItemOurs / perItemHttp;
	console.log(
		`2. per item, no latency, ${OVERHEAD_ITEMS} items × ${rounds} rounds, 10 in flight each`,
	);
	console.log(
		`   our D7 node ${perItemOurs.toFixed(3)} ms; n8n HTTP Request node ${perItemHttp.toFixed(3)} ms; ratio ${overheadVsHttpRequest.toFixed(3)} (goal ≤ 1.0)`,
	);

	// 4. One execution, 1k to 100k items (no latency, default concurrency), each size in a fresh
	// process (bench/items.js, warmed with 1,000 items first) so that its peak memory is its own.
	const scaling = {};
	for (const size of ITEM_SIZES) {
		await freshSandbox(0);
		// Asynchronously: a blocked event loop would let the sandbox close our idle connections.
		const { stdout } = await promisify(execFile)(
			process.execPath,
			['--expose-gc', path.join(__dirname, 'items.js'), url, String(size)],
			{ cwd: ROOT, maxBuffer: 1 << 20 },
		);
		const figures = JSON.parse(stdout.trim().split('\n').pop());
		scaling[size] = {
			msPerItem: figures.ms / size,
			rssPerItem: (figures.peakRssBytes - figures.baseRssBytes) / size,
			heapPerItem: (figures.peakHeapBytes - figures.baseHeapBytes) / size,
			ms: figures.ms,
		};
	}
	const [smallest, middle, largest] = ITEM_SIZES;
	const perItemRatio100k = scaling[largest].msPerItem / scaling[smallest].msPerItem;
	const heapRatio = scaling[largest].heapPerItem / scaling[middle].heapPerItem;
	const rssRatio = scaling[largest].rssPerItem / scaling[middle].rssPerItem;
	const memPerItemRatio100k = Math.max(heapRatio, rssRatio);
	const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
	console.log(
		`4. one execution of ${ITEM_SIZES.join(' / ')} items, no latency, default concurrency (a fresh process each)`,
	);
	for (const size of ITEM_SIZES) {
		const figure = scaling[size];
		console.log(
			`   ${size} items: ${seconds(figure.ms)}, ${figure.msPerItem.toFixed(3)} ms/item (${(figure.msPerItem / scaling[smallest].msPerItem).toFixed(2)}× of ${smallest}); ` +
				`peak RSS ${kB(figure.rssPerItem)}/item, heap ${kB(figure.heapPerItem)}/item`,
		);
	}
	console.log(
		`   time/item at ${largest} vs ${smallest}: ${perItemRatio100k.toFixed(2)}× (goal ≤ 1.15); memory/item at ${largest} vs ${middle}: heap ${heapRatio.toFixed(2)}×, RSS ${rssRatio.toFixed(2)}× (goal ≤ 1.2)`,
	);

	d7.stop();
	shutdownEngine();

	// 3. Load time in a fresh process, packed size, runtime dependencies.
	const pkg = require('../package.json');
	const files = [...pkg.n8n.nodes, ...pkg.n8n.credentials].map((file) => path.join(ROOT, file));
	const loadScript = `require('n8n-workflow');const s=process.hrtime.bigint();for(const f of ${JSON.stringify(files)})require(f);console.log(Number(process.hrtime.bigint()-s)/1e6)`;
	const loads = Array.from({ length: 5 }, () =>
		Number(execFileSync(process.execPath, ['-e', loadScript], { cwd: ROOT }).toString().trim()),
	);
	const loadMs = loads.sort((a, b) => a - b)[2];
	const packed = JSON.parse(
		execFileSync('npm', ['pack', '--dry-run', '--json', '--silent'], { cwd: ROOT }).toString(),
	);
	const tarballBytes = packed[0].size;
	const runtimeDeps = Object.keys(pkg.dependencies ?? {}).length;
	console.log(
		`3. load all ${files.length} node and credential files in a fresh process: ${loadMs.toFixed(1)} ms (median of 5, goal ≤ 20)`,
	);
	console.log(
		`   packed tarball ${(tarballBytes / 1024).toFixed(1)} kB (goal ≤ 100 kB); runtime dependencies: ${runtimeDeps}`,
	);

	// 5. Queue mode (bench/queue.js): Postgres, Redis, n8n main and one, then two workers.
	let queue = {
		queueWorkersSpeedup: null,
		queueDuplicatesAfterKill: null,
		queueLostAfterKill: null,
	};
	if (process.env.BENCH_QUEUE !== '0') {
		const out = execFileSync(process.execPath, [path.join(__dirname, 'queue.js')], {
			cwd: ROOT,
			stdio: ['ignore', 'pipe', 'inherit'],
			maxBuffer: 1 << 20,
		});
		const lines = out.toString().trim().split('\n');
		console.log('5. queue mode (bench/queue.js)');
		for (const line of lines.slice(0, -1)) console.log(`   ${line}`);
		queue = JSON.parse(lines.pop());
	}

	const figures = {
		idealRatio: Number(idealRatio.toFixed(3)),
		floorIdealRatio: Number(rawRatio.toFixed(3)),
		jitterIdealRatio: Number(jitterRatio.toFixed(3)),
		coldIdealRatio: Number((cold.ms / idealMs).toFixed(3)),
		speedupVsSequential: Number(speedupVsSequential.toFixed(2)),
		overheadVsHttpRequest: Number(overheadVsHttpRequest.toFixed(3)),
		loadMs: Number(loadMs.toFixed(1)),
		tarballBytes,
		runtimeDeps,
		perItemRatio100k: Number(perItemRatio100k.toFixed(3)),
		memPerItemRatio100k: Number(memPerItemRatio100k.toFixed(3)),
		queueWorkersSpeedup: queue.queueWorkersSpeedup,
		queueDuplicatesAfterKill: queue.queueDuplicatesAfterKill,
		queueLostAfterKill: queue.queueLostAfterKill,
	};
	console.log(JSON.stringify(figures));
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
