'use strict';
// TurkeySMS Trigger through n8n-core's WebhookContext, served on a real HTTP server on loopback
// (test/harness/webhook.js), with requests signed as turkeysms.com.tr/en/docs/webhooks describes.
const { serveTrigger } = require('./harness/webhook');
const { loadPackage, everythingShown } = require('./harness/engine');
const {
	createTurkeySmsSimulator,
	signedEvent,
	signatureOf,
	FAILING_MOBILE,
} = require('../simulators/turkeySms');

const SECRET = 'whsec-SECRET-turkeysms-4c7e1b';
const API_KEY = 'ts-SECRET-key-trigger-91d2';
const now = () => Math.floor(Date.now() / 1000);

const servers = [];
async function trigger({ parameters = {}, credential = {} } = {}) {
	const served = await serveTrigger({
		nodeType: 'turkeySmsTrigger',
		parameters: {
			events: ['sms.sent', 'sms.delivered', 'sms.failed', 'otp.verified', 'key.test'],
			options: {},
			...parameters,
		},
		credentials: {
			turkeySmsApi: { environment: 'live', apiKey: API_KEY, webhookSecret: SECRET, ...credential },
		},
	});
	servers.push(served);
	return served;
}
afterEach(async () => {
	await Promise.all(servers.splice(0).map((served) => served.stop()));
});

async function post(url, { raw, headers }) {
	const response = await fetch(url, { method: 'POST', headers, body: raw });
	return { status: response.status, text: await response.text() };
}

const delivered = (overrides = {}) => ({
	event_type: 'sms.delivered',
	data: { sms_id: 1000007721, status: 'delivered' },
	...overrides,
});

/** Nothing a refused or accepted request leaves behind names the secret or the signature. */
function expectNoSecrets(served, ...texts) {
	const shown = JSON.stringify({ executions: served.executions, logs: served.logs(), texts });
	expect(shown).not.toContain(SECRET);
	expect(shown).not.toContain(API_KEY);
	expect(shown).not.toMatch(/[0-9a-f]{64}/);
}

describe('the node', () => {
	test('is a webhook trigger on the TurkeySMS API credential, with a complete (local) webhook lifecycle', async () => {
		const { loader } = await loadPackage();
		const node = loader.nodeTypes.turkeySmsTrigger.type;
		expect(node.description).toMatchObject({
			name: 'turkeySmsTrigger',
			displayName: 'TurkeySMS Trigger',
			group: ['trigger'],
			inputs: [],
			credentials: [{ name: 'turkeySmsApi', required: true }],
			webhooks: [
				{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
			],
		});
		expect(node.description.usableAsTool).toBeUndefined();
		const events = node.description.properties.find((property) => property.name === 'events');
		expect(events.default).toEqual([
			'sms.sent',
			'sms.delivered',
			'sms.failed',
			'otp.verified',
			'key.test',
		]);
		const options = node.description.properties.find((property) => property.name === 'options');
		expect(options.options.find((option) => option.name === 'maxAgeSeconds').default).toBe(300);
		// Nothing to register remotely: the URL is pasted into TurkeySMS's panel.
		for (const method of ['checkExists', 'create', 'delete'])
			await expect(node.webhookMethods.default[method].call({})).resolves.toBe(true);
	});

	test('the credential has an optional webhookSecret password field', async () => {
		const { credentialTypes } = await loadPackage();
		const field = credentialTypes.turkeySmsApi.properties.find(
			(property) => property.name === 'webhookSecret',
		);
		expect(field).toMatchObject({ type: 'string', typeOptions: { password: true }, default: '' });
		expect(field.required).toBeFalsy();
	});
});

describe('a valid event', () => {
	test('starts one execution with the event item, and answers 200', async () => {
		const served = await trigger();
		const event = signedEvent(SECRET, delivered());
		const answer = await post(served.url, event);
		expect(answer.status).toBe(200);
		expect(served.executions).toHaveLength(1);
		const [[item]] = served.executions[0].items;
		expect(item.json).toEqual({
			provider: 'turkeySms',
			event: 'sms.delivered',
			reference: '1000007721',
			status: 'delivered',
			timestamp: new Date(JSON.parse(event.raw).timestamp * 1000).toISOString(),
			payload: JSON.parse(event.raw),
		});
		expectNoSecrets(served, answer.text);
	});

	test.each([
		['unix seconds', () => now()],
		['unix milliseconds', () => Date.now()],
		['ISO 8601', () => new Date().toISOString()],
		['seconds as text', () => String(now())],
	])('its timestamp may be in %s', async (_name, timestamp) => {
		const served = await trigger();
		const answer = await post(
			served.url,
			signedEvent(SECRET, delivered(), { timestamp: timestamp() }),
		);
		expect(answer.status).toBe(200);
		expect(served.executions).toHaveLength(1);
	});

	test('a signature in capitals and an algorithm name in capitals are the same signature', async () => {
		const served = await trigger();
		const event = signedEvent(SECRET, delivered());
		const [algorithm, hex] = event.headers['X-TurkeySMS-Signature'].split('=');
		event.headers['X-TurkeySMS-Signature'] = `${algorithm.toUpperCase()}=${hex.toUpperCase()}`;
		expect((await post(served.url, event)).status).toBe(200);
		expect(served.executions).toHaveLength(1);
	});

	test('an event a minute old is still within the default window', async () => {
		const served = await trigger();
		expect(
			(await post(served.url, signedEvent(SECRET, delivered(), { timestamp: now() - 60 }))).status,
		).toBe(200);
		expect(served.executions).toHaveLength(1);
	});

	test('a retried delivery arrives again and starts a second execution (de-duplicate downstream)', async () => {
		const served = await trigger();
		const event = signedEvent(SECRET, delivered());
		await post(served.url, event);
		await post(served.url, event);
		expect(served.executions).toHaveLength(2);
		expect(served.executions[0].items).toEqual(served.executions[1].items);
	});

	test('an event without sms_id has reference null', async () => {
		const served = await trigger();
		await post(served.url, signedEvent(SECRET, { event_type: 'key.test', data: {} }));
		expect(served.executions[0].items[0][0].json).toMatchObject({
			event: 'key.test',
			reference: null,
			status: null,
		});
	});
});

describe('an event type not selected', () => {
	test('answers 200 and starts nothing', async () => {
		const served = await trigger({ parameters: { events: ['sms.failed'] } });
		const answer = await post(served.url, signedEvent(SECRET, delivered()));
		expect(answer.status).toBe(200);
		expect(served.executions).toHaveLength(0);
	});
});

/** Every request the trigger refuses, and the status it answers. */
const INVALID = [
	[
		'a wrong signature (signed with another secret)',
		403,
		() => signedEvent('another-secret', delivered()),
	],
	[
		'a tampered body (signature of the original)',
		403,
		() => {
			const event = signedEvent(SECRET, delivered());
			return { ...event, raw: event.raw.replace('delivered', 'failed') };
		},
	],
	[
		'a replay of an old body (10 minutes old, signed)',
		403,
		() => signedEvent(SECRET, delivered(), { timestamp: now() - 600 }),
	],
	[
		'a timestamp two minutes in the future (signed)',
		403,
		() => signedEvent(SECRET, delivered(), { timestamp: now() + 120 }),
	],
	[
		'another algorithm (sha1, correctly computed)',
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
		'no signature header',
		403,
		() => {
			const { 'X-TurkeySMS-Signature': _dropped, ...headers } = signedEvent(
				SECRET,
				delivered(),
			).headers;
			return { raw: signedEvent(SECRET, delivered()).raw, headers };
		},
	],
	[
		'a signature without its algorithm',
		403,
		() => {
			const event = signedEvent(SECRET, delivered());
			return {
				...event,
				headers: {
					...event.headers,
					'X-TurkeySMS-Signature': event.headers['X-TurkeySMS-Signature'].split('=')[1],
				},
			};
		},
	],
	[
		'a signature that is not hex',
		403,
		() => {
			const event = signedEvent(SECRET, delivered());
			return { ...event, headers: { ...event.headers, 'X-TurkeySMS-Signature': 'sha256=not-hex' } };
		},
	],
	[
		'a signed body without a timestamp',
		403,
		() => {
			const raw = JSON.stringify(delivered());
			return {
				raw,
				headers: {
					'Content-Type': 'application/json',
					'X-TurkeySMS-Signature': signatureOf(SECRET, raw),
				},
			};
		},
	],
	[
		'only the unsigned timestamp header is fresh (old body timestamp)',
		403,
		() => {
			const event = signedEvent(SECRET, delivered(), { timestamp: now() - 3600 });
			return { ...event, headers: { ...event.headers, 'X-TurkeySMS-Timestamp': String(now()) } };
		},
	],
	[
		'a signed body that is not JSON (sent as text/plain)',
		400,
		() => ({
			raw: 'event=sms.delivered',
			headers: {
				'Content-Type': 'text/plain',
				'X-TurkeySMS-Signature': signatureOf(SECRET, 'event=sms.delivered'),
			},
		}),
	],
	[
		'a signed JSON body that is not an object',
		400,
		() => ({
			raw: '["sms.delivered"]',
			headers: {
				'Content-Type': 'application/json',
				'X-TurkeySMS-Signature': signatureOf(SECRET, '["sms.delivered"]'),
			},
		}),
	],
	[
		'a body that is not JSON, unsigned',
		403,
		() => ({ raw: 'hello', headers: { 'Content-Type': 'text/plain' } }),
	],
];

describe('invalid requests start nothing', () => {
	test.each(INVALID)('%s: HTTP %i', async (_name, status, request) => {
		const served = await trigger();
		const sent = request();
		const answer = await post(served.url, sent);
		expect(answer.status).toBe(status);
		expect(served.executions).toHaveLength(0);
		expect(JSON.parse(answer.text).message).toMatch(/^Refused: /);
		expectNoSecrets(served, answer.text);
		expect(
			served.logs().some((line) => line.message.includes(`refused an event with HTTP ${status}`)),
		).toBe(true);
	});

	test('a credential without a webhook secret refuses even a request signed with an empty secret: 403', async () => {
		const served = await trigger({ credential: { webhookSecret: '' } });
		const answer = await post(served.url, signedEvent('', delivered()));
		expect(answer.status).toBe(403);
		expect(answer.text).toMatch(/no webhook secret/);
		expect(served.executions).toHaveLength(0);
	});

	test('a shorter Max Age refuses an event older than it: 403', async () => {
		const served = await trigger({ parameters: { options: { maxAgeSeconds: 30 } } });
		expect(
			(await post(served.url, signedEvent(SECRET, delivered(), { timestamp: now() - 45 }))).status,
		).toBe(403);
		expect(served.executions).toHaveLength(0);
	});

	test('the signature is checked before the body is read: a wrong signature on a stale, non-JSON body is 403', async () => {
		const served = await trigger();
		const answer = await post(served.url, {
			raw: 'not json',
			headers: {
				'Content-Type': 'text/plain',
				'X-TurkeySMS-Signature': `sha256=${'0'.repeat(64)}`,
			},
		});
		expect(answer.status).toBe(403);
		expect(answer.text).toMatch(/does not match/);
	});
});

describe('the simulator posts the events of every send, signed', () => {
	let simulator;
	afterEach(async () => simulator && simulator.stop());

	test.each([
		['905321234567', ['sms.sent', 'sms.delivered']],
		[FAILING_MOBILE, ['sms.sent', 'sms.failed']],
	])('a send to %s: %j, each one execution', async (mobile, events) => {
		const served = await trigger();
		simulator = createTurkeySmsSimulator({
			apiKey: API_KEY,
			webhookUrl: served.url,
			webhookSecret: SECRET,
		});
		const url = await simulator.start();
		const answer = await fetch(`${url}/otp/send`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ api_key: API_KEY, mobile }),
		}).then((response) => response.json());
		for (let waited = 0; simulator.webhook.posted.length < 2 && waited < 5000; waited += 50)
			await new Promise((resolve) => setTimeout(resolve, 50));
		expect(simulator.webhook.posted.map((posted) => posted.answer)).toEqual([200, 200]);
		expect(served.executions.map((execution) => execution.items[0][0].json.event)).toEqual(events);
		for (const execution of served.executions)
			expect(execution.items[0][0].json.reference).toBe(String(answer.sms_id));
		expect(
			everythingShown({ run: served.executions, items: [], errorItems: [], logs: served.logs() }),
		).not.toContain(SECRET);
	});
});
