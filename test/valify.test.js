const { addNodeType, loadPackage, runNode, everythingShown } = require('./harness/engine');
const { HTML_502 } = require('../simulators/vendor-simulator');
const { TestCredentialsHelper } = require('./harness/credentials');
const { createValifySimulator } = require('../simulators/valify');

const ACCOUNT = {
	username: 'valify-user-7c1d',
	password: 'valify-password-3e9a77',
	clientId: 'valify-client-51b2',
	clientSecret: 'valify-client-secret-a08f4c',
	bundleKey: 'valify-bundle-key-6d2e91',
};
const SECRETS = [ACCOUNT.password, ACCOUNT.clientSecret, ACCOUNT.bundleKey];

let valify;
let credentialData;

beforeAll(async () => {
	valify = createValifySimulator({ account: ACCOUNT });
	const url = await valify.start();
	credentialData = { environment: 'custom', baseUrl: `${url}/`, ...ACCOUNT };
});
afterAll(async () => valify.stop());
beforeEach(() => valify.reset());

/** A credentials helper holding one Valify credential, as n8n holds one in its database. */
function storedCredential(data = credentialData) {
	return loadPackage().then(({ credentialTypes }) => {
		const helper = new TestCredentialsHelper(credentialTypes);
		const reference = helper.add('valifyApi', data);
		return { helper, reference, credentials: { valifyApi: reference } };
	});
}

const run = (operation, parameters = {}, extra = {}) =>
	runNode({
		nodeType: 'valify',
		parameters: { resource: 'otp', operation, ...parameters },
		credentials: { valifyApi: credentialData },
		...extra,
	});

const send = (parameters = {}, extra = {}) =>
	run('send', { phoneNumber: '+20 101 234 5678', ...parameters }, extra);

/** No secret of the credential, nor any token Valify issued, in anything the run shows. */
function expectNoSecret(result) {
	const shown = everythingShown(result);
	for (const secret of SECRETS) expect(shown).not.toContain(secret);
	for (const request of valify.requests) {
		const token = /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ''))?.[1];
		if (token) expect(shown).not.toContain(token);
	}
	for (const request of valify.tokenRequests()) expect(shown).not.toContain(request.rawBody);
}

describe('credential', () => {
	test('the token comes from the OAuth password grant, form-encoded, and is stored on the credential', async () => {
		const { helper, reference, credentials } = await storedCredential();
		const result = await send({}, { credentials, helper });
		expect(result.error).toBeUndefined();
		const [tokenRequest] = valify.tokenRequests();
		expect(valify.tokenRequests()).toHaveLength(1);
		expect(tokenRequest.method).toBe('POST');
		expect(tokenRequest.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
		expect(tokenRequest.body).toEqual({
			grant_type: 'password',
			username: ACCOUNT.username,
			password: ACCOUNT.password,
			client_id: ACCOUNT.clientId,
			client_secret: ACCOUNT.clientSecret,
		});
		const stored = helper.dataOf(reference.id).accessToken;
		expect(stored).toMatch(/^[0-9a-f]{30}$/);
		expect(valify.apiRequests()[0].headers.authorization).toBe(`Bearer ${stored}`);
		expect(helper.preAuthenticationCalls).toBe(1);
		expectNoSecret(result);
	});

	test('a stored token is used again without asking for a new one', async () => {
		const { helper, credentials } = await storedCredential();
		await send({}, { credentials, helper });
		valify.reset();
		const result = await send({}, { credentials, helper });
		expect(result.error).toBeUndefined();
		expect(valify.tokenRequests()).toHaveLength(0);
		expect(valify.apiRequests()).toHaveLength(1);
	});

	test('the credential test asks the token endpoint and sends no OTP', async () => {
		const { credentialTypes } = await loadPackage();
		const { request } = credentialTypes.valifyApi.test;
		// What n8n's credential tester runs: a declarative node whose only request is the test request.
		await addNodeType('test.valifyCredentialTest', {
			description: {
				displayName: 'Credential Test',
				name: 'valifyCredentialTest',
				group: ['transform'],
				version: 1,
				description: 'Runs the credential test request',
				defaults: { name: 'Credential Test' },
				inputs: ['main'],
				outputs: ['main'],
				credentials: [{ name: 'valifyApi', required: true }],
				properties: [
					{ displayName: 'Temp', name: 'temp', type: 'string', default: '', routing: { request } },
				],
			},
		});
		const good = await runNode({
			nodeType: 'test.valifyCredentialTest',
			parameters: { temp: '' },
			credentials: { valifyApi: credentialData },
		});
		expect(good.error).toBeUndefined();
		expect(valify.apiRequests()).toHaveLength(0);
		expect(valify.tokenRequests().length).toBeGreaterThanOrEqual(1);
		for (const tokenRequest of valify.tokenRequests()) {
			expect(tokenRequest.body).toMatchObject({
				grant_type: 'password',
				username: ACCOUNT.username,
				client_id: ACCOUNT.clientId,
			});
		}

		valify.reset();
		const bad = await runNode({
			nodeType: 'test.valifyCredentialTest',
			parameters: { temp: '' },
			credentials: { valifyApi: { ...credentialData, password: 'wrong-password-1f' } },
		});
		expect(bad.error).toBeDefined();
		expect(bad.error.message).toMatch(/username or password/);
		expect(valify.apiRequests()).toHaveLength(0);
	});

	test.each([
		[
			'a wrong client secret names the client ID or secret',
			{ clientSecret: 'wrong-secret-9b' },
			'Valify: the token endpoint refused the client ID or client secret',
			['invalid_client', 'HTTP 401', 'Client Secret'],
		],
		[
			'a wrong client ID names the client ID or secret',
			{ clientId: 'someone-else' },
			'Valify: the token endpoint refused the client ID or client secret',
			['invalid_client'],
		],
		[
			'a wrong password names the username or password',
			{ password: 'wrong-password-1f' },
			'Valify: the token endpoint refused the username or password',
			['invalid_grant', 'HTTP 400', 'Username and Password'],
		],
		[
			'a wrong username names the username or password',
			{ username: 'nobody' },
			'Valify: the token endpoint refused the username or password',
			['invalid_grant'],
		],
	])('%s, and nothing is sent', async (_name, change, message, described) => {
		const result = await runNode({
			nodeType: 'valify',
			parameters: { resource: 'otp', operation: 'send', phoneNumber: '01012345678' },
			credentials: { valifyApi: { ...credentialData, ...change } },
		});
		expect(result.error.name).toBe('NodeApiError');
		expect(result.error.message).toBe(message);
		for (const part of described) expect(result.error.description).toContain(part);
		expect(valify.tokenRequests()).toHaveLength(1);
		expect(valify.apiRequests()).toHaveLength(0);
		expect(everythingShown(result)).not.toContain(Object.values(change)[0]);
		expectNoSecret(result);
	});

	test.each([
		[
			'an HTML 502 page',
			{ status: 502, raw: HTML_502 },
			'Valify: the token endpoint failed (HTTP 502 with a page that is not JSON)',
		],
		[
			'a server error',
			{ status: 500, body: { message: 'Internal Server Error' } },
			'Valify: the token endpoint failed (HTTP 500)',
		],
		['a reset connection', { drop: 'before' }, 'Valify: the token endpoint could not be reached'],
		[
			'an answer without a token',
			{ status: 200, body: { token_type: 'Bearer' } },
			'Valify: the token endpoint answered without an access token',
		],
	])(
		'a token endpoint that gives %s is an error in words, never the raw request',
		async (_name, fault, message) => {
			valify.fail({ ...fault, path: '/api/o/token/' });
			const result = await send();
			expect(result.error.name).toBe('NodeApiError');
			expect(result.error.message).toBe(message);
			expect(result.error.description).toMatch(/No code was sent/);
			expect(valify.apiRequests()).toHaveLength(0);
			expectNoSecret(result);
		},
	);
	test('a token endpoint that redirects is not followed: the password and client secret go nowhere else', async () => {
		valify.fail({
			status: 307,
			raw: '',
			headers: { Location: `${valify.url}/moved/api/o/token/`, 'Content-Type': 'text/html' },
			path: '/api/o/token/',
		});
		const result = await send();
		expect(result.error.name).toBe('NodeApiError');
		expect(result.error.message).toBe(
			`Valify: the address answered with a redirect (HTTP 307 to ${valify.url}/moved/api/o/token/)`,
		);
		expect(result.error.description).toMatch(/nothing was sent there/);
		expect(valify.requestsTo('/moved')).toHaveLength(0);
		expect(valify.tokenRequests()).toHaveLength(1);
		expect(valify.apiRequests()).toHaveLength(0);
		expectNoSecret(result);
	});
});

describe('send', () => {
	test('a person gets a code: Valify receives the number as 01…, the bundle key, and the bearer token', async () => {
		const before = Date.now();
		const result = await send();
		expect(result.error).toBeUndefined();
		expect(valify.apiRequests()).toHaveLength(1);
		const [request] = valify.apiRequests();
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/api/v1/otp/send/');
		expect(request.headers['content-type']).toMatch(/^application\/json/);
		expect(request.headers.authorization).toMatch(/^Bearer [0-9a-f]{30}$/);
		expect(request.body).toEqual({ phone_number: '01012345678', bundle_key: ACCOUNT.bundleKey });
		expect(result.items).toHaveLength(1);
		const { json, pairedItem } = result.items[0];
		expect(pairedItem).toEqual({ item: 0 });
		expect(json).toEqual({
			provider: 'valify',
			operation: 'send',
			recipient: '01012345678',
			reference: json.response.transaction_id,
			status: 'sent',
			expiresAt: json.expiresAt,
			response: {
				result: { success: true },
				transaction_id: json.reference,
				trials_remaining: expect.any(Number),
			},
		});
		expect(json.reference).toMatch(/^[0-9a-f-]{36}$/);
		const expiresAt = Date.parse(json.expiresAt);
		expect(expiresAt).toBeGreaterThanOrEqual(before + 600_000 - 1000);
		expect(expiresAt).toBeLessThanOrEqual(Date.now() + 600_000 + 1000);
		expectNoSecret(result);
	});

	test.each([
		['+20 101 234 5678'],
		['+201012345678'],
		['00201012345678'],
		['0020-101-234-5678'],
		['201012345678'],
		['01012345678'],
		['(010) 1234 5678'],
		['010.1234.5678'],
	])('a number pasted as %p is sent as 01012345678', async (phoneNumber) => {
		const result = await send({ phoneNumber });
		expect(result.error).toBeUndefined();
		expect(valify.apiRequests()[0].body.phone_number).toBe('01012345678');
		expect(result.items[0].json.recipient).toBe('01012345678');
	});

	test.each([['en'], ['ar']])('the language %s is sent as lang', async (lang) => {
		const result = await send({ additionalFields: { lang } });
		expect(result.error).toBeUndefined();
		expect(valify.apiRequests()[0].body).toEqual({
			phone_number: '01012345678',
			lang,
			bundle_key: ACCOUNT.bundleKey,
		});
	});

	describe('bad input is refused before anything is sent, not even a token request', () => {
		test.each([
			[
				'an empty number from an expression',
				{ phoneNumber: '={{ "" }}' },
				/Phone Number "" is not valid: it must not be empty/,
			],
			[
				'letters in the number',
				{ phoneNumber: '0101234abcd' },
				/Phone Number "0101234abcd" is not valid: expected an Egyptian mobile number/,
			],
			[
				'a Saudi number',
				{ phoneNumber: '+966 50 123 4567' },
				/Phone Number "\+966 50 123 4567" is not valid/,
			],
			['a Cairo landline', { phoneNumber: '+20 2 2345 6789' }, /Phone Number/],
			['a landline in local form', { phoneNumber: '0223456789' }, /Phone Number "0223456789"/],
			['a mobile one digit short', { phoneNumber: '0101234567' }, /Phone Number "0101234567"/],
			['a mobile one digit long', { phoneNumber: '010123456789' }, /Phone Number "010123456789"/],
			[
				'an unknown language',
				{ additionalFields: { lang: 'fr' } },
				/Language "fr" is not valid: expected one of en, ar/,
			],
		])('%s', async (_name, parameters, message) => {
			const result = await send(parameters);
			expect(result.error).toBeDefined();
			expect(result.error.name).toBe('NodeOperationError');
			expect(result.error.message).toMatch(message);
			expect(result.error.context.itemIndex).toBe(0);
			expect(valify.requests).toHaveLength(0);
		});
	});

	describe('Valify says no, in words', () => {
		const sendPath = '/api/v1/otp/send/';

		test.each([
			[
				'missing input (400)',
				{ status: 400, body: { message: 'Bad Request – invalid request received' } },
				'Valify: the request was refused as incomplete or malformed',
				['HTTP 400', 'Bad Request – invalid request received'],
			],
			[
				'a wrong endpoint (404)',
				{ status: 404, body: { message: 'Not Found' } },
				'Valify: the address was not found (HTTP 404)',
				['HTTP 404', 'base URL'],
			],
			[
				'an unsupported media type (415)',
				{ status: 415, body: { message: 'Unsupported Media Type' } },
				'Valify: the request format was refused (Unsupported Media Type)',
				['HTTP 415', 'proxy'],
			],
			[
				'a Valify error code (422)',
				{ status: 422, body: { message: 'Maximum trials exceeded', error_code: 2002 } },
				'Valify: the request was refused: Maximum trials exceeded',
				['Valify code 2002', 'HTTP 422', 'error code'],
			],
			[
				'a server error (500)',
				{ status: 500, body: { message: 'Internal Server Error' } },
				'Valify: the service failed (HTTP 500)',
				['HTTP 500', 'not sent again'],
			],
			[
				'an HTML 502 page',
				{ status: 502, raw: HTML_502 },
				'Valify: the service failed (HTTP 502 with a page that is not JSON)',
				['HTTP 502'],
			],
			[
				'a 200 whose result says it failed',
				{ status: 200, body: { result: { success: false }, message: 'Could not send' } },
				'Valify: the OTP could not be sent: Could not send',
				['HTTP 200'],
			],
		])('%s: an error in words, sent once', async (_name, fault, message, described) => {
			valify.fail({ ...fault, path: sendPath });
			const result = await send();
			expect(result.error.name).toBe('NodeApiError');
			expect(result.error.message).toBe(message);
			for (const part of described) expect(result.error.description).toContain(part);
			expect(valify.apiRequests()).toHaveLength(1);
			expectNoSecret(result);
		});

		test('a wrong bundle key (401 that says so) is named, with no token refresh', async () => {
			const result = await runNode({
				nodeType: 'valify',
				parameters: { resource: 'otp', operation: 'send', phoneNumber: '01012345678' },
				credentials: { valifyApi: { ...credentialData, bundleKey: 'wrong-bundle-key-44' } },
			});
			expect(result.error.name).toBe('NodeApiError');
			expect(result.error.message).toBe(
				'Valify: the bundle key was refused; check the Bundle Key in the Valify credential',
			);
			expect(result.error.description).toContain('Bundle Key');
			expect(result.error.description).toContain('HTTP 401');
			expect(String(result.error.httpCode)).toBe('401');
			expect(valify.apiRequests()).toHaveLength(1);
			expect(valify.tokenRequests()).toHaveLength(1);
			expect(everythingShown(result)).not.toContain('wrong-bundle-key-44');
			expectNoSecret(result);
		});

		test('a 401 that does not say why gets one new token; a second 401 is the bundle key', async () => {
			valify.fail({ status: 401, body: { detail: 'Unauthorized' }, path: sendPath, times: 2 });
			const result = await send();
			expect(result.error.message).toBe(
				'Valify: the bundle key was refused; check the Bundle Key in the Valify credential',
			);
			expect(valify.apiRequests()).toHaveLength(2);
			expect(valify.tokenRequests()).toHaveLength(2);
		});

		test('a token refused again and again: a bounded number of new tokens, then an error in words', async () => {
			valify.fail({
				status: 403,
				body: { message: 'Forbidden – specified access_token could not be found' },
				path: sendPath,
				times: 10,
			});
			const result = await send();
			expect(result.error.message).toBe(
				'Valify: the access token was refused, even a newly fetched one',
			);
			expect(result.error.description).toContain('HTTP 403');
			expect(valify.apiRequests()).toHaveLength(4);
			expect(valify.tokenRequests()).toHaveLength(4);
			expectNoSecret(result);
		});

		test.each([
			[
				'a reset connection',
				{ drop: 'before' },
				'Valify: the connection was cut before an answer came',
			],
			[
				'a connection cut mid-answer',
				{ drop: 'after-headers' },
				/^Valify: the request could not be completed$/,
			],
		])('%s is an error in words and the send is not repeated', async (_name, fault, message) => {
			valify.fail({ ...fault, path: sendPath });
			const result = await send();
			expect(result.error.name).toBe('NodeApiError');
			expect(result.error.message).toMatch(message);
			expect(result.error.message).not.toMatch(/undefined|\[object Object\]/);
			expect(result.error.description).toMatch(/it was not sent again/);
			expect(valify.apiRequests()).toHaveLength(1);
			expectNoSecret(result);
		});

		test('Valify not answering in time: a timeout, not repeated', async () => {
			valify.fail({ drop: 'hang', path: sendPath });
			const result = await send({ options: { timeout: 500 } });
			expect(result.error.message).toBe('Valify: no answer came before the timeout');
			expect(result.error.description).toMatch(
				/may or may not have been sent; it was not sent again/,
			);
			expect(valify.apiRequests()).toHaveLength(1);
			expectNoSecret(result);
		});
	});
});

describe('verify', () => {
	async function sentOtp() {
		const sent = await send();
		const transactionId = sent.items[0].json.reference;
		valify.reset();
		return { transactionId, code: valify.transactions.get(transactionId).code };
	}

	test('the right code is approved', async () => {
		const { transactionId, code } = await sentOtp();
		const result = await run('verify', { transactionId, otp: code });
		expect(valify.apiRequests()).toHaveLength(1);
		const [request] = valify.apiRequests();
		expect(request.path).toBe('/api/v1/otp/verify/');
		expect(request.headers.authorization).toMatch(/^Bearer [0-9a-f]{30}$/);
		expect(request.body).toEqual({
			otp: code,
			transaction_id: transactionId,
			bundle_key: ACCOUNT.bundleKey,
		});
		expect(result.items[0].json).toEqual({
			provider: 'valify',
			operation: 'verify',
			reference: transactionId,
			verified: true,
			status: 'approved',
			response: { verified: true },
		});
		expectNoSecret(result);
	});

	test('a wrong code is an answer: verified false, status invalid', async () => {
		const { transactionId, code } = await sentOtp();
		const wrong = code === '000000' ? '111111' : '000000';
		const result = await run('verify', {
			transactionId,
			otp: wrong,
			additionalFields: { lang: 'ar' },
		});
		expect(result.error).toBeUndefined();
		expect(valify.apiRequests()[0].body.lang).toBe('ar');
		expect(result.items[0].json).toMatchObject({
			verified: false,
			status: 'invalid',
			response: { verified: false },
		});
	});

	test("an unknown transaction is a 422 in words with Valify's code", async () => {
		const result = await run('verify', { transactionId: 'no-such-transaction', otp: '123456' });
		expect(result.error.message).toBe('Valify: the request was refused: Invalid transaction id');
		expect(result.error.description).toContain('Valify code 2003');
	});

	test.each([
		[
			'a 5-digit code',
			{ transactionId: 'abc', otp: '12345' },
			/OTP "12345" is not valid: expected the 6 digits of the code/,
		],
		['a 7-digit code', { transactionId: 'abc', otp: '1234567' }, /OTP "1234567" is not valid/],
		['letters in the code', { transactionId: 'abc', otp: '12a456' }, /OTP "12a456" is not valid/],
		[
			'an empty code from an expression',
			{ transactionId: 'abc', otp: '={{ $json.missing }}' },
			/OTP (nothing|"") is not valid/,
		],
		[
			'an empty transaction ID',
			{ transactionId: '={{ "  " }}', otp: '123456' },
			/Transaction ID "  " is not valid: it must not be empty/,
		],
		[
			'a transaction ID with spaces inside',
			{ transactionId: 'a b', otp: '123456' },
			/Transaction ID "a b" is not valid/,
		],
	])('%s is refused before anything is sent', async (_name, parameters, message) => {
		const result = await run('verify', parameters);
		expect(result.error.name).toBe('NodeOperationError');
		expect(result.error.message).toMatch(message);
		expect(valify.requests).toHaveLength(0);
	});

	test('a 200 answer without verified is an error, not a guess', async () => {
		valify.fail({ status: 200, body: { something: 'else' }, path: '/api/v1/otp/verify/' });
		const result = await run('verify', { transactionId: 'abc', otp: '123456' });
		expect(result.error.message).toBe(
			'Valify: the answer could not be understood (no verified in it)',
		);
	});

	test('a verify that meets a spent token is made again with a new one', async () => {
		const { helper, credentials } = await storedCredential();
		const sent = await send({}, { credentials, helper });
		const transactionId = sent.items[0].json.reference;
		const { code } = valify.transactions.get(transactionId);
		valify.expireTokens();
		valify.reset();
		const result = await run('verify', { transactionId, otp: code }, { credentials, helper });
		expect(result.items[0].json).toMatchObject({ verified: true, status: 'approved' });
		expect(valify.apiRequests()).toHaveLength(2);
		expect(valify.tokenRequests()).toHaveLength(1);
	});
});

describe('a token serves 3 calls and 10 minutes: the node never fails for it', () => {
	const tenPhones = Array.from({ length: 10 }, (_, index) => ({
		phone: `+20 100 000 0${String(index).padStart(3, '0')}`,
	}));
	const expectedRecipients = tenPhones.map(
		(_, index) => `01000000${String(index).padStart(3, '0')}`,
	);
	const parameters = { phoneNumber: '={{ $json.phone }}' };
	const oneAtATime = { batching: { batch: { batchSize: 1 } } };

	/** Runs the ten sends and checks each phone got exactly one code, and every item is a sent item. */
	async function sendTen(simulator, extra) {
		const transactionsBefore = new Set(simulator.transactions.keys());
		const refusalsBefore = simulator.stats.tokenRefusals;
		const result = await runNode({
			nodeType: 'valify',
			parameters: {
				resource: 'otp',
				operation: 'send',
				...parameters,
				...(extra.parameters ?? {}),
			},
			items: tenPhones,
			credentials: extra.credentials,
			helper: extra.helper,
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.recipient)).toEqual(expectedRecipients);
		expect(result.items.map((item) => item.pairedItem)).toEqual(
			expectedRecipients.map((_, item) => ({ item })),
		);
		expect(result.items.every((item) => item.json.status === 'sent')).toBe(true);
		const texted = [...simulator.transactions.entries()]
			.filter(([id]) => !transactionsBefore.has(id))
			.map(([, transaction]) => transaction.recipient)
			.sort();
		expect(texted).toEqual(expectedRecipients);
		return { result, refusals: simulator.stats.tokenRefusals - refusalsBefore };
	}

	test('10 items one at a time: a new token after every third call, 4 token requests in all', async () => {
		const { helper, credentials } = await storedCredential();
		const { result, refusals } = await sendTen(valify, {
			parameters: { options: oneAtATime },
			credentials,
			helper,
		});
		expect(valify.tokenRequests()).toHaveLength(4);
		expect(refusals).toBe(3);
		expect(valify.apiRequests()).toHaveLength(13);
		expect(helper.preAuthenticationCalls).toBe(4);
		expectNoSecret(result);
	});

	// The node empties a spent token in the run's credentials (callVendor in nodes/shared/call.ts) and relies on
	// n8n-core's httpRequestWithAuthentication to run preAuthentication and copy the new token into
	// the credentials object the node handed it. This pins that behaviour on every engine we test.
	test("a token renewed mid-run reaches the run's later calls: n8n-core puts the new token in the run's credentials", async () => {
		const { helper, credentials } = await storedCredential();
		await sendTen(valify, { parameters: { options: oneAtATime }, credentials, helper });
		const bearers = valify.apiRequests().map((request) => request.headers.authorization);
		// Calls 1-3 use the first token; the 4th is refused, its repeat and the next two use the second.
		expect(new Set(bearers.slice(0, 4)).size).toBe(1);
		expect(bearers[4]).not.toBe(bearers[3]);
		expect(bearers[5]).toBe(bearers[4]);
		expect(bearers[6]).toBe(bearers[4]);
		expect(valify.apiRequests()[3].body).toEqual(valify.apiRequests()[4].body);
	});

	test('10 items at the default 10 in flight, twice on the same credential: all sent, one token request per refusal', async () => {
		valify.latencyMs = 10;
		const { helper, credentials } = await storedCredential();
		const first = await sendTen(valify, { credentials, helper });
		// All ten start with no token, so each fetches its own; none is refused.
		expect(valify.tokenRequests().length).toBeLessThanOrEqual(10);
		expect(valify.tokenRequests().length).toBe(helper.preAuthenticationCalls);
		expect(first.refusals).toBe(0);
		expectNoSecret(first.result);

		valify.reset();
		valify.latencyMs = 10;
		const before = helper.preAuthenticationCalls;
		const second = await sendTen(valify, { credentials, helper });
		// The stored token serves what it has left; every item that found it spent fetched one new token.
		expect(second.refusals).toBeGreaterThan(0);
		expect(valify.tokenRequests()).toHaveLength(second.refusals);
		expect(helper.preAuthenticationCalls - before).toBe(second.refusals);
		expect(valify.apiRequests()).toHaveLength(10 + second.refusals);
		expectNoSecret(second.result);
	});

	test('a stored token older than 10 minutes is replaced, and the send made once', async () => {
		const { helper, credentials } = await storedCredential();
		await send({}, { credentials, helper });
		valify.expireTokens();
		valify.reset();
		const result = await send({}, { credentials, helper });
		expect(result.error).toBeUndefined();
		expect(valify.apiRequests()).toHaveLength(2);
		expect(valify.apiRequests()[1].headers.authorization).not.toBe(
			valify.apiRequests()[0].headers.authorization,
		);
		expect(valify.tokenRequests()).toHaveLength(1);
	});

	describe('where Valify answers a spent token with 401', () => {
		let strict;
		let strictCredentials;
		beforeAll(async () => {
			strict = createValifySimulator({ account: ACCOUNT, spentTokenStatus: 401 });
			const url = await strict.start();
			strictCredentials = { environment: 'custom', baseUrl: url, ...ACCOUNT };
		});
		afterAll(async () => strict.stop());

		test('10 items one at a time and at default batching all succeed', async () => {
			const stored = await storedCredential(strictCredentials);
			await sendTen(strict, {
				parameters: { options: oneAtATime },
				credentials: stored.credentials,
				helper: stored.helper,
			});
			expect(strict.tokenRequests()).toHaveLength(4);
			strict.reset();
			strict.latencyMs = 10;
			const again = await sendTen(strict, {
				credentials: stored.credentials,
				helper: stored.helper,
			});
			expect(strict.tokenRequests()).toHaveLength(again.refusals);
		});
	});
});

describe('several items', () => {
	const items = [{ phone: '01012345678' }, { phone: 'not a phone' }, { phone: '+201112345678' }];
	const parameters = { phoneNumber: '={{ $json.phone }}' };

	test('with Continue On Fail, items 1 and 3 are sent and item 2 is an error item paired to input 2', async () => {
		const result = await send(parameters, { items, onError: 'continueRegularOutput' });
		expect(result.error).toBeUndefined();
		expect(
			valify
				.apiRequests()
				.map((request) => request.body.phone_number)
				.sort(),
		).toEqual(['01012345678', '01112345678']);
		expect(result.items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(result.items[0].json.recipient).toBe('01012345678');
		expect(result.items[1].json.error).toMatch(/^Phone Number "not a phone" is not valid/);
		expect(result.items[1].json.description).toMatch(/Nothing was sent for this item/);
		expect(result.items[2].json.recipient).toBe('01112345678');
		expectNoSecret(result);
	});

	test('with the error output, the bad item goes to the error branch with its pairing', async () => {
		const result = await send(parameters, { items, onError: 'continueErrorOutput' });
		expect(result.items.map((item) => item.json.recipient)).toEqual(['01012345678', '01112345678']);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(result.errorItems).toHaveLength(1);
		expect(result.errorItems[0].pairedItem).toEqual({ item: 1 });
		expect(result.errorItems[0].json.error).toMatch(/Phone Number/);
	});

	test('without Continue On Fail the node fails naming item 2, and nothing is sent', async () => {
		const result = await send(parameters, { items });
		expect(result.error.name).toBe('NodeOperationError');
		expect(result.error.context.itemIndex).toBe(1);
		expect(result.error.message).toMatch(/Phone Number "not a phone"/);
		expect(valify.requests).toHaveLength(0);
	});

	test('a Valify failure on one item, with Continue On Fail, carries the HTTP code', async () => {
		valify.fail({
			status: 422,
			body: { message: 'Maximum trials exceeded', error_code: 2002 },
			path: '/api/v1/otp/send/',
		});
		const result = await send({}, { onError: 'continueRegularOutput' });
		expect(result.items[0].json).toEqual({
			error: 'Valify: the request was refused: Maximum trials exceeded',
			description: expect.stringContaining('Valify code 2002'),
			httpCode: '422',
			nothingSent: true,
		});
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	test('a bad credential with Continue On Fail gives an error item per item, with no secret', async () => {
		const result = await runNode({
			nodeType: 'valify',
			parameters: { resource: 'otp', operation: 'send', ...parameters },
			items: [items[0], items[2]],
			credentials: { valifyApi: { ...credentialData, clientSecret: 'wrong-secret-9b' } },
			onError: 'continueRegularOutput',
		});
		expect(result.items.map((item) => item.json.error)).toEqual([
			'Valify: the token endpoint refused the client ID or client secret',
			'Valify: the token endpoint refused the client ID or client secret',
		]);
		expect(valify.apiRequests()).toHaveLength(0);
		expectNoSecret(result);
	});
});
