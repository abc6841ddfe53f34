#!/usr/bin/env node
'use strict';
/**
 * `npm start`: real n8n on http://localhost:5678 with this package installed as a community
 * package, the vendor sandbox running, one sandbox credential per vendor and the example
 * workflows imported. Ctrl-C stops everything. State lives in .cache/start/ (gitignored);
 * a second start reuses it and only redoes what changed.
 *
 *   npm start                 (or: node scripts/start.js [--verbose])
 *
 * Environment: N8N_PORT (default 5678), OTP_SANDBOX_PORT (default 5690: vendor N gets 5690+N;
 * 0 picks free ports), OTP_N8N_VERSION (see scripts/N8N_NOTES.md), OTP_START_EMAIL /
 * OTP_START_PASSWORD (the login), OTP_START_DIR (the state folder; default .cache/start).
 */
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const runtime = require('./n8n-runtime');
const { readJson, writeJson } = require('./runtime/util');
const kit = require('./sandbox-kit');

const STATE_DIR = path.resolve(
	process.env.OTP_START_DIR || path.join(kit.PROJECT_ROOT, '.cache', 'start'),
);
// n8n copies its editor's files (hundreds of .js) into <user folder>/.cache; a folder inside
// node_modules keeps them out of the lint and of editors' searches.
const USER_FOLDER = path.join(STATE_DIR, 'node_modules', '.n8n-user');
const STATE_FILE = path.join(STATE_DIR, 'state.json');
const PIDS_FILE = path.join(STATE_DIR, 'pids.json');
const N8N_LOG = path.join(STATE_DIR, 'n8n.log');
const IMPORT_DIR = path.join(STATE_DIR, 'import');

const N8N_PORT = Number(process.env.N8N_PORT || 5678);
const SANDBOX_PORT = Number(process.env.OTP_SANDBOX_PORT || 5690);
const OWNER = {
	...runtime.DEFAULT_OWNER,
	email: process.env.OTP_START_EMAIL || runtime.DEFAULT_OWNER.email,
	password: process.env.OTP_START_PASSWORD || runtime.DEFAULT_OWNER.password,
};
const VERBOSE = process.argv.includes('--verbose');

const started = Date.now();
const color = process.stdout.isTTY
	? (code, text) => `\x1b[${code}m${text}\x1b[0m`
	: (_code, text) => text;
const bold = (text) => color('1', text);
const green = (text) => color('32', text);
const red = (text) => color('31', text);
const dim = (text) => color('2', text);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const say = (line = '') => process.stdout.write(`${line}\n`);

let stepNumber = 0;
const STEPS = 7;
async function step(title, fn) {
	stepNumber++;
	const t = Date.now();
	say(`${bold(`[${stepNumber}/${STEPS}]`)} ${title}`);
	try {
		const note = await fn();
		say(`      ${green('ok')}${note ? ` ${note}` : ''} ${dim(`(${seconds(Date.now() - t)})`)}`);
	} catch (error) {
		error.step = title;
		throw error;
	}
}

const readState = () => readJson(STATE_FILE) || {};
const writeState = (state) => writeJson(STATE_FILE, state);

// Children to stop on exit: { name, child }.
const children = [];
let stopping = null;

function savePids() {
	writeJson(
		PIDS_FILE,
		children.map(({ name, child }) => ({ name, pid: child.pid })),
	);
}

/** A start that was killed hard (kill -9, closed terminal) may have left n8n or the sandbox. */
function stopLeftovers() {
	for (const { name, pid } of readJson(PIDS_FILE) || []) {
		let cmdline = '';
		try {
			cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
		} catch {
			continue;
		}
		if (/n8n|serve\.js/.test(cmdline)) {
			say(dim(`      stopping the ${name} left over from an earlier start (pid ${pid})`));
			kit.killGroup(pid, 'SIGKILL');
		}
	}
	fs.rmSync(PIDS_FILE, { force: true });
}

async function stopAll(reason) {
	if (stopping) return stopping;
	stopping = (async () => {
		if (children.length)
			say(`\n${reason ? `${reason}; ` : ''}stopping ${children.map((c) => c.name).join(' and ')}…`);
		await Promise.all(
			children.reverse().map(({ child, graceMs }) => kit.stopProcess(child, { graceMs })),
		);
		fs.rmSync(PIDS_FILE, { force: true });
	})();
	return stopping;
}

function portFree(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

async function n8nCli(args, rt, what) {
	const result = await runtime.execN8n(args, {
		userFolder: USER_FOLDER,
		runtime: rt,
		timeoutMs: 5 * 60 * 1000,
	});
	if (result.code !== 0) {
		const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-25).join('\n');
		throw new Error(`${what} failed (n8n ${args[0]}, exit code ${result.code}):\n${tail}`);
	}
	return result;
}

async function main() {
	fs.mkdirSync(STATE_DIR, { recursive: true });
	stopLeftovers();
	const state = readState();
	const databaseExists = fs.existsSync(path.join(USER_FOLDER, '.n8n', 'database.sqlite'));
	if (!databaseExists) {
		delete state.credentialsHash;
		delete state.workflowsHash;
	}
	say(bold(`${kit.PACKAGE_NAME}: real n8n with the vendor sandbox`));
	say(dim(`state in ${path.relative(process.cwd(), STATE_DIR) || STATE_DIR}`));

	if (!(await portFree(N8N_PORT))) {
		throw Object.assign(
			new Error(
				`port ${N8N_PORT} is already in use (another n8n?). Stop it, or run with N8N_PORT=<another port> npm start`,
			),
			{ step: 'checking ports' },
		);
	}

	let rt;
	await step('n8n CLI (installed into .cache/n8n on first use; a few minutes, once)', async () => {
		rt = await runtime.ensureN8n({ log: (line) => say(dim(`      ${line}`)) });
		return rt.installed
			? `installed n8n ${rt.version} on Node ${rt.nodeVersion}`
			: `n8n ${rt.version} on Node ${rt.nodeVersion} (cached)`;
	});

	await step(`build ${kit.PACKAGE_NAME}`, async () => {
		const hash = kit.sourceHash();
		const distOk = fs.existsSync(path.join(kit.PROJECT_ROOT, 'dist', 'nodes'));
		if (distOk && state.sourceHash === hash) return 'unchanged since the last start';
		await kit.build();
		state.sourceHash = hash;
		writeState(state);
		return 'built dist/';
	});

	await step('install the package into n8n as a community package', async () => {
		const tarball = await kit.pack(path.join(STATE_DIR, 'pack'));
		const hash = kit.sha256File(tarball);
		const installed = path.join(USER_FOLDER, '.n8n', 'nodes', 'node_modules', kit.PACKAGE_NAME);
		if (state.packageHash === hash && fs.existsSync(path.join(installed, 'package.json')))
			return `${path.basename(tarball)} unchanged, kept`;
		fs.rmSync(installed, { recursive: true, force: true });
		await runtime.installCommunityPackage({
			userFolder: USER_FOLDER,
			spec: tarball,
			log: (line) => say(dim(`      ${line}`)),
		});
		state.packageHash = hash;
		writeState(state);
		return `installed ${path.basename(tarball)} into ${path.relative(kit.PROJECT_ROOT, installed)}`;
	});

	let sandbox;
	const triggerWorkflows = kit.exampleWorkflows().filter(kit.startsOnOurTrigger);
	await step(`vendor sandbox on 127.0.0.1:${SANDBOX_PORT}+`, async () => {
		sandbox = await kit.startSandbox({
			port: SANDBOX_PORT,
			// TurkeySMS's simulator posts the signed events of each send to the trigger demo.
			webhooks: triggerWorkflows.length
				? {
						turkeySms: kit.productionWebhookUrl(
							triggerWorkflows[0],
							`http://127.0.0.1:${N8N_PORT}`,
						),
					}
				: {},
			onLog: (line) => say(line.replace(/texted (\S+|"[^"]*")/, (m) => bold(m))),
		});
		children.push({ name: 'the sandbox', child: sandbox.child, graceMs: 3000 });
		savePids();
		state.sandboxUrls = sandbox.urls;
		writeState(state);
		return Object.entries(sandbox.urls)
			.map(([name, url]) => `${kit.vendors()[name].displayName} ${url}`)
			.join(', ');
	});

	await step('credentials and example workflows', async () => {
		const notes = [];
		const credentials = kit.sandboxCredentials(sandbox.urls);
		const credentialsHash = kit.sha256(JSON.stringify(credentials));
		fs.mkdirSync(IMPORT_DIR, { recursive: true });
		if (state.credentialsHash !== credentialsHash) {
			const file = path.join(IMPORT_DIR, 'credentials.json');
			fs.writeFileSync(file, JSON.stringify(credentials, null, 2));
			await n8nCli(
				['import:credentials', `--input=${file}`],
				rt,
				'importing the sandbox credentials',
			);
			fs.rmSync(file, { force: true });
			state.credentialsHash = credentialsHash;
			writeState(state);
			notes.push(`imported ${credentials.length} credentials`);
		} else notes.push(`${credentials.length} credentials already imported`);

		const workflows = kit.exampleWorkflows();
		const workflowsHash = kit.sha256(JSON.stringify(workflows));
		if (state.workflowsHash !== workflowsHash) {
			const dir = path.join(IMPORT_DIR, 'workflows');
			fs.rmSync(dir, { recursive: true, force: true });
			fs.mkdirSync(dir, { recursive: true });
			for (const wf of workflows)
				fs.writeFileSync(path.join(dir, `${wf.id}.json`), JSON.stringify(wf, null, 2));
			await n8nCli(
				['import:workflow', '--separate', `--input=${dir}`],
				rt,
				'importing the example workflows',
			);
			// Importing deactivates; a trigger workflow is published (activated) so events reach it.
			for (const wf of triggerWorkflows) {
				await n8nCli(['publish:workflow', `--id=${wf.id}`], rt, `activating "${wf.name}"`);
				notes.push(`activated ${wf.id}`);
			}
			state.workflowsHash = workflowsHash;
			state.workflows = workflows.map((wf) => ({ id: wf.id, name: wf.name }));
			writeState(state);
			notes.push(`imported ${workflows.length} workflows`);
		} else notes.push(`${workflows.length} workflows already imported`);
		return notes.join(', ');
	});

	let n8n;
	const baseUrl = `http://localhost:${N8N_PORT}`;
	await step(
		`start n8n on ${baseUrl} (log: ${path.relative(kit.PROJECT_ROOT, N8N_LOG)})`,
		async () => {
			const ownerManagedByEnv = runtime.satisfiesRange(rt.version, '>=2.41.0');
			const env = {
				N8N_PORT: String(N8N_PORT),
				N8N_EDITOR_BASE_URL: baseUrl,
				WEBHOOK_URL: `${baseUrl}/`,
			};
			if (ownerManagedByEnv) Object.assign(env, runtime.ownerEnv({ ...OWNER, runtime: rt }));
			const log = fs.openSync(N8N_LOG, 'w');
			n8n = runtime.spawnN8n(['start'], {
				userFolder: USER_FOLDER,
				runtime: rt,
				env,
				stdio: ['ignore', VERBOSE ? 'inherit' : log, VERBOSE ? 'inherit' : log],
				spawnOptions: { detached: true },
			});
			fs.closeSync(log);
			children.push({ name: 'n8n', child: n8n, graceMs: 20000 });
			savePids();
			try {
				await runtime.waitForN8n({
					baseUrl: `http://127.0.0.1:${N8N_PORT}`,
					child: n8n,
					timeoutMs: 180000,
				});
			} catch (error) {
				const tail = fs.existsSync(N8N_LOG)
					? fs.readFileSync(N8N_LOG, 'utf8').trim().split('\n').slice(-25).join('\n')
					: '';
				throw new Error(`${error.message}${tail ? `\nlast lines of ${N8N_LOG}:\n${tail}` : ''}`);
			}
			return `n8n ${rt.version} is up`;
		},
	);

	await step('owner account (skips the setup screen)', async () => {
		const created = await runtime.setupOwner({ baseUrl: `http://127.0.0.1:${N8N_PORT}`, ...OWNER });
		const res = await fetch(`http://127.0.0.1:${N8N_PORT}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				emailOrLdapLoginId: OWNER.email,
				email: OWNER.email,
				password: OWNER.password,
			}),
		});
		if (!res.ok) {
			throw new Error(
				`the login ${OWNER.email} was refused (HTTP ${res.status}). If you changed the owner in the UI, log in with your own password, ` +
					`or delete ${path.relative(kit.PROJECT_ROOT, STATE_DIR)} to start from scratch`,
			);
		}
		return created ? 'created' : 'ready';
	});

	const workflows = readState().workflows || [];
	const line = '─'.repeat(68);
	say(`\n${line}`);
	say(
		`  ${bold('n8n is running:')}  ${bold(green(baseUrl))}   ${dim(`(ready after ${seconds(Date.now() - started)})`)}`,
	);
	say(`  log in with      ${bold(OWNER.email)}  /  ${bold(OWNER.password)}`);
	say('');
	say('  Open a workflow and click "Execute workflow":');
	for (const wf of workflows) say(`    ${baseUrl}/workflow/${wf.id}   ${wf.name}`);
	say('');
	say('  "Sandbox demo" workflows send a code, verify it and branch on `verified` in one click.');
	say('  The fallback demo: D7 Networks refuses (no credit), so TurkeySMS sends the code instead.');
	say(
		'  Each TurkeySMS send makes the sandbox post signed sms.sent and sms.delivered events to the',
	);
	say('  active "TurkeySMS Trigger" workflow: see its Executions tab.');
	say(
		'  Form workflows open a form: type any phone number, then the code the sandbox prints below',
	);
	say('  ("texted …"); it is also in the Send node\'s output as response.sandbox_code.');
	say(`  Credentials "<vendor> sandbox" point at the sandbox (Environment: Custom).`);
	say(`  Stop with ${bold('Ctrl-C')}.`);
	say(`${line}\n`);

	const exit = await new Promise((resolve) => {
		n8n.once('exit', (code, signal) => resolve({ n8nExited: true, code, signal }));
		sandbox.child.once('exit', (code, signal) => resolve({ sandboxExited: true, code, signal }));
		stopRequested = resolve;
	});
	if (exit.n8nExited || exit.sandboxExited) {
		const what = exit.n8nExited ? 'n8n' : 'the sandbox';
		say(red(`\n${what} stopped unexpectedly (${exit.signal || `exit code ${exit.code}`}).`));
		if (exit.n8nExited)
			say(fs.readFileSync(N8N_LOG, 'utf8').trim().split('\n').slice(-20).join('\n'));
		await stopAll();
		return 1;
	}
	await stopAll(exit.reason);
	say('stopped. `npm start` again reuses everything in .cache/start/.');
	return 0;
}

let stopRequested = null;
let signals = 0;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.on(signal, () => {
		signals++;
		if (signals > 2) {
			for (const { child } of children) kit.killGroup(child.pid, 'SIGKILL');
			process.exit(130);
		}
		if (stopRequested) stopRequested({ reason: `${signal === 'SIGINT' ? 'Ctrl-C' : signal}` });
		else stopAll(signal === 'SIGINT' ? 'Ctrl-C' : signal).then(() => process.exit(130));
	});
}

main().then(
	(code) => process.exit(code),
	async (error) => {
		process.stderr.write(
			`\n${red(bold('npm start failed'))}${error.step ? ` while: ${error.step}` : ''}\n${error.message}\n`,
		);
		await stopAll();
		process.exit(1);
	},
);
