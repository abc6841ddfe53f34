'use strict';
// End-to-end: the TurkeySMS Trigger in real n8n (`n8n start`), its workflows published
// (active), signed requests posted to their production URLs. Executions are counted through
// n8n's REST API. `npm run test:e2e` (jest.e2e.config.js).
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const runtime = require('../../scripts/n8n-runtime');
const kit = require('../../scripts/sandbox-kit');
const { sleep } = require('../../scripts/runtime/util');
const { signedEvent, signatureOf } = require('../../simulators/turkeySms');

const log = (line) => process.stderr.write(`[e2e trigger] ${line}\n`);
const OWNER = runtime.DEFAULT_OWNER;
const SECRET = kit.vendors().turkeySms.credential('').webhookSecret;
const now = () => Math.floor(Date.now() / 1000);

let rt;
let tmp;
let userFolder;
let sandbox;
let n8n;
let n8nLog;
let baseUrl;
let cookie;
/** Every signature header sent, to prove none of them reaches n8n's log. */
const signaturesSent = [];

const exampleTrigger = kit.exampleWorkflows().find((wf) => wf.id === 'exampleTurkeySmsTrigger');

/** A copy of the example trigger workflow under another id, webhook and settings. */
function triggerVariant(id, webhookId, { events, credential } = {}) {
	const wf = JSON.parse(JSON.stringify(exampleTrigger));
	wf.id = id;
	wf.name = `e2e ${id}`;
	wf.nodes = wf.nodes.map((node) => ({ ...node, id: crypto.randomUUID() }));
	const trigger = wf.nodes.find((node) => node.type.endsWith('.turkeySmsTrigger'));
	trigger.webhookId = webhookId;
	if (events) trigger.parameters.events = events;
	if (credential) trigger.credentials = { turkeySmsApi: credential };
	return wf;
}
const noSecretCredential = {
	id: 'noSecretTurkeySms',
	name: 'TurkeySMS sandbox (no webhook secret)',
};
const noSecret = triggerVariant('e2eTriggerNoSecret', '0e2e0000-0000-4000-8000-00000000a5ec', {
	credential: noSecretCredential,
});
const failedOnly = triggerVariant('e2eTriggerFailedOnly', '0e2e0000-0000-4000-8000-0000000fa11d', {
	events: ['sms.failed'],
});

async function n8nCommand(args) {
	const result = await runtime.execN8n(args, {
		userFolder,
		runtime: rt,
		env: { NODE_ENV: undefined },
		timeoutMs: 3 * 60 * 1000,
	});
	if (result.code !== 0)
		throw new Error(
			`n8n ${args[0]} failed (exit ${result.code}):\n${result.stdout}\n${result.stderr}`,
		);
	return result;
}

/** The executions n8n recorded for a workflow ({ id, status, … }). */
async function executions(workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const res = await fetch(`${baseUrl}/rest/executions?filter=${filter}&limit=100`, {
		headers: { cookie },
	});
	if (!res.ok) throw new Error(`GET /rest/executions: HTTP ${res.status} ${await res.text()}`);
	const { data } = await res.json();
	return data.results;
}
const executionCount = async (workflowId) => (await executions(workflowId)).length;

/** Waits until the count reaches `expected` (executions are saved after they finish), or times out. */
async function countReaches(workflowId, expected, timeoutMs = 15000) {
	const deadline = Date.now() + timeoutMs;
	let count = await executionCount(workflowId);
	while (count < expected && Date.now() < deadline) {
		await sleep(250);
		count = await executionCount(workflowId);
	}
	return count;
}

async function post(workflow, { raw, headers }) {
	if (headers['X-TurkeySMS-Signature']) signaturesSent.push(headers['X-TurkeySMS-Signature']);
	const res = await fetch(kit.productionWebhookUrl(workflow, baseUrl), {
		method: 'POST',
		headers,
		body: raw,
	});
	return { status: res.status, text: await res.text() };
}

const delivered = () => ({
	event_type: 'sms.delivered',
	data: { sms_id: 1000007721, status: 'delivered' },
});

beforeAll(async () => {
	const t = Date.now();
	rt = await runtime.ensureN8n({ log });
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'otp-e2e-trigger-'));
	userFolder = path.join(tmp, 'user');
	await kit.build();
	const tarball = await kit.pack(path.join(tmp, 'pack'));
	await runtime.installCommunityPackage({ userFolder, spec: tarball, log });

	const port = await kit.freePort();
	baseUrl = `http://127.0.0.1:${port}`;
	sandbox = await kit.startSandbox({
		port: 0,
		quiet: true,
		webhooks: { turkeySms: kit.productionWebhookUrl(exampleTrigger, baseUrl) },
	});

	const credentials = kit.sandboxCredentials(sandbox.urls);
	const turkeySms = credentials.find((credential) => credential.type === 'turkeySmsApi');
	credentials.push({
		...turkeySms,
		...noSecretCredential,
		data: { ...turkeySms.data, webhookSecret: '' },
	});
	const credentialsFile = path.join(tmp, 'credentials.json');
	fs.writeFileSync(credentialsFile, JSON.stringify(credentials));
	await n8nCommand(['import:credentials', `--input=${credentialsFile}`]);
	const workflowsDir = path.join(tmp, 'workflows');
	fs.mkdirSync(workflowsDir);
	for (const wf of [exampleTrigger, noSecret, failedOnly])
		fs.writeFileSync(path.join(workflowsDir, `${wf.id}.json`), JSON.stringify(wf));
	await n8nCommand(['import:workflow', '--separate', `--input=${workflowsDir}`]);
	for (const wf of [exampleTrigger, noSecret, failedOnly])
		await n8nCommand(['publish:workflow', `--id=${wf.id}`]);

	n8nLog = path.join(tmp, 'n8n.log');
	const logFd = fs.openSync(n8nLog, 'w');
	n8n = runtime.spawnN8n(['start'], {
		userFolder,
		runtime: rt,
		env: {
			NODE_ENV: undefined,
			N8N_PORT: String(port),
			WEBHOOK_URL: `${baseUrl}/`,
			...runtime.ownerEnv({ ...OWNER, runtime: rt }),
		},
		stdio: ['ignore', logFd, logFd],
		spawnOptions: { detached: true },
	});
	fs.closeSync(logFd);
	await runtime.waitForN8n({ baseUrl, child: n8n, timeoutMs: 180000 });
	const login = await fetch(`${baseUrl}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({
			emailOrLdapLoginId: OWNER.email,
			email: OWNER.email,
			password: OWNER.password,
		}),
	});
	if (!login.ok) throw new Error(`login: HTTP ${login.status} ${await login.text()}`);
	cookie = login.headers.get('set-cookie').split(';')[0];
	// The webhooks are registered once the active workflows are activated: until then, 404.
	for (
		let tries = 0;
		(await post(exampleTrigger, { raw: '', headers: {} })).status === 404 && tries < 120;
		tries++
	)
		await sleep(500);
	log(`set up in ${((Date.now() - t) / 1000).toFixed(1)} s`);
});

afterAll(async () => {
	if (n8n) await kit.stopProcess(n8n, { graceMs: 20000 });
	if (sandbox) await sandbox.stop();
	if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** Each invalid request, the status the trigger answers, and (in the closing report) what it proves. */
const INVALID = [
	['a wrong signature', 403, () => signedEvent('not-the-secret', delivered())],
	[
		'a tampered body',
		403,
		() => {
			const event = signedEvent(SECRET, delivered());
			return { ...event, raw: event.raw.replace('delivered', 'failed') };
		},
	],
	[
		'a replay of an old body (10 minutes)',
		403,
		() => signedEvent(SECRET, delivered(), { timestamp: now() - 600 }),
	],
	[
		'a timestamp 2 minutes in the future',
		403,
		() => signedEvent(SECRET, delivered(), { timestamp: now() + 120 }),
	],
	[
		'another algorithm (sha1)',
		403,
		() => {
			const event = signedEvent(SECRET, delivered());
			return {
				...event,
				headers: {
					...event.headers,
					'X-TurkeySMS-Signature': signatureOf(SECRET, event.raw, 'sha1'),
				},
			};
		},
	],
	[
		'no signature',
		403,
		() => {
			const { raw, headers } = signedEvent(SECRET, delivered());
			delete headers['X-TurkeySMS-Signature'];
			return { raw, headers };
		},
	],
	[
		'not JSON (signed, text/plain)',
		400,
		() => ({
			raw: 'not json',
			headers: {
				'Content-Type': 'text/plain',
				'X-TurkeySMS-Signature': signatureOf(SECRET, 'not json'),
			},
		}),
	],
	// n8n itself parses an application/json body before any node runs and answers 422 when it is not JSON.
	[
		'not JSON (signed, sent as application/json)',
		422,
		() => ({
			raw: 'not json',
			headers: {
				'Content-Type': 'application/json',
				'X-TurkeySMS-Signature': signatureOf(SECRET, 'not json'),
			},
		}),
	],
];

describe('TurkeySMS Trigger in real n8n, on its production URL', () => {
	test('a valid event starts exactly one execution', async () => {
		const before = await executionCount(exampleTrigger.id);
		const answer = await post(exampleTrigger, signedEvent(SECRET, delivered()));
		expect(answer.status).toBe(200);
		expect(await countReaches(exampleTrigger.id, before + 1)).toBe(before + 1);
		await sleep(1500);
		const all = await executions(exampleTrigger.id);
		expect(all).toHaveLength(before + 1);
		expect(all.map((execution) => execution.status)).toEqual(all.map(() => 'success'));
	});

	test.each(INVALID)('%s: HTTP %i, no execution', async (name, status, request) => {
		const before = await executionCount(exampleTrigger.id);
		const answer = await post(exampleTrigger, request());
		log(`${name}: HTTP ${answer.status}`);
		expect(answer.status).toBe(status);
		await sleep(1500);
		expect(await executionCount(exampleTrigger.id)).toBe(before);
	});

	test('a credential without a webhook secret: HTTP 403, no execution', async () => {
		const answer = await post(noSecret, signedEvent(SECRET, delivered()));
		log(`credential without secret: HTTP ${answer.status}`);
		expect(answer.status).toBe(403);
		await sleep(1500);
		expect(await executionCount(noSecret.id)).toBe(0);
	});

	test('an event type not selected: HTTP 200, no execution; a selected one starts one', async () => {
		const answer = await post(failedOnly, signedEvent(SECRET, delivered()));
		expect(answer.status).toBe(200);
		await sleep(1500);
		expect(await executionCount(failedOnly.id)).toBe(0);
		const failed = await post(
			failedOnly,
			signedEvent(SECRET, { event_type: 'sms.failed', data: { sms_id: 7, status: 'failed' } }),
		);
		expect(failed.status).toBe(200);
		expect(await countReaches(failedOnly.id, 1)).toBe(1);
	});

	test('the sandbox: a TurkeySMS send makes the simulator post sms.sent and sms.delivered, two executions', async () => {
		const before = await executionCount(exampleTrigger.id);
		const res = await fetch(`${sandbox.urls.turkeySms}/otp/send`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				api_key: kit.vendors().turkeySms.credential('').apiKey,
				mobile: '905324818942',
			}),
		});
		expect((await res.json()).result).toBe(true);
		expect(await countReaches(exampleTrigger.id, before + 2)).toBe(before + 2);
	});

	test("n8n's log shows the refusals, and no secret or signature", () => {
		const text = fs.readFileSync(n8nLog, 'utf8');
		expect(text).toContain('TurkeySMS Trigger: refused an event with HTTP 403');
		expect(text).not.toContain(SECRET);
		expect(text).not.toContain(kit.vendors().turkeySms.credential('').apiKey);
		for (const signature of signaturesSent) expect(text).not.toContain(signature.split('=')[1]);
	});
});
