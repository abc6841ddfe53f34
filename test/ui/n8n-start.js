'use strict';
/**
 * Runs `npm start` (scripts/start.js) for a test: on free ports, with its state in a temporary
 * folder, and stops all of it afterwards (n8n, the sandbox and start.js itself), even when the
 * test fails. Resolves once n8n is ready, with its URL, the login and the sandbox's URLs.
 */
const childProcess = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const kit = require('../../scripts/sandbox-kit');
const { DEFAULT_OWNER } = require('../../scripts/n8n-runtime');
const { readJson } = require('../../scripts/runtime/util');

const START_JS = path.join(kit.PROJECT_ROOT, 'scripts', 'start.js');

async function startN8n({ timeoutMs = 10 * 60 * 1000, log = () => {} } = {}) {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'otp-ui-'));
	const stateDir = path.join(folder, 'state');
	const port = await kit.freePort();
	// A password of its own, so the test also shows that OTP_START_PASSWORD is honoured.
	const login = { email: DEFAULT_OWNER.email, password: 'OtpUiTest1' };
	const env = {
		...process.env,
		OTP_START_DIR: stateDir,
		N8N_PORT: String(port),
		OTP_SANDBOX_PORT: '0',
		OTP_START_EMAIL: login.email,
		OTP_START_PASSWORD: login.password,
	};
	// Jest sets NODE_ENV=test, which n8n takes as its own test mode.
	delete env.NODE_ENV;
	const child = childProcess.spawn(process.execPath, [START_JS], {
		cwd: kit.PROJECT_ROOT,
		env,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	let output = '';
	const onData = (chunk) => {
		output += chunk;
		for (const line of String(chunk).split('\n')) if (line.trim()) log(line);
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);

	let stopped = null;
	/** Stops start.js (which stops n8n and the sandbox); whatever is left is killed. */
	const stop = () => {
		if (stopped) return stopped;
		stopped = (async () => {
			const pidsFile = path.join(stateDir, 'pids.json');
			// None yet, or start.js already cleaned up.
			const pids = (readJson(pidsFile) || []).map((entry) => entry.pid);
			if (child.exitCode === null && child.signalCode === null) {
				const exited = new Promise((resolve) => child.once('exit', resolve));
				child.kill('SIGTERM');
				let timer;
				await Promise.race([
					exited,
					new Promise((resolve) => (timer = setTimeout(resolve, 40000))),
				]);
				clearTimeout(timer);
			}
			for (const pid of [...pids, child.pid]) kit.killGroup(pid, 'SIGKILL');
			fs.rmSync(folder, { recursive: true, force: true });
		})();
		return stopped;
	};

	try {
		await new Promise((resolve, reject) => {
			const timer = setTimeout(
				() => reject(new Error(`npm start was not ready within ${timeoutMs / 1000} s`)),
				timeoutMs,
			);
			const check = () => {
				if (output.includes('n8n is running')) {
					clearTimeout(timer);
					resolve();
				}
			};
			child.stdout.on('data', check);
			child.once('exit', (code, signal) => {
				clearTimeout(timer);
				reject(
					new Error(
						`npm start ended (${signal || `exit code ${code}`}) before n8n was ready:\n${output.trim().split('\n').slice(-30).join('\n')}`,
					),
				);
			});
		});
	} catch (error) {
		await stop();
		throw error;
	}
	const state = readJson(path.join(stateDir, 'state.json'));
	return {
		baseUrl: `http://localhost:${port}`,
		login,
		sandboxUrls: state.sandboxUrls,
		workflows: state.workflows,
		stop,
		output: () => output,
	};
}

module.exports = { startN8n };
