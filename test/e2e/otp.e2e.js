'use strict';
// End-to-end: the packed package installed into real n8n as a community package, run headlessly
// against the vendor sandbox. `npm run test:e2e` (jest.e2e.config.js); see docs-parts/start.md.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const runtime = require('../../scripts/n8n-runtime');
const kit = require('../../scripts/sandbox-kit');
const { e2eWorkflows, stopOnError } = require('./workflows');

const log = (line) => process.stderr.write(`[e2e] ${line}\n`);

/** The fallback demo with a number D7 sends to, and a 1 s timeout, for a D7 that does not answer in time. */
const fallbackTimeout = (() => {
	const wf = kit.prepareWorkflow(
		JSON.parse(fs.readFileSync(path.join(kit.SANDBOX_EXAMPLES_DIR, 'fallback.json'), 'utf8')),
	);
	wf.id = 'e2eFallbackTimeout';
	wf.name = 'e2e fallback: D7 Networks times out, so nothing else is sent';
	wf.nodes = wf.nodes.map((node) => ({ ...node, id: `e2e00000${node.id.slice(8)}` }));
	const person = wf.nodes.find((node) => node.name === 'Person');
	person.parameters.assignments.assignments[0].value = '+90 532 481 89 42';
	wf.nodes.find((node) => node.name === 'D7 Networks: Send OTP').parameters.options = {
		timeout: 1000,
	};
	return wf;
})();

let rt;
let tmp;
let userFolder;
let sandbox;
const timings = [];

async function n8n(args, what) {
	// Jest sets NODE_ENV=test, which n8n takes as its own test mode (no output, …): unset it.
	const result = await runtime.execN8n(args, {
		userFolder,
		runtime: rt,
		env: { NODE_ENV: undefined },
		timeoutMs: 3 * 60 * 1000,
	});
	timings.push(`${what}: ${(result.durationMs / 1000).toFixed(1)} s`);
	return result;
}

async function imported(args, what) {
	const result = await n8n(args, what);
	if (result.code !== 0)
		throw new Error(`${what} failed (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
}

/**
 * Forgets the sandbox's recorded requests, runs the workflow, returns its run data and what the
 * sandbox got. `prepare` runs after the reset (e.g. to make a simulator slow).
 */
async function execute(workflowId, prepare = async () => {}) {
	await Promise.all(Object.values(sandbox.urls).map((url) => fetch(`${url}/__sandbox/reset`)));
	await prepare();
	let result = await n8n(['execute', `--id=${workflowId}`, '--rawOutput'], `execute ${workflowId}`);
	if (result.code === null && !result.timedOut) {
		// Seen once in ~30 runs: n8n ended by a signal, not by an exit code, before printing anything.
		log(`n8n execute ${workflowId} ended with ${result.signal}; running it once more`);
		await Promise.all(Object.values(sandbox.urls).map((url) => fetch(`${url}/__sandbox/reset`)));
		result = await n8n(
			['execute', `--id=${workflowId}`, '--rawOutput'],
			`execute ${workflowId} (again)`,
		);
	}
	const requests = {};
	for (const [name, url] of Object.entries(sandbox.urls))
		requests[name] = await kit.sandboxRequests(url);
	let execution;
	if (result.code === 0) execution = runtime.parseExecuteOutput(result.stdout);
	return { ...result, execution, requests };
}

/** The items a node put out on one of its outputs (0 = main, 1 = the error output). */
function output(run, nodeName, outputIndex = 0) {
	const runs = run.execution.data.resultData.runData[nodeName];
	if (!runs)
		throw new Error(
			`node "${nodeName}" did not run; ran: ${Object.keys(run.execution.data.resultData.runData).join(', ')}`,
		);
	return (runs[0].data.main[outputIndex] || []).map((item) => item.json);
}
/** Fails with what n8n printed when the execution did not succeed. */
function expectSuccess(run) {
	if (run.code !== 0 || !run.execution || run.execution.status !== 'success') {
		const tail = `${run.stdout}\n${run.stderr}`.trim().split('\n').slice(-30).join('\n');
		throw new Error(
			`n8n execute ended with ${run.signal || `exit code ${run.code}`}${run.execution ? `, status ${run.execution.status}` : ''}:\n${tail}`,
		);
	}
}
const ran = (run, nodeName) => Boolean(run.execution.data.resultData.runData[nodeName]);
const only = (items) => {
	expect(items).toHaveLength(1);
	return items[0];
};

beforeAll(async () => {
	const t = Date.now();
	rt = await runtime.ensureN8n({ log });
	log(`n8n ${rt.version} on Node ${rt.nodeVersion}`);
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'otp-e2e-'));
	userFolder = path.join(tmp, 'user');

	await kit.build();
	const tarball = await kit.pack(path.join(tmp, 'pack'));
	log(`packed ${path.basename(tarball)}`);
	const installedDir = await runtime.installCommunityPackage({ userFolder, spec: tarball, log });
	expect(fs.existsSync(path.join(installedDir, 'dist'))).toBe(true);

	sandbox = await kit.startSandbox({ port: 0, quiet: true });
	log(`sandbox: ${JSON.stringify(sandbox.urls)}`);

	const credentialsFile = path.join(tmp, 'credentials.json');
	fs.writeFileSync(
		credentialsFile,
		JSON.stringify([...kit.sandboxCredentials(sandbox.urls), ...kit.badCredentials(sandbox.urls)]),
	);
	await imported(['import:credentials', `--input=${credentialsFile}`], 'import:credentials');

	const workflowsDir = path.join(tmp, 'workflows');
	fs.mkdirSync(workflowsDir);
	const all = [
		...kit.exampleWorkflows(),
		...Object.values(e2eWorkflows),
		stopOnError,
		fallbackTimeout,
	];
	for (const wf of all)
		fs.writeFileSync(path.join(workflowsDir, `${wf.id}.json`), JSON.stringify(wf));
	await imported(['import:workflow', '--separate', `--input=${workflowsDir}`], 'import:workflow');
	log(`set up in ${((Date.now() - t) / 1000).toFixed(1)} s`);
});

afterAll(async () => {
	if (sandbox) await sandbox.stop();
	if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
	log(`timings:\n  ${timings.join('\n  ')}`);
});

describe('the installed package', () => {
	test('is installed the way n8n installs a community package', () => {
		const nodes = path.join(userFolder, '.n8n', 'nodes');
		expect(
			JSON.parse(fs.readFileSync(path.join(nodes, 'package.json'), 'utf8')).dependencies,
		).toHaveProperty(kit.PACKAGE_NAME);
		const pkg = JSON.parse(
			fs.readFileSync(path.join(nodes, 'node_modules', kit.PACKAGE_NAME, 'package.json'), 'utf8'),
		);
		for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
			expect(fs.existsSync(path.join(nodes, 'node_modules', kit.PACKAGE_NAME, file))).toBe(true);
		}
		// n8n-workflow is a peer dependency: n8n's own copy is used, none is installed beside it.
		expect(fs.existsSync(path.join(nodes, 'node_modules', 'n8n-workflow'))).toBe(false);
	});

	test('every example workflow and credential was imported', async () => {
		const result = await n8n(['list:workflow'], 'list:workflow');
		expect(result.code).toBe(0);
		for (const wf of kit.exampleWorkflows()) expect(result.stdout).toContain(wf.id);
		for (const name of Object.keys(kit.vendors())) {
			expect(fs.existsSync(path.join(kit.SANDBOX_EXAMPLES_DIR, `${name}.json`))).toBe(true);
			expect(fs.existsSync(path.join(kit.EXAMPLES_DIR, `${name}.json`))).toBe(true);
		}
	});
});

describe('sandbox demos (examples/sandbox): one click sends, verifies and branches', () => {
	test.each([
		[
			'd7Networks',
			'D7 Networks: Send OTP',
			'D7 Networks: Verify OTP',
			'Verified',
			'/verify/v1/otp/send-otp',
			{ recipient: '+971501234567' },
		],
		[
			'paynet',
			'Paynet: Send OTP',
			'Paynet: Verify OTP',
			'Save the card here',
			'/v1/card/send_otp',
			{ user_gsm: '5321234567' },
		],
		[
			'shoutout',
			'ShoutOUT: Send OTP',
			'ShoutOUT: Verify OTP',
			'Verified',
			'/otpservice/send',
			{ destination: '94771234567' },
		],
		['valify', 'Valify: Send OTP', 'Valify: Verify OTP', 'Verified', '/api/o/token/', {}],
	])('%s', async (vendor, sendNode, verifyNode, trueBranch, sendPath, sentBody) => {
		const run = await execute(kit.ids.demoWorkflow(vendor));
		expectSuccess(run);
		const sent = only(output(run, sendNode));
		expect(sent).toMatchObject({ provider: vendor, operation: 'send', status: 'sent' });
		expect(sent.response.sandbox_code).toEqual(expect.any(String));
		expect(only(output(run, verifyNode))).toMatchObject({
			provider: vendor,
			operation: 'verify',
			verified: true,
			status: 'approved',
		});
		expect(ran(run, trueBranch)).toBe(true);
		expect(ran(run, 'Wrong code')).toBe(false);
		const requests = run.requests[vendor];
		expect(requests.map((r) => r.path)[0]).toBe(sendPath);
		expect(requests[0].body).toMatchObject(sentBody);
		if (vendor === 'valify') {
			// The demo's second row emails a code; Valify asks its token endpoint first, and again
			// when a token's 3 calls are spent. Each send reached Valify once.
			expect(requests.filter((r) => r.path === '/api/v1/otp/send/')).toHaveLength(1);
			expect(requests.filter((r) => r.path === '/api/v1/otp/email/send/')).toHaveLength(1);
			expect(only(output(run, 'Valify: Send Email OTP'))).toMatchObject({
				operation: 'sendEmail',
				recipient: 'person@example.com',
				status: 'sent',
			});
			expect(only(output(run, 'Valify: Verify Email OTP'))).toMatchObject({
				operation: 'verifyEmail',
				verified: true,
				status: 'approved',
			});
			expect(ran(run, 'Email verified')).toBe(true);
			expect(ran(run, 'Wrong email code')).toBe(false);
		} else {
			expect(requests).toHaveLength(2);
		}
	});

	test('turkeySms', async () => {
		const run = await execute(kit.ids.demoWorkflow('turkeySms'));
		expectSuccess(run);
		const sent = only(output(run, 'TurkeySMS: Send OTP'));
		expect(sent).toMatchObject({
			provider: 'turkeySms',
			operation: 'sendCustom',
			recipient: '905324818942',
			status: 'sent',
		});
		expect(ran(run, 'Sent')).toBe(true);
		expect(ran(run, 'Not sent')).toBe(false);
		expect(run.requests.turkeySms).toHaveLength(1);
		expect(run.requests.turkeySms[0]).toMatchObject({
			path: '/otp/detailed',
			body: { mobile: '905324818942', title: 'MyApp', digits: 6 },
		});
	});
});

describe('D7 Networks: send, resend, getStatus, verify; bad key to the error output', () => {
	let run;
	beforeAll(async () => {
		run = await execute('e2eD7Networks');
	});

	test('the workflow succeeds', () => {
		expectSuccess(run);
	});

	test('send, resend and getStatus', () => {
		const sent = only(output(run, 'Send'));
		expect(sent).toMatchObject({
			provider: 'd7Networks',
			operation: 'send',
			recipient: '+971501234567',
			status: 'sent',
		});
		expect(sent.reference).toBe(sent.response.otp_id);
		expect(new Date(sent.expiresAt).getTime()).toBeGreaterThan(Date.now());
		expect(only(output(run, 'Resend'))).toMatchObject({
			provider: 'd7Networks',
			operation: 'resend',
			recipient: null,
			reference: sent.reference,
			status: 'sent',
		});
		expect(only(output(run, 'Status open'))).toMatchObject({
			operation: 'getStatus',
			reference: sent.reference,
			status: 'open',
		});
		expect(only(output(run, 'Status approved'))).toMatchObject({
			operation: 'getStatus',
			status: 'approved',
		});
	});

	test('a wrong code is an answer; the right one is approved; IF takes the true branch', () => {
		expect(only(output(run, 'Verify wrong'))).toMatchObject({
			operation: 'verify',
			verified: false,
			status: 'invalid',
		});
		expect(only(output(run, 'Verify right'))).toMatchObject({
			operation: 'verify',
			verified: true,
			status: 'approved',
			response: { status: 'APPROVED' },
		});
		expect(ran(run, 'Verified')).toBe(true);
		expect(ran(run, 'Wrong code')).toBe(false);
	});

	test('a bad key goes to the error output with the error in words', () => {
		expect(output(run, 'Send with bad key', 0)).toHaveLength(0);
		const caught = only(output(run, 'Send with bad key', 1));
		expect(caught.error).toMatch(
			/D7 Networks: the API token was refused; check the D7 Networks credential/,
		);
		expect(JSON.stringify(caught)).not.toContain('wrong-apiToken');
		expect(ran(run, 'Caught')).toBe(true);
		expect(ran(run, 'Sent anyway')).toBe(false);
	});

	test('what D7 received', () => {
		const requests = run.requests.d7Networks;
		const byPath = (p) => requests.filter((r) => r.path.startsWith(p));
		const good = byPath('/verify/v1/otp/send-otp').find(
			(r) => r.headers.authorization === 'Bearer sandbox-d7-token',
		);
		expect(good.body).toMatchObject({
			recipient: '+971501234567',
			content: 'Your code is {}',
			retry_delay: 0,
			otp_code_length: 6,
			originator: 'SignOTP',
		});
		expect(
			byPath('/verify/v1/otp/send-otp').find(
				(r) => r.headers.authorization === 'Bearer wrong-apiToken',
			),
		).toBeDefined();
		expect(byPath('/verify/v1/otp/resend-otp')).toHaveLength(1);
		expect(byPath('/verify/v1/otp/verify-otp')).toHaveLength(2);
		expect(byPath('/verify/v1/report/')).toHaveLength(2);
		expect(requests).toHaveLength(7);
	});
});

describe('Paynet: send, verify; bad key with Continue On Fail', () => {
	let run;
	beforeAll(async () => {
		run = await execute('e2ePaynet');
	});

	test('send, a wrong code, the right code, IF', () => {
		expectSuccess(run);
		const sent = only(output(run, 'Send'));
		expect(sent).toMatchObject({
			provider: 'paynet',
			operation: 'send',
			recipient: '5321234567',
			status: 'sent',
		});
		expect(sent.reference).toMatch(/^e2e-/);
		expect(only(output(run, 'Verify wrong'))).toMatchObject({
			operation: 'verify',
			verified: false,
			status: 'invalid',
			reference: sent.reference,
		});
		expect(only(output(run, 'Verify right'))).toMatchObject({
			operation: 'verify',
			verified: true,
			status: 'approved',
		});
		expect(ran(run, 'Verified')).toBe(true);
		expect(ran(run, 'Wrong code')).toBe(false);
	});

	test('a bad key becomes an error item in words', () => {
		const failed = only(output(run, 'Send with bad key'));
		expect(failed.error).toMatch(/^Paynet: /);
		expect(failed.error.toLowerCase()).toMatch(/key|unauthori[sz]ed|refused/);
		expect(String(failed.httpCode)).toBe('401');
		expect(JSON.stringify(failed)).not.toContain('wrong-secretKey');
	});

	test('what Paynet received', () => {
		const requests = run.requests.paynet;
		const sends = requests.filter((r) => r.path === '/v1/card/send_otp');
		expect(sends).toHaveLength(2);
		const good = sends.find((r) => r.headers.authorization === 'Basic sck_sandbox_paynet');
		expect(good.body).toMatchObject({ user_gsm: '5321234567' });
		const checks = requests.filter((r) => r.path === '/v1/card/check_otp');
		expect(checks).toHaveLength(2);
		for (const check of checks)
			expect(check.body).toMatchObject({
				user_gsm: '5321234567',
				otp_session_id: good.body.otp_session_id,
			});
	});
});

describe('ShoutOUT: send, verify; bad key with Continue On Fail', () => {
	let run;
	beforeAll(async () => {
		run = await execute('e2eShoutout');
	});

	test('send, a wrong code, the right code, IF', () => {
		expectSuccess(run);
		const sent = only(output(run, 'Send'));
		expect(sent).toMatchObject({
			provider: 'shoutout',
			operation: 'send',
			recipient: '94771234567',
			status: 'sent',
			expiresAt: null,
		});
		expect(sent.reference).toBe(sent.response.referenceId);
		expect(only(output(run, 'Verify wrong'))).toMatchObject({
			operation: 'verify',
			verified: false,
			status: 'invalid',
		});
		expect(only(output(run, 'Verify right'))).toMatchObject({
			operation: 'verify',
			verified: true,
			status: 'approved',
		});
		expect(ran(run, 'Verified')).toBe(true);
		expect(ran(run, 'Wrong code')).toBe(false);
	});

	test('a bad key becomes an error item in words', () => {
		const failed = only(output(run, 'Send with bad key'));
		expect(failed.error).toMatch(
			/ShoutOUT: the API key was refused; check the ShoutOUT API credential/,
		);
		expect(JSON.stringify(failed)).not.toContain('wrong-apiKey');
	});

	test('what ShoutOUT received ([code] became {{code}})', () => {
		const sends = run.requests.shoutout.filter((r) => r.path === '/otpservice/send');
		const good = sends.find((r) => r.headers.authorization === 'Apikey sandbox-shoutout-key');
		expect(good.body).toMatchObject({
			source: 'ShoutDEMO',
			destination: '94771234567',
			transport: 'sms',
		});
		expect(JSON.stringify(good.body.content)).toContain('{{code}}');
		expect(run.requests.shoutout.filter((r) => r.path === '/otpservice/verify')).toHaveLength(2);
	});
});

describe('Valify: token exchange, send, verify; bad credentials with Continue On Fail', () => {
	let run;
	beforeAll(async () => {
		run = await execute('e2eValify');
	});

	test('send, a wrong code, the right code, IF', () => {
		expectSuccess(run);
		const sent = only(output(run, 'Send'));
		expect(sent).toMatchObject({
			provider: 'valify',
			operation: 'send',
			recipient: '01012345678',
			status: 'sent',
		});
		expect(sent.reference).toBe(sent.response.transaction_id);
		expect(only(output(run, 'Verify wrong'))).toMatchObject({
			operation: 'verify',
			verified: false,
			status: 'invalid',
			reference: sent.reference,
		});
		expect(only(output(run, 'Verify right'))).toMatchObject({
			operation: 'verify',
			verified: true,
			status: 'approved',
		});
		expect(ran(run, 'Verified')).toBe(true);
		expect(ran(run, 'Wrong code')).toBe(false);
	});

	test('bad credentials become an error item in words, with no secret', () => {
		const failed = only(output(run, 'Send with bad key'));
		expect(failed.error).toMatch(/^Valify: /);
		expect(JSON.stringify(failed)).not.toMatch(/wrong-(password|clientSecret|bundleKey)/);
	});

	test('what Valify received: a form-encoded password grant, then bearer calls with the bundle key in the body', () => {
		const requests = run.requests.valify;
		const tokens = requests.filter((r) => r.path === '/api/o/token/');
		expect(tokens.length).toBeGreaterThanOrEqual(1);
		expect(tokens[0].headers['content-type']).toContain('application/x-www-form-urlencoded');
		expect(
			tokens.some((r) => r.body.grant_type === 'password' && r.body.username === 'sandbox-user'),
		).toBe(true);
		const sends = requests.filter(
			(r) => r.path === '/api/v1/otp/send/' && r.body.bundle_key === 'sandbox-bundle-key',
		);
		expect(sends).toHaveLength(1);
		expect(sends[0].headers.authorization).toMatch(/^Bearer /);
		expect(sends[0].body).toMatchObject({ phone_number: '01012345678', lang: 'ar' });
		// The stored token may have been spent by an earlier run (3 calls each): a refused call is
		// made once more with a fresh token, so a verify can appear twice; nothing else repeats.
		const verifies = requests.filter((r) => r.path === '/api/v1/otp/verify/');
		expect(verifies.length).toBeGreaterThanOrEqual(2);
		expect(new Set(verifies.map((r) => r.body.otp)).size).toBe(2);
		for (const verify of verifies) expect(verify.body.bundle_key).toBe('sandbox-bundle-key');
	});
});

describe('TurkeySMS: send, sendCustom; bad key to the error output', () => {
	let run;
	beforeAll(async () => {
		run = await execute('e2eTurkeySms');
	});

	test('send and sendCustom', () => {
		expectSuccess(run);
		expect(only(output(run, 'Send'))).toMatchObject({
			provider: 'turkeySms',
			operation: 'send',
			recipient: '905324818942',
			status: 'sent',
			expiresAt: null,
		});
		expect(only(output(run, 'Send custom'))).toMatchObject({
			provider: 'turkeySms',
			operation: 'sendCustom',
			recipient: '905324818942',
			status: 'sent',
		});
	});

	test('a bad key goes to the error output with the error in words', () => {
		expect(output(run, 'Send with bad key', 0)).toHaveLength(0);
		const caught = only(output(run, 'Send with bad key', 1));
		expect(caught.error).toMatch(/TurkeySMS: the API key was refused/);
		expect(JSON.stringify(caught)).not.toContain('wrong-apiKey');
		expect(ran(run, 'Caught')).toBe(true);
	});

	test('what TurkeySMS received', () => {
		const requests = run.requests.turkeySms;
		const send = requests.find(
			(r) => r.path === '/otp/send' && r.body.api_key === 'sandbox-turkeysms-key',
		);
		expect(send.body).toMatchObject({ mobile: '905324818942', lang: 1, digits: 4 });
		const custom = requests.find((r) => r.path === '/otp/detailed');
		expect(custom.body).toMatchObject({
			mobile: '905324818942',
			title: 'MyApp',
			text: 'MyApp code: TS-CODE',
		});
		expect(custom.body).not.toHaveProperty('lang');
		expect(requests.filter((r) => r.body.api_key === 'wrong-apiKey')).toHaveLength(1);
	});
});

describe('without Continue On Fail', () => {
	test('a bad key stops the workflow with the node error in words', async () => {
		const run = await execute('e2eStopOnError');
		expect(run.code).not.toBe(0);
		const text = `${run.stdout}\n${run.stderr}`;
		expect(text).toMatch(/ShoutOUT: the API key was refused; check the ShoutOUT API credential/);
		expect(text).not.toContain('wrong-apiKey');
		expect(run.requests.shoutout).toHaveLength(1);
	});
});

describe('fallback (examples/sandbox/fallback.json): D7 Networks Send, IF nothingSent, TurkeySMS Send', () => {
	test('D7 refuses (HTTP 402, no credit): nothingSent is true and TurkeySMS sends the code', async () => {
		const run = await execute(kit.ids.demoWorkflow('fallback'));
		expectSuccess(run);
		const failed = only(output(run, 'D7 Networks: Send OTP'));
		expect(failed).toMatchObject({
			error: 'D7 Networks: insufficient credit; top up the D7 Networks account',
			httpCode: '402',
			nothingSent: true,
		});
		expect(only(output(run, 'TurkeySMS: Send OTP (fallback)'))).toMatchObject({
			provider: 'turkeySms',
			operation: 'send',
			recipient: '905000000402',
			status: 'sent',
		});
		expect(ran(run, 'No fallback (sent, or may have been sent)')).toBe(false);
		expect(run.requests.d7Networks).toHaveLength(1);
		expect(run.requests.turkeySms).toHaveLength(1);
		expect(run.requests.turkeySms[0].body).toMatchObject({ mobile: '905000000402' });
	});

	test('D7 does not answer in time: nothingSent is false and nothing else is sent', async () => {
		const run = await execute(fallbackTimeout.id, () =>
			fetch(`${sandbox.urls.d7Networks}/__sandbox/latency/3000`),
		);
		expectSuccess(run);
		const failed = only(output(run, 'D7 Networks: Send OTP'));
		expect(failed.error).toBe('D7 Networks: no answer came before the timeout');
		expect(failed.nothingSent).toBe(false);
		expect(failed.description).toMatch(/may or may not have been sent/);
		expect(ran(run, 'TurkeySMS: Send OTP (fallback)')).toBe(false);
		expect(ran(run, 'No fallback (sent, or may have been sent)')).toBe(true);
		expect(run.requests.d7Networks).toHaveLength(1);
		expect(run.requests.turkeySms).toHaveLength(0);
	});
});
