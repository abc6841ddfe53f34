'use strict';
/**
 * n8n in queue mode on loopback, for `npm run test:queue` and the queue benchmark: PostgreSQL,
 * Redis, the vendor sandbox, one n8n main (EXECUTIONS_MODE=queue: it takes the webhooks and puts
 * each execution on the Redis queue) and any number of `n8n worker` processes. Every n8n process
 * has its own user folder with this package installed as a community package, as on separate
 * machines; they share the database, the queue and one encryption key.
 *
 * Needs the Debian packages `postgresql` and `redis-server` (initdb/pg_ctl from
 * /usr/lib/postgresql/<version>/bin; run as the `postgres` user when we are root).
 *
 *   const cluster = await startQueueCluster({ workers: 2, concurrency: 2, latencyMs: 100 });
 *   await cluster.webhook('otp-d7', { phone: '+971501234567' });
 *   await cluster.stop();
 */
const childProcess = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const runtime = require('./n8n-runtime');
const { sleep } = require('./runtime/util');
const kit = require('./sandbox-kit');

/**
 * n8n's Bull settings, shortened so that a job whose worker died is declared stalled within
 * seconds instead of about 1.5 minutes (defaults: lock 60 s, renewed every 10 s, checked every 30 s).
 */
const FAST_STALL_SETTINGS = {
	QUEUE_WORKER_LOCK_DURATION: '10000',
	QUEUE_WORKER_LOCK_RENEW_TIME: '2500',
	QUEUE_WORKER_STALLED_INTERVAL: '5000',
};

/** The newest /usr/lib/postgresql/<version>/bin, or the directory of `initdb` on PATH. */
function postgresBinDir() {
	const root = '/usr/lib/postgresql';
	if (fs.existsSync(root)) {
		const versions = fs
			.readdirSync(root)
			.filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')));
		versions.sort((a, b) => Number(b) - Number(a));
		if (versions.length) return path.join(root, versions[0], 'bin');
	}
	for (const dir of (process.env.PATH || '').split(path.delimiter)) {
		if (dir && fs.existsSync(path.join(dir, 'initdb'))) return dir;
	}
	throw new Error('PostgreSQL is not installed (no initdb): apt-get install -y postgresql');
}

/** PostgreSQL refuses to run as root: as root, its tools run as the `postgres` user. */
function asPostgresUser(command, args) {
	if (process.getuid && process.getuid() === 0)
		return ['runuser', ['-u', 'postgres', '--', command, ...args]];
	return [command, args];
}

function runSync(command, args, options = {}) {
	const result = childProcess.spawnSync(command, args, { encoding: 'utf8', ...options });
	if (result.status !== 0) {
		throw new Error(
			`${command} ${args.join(' ')} failed (${result.error ? result.error.message : `exit ${result.status}`}):\n${result.stdout}${result.stderr}`,
		);
	}
	return result.stdout;
}

/** A throwaway PostgreSQL cluster in `dir`, listening on 127.0.0.1:port, database `n8n`. */
async function startPostgres(dir) {
	const bin = postgresBinDir();
	const port = await kit.freePort();
	const data = path.join(dir, 'pg');
	fs.mkdirSync(data, { recursive: true, mode: 0o700 });
	if (process.getuid && process.getuid() === 0) {
		fs.chmodSync(dir, 0o755);
		runSync('chown', ['-R', 'postgres:postgres', data]);
	}
	runSync(
		...asPostgresUser(path.join(bin, 'initdb'), [
			'-D',
			data,
			'-A',
			'trust',
			'-U',
			'postgres',
			'-E',
			'UTF8',
			'--no-sync',
		]),
	);
	// A test database: durability is not wanted, speed is.
	const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${data} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100`;
	runSync(
		...asPostgresUser(path.join(bin, 'pg_ctl'), [
			'-D',
			data,
			'-o',
			options,
			'-l',
			path.join(data, 'server.log'),
			'-w',
			'-t',
			'60',
			'start',
		]),
	);
	const psqlArgs = [
		'-h',
		'127.0.0.1',
		'-p',
		String(port),
		'-U',
		'postgres',
		'-v',
		'ON_ERROR_STOP=1',
		'-At',
	];
	const psql = (sql, database = 'n8n') =>
		runSync(path.join(bin, 'psql'), [...psqlArgs, '-d', database, '-c', sql]).trim();
	psql('CREATE DATABASE n8n', 'postgres');
	return {
		port,
		psql,
		stop: () => {
			try {
				runSync(
					...asPostgresUser(path.join(bin, 'pg_ctl'), [
						'-D',
						data,
						'-m',
						'immediate',
						'-w',
						'stop',
					]),
				);
			} catch {
				/* already stopped */
			}
		},
	};
}

/** redis-server on 127.0.0.1:port, nothing saved to disk. */
async function startRedis(dir) {
	const port = await kit.freePort();
	const child = childProcess.spawn(
		'redis-server',
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
		],
		{ stdio: ['ignore', 'pipe', 'pipe'], detached: true },
	);
	let output = '';
	await new Promise((resolve, reject) => {
		const timer = setTimeout(
			() => reject(new Error(`redis-server did not start:\n${output}`)),
			15000,
		);
		child.on('error', (error) =>
			reject(
				new Error(`could not run redis-server (apt-get install -y redis-server): ${error.message}`),
			),
		);
		child.stdout.on('data', (chunk) => {
			output += chunk;
			if (/Ready to accept connections/.test(output)) {
				clearTimeout(timer);
				resolve();
			}
		});
		child.once('exit', (code) => reject(new Error(`redis-server exited (${code}):\n${output}`)));
	});
	child.stdout.resume();
	return { port, child, stop: () => kit.stopProcess(child, { graceMs: 3000 }) };
}

/** The workflow: Webhook (POST /webhook/<path>, answers with the send's output item) → one send. */
function webhookWorkflow({ id, webhookPath, vendor, parameters }) {
	return kit.prepareWorkflow({
		id,
		name: `Queue mode: webhook → ${vendor} send`,
		nodes: [
			{
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: crypto
					.createHash('md5')
					.update(id)
					.digest('hex')
					.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5'),
				parameters: {
					httpMethod: 'POST',
					path: webhookPath,
					responseMode: 'lastNode',
					responseData: 'firstEntryJson',
					options: {},
				},
			},
			{
				name: 'Send',
				type: `${kit.PACKAGE_NAME}.${vendor}`,
				typeVersion: 1,
				position: [220, 0],
				parameters,
			},
		],
		connections: { Webhook: { main: [[{ node: 'Send', type: 'main', index: 0 }]] } },
	});
}

/** The two workflows of the queue tests: D7 Networks (phone in body.phone) and Valify. */
const QUEUE_WORKFLOWS = [
	webhookWorkflow({
		id: 'queueD7Networks',
		webhookPath: 'otp-d7',
		vendor: 'd7Networks',
		parameters: {
			resource: 'otp',
			operation: 'send',
			recipient: '={{ $json.body.phone }}',
			messageType: 'content',
			content: 'Your code is {}',
		},
	}),
	webhookWorkflow({
		id: 'queueValify',
		webhookPath: 'otp-valify',
		vendor: 'valify',
		parameters: { resource: 'otp', operation: 'send', phoneNumber: '={{ $json.body.phone }}' },
	}),
];

/**
 * Waits until the main serves the POST webhook `webhookPath`. Asked with GET, so nothing runs:
 * n8n answers a registered POST webhook with "…not registered for GET requests…".
 */
async function waitForWebhook(baseUrl, webhookPath, timeoutMs = 60000) {
	const deadline = Date.now() + timeoutMs;
	let last = '';
	while (Date.now() < deadline) {
		try {
			last = await (await fetch(`${baseUrl}/webhook/${webhookPath}`)).text();
			if (/not registered for GET/i.test(last)) return;
		} catch (error) {
			last = error.message;
		}
		await sleep(500);
	}
	throw new Error(
		`the webhook ${webhookPath} was not registered (last answer: ${last.slice(0, 300)})`,
	);
}

/**
 * Starts everything. Options: workers (2), concurrency (2, each worker's --concurrency),
 * latencyMs (the sandbox's fixed latency), stallSettings (FAST_STALL_SETTINGS), log.
 * Resolves with the cluster; on failure everything started so far is stopped.
 */
async function startQueueCluster({
	workers = 2,
	concurrency = 2,
	latencyMs = 0,
	stallSettings = FAST_STALL_SETTINGS,
	log = () => {},
} = {}) {
	const rt = await runtime.ensureN8n({ log });
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otp-queue-'));
	const stops = []; // run in reverse order by stop()
	const processes = [];
	let stopped = false;
	const stop = async () => {
		if (stopped) return;
		stopped = true;
		for (const fn of stops.reverse()) {
			try {
				await fn();
			} catch {
				/* keep stopping the rest */
			}
		}
		if (process.env.OTP_QUEUE_KEEP) process.stderr.write(`kept ${dir}\n`);
		else fs.rmSync(dir, { recursive: true, force: true });
	};
	const exitHandler = () => {
		for (const { child } of processes) kit.killGroup(child.pid, 'SIGKILL');
		if (postgres) postgres.stop();
	};
	let postgres;
	process.once('exit', exitHandler);
	stops.push(() => process.removeListener('exit', exitHandler));
	try {
		let t = Date.now();
		const tarball = await kit.pack(path.join(dir, 'pack'));
		postgres = await startPostgres(dir);
		stops.push(() => postgres.stop());
		const redis = await startRedis(dir);
		stops.push(() => redis.stop());
		const sandbox = await kit.startSandbox({ port: 0, quiet: true });
		stops.push(() => sandbox.stop());
		log(`postgres :${postgres.port}, redis :${redis.port}, sandbox up (${Date.now() - t} ms)`);

		const sharedEnv = {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'postgres',
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			// One key for all: each user folder would otherwise make its own, and the workers could
			// not decrypt the credentials the main stored.
			N8N_ENCRYPTION_KEY: crypto.randomBytes(24).toString('hex'),
			N8N_LOG_LEVEL: 'info',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
			// Under jest NODE_ENV is "test", and an n8n worker then exits right after it starts.
			NODE_ENV: 'production',
			...stallSettings,
		};
		const userFolder = (name) => path.join(dir, name);
		const install = (name) =>
			runtime.installCommunityPackage({ userFolder: userFolder(name), spec: tarball, log });

		// The main's user folder: credentials and workflows go into Postgres through the n8n CLI.
		t = Date.now();
		await install('main');
		const importDir = path.join(dir, 'import');
		fs.mkdirSync(path.join(importDir, 'workflows'), { recursive: true });
		fs.writeFileSync(
			path.join(importDir, 'credentials.json'),
			JSON.stringify(kit.sandboxCredentials(sandbox.urls)),
		);
		for (const wf of QUEUE_WORKFLOWS)
			fs.writeFileSync(path.join(importDir, 'workflows', `${wf.id}.json`), JSON.stringify(wf));
		const cli = async (args) => {
			const result = await runtime.execN8n(args, {
				userFolder: userFolder('main'),
				env: sharedEnv,
				runtime: rt,
				timeoutMs: 5 * 60 * 1000,
			});
			if (result.code !== 0)
				throw new Error(
					`n8n ${args.join(' ')} failed (exit ${result.code}):\n${`${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-30).join('\n')}`,
				);
		};
		await cli(['import:credentials', `--input=${path.join(importDir, 'credentials.json')}`]);
		await cli(['import:workflow', '--separate', `--input=${path.join(importDir, 'workflows')}`]);
		for (const wf of QUEUE_WORKFLOWS) await cli(['publish:workflow', `--id=${wf.id}`]);
		log(
			`credentials and ${QUEUE_WORKFLOWS.length} published workflows in Postgres (${Date.now() - t} ms)`,
		);

		const spawnN8n = (name, args, env) => {
			const logFile = path.join(dir, `${name}.log`);
			const out = fs.openSync(logFile, 'w');
			const child = runtime.spawnN8n(args, {
				userFolder: userFolder(name),
				runtime: rt,
				env: { ...sharedEnv, ...env },
				stdio: ['ignore', out, out],
				spawnOptions: { detached: true },
			});
			fs.closeSync(out);
			const entry = { name, child, logFile, readLog: () => fs.readFileSync(logFile, 'utf8') };
			processes.push(entry);
			stops.push(() => kit.stopProcess(child, { graceMs: 10000 }));
			return entry;
		};
		const waitForLine = async (entry, pattern, timeoutMs = 180000) => {
			const deadline = Date.now() + timeoutMs;
			while (Date.now() < deadline) {
				if (pattern.test(entry.readLog())) return;
				if (entry.child.exitCode !== null || entry.child.signalCode !== null) break;
				await sleep(300);
			}
			throw new Error(
				`${entry.name} did not get ready:\n${entry.readLog().trim().split('\n').slice(-30).join('\n')}`,
			);
		};

		t = Date.now();
		const port = await kit.freePort();
		const baseUrl = `http://127.0.0.1:${port}`;
		const main = spawnN8n('main', ['start'], {
			N8N_PORT: String(port),
			WEBHOOK_URL: `${baseUrl}/`,
			...runtime.ownerEnv({ runtime: rt }),
		});
		const workerList = [];
		/** Starts one more `n8n worker --concurrency=<concurrency>` with its own user folder. */
		const startWorker = async () => {
			const name = `worker${workerList.length + 1}`;
			await install(name);
			const entry = spawnN8n(name, ['worker', `--concurrency=${concurrency}`], {});
			workerList.push(entry);
			await waitForLine(entry, /n8n worker is now ready/);
			return entry;
		};
		const mainReady = runtime.waitForN8n({ baseUrl, child: main.child, timeoutMs: 180000 });
		mainReady.catch(() => {});
		for (let i = 0; i < workers; i++) await startWorker();
		try {
			await mainReady;
		} catch (error) {
			throw new Error(
				`${error.message}\n${main.readLog().trim().split('\n').slice(-30).join('\n')}`,
			);
		}
		// The main activates the published workflows (registers their webhooks) as it starts.
		for (const wf of QUEUE_WORKFLOWS) await waitForWebhook(baseUrl, wf.nodes[0].parameters.path);
		log(`main and ${workers} worker(s) ready (${Date.now() - t} ms)`);

		const control = async (vendor, what) =>
			(await fetch(`${sandbox.urls[vendor]}/__sandbox/${what}`)).json();
		const cluster = {
			dir,
			baseUrl,
			main,
			workers: workerList,
			concurrency,
			sandbox,
			psql: postgres.psql,
			startWorker,
			stop,
			/** Forgets the sandbox's recorded requests and sets its fixed latency again. */
			resetSandbox: async (ms = latencyMs) => {
				for (const vendor of Object.keys(sandbox.urls)) {
					await control(vendor, 'reset');
					await control(vendor, `latency/${ms}`);
				}
			},
			sandboxRequests: (vendor) => control(vendor, 'requests'),
			sandboxStats: (vendor) => control(vendor, 'stats'),
			/** POST /webhook/<path>: { status, body } (body parsed when JSON), or { error } on a failed call. */
			webhook: async (webhookPath, body, timeoutMs = 180000) => {
				try {
					const res = await fetch(`${baseUrl}/webhook/${webhookPath}`, {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify(body),
						signal: AbortSignal.timeout(timeoutMs),
					});
					const text = await res.text();
					let parsed = text;
					try {
						parsed = JSON.parse(text);
					} catch {
						/* not JSON */
					}
					return { status: res.status, body: parsed };
				} catch (error) {
					return { error: error.message };
				}
			},
			/** Execution id -> worker name, from each worker's log line "Worker started execution <id>". */
			executionsByWorker: () => {
				const byExecution = new Map();
				for (const entry of workerList) {
					for (const match of entry.readLog().matchAll(/Worker started execution (\d+)/g))
						byExecution.set(match[1], entry.name);
				}
				return byExecution;
			},
			/** { status: count } of the executions of one workflow, from Postgres. */
			executionStatuses: (workflowId) => {
				const rows = postgres.psql(
					`SELECT status, count(*) FROM execution_entity WHERE "workflowId" = '${workflowId}' GROUP BY status`,
				);
				return Object.fromEntries(
					rows
						.split('\n')
						.filter(Boolean)
						.map((row) => row.split('|'))
						.map(([status, n]) => [status, Number(n)]),
				);
			},
		};
		await cluster.resetSandbox();
		return cluster;
	} catch (error) {
		await stop();
		throw error;
	}
}

/**
 * Fires one webhook call per body, at most `parallel` at once; resolves with the answers in order.
 */
async function fireAll(cluster, webhookPath, bodies, parallel = 50) {
	const answers = new Array(bodies.length);
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(parallel, bodies.length) }, async () => {
			while (next < bodies.length) {
				const index = next++;
				answers[index] = {
					...(await cluster.webhook(webhookPath, bodies[index])),
					answeredAt: Date.now(),
				};
			}
		}),
	);
	return answers;
}

/** Where each vendor's send lands in the sandbox, and which field holds the number. */
const SEND_ROUTES = {
	d7Networks: { path: '/verify/v1/otp/send-otp', phone: (body) => body.recipient },
	valify: { path: '/api/v1/otp/send/', phone: (body) => body.phone_number },
};

/**
 * The sends the vendor carried out, per number, from the sandbox's record of requests (in the
 * order it handled them: with a fixed latency, arrival order). Valify serves 3 calls per token
 * and refuses the next ones (403, nothing sent): a request is a send only while its token has
 * calls left.
 */
async function sendsPerNumber(cluster, vendor) {
	const route = SEND_ROUTES[vendor];
	const requests = (await cluster.sandboxRequests(vendor)).filter(
		(r) => r.method === 'POST' && r.path === route.path,
	);
	const callsPerToken = new Map();
	const counts = new Map();
	let refused = 0;
	for (const request of requests) {
		if (vendor === 'valify') {
			const token = String(request.headers.authorization || '');
			const calls = (callsPerToken.get(token) || 0) + 1;
			callsPerToken.set(token, calls);
			if (calls > 3) {
				refused++;
				continue;
			}
		}
		const phone = route.phone(request.body);
		counts.set(phone, (counts.get(phone) || 0) + 1);
	}
	return { counts, requests: requests.length, refused };
}

/** The ids of a workflow's executions, from Postgres. */
function executionIds(cluster, workflowId) {
	return cluster
		.psql(`SELECT id FROM execution_entity WHERE "workflowId" = '${workflowId}' ORDER BY id`)
		.split('\n')
		.filter(Boolean);
}

/** Waits until none of a workflow's executions is new or running (crashed ones take a while). */
async function waitUntilSettled(cluster, workflowId, timeoutMs = 180000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const statuses = cluster.executionStatuses(workflowId);
		if (!statuses.new && !statuses.running) return statuses;
		if (Date.now() > deadline)
			throw new Error(
				`executions still running after ${timeoutMs / 1000} s: ${JSON.stringify(statuses)}`,
			);
		await sleep(1000);
	}
}

/** A phone number per call: D7 takes E.164 (+97150…), Valify Egyptian 01… (11 digits). */
function phoneNumbers(vendor, count, offset = 0) {
	return Array.from({ length: count }, (_, i) =>
		vendor === 'valify'
			? `010${String(10000000 + offset + i)}`
			: `+97150${String(1000000 + offset + i)}`,
	);
}

/**
 * One load: `phones.length` webhook calls (one number each, at most `parallel` at once) to the
 * workflow of `vendor`, starting from an empty sandbox record (latency `latencyMs`, else the
 * cluster's) and no executions of that workflow.
 * `duringLoad(progress)` runs alongside (the worker-kill scenario). Returns what happened.
 */
async function runLoad(cluster, { vendor, phones, parallel = 50, latencyMs, duringLoad }) {
	const workflow = QUEUE_WORKFLOWS.find((wf) => wf.nodes[1].type.endsWith(`.${vendor}`));
	const webhookPath = workflow.nodes[0].parameters.path;
	cluster.psql(`DELETE FROM execution_entity WHERE "workflowId" = '${workflow.id}'`);
	await cluster.resetSandbox(latencyMs);
	const started = Date.now();
	const load = fireAll(
		cluster,
		webhookPath,
		phones.map((phone) => ({ phone })),
		parallel,
	);
	const side = duringLoad ? duringLoad() : Promise.resolve();
	const [answers] = await Promise.all([load, side]);
	const loadMs = Date.now() - started;
	const statuses = await waitUntilSettled(cluster, workflow.id);
	const { counts, requests, refused } = await sendsPerNumber(cluster, vendor);
	const byWorker = cluster.executionsByWorker();
	const perWorker = {};
	let unattributed = 0;
	for (const id of executionIds(cluster, workflow.id)) {
		const worker = byWorker.get(id);
		if (worker) perWorker[worker] = (perWorker[worker] || 0) + 1;
		else unattributed++;
	}
	const okPhones = new Set();
	const failedPhones = [];
	answers.forEach((answer, i) => {
		if (
			answer.status === 200 &&
			answer.body &&
			answer.body.status === 'sent' &&
			answer.body.recipient === phones[i]
		)
			okPhones.add(phones[i]);
		else failedPhones.push(phones[i]);
	});
	const sentTwice = phones.filter((phone) => (counts.get(phone) || 0) > 1);
	const neverSent = phones.filter((phone) => !counts.get(phone));
	const strangers = [...counts.keys()].filter((phone) => !phones.includes(phone));
	const tokenExchanges =
		vendor === 'valify'
			? (await cluster.sandboxRequests('valify')).filter((r) => r.path === '/api/o/token/').length
			: 0;
	return {
		vendor,
		calls: phones.length,
		loadMs,
		executionsPerSecond: phones.length / (loadMs / 1000),
		statuses,
		answeredSent: okPhones.size,
		failedPhones,
		failedAnswers: answers.filter((_, i) => !okPhones.has(phones[i])).slice(0, 5),
		sends: [...counts.values()].reduce((a, b) => a + b, 0),
		sendRequests: requests,
		refusedTokenCalls: refused,
		tokenExchanges,
		sentTwice,
		neverSent,
		strangers,
		perWorker,
		unattributed,
		crashedButSent: failedPhones.filter((phone) => counts.get(phone)).length,
		crashedNotSent: failedPhones.filter((phone) => !counts.get(phone)).length,
	};
}

/**
 * The worker-kill scenario: a load on `vendor`; once `worker` has executions in flight and the
 * vendor has seen `afterSends` sends, the worker's whole process group gets SIGKILL (a machine
 * dying). Returns runLoad's figures plus `killedAt` (sends seen) and `inFlightAtKill`.
 */
async function runLoadWithKill(
	cluster,
	{ vendor, phones, parallel = 50, latencyMs, worker, afterSends },
) {
	const info = {};
	const duringLoad = async () => {
		const deadline = Date.now() + 120000;
		while (Date.now() < deadline) {
			const log = worker.readLog();
			const startedIds = [...log.matchAll(/Worker started execution (\d+)/g)].map((m) => m[1]);
			const finished = new Set(
				[...log.matchAll(/Worker finished execution (\d+)/g)].map((m) => m[1]),
			);
			const inFlight = startedIds.filter((id) => !finished.has(id));
			const { requests } = await cluster.sandboxStats(vendor);
			if (requests >= afterSends && inFlight.length > 0) {
				kit.killGroup(worker.child.pid, 'SIGKILL');
				Object.assign(info, {
					killedAt: requests,
					inFlightAtKill: inFlight.length,
					killTime: Date.now(),
				});
				return;
			}
			await sleep(20);
		}
		throw new Error('the worker never had an execution in flight');
	};
	const result = await runLoad(cluster, { vendor, phones, parallel, latencyMs, duringLoad });
	// When the callers of the crashed executions got their (error) answer, counted from the kill.
	const crashedAnsweredAfterMs = Math.max(
		0,
		...result.failedAnswers.map((answer) => answer.answeredAt - info.killTime),
	);
	return { ...result, ...info, crashedAnsweredAfterMs };
}

module.exports = {
	startQueueCluster,
	fireAll,
	runLoad,
	runLoadWithKill,
	phoneNumbers,
	QUEUE_WORKFLOWS,
	FAST_STALL_SETTINGS,
};
