'use strict';
// TurkeySMS through the real engine: Test Items → TurkeySMS on n8n-core's WorkflowExecute, against
// a simulator built from vendors.md section 5.

const { runNode, everythingShown, loadPackage } = require('./harness/engine');
const { testCredential: runCredentialTest } = require('./harness/credential-test');
const { HTML_502 } = require('../simulators/vendor-simulator');
const { createTurkeySmsSimulator } = require('../simulators/turkeySms');

const API_KEY = 'ts-secret-key-7f3a9c';

let simulator;

beforeAll(async () => {
	simulator = createTurkeySmsSimulator({ apiKey: API_KEY });
	await simulator.start();
});

afterAll(async () => {
	await simulator.stop();
});

beforeEach(() => {
	simulator.reset();
	Object.assign(simulator.state, {
		balance: 100,
		senderIds: ['MyApp'],
		sendOtpPermission: true,
		postEnabled: true,
		sent: [],
	});
});

const credentials = (overrides = {}) => ({
	turkeySmsApi: {
		environment: 'custom',
		baseUrl: `${simulator.url}/`,
		apiKey: API_KEY,
		...overrides,
	},
});

function send(parameters = {}, options = {}) {
	return runNode({
		nodeType: 'turkeySms',
		parameters: { resource: 'otp', operation: 'send', mobile: '+90 532 481 89 42', ...parameters },
		credentials: credentials(options.credentials),
		items: options.items,
		onError: options.onError,
	});
}

function sendCustom(parameters = {}, options = {}) {
	return runNode({
		nodeType: 'turkeySms',
		parameters: {
			resource: 'otp',
			operation: 'sendCustom',
			mobile: '905324818942',
			title: 'MyApp',
			text: 'MyApp code: TS-CODE (valid 5 minutes)',
			...parameters,
		},
		credentials: credentials(options.credentials),
		items: options.items,
		onError: options.onError,
	});
}

/** Fails the test if the key shows anywhere a person or a log could see it. */
function expectNoSecret(result) {
	expect(everythingShown(result)).not.toContain(API_KEY);
}

/** A TurkeySMS failure answer, as the simulator's fault. */
const turkeySmsFailure = (status, code, message, extra = {}) => ({
	status,
	body: { result: false, result_code: code, result_message: message },
	...extra,
});

/** The TurkeySMS credential's test, run as n8n's credentials tester runs it. */
const testCredential = (data) => runCredentialTest('turkeySmsApi', data);

describe('credential', () => {
	it('passes the test with a good key, calling /auth/check with api_key in the body and texting nobody', async () => {
		const result = await testCredential(credentials().turkeySmsApi);

		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(simulator.requests).toHaveLength(1);
		const [request] = simulator.requests;
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/auth/check');
		expect(request.body).toEqual({ api_key: API_KEY });
		expect(request.headers.authorization).toBeUndefined();
		expect(simulator.state.sent).toHaveLength(0);
	});

	it('fails the test on TS-1031 invalid API key', async () => {
		const result = await testCredential(credentials({ apiKey: 'wrong-key' }).turkeySmsApi);

		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/TS-1031/);
		expect(result.message).toMatch(/refused the API key/);
	});

	it('fails the test when the key lacks the OTP permission', async () => {
		simulator.state.sendOtpPermission = false;
		const result = await testCredential(credentials().turkeySmsApi);

		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/OTP permission \(send_otp\)/);
	});

	it('reads the answer /auth/check documents: key status Active, the five permissions, the account summary', async () => {
		const { credentialTypes } = await loadPackage();
		const rules = credentialTypes.turkeySmsApi.test.rules.map((rule) => rule.properties.key);
		expect(rules).toEqual(
			expect.arrayContaining(['key_details.status', 'key_details.permissions.send_otp']),
		);
		const { body } = await fetch(`${simulator.url}/auth/check`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ api_key: API_KEY }),
		}).then(async (response) => ({ body: await response.json() }));
		expect(body).toMatchObject({
			result: true,
			result_code: 'TS-1000',
			key_details: {
				status: 'Active',
				permissions: {
					send_single_sms: true,
					send_otp: true,
					send_bulk_sms: true,
					check_balance: true,
					check_sms_status: true,
				},
			},
			account_summary: {
				account_status: 'Active',
				balance: { main: expect.any(Number), international: expect.any(Number) },
			},
		});
	});

	it('fails the test in words when the key is not active', async () => {
		simulator.state.keyStatus = 'Inactive';
		try {
			const result = await testCredential(credentials().turkeySmsApi);
			expect(result).toEqual({
				status: 'Error',
				message:
					'The API key is not active (status Inactive). Activate it in the TurkeySMS panel (API Center → My Keys) or use an active key.',
			});
		} finally {
			simulator.state.keyStatus = 'Active';
		}
	});

	it('the Language and Digits hints promise only the defaults the OTP page states', async () => {
		const { nodeTypes } = await loadPackage();
		const { properties } = nodeTypes.getByName('n8n-nodes-otp-providers.turkeySms').description;
		const fields = properties
			.filter((property) => property.name === 'additionalFields')
			.flatMap((property) => property.options);
		const hint = (name) => fields.find((field) => field.name === name).description;
		expect(hint('lang')).toMatch(/no lang is sent/);
		expect(hint('lang')).toMatch(/does not say which/);
		expect(hint('lang')).not.toMatch(/English (is|by) default|defaults? to/i);
		expect(hint('digits')).toMatch(/its OTP page: 6 when not set/);
	});

	it('fails the test on TS-1061 POST not enabled for the key', async () => {
		simulator.state.postEnabled = false;
		const result = await testCredential(credentials().turkeySmsApi);

		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/TS-1061/);
	});

	it('fails the test when the base URL answers with something that is not TurkeySMS', async () => {
		simulator.fail({ status: 502, raw: HTML_502 });
		const result = await testCredential(credentials().turkeySmsApi);

		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/base URL/);
	});

	it('uses the live host unless the environment is custom, tolerating a trailing slash on the base URL', async () => {
		const { credentialTypes } = await loadPackage();
		const baseURL = credentialTypes.turkeySmsApi.test.request.baseURL;
		expect(baseURL).toContain('https://api.turkeysms.com.tr');
		expect(baseURL).toContain('replace(');
		const { turkeySms } = require('../dist/nodes/TurkeySms/vendor');
		expect(turkeySms.environments.map(({ value, url }) => [value, url])).toEqual([
			['live', 'https://api.turkeysms.com.tr'],
		]);
	});
});

describe('send', () => {
	it('sends a standard OTP with api_key in the JSON body and outputs the sent item', async () => {
		const result = await send();

		expect(result.error).toBeUndefined();
		expect(simulator.requests).toHaveLength(1);
		const [request] = simulator.requests;
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/otp/send');
		expect(request.headers['content-type']).toContain('application/json');
		expect(request.headers.authorization).toBeUndefined();
		expect(request.query).toEqual({});
		expect(request.body).toEqual({ api_key: API_KEY, mobile: '905324818942' });

		expect(result.items).toHaveLength(1);
		const [item] = result.items;
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toEqual({
			provider: 'turkeySms',
			operation: 'send',
			recipient: '905324818942',
			reference: String(simulator.state.sent[0].smsId),
			status: 'sent',
			expiresAt: null,
			response: {
				result: true,
				result_code: 'TS-1024',
				result_message: 'OTP dispatched successfully.',
				sms_id: simulator.state.sent[0].smsId,
				mobile: '905324818942',
				digits: 6,
			},
		});
		expectNoSecret(result);
	});

	it.each([
		['+90 532 481 89 42', '905324818942'],
		['0090-532-481-8942', '905324818942'],
		['905324818942', '905324818942'],
		['(0532) 481 89 42', '905324818942'],
		['05324818942', '905324818942'],
		['+44 7700 900123', '447700900123'],
		['0044 7700 900123', '447700900123'],
	])('accepts the mobile number %s and sends %s', async (mobile, sent) => {
		const result = await send({ mobile });

		expect(result.error).toBeUndefined();
		expect(simulator.requests[0].body.mobile).toBe(sent);
		expect(result.items[0].json.recipient).toBe(sent);
	});

	it('sends lang and digits only when the user sets them', async () => {
		const result = await send({ additionalFields: { lang: 1, digits: 4 } });

		expect(result.error).toBeUndefined();
		expect(simulator.requests[0].body).toEqual({
			api_key: API_KEY,
			mobile: '905324818942',
			lang: 1,
			digits: 4,
		});
	});

	it('sends Arabic (Unicode) as lang 2 and English as lang 0', async () => {
		await send({ additionalFields: { lang: 2 } });
		await send({ additionalFields: { lang: 0 } });

		expect(simulator.requests.map((request) => request.body.lang)).toEqual([2, 0]);
	});

	it('takes lang and digits from expressions as digits in text', async () => {
		const result = await send(
			{ additionalFields: { lang: '={{$json.lang}}', digits: '={{$json.digits}}' } },
			{ items: [{ lang: '1', digits: '5' }] },
		);

		expect(result.error).toBeUndefined();
		expect(simulator.requests[0].body).toMatchObject({ lang: 1, digits: 5 });
	});

	it('outputs reference null when the answer names no message id', async () => {
		simulator.fail({
			status: 200,
			body: {
				result: true,
				result_code: 'TS-1024',
				result_message: 'OTP dispatched successfully.',
			},
		});
		const result = await send();

		expect(result.error).toBeUndefined();
		expect(result.items[0].json.reference).toBeNull();
		expect(result.items[0].json.response).toEqual({
			result: true,
			result_code: 'TS-1024',
			result_message: 'OTP dispatched successfully.',
		});
	});

	it('passes undocumented answer fields through and reads message_id when there is no sms_id', async () => {
		simulator.fail({
			status: 200,
			body: {
				result: true,
				result_code: 'TS-1024',
				result_message: 'ok',
				message_id: 'abc-123',
				cost: 1,
			},
		});
		const result = await send();

		expect(result.items[0].json.reference).toBe('abc-123');
		expect(result.items[0].json.response.cost).toBe(1);
	});

	describe('rejects bad input before any request', () => {
		it.each([
			['a number too short', { mobile: '12345' }, 'Mobile'],
			['letters', { mobile: 'call me' }, 'Mobile'],
			['a local number that is not a Turkish mobile', { mobile: '0212 444 00 00' }, 'Mobile'],
			['a Turkish local mobile missing a digit', { mobile: '0532 481 89 4' }, 'Mobile'],
			['a +90 number of the wrong length', { mobile: '+90 532 481 89 4' }, 'Mobile'],
			['an empty number from an expression', { mobile: '={{ "" }}' }, 'Mobile'],
			['digits 3', { additionalFields: { digits: 3 } }, 'Digits'],
			['digits 7', { additionalFields: { digits: 7 } }, 'Digits'],
			['digits 5.5', { additionalFields: { digits: 5.5 } }, 'Digits'],
			['lang 3', { additionalFields: { lang: 3 } }, 'Language'],
			['lang -1', { additionalFields: { lang: -1 } }, 'Language'],
			['lang "tr"', { additionalFields: { lang: 'tr' } }, 'Language'],
		])('%s', async (_case, parameters, field) => {
			const result = await send(parameters);

			expect(simulator.requests).toHaveLength(0);
			expect(result.error).toBeDefined();
			expect(result.error.message).toContain(field);
			expect(result.error.message).toMatch(/is not valid: (expected|it must not be empty)/);
			expect(result.error.description).toContain('Nothing was sent');
			expect(result.error.context.itemIndex).toBe(0);
		});
	});

	describe('says what TurkeySMS refused, in words, with its code, the HTTP status and a hint', () => {
		it.each([
			[
				401,
				'TS-1031',
				'Invalid API key.',
				/the API key was refused \(invalid API key\)/,
				/credential/,
			],
			[403, 'TS-1027', 'Insufficient balance.', /insufficient balance/, /Top up/],
			[
				403,
				'TS-1065',
				'API key permissions are insufficient.',
				/lacks the permission for OTP/,
				/Enable the OTP permission/,
			],
			[
				403,
				'TS-1061',
				'POST permission is not enabled.',
				/POST requests are not enabled/,
				/Enable POST/,
			],
			[400, 'TS-1033', 'Invalid JSON body.', /invalid JSON/, /proxy/],
			[
				403,
				'TS-1028',
				'SenderID is not active.',
				/sender ID \(Title\) is not active/,
				/approved and active/,
			],
		])('HTTP %i %s', async (status, code, vendorMessage, message, hint) => {
			simulator.fail(turkeySmsFailure(status, code, vendorMessage));
			const result = await send();

			expect(simulator.requests).toHaveLength(1);
			expect(result.items).toHaveLength(0);
			expect(result.error.message).toMatch(/^TurkeySMS: /);
			expect(result.error.message).toMatch(message);
			expect(result.error.description).toContain(`TurkeySMS code ${code}`);
			expect(result.error.description).toContain(`HTTP ${status}`);
			expect(result.error.description).toMatch(hint);
			expect(result.error.context.itemIndex).toBe(0);
			expectNoSecret(result);
		});

		it('treats HTTP 200 with result false as a failure', async () => {
			simulator.fail({
				status: 200,
				body: { result: false, result_code: 'TS-1027', result_message: 'Insufficient balance.' },
			});
			const result = await send();

			expect(result.items).toHaveLength(0);
			expect(result.error.message).toBe(
				'TurkeySMS: insufficient balance; top up the TurkeySMS account',
			);
			expect(result.error.description).toContain('HTTP 200');
		});

		it('decides on the code, not on the text', async () => {
			simulator.fail(turkeySmsFailure(403, 'TS-1027', 'Invalid API key.'));
			const result = await send();

			expect(result.error.message).toBe(
				'TurkeySMS: insufficient balance; top up the TurkeySMS account',
			);
		});

		it("shows TurkeySMS's words for a code it does not know", async () => {
			simulator.fail(turkeySmsFailure(400, 'TS-1099', 'Invalid mobile number.'));
			const result = await send();

			expect(result.error.message).toBe(
				'TurkeySMS: the request was refused: Invalid mobile number.',
			);
			expect(result.error.description).toContain('TurkeySMS code TS-1099');
		});

		it('takes a 200 answer without result for a sent item: it does not say it failed', async () => {
			simulator.fail({ status: 200, body: { ok: true } });
			const result = await send();

			expect(result.error).toBeUndefined();
			expect(result.items[0].json).toMatchObject({
				status: 'sent',
				reference: null,
				response: { ok: true },
			});
			expect(simulator.requests).toHaveLength(1);
		});

		it('takes a 200 answer with result false, or a documented refusal code, for a failure', async () => {
			simulator.fail({
				status: 200,
				body: { result: false, result_code: 'TS-1099', result_message: 'Nope.' },
			});
			const refused = await send();
			expect(refused.error.message).toBe('TurkeySMS: the request was refused: Nope.');

			simulator.fail({
				status: 200,
				body: { result_code: 'TS-1027', result_message: 'Insufficient balance.' },
			});
			const noBalance = await send();
			expect(noBalance.error.message).toBe(
				'TurkeySMS: insufficient balance; top up the TurkeySMS account',
			);
		});

		it("reports the real simulator's insufficient balance", async () => {
			simulator.state.balance = 0;
			const result = await send();

			expect(result.error.message).toBe(
				'TurkeySMS: insufficient balance; top up the TurkeySMS account',
			);
			expect(simulator.state.sent).toHaveLength(0);
		});

		it('reports a wrong key held in the credential, without showing it', async () => {
			const result = await send({}, { credentials: { apiKey: 'wrong-key-123456' } });

			expect(result.error.message).toBe(
				'TurkeySMS: the API key was refused (invalid API key); check the TurkeySMS credential',
			);
			expect(everythingShown(result)).not.toContain('wrong-key-123456');
		});
	});

	describe('TS-1060 per-minute rate limit', () => {
		const rateLimited = (headers = { 'Retry-After': '0' }) =>
			turkeySmsFailure(403, 'TS-1060', 'Per-minute rate limit exceeded.', { headers });

		it('waits as Retry-After says and sends once the limit allows', async () => {
			simulator.fail({ ...rateLimited(), times: 2 });
			const result = await send();

			expect(result.error).toBeUndefined();
			expect(simulator.requestsTo('/otp/send')).toHaveLength(3);
			expect(simulator.state.sent).toHaveLength(1);
			expect(result.items[0].json.status).toBe('sent');
		});

		it('gives up after 3 retries and says nothing was sent', async () => {
			simulator.fail({ ...rateLimited(), times: 10 });
			const result = await send();

			expect(simulator.requestsTo('/otp/send')).toHaveLength(4);
			expect(result.error.message).toBe(
				'TurkeySMS: the per-minute rate limit was reached, so nothing was sent',
			);
			expect(result.error.description).toContain('TurkeySMS code TS-1060');
			expect(result.error.description).toContain('HTTP 403');
			expect(result.error.description).toMatch(/Items per Batch/);
			expectNoSecret(result);
		});

		it('does not wait over 60 seconds when Retry-After asks for more', async () => {
			simulator.fail({ ...rateLimited({ 'Retry-After': '120' }), times: 10 });
			const result = await send();

			expect(simulator.requestsTo('/otp/send')).toHaveLength(1);
			expect(result.error.message).toMatch(/rate limit/);
		});

		it('waits 20 seconds when the answer has no Retry-After header, and only for TS-1060', () => {
			const { turkeySms, DEFAULT_RATE_LIMIT_WAIT_MS } = require('../dist/nodes/TurkeySms/vendor');
			const answer = (code, headers = {}) => ({
				statusCode: 403,
				body: { result: false, result_code: code, result_message: '' },
				headers,
			});

			expect(DEFAULT_RATE_LIMIT_WAIT_MS).toBe(20_000);
			expect(turkeySms.rateLimitWait(answer('TS-1060'))).toBe(20_000);
			expect(turkeySms.rateLimitWait(answer('TS-1060', { 'retry-after': '7' }))).toBe(7_000);
			for (const code of ['TS-1031', 'TS-1027', 'TS-1028', 'TS-1065', 'TS-1061', 'TS-1033']) {
				expect(turkeySms.rateLimitWait(answer(code, { 'retry-after': '0' }))).toBeUndefined();
			}
			expect(
				turkeySms.rateLimitWait({ statusCode: 429, body: 'Too Many Requests', headers: {} }),
			).toBeUndefined();
		});

		it.each(['TS-1031', 'TS-1027', 'TS-1065'])(
			'never retries %s, even with a Retry-After header',
			async (code) => {
				simulator.fail({
					...turkeySmsFailure(403, code, 'refused', { headers: { 'Retry-After': '0' } }),
					times: 5,
				});
				const result = await send();

				expect(simulator.requestsTo('/otp/send')).toHaveLength(1);
				expect(result.error.description).toContain(code);
			},
		);

		it("retries the simulator's own per-minute limit when it says Retry-After: 0", async () => {
			const limited = createTurkeySmsSimulator({
				apiKey: API_KEY,
				perMinute: 1,
				retryAfterSeconds: 0,
			});
			await limited.start();
			try {
				const result = await runNode({
					nodeType: 'turkeySms',
					parameters: { resource: 'otp', operation: 'send', mobile: '905324818942' },
					credentials: {
						turkeySmsApi: { environment: 'custom', baseUrl: limited.url, apiKey: API_KEY },
					},
					items: [{}, {}],
				});

				expect(limited.requests).toHaveLength(1 + 4);
				expect(limited.state.sent).toHaveLength(1);
				expect(result.error.message).toMatch(/rate limit/);
				expect(result.error.context.itemIndex).toBe(1);
			} finally {
				await limited.stop();
			}
		});
	});

	describe('when the connection fails, says so and never sends twice', () => {
		it('an HTML 502 page', async () => {
			simulator.fail({ status: 502, raw: HTML_502 });
			const result = await send();

			expect(simulator.requests).toHaveLength(1);
			expect(result.error.message).toBe(
				'TurkeySMS: the service failed (HTTP 502 with a page that is not JSON)',
			);
			expect(result.error.description).toMatch(/not sent again/);
			expectNoSecret(result);
		});

		it('a timeout', async () => {
			simulator.fail({ drop: 'hang' });
			const result = await send({ options: { timeout: 500 } });

			expect(simulator.requests).toHaveLength(1);
			expect(result.error.message).toBe('TurkeySMS: no answer came before the timeout');
			expect(result.error.description).toMatch(
				/may or may not have been sent; it was not sent again/,
			);
			expectNoSecret(result);
		});

		it('a reset connection', async () => {
			simulator.fail({ drop: 'before' });
			const result = await send();

			expect(simulator.requests).toHaveLength(1);
			expect(result.error.message).toBe('TurkeySMS: the connection was cut before an answer came');
			expectNoSecret(result);
		});
	});

	describe('Continue On Fail', () => {
		const items = [
			{ mobile: '+90 532 481 89 42' },
			{ mobile: 'not a number' },
			{ mobile: '+90 533 111 22 33' },
		];

		it('sends items 1 and 3 and outputs an error item for item 2', async () => {
			const result = await send(
				{ mobile: '={{$json.mobile}}' },
				{ items, onError: 'continueRegularOutput' },
			);

			expect(result.error).toBeUndefined();
			expect(simulator.requests.map((request) => request.body.mobile).sort()).toEqual([
				'905324818942',
				'905331112233',
			]);
			expect(result.items).toHaveLength(3);
			expect(result.items.map((item) => item.pairedItem)).toEqual([
				{ item: 0 },
				{ item: 1 },
				{ item: 2 },
			]);
			expect(result.items[0].json.recipient).toBe('905324818942');
			expect(result.items[1].json.error).toMatch(/Mobile "not a number" is not valid/);
			expect(result.items[1].json.description).toContain('Nothing was sent');
			expect(result.items[2].json.recipient).toBe('905331112233');
			expectNoSecret(result);
		});

		it('sends the other items when TurkeySMS refuses one, with the vendor error on its item', async () => {
			simulator.fail({
				...turkeySmsFailure(403, 'TS-1027', 'Insufficient balance.'),
				path: '/otp/send',
			});
			const result = await send(
				{ mobile: '={{$json.mobile}}', options: { batching: { batch: { batchSize: 1 } } } },
				{ items: [items[0], items[2]], onError: 'continueRegularOutput' },
			);

			expect(simulator.requests).toHaveLength(2);
			expect(result.items[0].json).toEqual({
				error: 'TurkeySMS: insufficient balance; top up the TurkeySMS account',
				description: expect.stringContaining('TurkeySMS code TS-1027, HTTP 403'),
				httpCode: '403',
				nothingSent: true,
			});
			expect(result.items[1].json.status).toBe('sent');
		});

		it('with the error output, routes item 2 there and sends items 1 and 3', async () => {
			const result = await send(
				{ mobile: '={{$json.mobile}}' },
				{ items, onError: 'continueErrorOutput' },
			);

			expect(simulator.requests).toHaveLength(2);
			expect(result.items.map((item) => item.json.recipient)).toEqual([
				'905324818942',
				'905331112233',
			]);
			expect(result.errorItems).toHaveLength(1);
			expect(result.errorItems[0].json.error).toMatch(/Mobile "not a number" is not valid/);
			expect(result.errorItems[0].pairedItem).toEqual({ item: 1 });
		});

		it('without it, fails on item 2 and sends nothing', async () => {
			const result = await send({ mobile: '={{$json.mobile}}' }, { items });

			expect(simulator.requests).toHaveLength(0);
			expect(result.error.message).toMatch(/Mobile "not a number" is not valid/);
			expect(result.error.context.itemIndex).toBe(1);
		});
	});
});

describe('sendCustom', () => {
	it('sends the title and the text with TS-CODE to /otp/detailed', async () => {
		const result = await sendCustom({ additionalFields: { lang: 0, digits: 6 } });

		expect(result.error).toBeUndefined();
		expect(simulator.requests).toHaveLength(1);
		const [request] = simulator.requests;
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/otp/detailed');
		expect(request.headers.authorization).toBeUndefined();
		expect(request.body).toEqual({
			api_key: API_KEY,
			mobile: '905324818942',
			title: 'MyApp',
			text: 'MyApp code: TS-CODE (valid 5 minutes)',
			lang: 0,
			digits: 6,
		});
		const [sent] = simulator.state.sent;
		expect(sent.text).toBe(`MyApp code: ${sent.code} (valid 5 minutes)`);
		expect(result.items[0].json).toMatchObject({
			provider: 'turkeySms',
			operation: 'sendCustom',
			recipient: '905324818942',
			reference: String(sent.smsId),
			status: 'sent',
			expiresAt: null,
		});
		expect(result.items[0].json.response.result_code).toBe('TS-1024');
		expectNoSecret(result);
	});

	it('sends no lang or digits when the user did not set them', async () => {
		await sendCustom();

		expect(Object.keys(simulator.requests[0].body).sort()).toEqual([
			'api_key',
			'mobile',
			'text',
			'title',
		]);
	});

	it('accepts a Turkish local mobile', async () => {
		await sendCustom({ mobile: '0532 481 89 42' });

		expect(simulator.requests[0].body.mobile).toBe('905324818942');
	});

	describe('rejects bad input before any request', () => {
		it.each([
			['a text without TS-CODE', { text: 'Your code is {{code}}' }, 'Text', /must contain TS-CODE/],
			['a lower-case ts-code', { text: 'Your code is ts-code' }, 'Text', /must contain TS-CODE/],
			['an empty text from an expression', { text: '={{ "" }}' }, 'Text', /must not be empty/],
			['a blank title', { title: '   ' }, 'Title', /must not be empty/],
			[
				'a title missing from the item',
				{ title: '={{ $json.title }}' },
				'Title',
				/not valid: expected text/,
			],
			['a bad mobile', { mobile: '532' }, 'Mobile', /expected a phone number/],
			['digits 9', { additionalFields: { digits: 9 } }, 'Digits', /from 4 to 6/],
			['lang 5', { additionalFields: { lang: 5 } }, 'Language', /from 0 to 2/],
		])('%s', async (_case, parameters, field, expected) => {
			const result = await sendCustom(parameters);

			expect(simulator.requests).toHaveLength(0);
			expect(result.error.message).toMatch(new RegExp(`^${field} `));
			expect(result.error.message).toMatch(expected);
		});
	});

	it('says the sender ID is not active when TurkeySMS answers TS-1028', async () => {
		const result = await sendCustom({ title: 'NotMine' });

		expect(simulator.requests).toHaveLength(1);
		expect(result.error.message).toBe('TurkeySMS: the sender ID (Title) is not active');
		expect(result.error.description).toContain('TurkeySMS code TS-1028, HTTP 403');
		expectNoSecret(result);
	});

	it('retries TS-1060 and then sends', async () => {
		simulator.fail({
			...turkeySmsFailure(403, 'TS-1060', 'Per-minute rate limit exceeded.', {
				headers: { 'Retry-After': '0' },
			}),
			times: 1,
		});
		const result = await sendCustom();

		expect(simulator.requestsTo('/otp/detailed')).toHaveLength(2);
		expect(result.items[0].json.operation).toBe('sendCustom');
	});

	it('Continue On Fail: item 2 without TS-CODE is an error item, items 1 and 3 are sent', async () => {
		const result = await sendCustom(
			{ text: '={{$json.text}}' },
			{
				items: [{ text: 'A TS-CODE' }, { text: 'no placeholder' }, { text: 'B TS-CODE' }],
				onError: 'continueRegularOutput',
			},
		);

		expect(simulator.requests.map((request) => request.body.text).sort()).toEqual([
			'A TS-CODE',
			'B TS-CODE',
		]);
		expect(result.items[1]).toEqual({
			json: expect.objectContaining({
				error: expect.stringMatching(/^Text "no placeholder" is not valid/),
			}),
			pairedItem: { item: 1 },
		});
		expect(result.items[0].json.status).toBe('sent');
		expect(result.items[2].json.status).toBe('sent');
	});
});
