'use strict';
/**
 * Running an installed n8n: `n8n <command>` as a child process or to completion, reading what
 * `n8n execute` printed, waiting for `n8n start` to serve, and its owner account.
 */
const childProcess = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { formatMs, sleep } = require('./util');
const { buildN8nEnv } = require('./env');
const { locateN8n } = require('./install');

function requireRuntime(runtime) {
	if (runtime) return runtime;
	const found = locateN8n();
	if (!found) {
		throw new Error(
			'n8n-runtime: n8n is not installed yet; call `await ensureN8n()` first or run `node scripts/n8n-runtime.js install`',
		);
	}
	return found;
}

/**
 * Starts `n8n <args>` with the runtime's Node and environment; returns the
 * ChildProcess. Options: userFolder (required), env (extra/overriding vars),
 * stdio (default 'pipe'), runtime (from ensureN8n; else located from the
 * cache), spawnOptions (passed to child_process.spawn, e.g. { detached: true }).
 */
function spawnN8n(args, { userFolder, env, stdio = 'pipe', runtime, spawnOptions = {} } = {}) {
	if (!userFolder)
		throw new Error('n8n-runtime: spawnN8n needs a userFolder (n8n would otherwise use ~/.n8n)');
	const rt = requireRuntime(runtime);
	fs.mkdirSync(userFolder, { recursive: true });
	return childProcess.spawn(rt.nodeBin, [rt.n8nBin, ...args], {
		cwd: userFolder,
		...spawnOptions,
		stdio,
		env: buildN8nEnv({ userFolder, env, runtime: rt }),
	});
}

/**
 * Runs `n8n <args>` to completion. Resolves (never rejects on a non-zero exit)
 * with { code, signal, stdout, stderr, timedOut, durationMs }.
 * Options as spawnN8n, plus timeoutMs (default 5 min: SIGTERM, then SIGKILL
 * after 10 s), input (written to stdin), onOutput(chunk, 'stdout'|'stderr').
 */
function execN8n(args, { timeoutMs = 5 * 60 * 1000, input, onOutput, ...opts } = {}) {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		let child;
		try {
			child = spawnN8n(args, { ...opts, stdio: ['pipe', 'pipe', 'pipe'] });
		} catch (error) {
			reject(error);
			return;
		}
		const stdout = [];
		const stderr = [];
		child.stdout.on('data', (c) => {
			stdout.push(c);
			if (onOutput) onOutput(c.toString(), 'stdout');
		});
		child.stderr.on('data', (c) => {
			stderr.push(c);
			if (onOutput) onOutput(c.toString(), 'stderr');
		});
		child.stdin.on('error', () => {}); // n8n may exit before reading stdin
		child.stdin.end(input === undefined ? undefined : input);
		let timedOut = false;
		let killTimer;
		const timer = setTimeout(() => {
			timedOut = true;
			child.kill('SIGTERM');
			killTimer = setTimeout(() => child.kill('SIGKILL'), 10000);
		}, timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			clearTimeout(killTimer);
			reject(new Error(`n8n-runtime: could not run n8n ${args.join(' ')}: ${error.message}`));
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			clearTimeout(killTimer);
			resolve({
				code,
				signal,
				stdout: Buffer.concat(stdout).toString(),
				stderr: Buffer.concat(stderr).toString(),
				timedOut,
				durationMs: Date.now() - started,
			});
		});
	});
}

/**
 * Extracts the execution JSON from `n8n execute [--rawOutput]` stdout. n8n
 * prints log lines (task broker, license SDK, …) before it even with
 * --rawOutput, so this takes the text from the first line that is exactly "{"
 * to the last "}". Throws when there is none.
 */
function parseExecuteOutput(stdout) {
	const match = /^\{\s*$/m.exec(stdout);
	const end = stdout.lastIndexOf('}');
	if (!match || end < match.index)
		throw new Error(`n8n-runtime: no execution JSON in n8n output:\n${stdout.slice(-2000)}`);
	return JSON.parse(stdout.slice(match.index, end + 1));
}

/** The owner account of a local n8n (`npm start` prints it; README's `npm start` section names it). */
const DEFAULT_OWNER = Object.freeze({
	email: 'owner@example.com',
	password: 'OtpSandbox1',
	firstName: 'Local',
	lastName: 'Owner',
});

/**
 * Environment variables that make `n8n start` (n8n >= 2.x with
 * N8N_INSTANCE_OWNER_MANAGED_BY_ENV, e.g. 2.41.1) create/update the owner
 * account at startup, so the browser shows the sign-in page instead of the
 * owner-setup screen. The password is bcrypt-hashed with n8n's own bcryptjs.
 */
function ownerEnv({
	email = DEFAULT_OWNER.email,
	password = DEFAULT_OWNER.password,
	firstName = DEFAULT_OWNER.firstName,
	lastName = DEFAULT_OWNER.lastName,
	runtime,
} = {}) {
	const rt = requireRuntime(runtime);
	const bcrypt = require(
		require.resolve('bcryptjs', { paths: [path.join(rt.installDir, 'node_modules', 'n8n')] }),
	);
	return {
		N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
		N8N_INSTANCE_OWNER_EMAIL: email,
		N8N_INSTANCE_OWNER_PASSWORD_HASH: bcrypt.hashSync(password, 10),
		N8N_INSTANCE_OWNER_FIRST_NAME: firstName,
		N8N_INSTANCE_OWNER_LAST_NAME: lastName,
	};
}

/**
 * Waits until a started n8n (`n8n start`) serves its REST API, i.e.
 * GET <baseUrl>/rest/settings answers 200 with JSON. (/healthz and even
 * /healthz/readiness answer earlier, while migrations still run, in 2.8.x.)
 * Rejects on timeout or when `child` (optional ChildProcess) exits first.
 * Resolves with the settings' `data` object.
 */
async function waitForN8n({ baseUrl = 'http://127.0.0.1:5678', timeoutMs = 120000, child } = {}) {
	const deadline = Date.now() + timeoutMs;
	let exited = null;
	if (child) child.once('exit', (code, signal) => (exited = signal || `exit code ${code}`));
	let lastError = 'no answer';
	while (Date.now() < deadline) {
		if (exited) throw new Error(`n8n-runtime: n8n exited (${exited}) before it was ready`);
		try {
			const res = await fetch(`${baseUrl}/rest/settings`, { signal: AbortSignal.timeout(5000) });
			if (res.ok && /json/.test(res.headers.get('content-type') || ''))
				return (await res.json()).data;
			lastError = `HTTP ${res.status}`;
		} catch (error) {
			lastError = error.message;
		}
		await sleep(500);
	}
	throw new Error(
		`n8n-runtime: n8n at ${baseUrl} not ready after ${formatMs(timeoutMs)} (${lastError})`,
	);
}

/**
 * Creates the owner account of a running n8n through its REST API
 * (POST /rest/owner/setup, allowed without login while no owner exists).
 * Works on every 2.x; on 2.41.x ownerEnv() does the same at startup.
 * Resolves true when created, false when an owner already existed.
 */
async function setupOwner({
	baseUrl = 'http://127.0.0.1:5678',
	email = DEFAULT_OWNER.email,
	password = DEFAULT_OWNER.password,
	firstName = DEFAULT_OWNER.firstName,
	lastName = DEFAULT_OWNER.lastName,
} = {}) {
	const settings = await waitForN8n({ baseUrl, timeoutMs: 10000 });
	if (settings.userManagement && settings.userManagement.showSetupOnFirstLoad === false)
		return false;
	const res = await fetch(`${baseUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ email, password, firstName, lastName }),
	});
	if (!res.ok)
		throw new Error(
			`n8n-runtime: owner setup failed: HTTP ${res.status} ${(await res.text()).slice(0, 500)}`,
		);
	return true;
}

module.exports = {
	DEFAULT_OWNER,
	requireRuntime,
	spawnN8n,
	execN8n,
	parseExecuteOutput,
	ownerEnv,
	waitForN8n,
	setupOwner,
};
