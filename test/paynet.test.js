'use strict';
const { testCredential } = require('./harness/credential-test');
const { runNode, everythingShown, loadPackage } = require('./harness/engine');
const { HTML_502 } = require('../simulators/vendor-simulator');
const { createPaynetSimulator, PAYNET_CODES } = require('../simulators/paynet');

const SECRET = 'sck_live_7Hq2Xw9PzR4mTn8Vb3Kc';
const WRONG_SECRET = 'sck_live_wrongWrongWrong000';
const BASE64_OF_SECRET = Buffer.from(SECRET).toString('base64');

/** The documented codes other than 0 (success), with their names. */
const FAILURE_CODES = {
	1: 'unsuccessful',
	2: 'companyblocked',
	3: 'agentblocked',
	4: 'agentnotfound',
	5: 'duplicatedata',
	6: 'noprocess',
	7: 'unauthorized',
	8: 'servererror',
	9: 'notimplemented',
	10: 'timeout',
	11: 'badrequest',
	12: 'nodata',
	// 13-21: Paynet's return-code table gives only their names, which the simulator answers with.
	...Object.fromEntries(
		[13, 14, 15, 16, 17, 18, 19, 20, 21].map((code) => [code, PAYNET_CODES[code]]),
	),
	100: 'oldsuccessful',
};

let simulator;
let baseUrl;

beforeAll(async () => {
	simulator = createPaynetSimulator({ secretKey: SECRET });
	baseUrl = await simulator.start();
});
afterAll(async () => simulator.stop());
beforeEach(() => simulator.reset());

function credentials(secretKey = SECRET) {
	// A trailing slash on the base URL is tolerated.
	return { paynetApi: { environment: 'custom', baseUrl: `${baseUrl}/`, secretKey } };
}

async function runPaynet(operation, parameters, { items, onError, secretKey, options } = {}) {
	return await runNode({
		nodeType: 'paynet',
		parameters: { resource: 'otp', operation, ...parameters, ...(options ? { options } : {}) },
		credentials: credentials(secretKey),
		items,
		onError,
	});
}

const sendOtp = (parameters, settings) => runPaynet('send', parameters, settings);
const verifyOtp = (parameters, settings) => runPaynet('verify', parameters, settings);

function paynetAnswer(body, status = 200) {
	return { status, body, path: '/v1/card/' };
}

function expectPaynetError(error, { words, code, httpStatus }) {
	expect(error).toBeDefined();
	expect(error.message).toMatch(/^Paynet: /);
	if (words) expect(error.message).toContain(words);
	if (code !== undefined) expect(error.description).toContain(`Paynet code ${code}`);
	if (httpStatus !== undefined) expect(error.description).toContain(`HTTP ${httpStatus}`);
	// A hint: a sentence a person can act on, before the codes in brackets.
	expect(error.description.replace(/\(.*\)\s*$/, '').trim().length).toBeGreaterThan(10);
}

function expectNoSecret(result) {
	const shown = everythingShown(result);
	expect(shown).not.toContain(SECRET);
	expect(shown).not.toContain(BASE64_OF_SECRET);
	expect(shown).not.toContain(WRONG_SECRET);
}

/** Evaluates the credential test's base URL expression for the given credential data. */
function credentialTestBaseUrl(test, data) {
	const expression = test.request.baseURL.replace(/^=\{\{/, '').replace(/\}\}$/, '');
	return new Function('$credentials', `return (${expression});`)(data);
}

describe('Paynet credential', () => {
	test('the secret key is sent as Paynet documents it: "Basic <secret key>", not base64', async () => {
		await sendOtp({ userGsm: '5321234567', otpSessionId: 'card-auth' });
		expect(simulator.requests).toHaveLength(1);
		expect(simulator.requests[0].headers.authorization).toBe(`Basic ${SECRET}`);
		expect(simulator.requests[0].headers.authorization).not.toContain(BASE64_OF_SECRET);
	});

	test('the environments point at the live, test and custom hosts', async () => {
		const { credentialTypes } = await loadPackage();
		const { test } = credentialTypes.paynetApi;
		expect(credentialTestBaseUrl(test, { environment: 'live' })).toBe('https://api.paynet.com.tr');
		expect(credentialTestBaseUrl(test, { environment: 'test' })).toBe(
			'https://pts-api.paynet.com.tr',
		);
		expect(
			credentialTestBaseUrl(test, {
				environment: 'custom',
				baseUrl: 'https://proxy.example.com//',
			}),
		).toBe('https://proxy.example.com');
	});

	test('the credential test fails a wrong key (HTTP 401 or a 200 with code 7), passes the right one, texts nobody', async () => {
		const data = (secretKey) => ({ environment: 'custom', baseUrl, secretKey });
		expect(await testCredential('paynetApi', data(WRONG_SECRET))).toEqual({
			status: 'Error',
			message: 'The secret key was refused by Paynet',
		});
		simulator.fail({ status: 200, body: { code: '7', message: 'unauthorized' } });
		expect((await testCredential('paynetApi', data(SECRET))).status).toBe('Error');
		expect(await testCredential('paynetApi', data(SECRET))).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(simulator.requests.map((request) => request.headers.authorization)).toEqual([
			`Basic ${WRONG_SECRET}`,
			`Basic ${SECRET}`,
			`Basic ${SECRET}`,
		]);
		expect(simulator.requestsTo('/v1/card/send_otp')).toHaveLength(0);
	});
});

describe('Send', () => {
	test('a user sends an OTP to a number pasted as "+90 532 123 45 67"', async () => {
		const before = Date.now();
		const result = await sendOtp({ userGsm: '+90 532 123 45 67', otpSessionId: 'card-save-1' });
		expect(result.error).toBeUndefined();
		expect(simulator.requests).toHaveLength(1);
		const request = simulator.requests[0];
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/v1/card/send_otp');
		expect(request.headers['content-type']).toContain('application/json');
		expect(request.body).toEqual({ user_gsm: '5321234567', otp_session_id: 'card-save-1' });

		expect(result.items).toHaveLength(1);
		const { json, pairedItem } = result.items[0];
		expect(pairedItem).toEqual({ item: 0 });
		expect(json).toMatchObject({
			provider: 'paynet',
			operation: 'send',
			recipient: '5321234567',
			reference: 'card-save-1',
			status: 'sent',
			response: { code: 0, message: PAYNET_CODES[0] },
		});
		expect(json.response.otp_expire).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}\+03:00$/);
		// The simulator's OTP lives 180 s; expiresAt is that instant in UTC ISO form.
		expect(json.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		const expiresIn = Date.parse(json.expiresAt) - before;
		expect(expiresIn).toBeGreaterThan(170_000);
		expect(expiresIn).toBeLessThan(190_000);
		expectNoSecret(result);
	});

	test('a user pastes Turkish numbers in every common form; all are sent as 5XXXXXXXXX', async () => {
		const forms = [
			'+90 532 123 45 67',
			'+905321234567',
			'905321234567',
			'0090 532 123 4567',
			'0532 123 45 67',
			'0532-123-45-67',
			'(0532) 123 45 67',
			'532.123.45.67',
			'5321234567',
		];
		const result = await sendOtp(
			{ userGsm: '={{ $json.gsm }}', otpSessionId: '={{ $json.session }}' },
			{ items: forms.map((gsm, index) => ({ gsm, session: `card-${index}` })) },
		);
		expect(result.error).toBeUndefined();
		expect(simulator.requests.map((request) => request.body.user_gsm)).toEqual(
			forms.map(() => '5321234567'),
		);
		expect(result.items.map((item) => item.json.recipient)).toEqual(forms.map(() => '5321234567'));
		expect(result.items.map((item) => item.pairedItem)).toEqual(forms.map((_, item) => ({ item })));
	});

	test("Paynet's otp_expire with a 7-digit fraction and +03:00 becomes the same instant in ISO form", async () => {
		simulator.fail(
			paynetAnswer({
				otp_expire: '2017-07-17T15:30:15.0581408+03:00',
				code: 0,
				message: 'Başarılı İşlem',
			}),
		);
		const result = await sendOtp({ userGsm: '5321234567', otpSessionId: 'card-expire' });
		expect(result.items[0].json.expiresAt).toBe('2017-07-17T12:30:15.058Z');
		expect(result.items[0].json.response).toEqual({
			otp_expire: '2017-07-17T15:30:15.0581408+03:00',
			code: 0,
			message: 'Başarılı İşlem',
		});
	});

	test('other forms of otp_expire: Z, no colon in the offset, no offset (Turkish time), and nonsense', () => {
		const { paynetTimeToIso } = require('../dist/nodes/Paynet/vendor');
		expect(paynetTimeToIso('2017-07-17T15:30:15.0581408+03:00')).toBe('2017-07-17T12:30:15.058Z');
		expect(paynetTimeToIso('2017-07-17T15:30:15+0300')).toBe('2017-07-17T12:30:15.000Z');
		expect(paynetTimeToIso('2017-07-17T15:30:15.5Z')).toBe('2017-07-17T15:30:15.500Z');
		expect(paynetTimeToIso('2017-07-17T01:30:15.0581408-05:30')).toBe('2017-07-17T07:00:15.058Z');
		expect(paynetTimeToIso('2017-07-17 15:30:15.0581408')).toBe('2017-07-17T12:30:15.058Z');
		expect(paynetTimeToIso('2017-02-30T15:30:15+03:00')).toBeNull();
		expect(paynetTimeToIso('soon')).toBeNull();
		expect(paynetTimeToIso(undefined)).toBeNull();
	});

	test('a success whose code comes as the text "0" or as result_code is a success', async () => {
		simulator.fail(
			paynetAnswer({ otp_expire: '2030-01-01T10:00:00.0000000+03:00', code: '0', message: 'ok' }),
		);
		simulator.fail(
			paynetAnswer({
				otp_expire: '2030-01-01T10:00:00.0000000+03:00',
				result_code: 0,
				message: 'ok',
			}),
		);
		const result = await sendOtp(
			{ userGsm: '5321234567', otpSessionId: '={{ $json.session }}' },
			{
				items: [{ session: 'a' }, { session: 'b' }],
				options: { batching: { batch: { batchSize: 1 } } },
			},
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.expiresAt)).toEqual([
			'2030-01-01T07:00:00.000Z',
			'2030-01-01T07:00:00.000Z',
		]);
	});

	test('a send answered without otp_expire still outputs the item, with expiresAt null', async () => {
		simulator.fail(paynetAnswer({ code: 0, message: 'Başarılı İşlem' }));
		const result = await sendOtp({ userGsm: '5321234567', otpSessionId: 'card-no-expire' });
		expect(result.items[0].json).toMatchObject({
			status: 'sent',
			expiresAt: null,
			reference: 'card-no-expire',
		});
	});

	test('numbers that are not Turkish mobiles are refused before anything is sent', async () => {
		const bad = [
			'+1 212 555 1234',
			'0212 123 45 67',
			'53212345',
			'+90 532 123 45 678',
			'call me',
			'05321234567x',
			'+44 7700 900123',
		];
		const result = await sendOtp(
			{ userGsm: '={{ $json.gsm }}', otpSessionId: 'card-bad' },
			{ items: bad.map((gsm) => ({ gsm })), onError: 'continueRegularOutput' },
		);
		expect(simulator.requests).toHaveLength(0);
		expect(result.items).toHaveLength(bad.length);
		result.items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json.error).toContain('User GSM');
			expect(item.json.error).toContain('Turkish mobile number');
			expect(item.json.description).toContain('Nothing was sent');
		});
	});

	test('an empty number or an empty OTP session ID is refused before anything is sent', async () => {
		const result = await sendOtp(
			{ userGsm: '={{ $json.gsm }}', otpSessionId: '={{ $json.session }}' },
			{
				items: [
					{ gsm: '', session: 'card-1' },
					{ gsm: '5321234567', session: '' },
					{ gsm: '5321234567', session: '   ' },
				],
				onError: 'continueRegularOutput',
			},
		);
		expect(simulator.requests).toHaveLength(0);
		expect(result.items[0].json.error).toContain('User GSM');
		expect(result.items[1].json.error).toContain('OTP Session ID');
		expect(result.items[1].json.error).toContain('must not be empty');
		expect(result.items[2].json.error).toContain('OTP Session ID');
	});

	test('with Continue On Fail, a bad second item becomes an error item and items 1 and 3 are sent', async () => {
		const result = await sendOtp(
			{ userGsm: '={{ $json.gsm }}', otpSessionId: '={{ $json.session }}' },
			{
				items: [
					{ gsm: '0532 111 11 11', session: 'cof-1' },
					{ gsm: '12', session: 'cof-2' },
					{ gsm: '+90 533 333 33 33', session: 'cof-3' },
				],
				onError: 'continueRegularOutput',
			},
		);
		expect(result.error).toBeUndefined();
		expect(simulator.requests.map((request) => request.body)).toEqual([
			{ user_gsm: '5321111111', otp_session_id: 'cof-1' },
			{ user_gsm: '5333333333', otp_session_id: 'cof-3' },
		]);
		expect(result.items).toHaveLength(3);
		expect(result.items[0].json).toMatchObject({ status: 'sent', reference: 'cof-1' });
		expect(result.items[1].json.error).toContain('User GSM "12" is not valid');
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
		expect(result.items[2].json).toMatchObject({ status: 'sent', reference: 'cof-3' });
		expect(result.items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
	});

	test('without Continue On Fail, a bad second item stops the node before anything is sent', async () => {
		const result = await sendOtp(
			{ userGsm: '={{ $json.gsm }}', otpSessionId: '={{ $json.session }}' },
			{
				items: [
					{ gsm: '0532 111 11 11', session: 'stop-1' },
					{ gsm: '12', session: 'stop-2' },
					{ gsm: '+90 533 333 33 33', session: 'stop-3' },
				],
			},
		);
		expect(simulator.requests).toHaveLength(0);
		expect(result.error).toBeDefined();
		expect(result.error.message).toContain('User GSM');
		expect(result.error.context.itemIndex).toBe(1);
	});

	test('with the error output, the failing item goes to the error branch, paired to its input', async () => {
		const result = await sendOtp(
			{ userGsm: '={{ $json.gsm }}', otpSessionId: '={{ $json.session }}' },
			{
				items: [
					{ gsm: '5321111111', session: 'err-1' },
					{ gsm: 'nope', session: 'err-2' },
				],
				onError: 'continueErrorOutput',
			},
		);
		expect(result.items.map((item) => item.json.reference)).toEqual(['err-1']);
		expect(result.errorItems).toHaveLength(1);
		expect(result.errorItems[0].pairedItem).toEqual({ item: 1 });
		expect(result.errorItems[0].json.error).toContain('User GSM');
	});

	describe('a 200 answer with a non-zero code is a failure, in words', () => {
		test.each(Object.entries(FAILURE_CODES))('code %s (%s)', async (code, name) => {
			simulator.fail(paynetAnswer({ code: Number(code), message: PAYNET_CODES[code] }));
			const result = await sendOtp({ userGsm: '5321234567', otpSessionId: `card-code-${code}` });
			expect(simulator.requests).toHaveLength(1);
			expect(result.items).toHaveLength(0);
			expectPaynetError(result.error, { words: `(${name})`, code: Number(code), httpStatus: 200 });
			expect(result.error.description).toContain(PAYNET_CODES[code]);
			expect(result.error.context.itemIndex).toBe(0);
			expectNoSecret(result);
		});
	});

	test('the failure code may come as text, or as result_code', async () => {
		simulator.fail(paynetAnswer({ code: '2', message: 'Firma bloke' }));
		const asText = await sendOtp({ userGsm: '5321234567', otpSessionId: 'card-text-code' });
		expectPaynetError(asText.error, {
			words: 'the company account is blocked (companyblocked)',
			code: 2,
			httpStatus: 200,
		});

		simulator.fail(paynetAnswer({ result_code: 3, message: 'Bayi bloke' }));
		const asResultCode = await sendOtp({ userGsm: '5321234567', otpSessionId: 'card-result-code' });
		expectPaynetError(asResultCode.error, { words: '(agentblocked)', code: 3, httpStatus: 200 });
	});

	test('an undocumented non-zero code is still a failure, with its number', async () => {
		simulator.fail(paynetAnswer({ code: 57, message: 'Bilinmeyen' }));
		const result = await sendOtp({ userGsm: '5321234567', otpSessionId: 'card-57' });
		expectPaynetError(result.error, { words: 'result code 57', code: 57, httpStatus: 200 });
	});

	test('a 200 answer without any code does not say it failed: a sent item, expiresAt null, no second send', async () => {
		simulator.fail(paynetAnswer({ message: 'Başarılı İşlem' }));
		const result = await sendOtp({ userGsm: '5321234567', otpSessionId: 'card-no-code' });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({
			status: 'sent',
			reference: 'card-no-code',
			expiresAt: null,
			response: { message: 'Başarılı İşlem' },
		});
		expect(simulator.requests).toHaveLength(1);
	});

	test('sending again for a session whose code is still valid is refused as duplicatedata', async () => {
		const first = await sendOtp({ userGsm: '5321234567', otpSessionId: 'card-twice' });
		expect(first.error).toBeUndefined();
		const second = await sendOtp({ userGsm: '5321234567', otpSessionId: 'card-twice' });
		expectPaynetError(second.error, { words: '(duplicatedata)', code: 5, httpStatus: 200 });
		expect(second.error.description).toContain('new session ID');
		expect(simulator.requests).toHaveLength(2);
	});

	test('a wrong secret key: HTTP 401 says the key was refused, and the key is shown nowhere', async () => {
		const result = await sendOtp(
			{ userGsm: '5321234567', otpSessionId: 'card-401' },
			{ secretKey: WRONG_SECRET },
		);
		expect(simulator.requests).toHaveLength(1);
		expect(simulator.requests[0].headers.authorization).toBe(`Basic ${WRONG_SECRET}`);
		expectPaynetError(result.error, {
			words: 'the secret key was refused (unauthorized)',
			code: 7,
			httpStatus: 401,
		});
		expect(result.error.description).toContain('secret key');
		expectNoSecret(result);
	});

	test('a 401 with an unreadable body is still the secret key refused', async () => {
		simulator.fail({ status: 401, raw: '<html>Unauthorized</html>' });
		const result = await sendOtp({ userGsm: '5321234567', otpSessionId: 'card-401-html' });
		expectPaynetError(result.error, { words: 'the secret key was refused', httpStatus: 401 });
	});

	test.each([
		// As Paynet documents a non-200 answer: `code` is the HTTP status, `result_code` the return code.
		[
			400,
			{ type: 'invalid_request_error', message: 'Hatalı istek', code: 400, result_code: 11 },
			'(badrequest)',
			11,
		],
		[
			403,
			{ type: 'authorization_error', message: 'Yetkisiz', code: 403, result_code: 7 },
			'(unauthorized)',
			7,
		],
		[
			404,
			{ type: 'no_data_error', message: 'Veri yok', code: 404 },
			'no data was found (no_data_error)',
			undefined,
		],
		[
			405,
			{ type: 'invalid_request_error', message: 'Method not allowed', code: 405 },
			'(invalid_request_error)',
			undefined,
		],
		[
			500,
			{ type: 'api_error', message: 'Sunucu hatası', code: 500, result_code: '8' },
			'(servererror)',
			8,
		],
		[
			400,
			{ type: 'invalid_request_error', message: 'Hatalı', code: 400, result_code: 13 },
			'(paynetjnosession)',
			13,
		],
	])(
		'a non-200 answer (HTTP %s) is a failure in words, read from result_code',
		async (status, body, words, code) => {
			simulator.fail(paynetAnswer(body, status));
			const result = await sendOtp({ userGsm: '5321234567', otpSessionId: `card-http-${status}` });
			expect(simulator.requests).toHaveLength(1);
			expectPaynetError(result.error, { words, code, httpStatus: status });
			expect(result.error.httpCode).toBe(String(status));
			expect(result.error.message).not.toMatch(/result code \d{3}/);
		},
	);

	test('the simulator\'s own 400 (a number Paynet refuses) says badrequest, not "result code 400"', async () => {
		simulator.fail({
			status: 400,
			body: {
				type: 'invalid_request_error',
				message: 'user_gsm 5XXXXXXXXX olmalıdır',
				code: 400,
				result_code: 11,
			},
		});
		const result = await sendOtp({ userGsm: '5321234567', otpSessionId: 'card-400' });
		expectPaynetError(result.error, {
			words: 'the request was rejected as malformed (badrequest)',
			code: 11,
			httpStatus: 400,
		});
	});

	test('an HTML 502 page is a failure, and the send is not repeated', async () => {
		simulator.fail({ status: 502, raw: HTML_502 });
		const result = await sendOtp({ userGsm: '5321234567', otpSessionId: 'card-502' });
		expect(simulator.requests).toHaveLength(1);
		expectPaynetError(result.error, {
			words: 'HTTP 502 with a page that is not JSON',
			httpStatus: 502,
		});
		expect(result.error.description).toContain('not sent again');
		expectNoSecret(result);
	});

	test('no answer before the timeout is a failure, and the send is not repeated', async () => {
		simulator.fail({ drop: 'hang' });
		const result = await sendOtp(
			{ userGsm: '5321234567', otpSessionId: 'card-timeout' },
			{ options: { timeout: 500 } },
		);
		expect(simulator.requests).toHaveLength(1);
		expectPaynetError(result.error, { words: 'no answer came before the timeout' });
		expect(result.error.description).toContain('may or may not have been sent');
		expectNoSecret(result);
	});

	test('a connection reset is a failure, and the send is not repeated', async () => {
		simulator.fail({ drop: 'before' });
		const result = await sendOtp({ userGsm: '5321234567', otpSessionId: 'card-reset' });
		expect(simulator.requests).toHaveLength(1);
		expectPaynetError(result.error, { words: 'the connection was cut' });
		expectNoSecret(result);
	});

	test('with Continue On Fail, a vendor failure on item 2 becomes its error item and the others are sent', async () => {
		simulator.fail({
			...paynetAnswer({ code: 5, message: 'Mükerrer kayıt' }),
			path: '/v1/card/send_otp',
		});
		const result = await sendOtp(
			{ userGsm: '5321234567', otpSessionId: '={{ $json.session }}' },
			{
				items: [{ session: 'v-1' }, { session: 'v-2' }, { session: 'v-3' }],
				onError: 'continueRegularOutput',
				options: { batching: { batch: { batchSize: 1 } } },
			},
		);
		// With one request at a time, the fault lands on the first request: item 1.
		expect(simulator.requests).toHaveLength(3);
		expect(result.items[0].json.error).toBe('Paynet: duplicate data (duplicatedata)');
		expect(result.items[0].json.description).toContain('Paynet code 5');
		expect(result.items[0].json.httpCode).toBe('200');
		expect(result.items[1].json.status).toBe('sent');
		expect(result.items[2].json.status).toBe('sent');
		expect(result.items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
	});
});

describe('Verify', () => {
	async function sendFor(otpSessionId, userGsm = '5321234567') {
		const sent = await sendOtp({ userGsm, otpSessionId });
		expect(sent.error).toBeUndefined();
		const code = simulator.sessions.get(otpSessionId).code;
		simulator.reset();
		return code;
	}

	test('a user verifies the code the card owner typed: verified true, status approved', async () => {
		const code = await sendFor('verify-ok');
		const result = await verifyOtp({
			userGsm: '0532 123 45 67',
			otpSessionId: 'verify-ok',
			otpCode: code,
		});
		expect(result.error).toBeUndefined();
		expect(simulator.requests).toHaveLength(1);
		const request = simulator.requests[0];
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/v1/card/check_otp');
		expect(request.headers.authorization).toBe(`Basic ${SECRET}`);
		expect(request.body).toEqual({
			user_gsm: '5321234567',
			otp_session_id: 'verify-ok',
			otp_code: code,
		});
		expect(result.items).toEqual([
			{
				json: {
					provider: 'paynet',
					operation: 'verify',
					reference: 'verify-ok',
					verified: true,
					status: 'approved',
					response: { code: 0, message: PAYNET_CODES[0] },
				},
				pairedItem: { item: 0 },
			},
		]);
		expectNoSecret(result);
	});

	test('an alphanumeric code such as ART2 is sent as typed', async () => {
		simulator.fail(paynetAnswer({ code: '0', message: 'Başarılı İşlem' }));
		const result = await verifyOtp({
			userGsm: '5321234567',
			otpSessionId: 'verify-art2',
			otpCode: ' ART2 ',
		});
		expect(simulator.requests[0].body.otp_code).toBe('ART2');
		expect(result.items[0].json).toMatchObject({ verified: true, status: 'approved' });
	});

	test('a wrong code is an answer, not an error: verified false, status invalid', async () => {
		await sendFor('verify-wrong');
		const result = await verifyOtp({
			userGsm: '5321234567',
			otpSessionId: 'verify-wrong',
			otpCode: 'ZZZZ9',
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual({
			provider: 'paynet',
			operation: 'verify',
			reference: 'verify-wrong',
			verified: false,
			status: 'invalid',
			response: { code: 1, message: PAYNET_CODES[1] },
		});
	});

	test('an expired code is also verified false, status invalid (Paynet answers "unsuccessful")', async () => {
		const code = await sendFor('verify-expired');
		simulator.age('verify-expired', 600);
		const result = await verifyOtp({
			userGsm: '5321234567',
			otpSessionId: 'verify-expired',
			otpCode: code,
		});
		expect(result.items[0].json).toMatchObject({ verified: false, status: 'invalid' });
	});

	test('code 1 as text, as result_code, or with HTTP 400 is still verified false', async () => {
		simulator.fail(paynetAnswer({ code: '1', message: 'Başarısız İşlem' }));
		simulator.fail(paynetAnswer({ result_code: 1, message: 'Başarısız İşlem' }));
		// A non-200 answer as Paynet documents it: `code` the HTTP status, `result_code` the return code.
		simulator.fail(
			paynetAnswer(
				{ type: 'invalid_request_error', message: 'Hatalı OTP', code: 400, result_code: 1 },
				400,
			),
		);
		const result = await verifyOtp(
			{ userGsm: '5321234567', otpSessionId: '={{ $json.session }}', otpCode: '1234' },
			{
				items: [{ session: 'a' }, { session: 'b' }, { session: 'c' }],
				options: { batching: { batch: { batchSize: 1 } } },
			},
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.status)).toEqual(['invalid', 'invalid', 'invalid']);
		expect(result.items.map((item) => item.json.verified)).toEqual([false, false, false]);
	});

	describe('every other non-zero code is an error, in words', () => {
		const otherCodes = Object.entries(FAILURE_CODES).filter(([code]) => code !== '1');
		test.each(otherCodes)('code %s (%s)', async (code, name) => {
			simulator.fail(paynetAnswer({ code: Number(code), message: PAYNET_CODES[code] }));
			const result = await verifyOtp({
				userGsm: '5321234567',
				otpSessionId: 'verify-codes',
				otpCode: '1234',
			});
			expect(simulator.requests).toHaveLength(1);
			expect(result.items).toHaveLength(0);
			expectPaynetError(result.error, { words: `(${name})`, code: Number(code), httpStatus: 200 });
		});
	});

	test('an unknown session is an error (nodata), not a wrong code', async () => {
		const result = await verifyOtp({
			userGsm: '5321234567',
			otpSessionId: 'never-sent',
			otpCode: '1234',
		});
		expectPaynetError(result.error, {
			words: 'no data was found (nodata)',
			code: 12,
			httpStatus: 200,
		});
	});

	test('a wrong secret key is an error, and the key is shown nowhere', async () => {
		const result = await verifyOtp(
			{ userGsm: '5321234567', otpSessionId: 'verify-401', otpCode: '1234' },
			{ secretKey: WRONG_SECRET },
		);
		expectPaynetError(result.error, {
			words: 'the secret key was refused (unauthorized)',
			code: 7,
			httpStatus: 401,
		});
		expectNoSecret(result);
	});

	test.each([
		['an HTML 502 page', { status: 502, raw: HTML_502 }, 'HTTP 502 with a page that is not JSON'],
		['no answer before the timeout', { drop: 'hang' }, 'no answer came before the timeout'],
		['a connection reset', { drop: 'before' }, 'the connection was cut'],
	])('%s is an error, with one request', async (_name, fault, words) => {
		simulator.fail(fault);
		const result = await verifyOtp(
			{ userGsm: '5321234567', otpSessionId: 'verify-fault', otpCode: '1234' },
			{ options: { timeout: 500 } },
		);
		expect(simulator.requests).toHaveLength(1);
		expectPaynetError(result.error, { words });
		expectNoSecret(result);
	});

	test('bad input is refused before anything is sent: empty or non-alphanumeric code, bad number, empty session', async () => {
		const result = await verifyOtp(
			{
				userGsm: '={{ $json.gsm }}',
				otpSessionId: '={{ $json.session }}',
				otpCode: '={{ $json.code }}',
			},
			{
				items: [
					{ gsm: '5321234567', session: 's', code: '' },
					{ gsm: '5321234567', session: 's', code: '12 34' },
					{ gsm: '5321234567', session: 's', code: 'AB-12' },
					{ gsm: '+49 151 1234567', session: 's', code: '1234' },
					{ gsm: '5321234567', session: '', code: '1234' },
				],
				onError: 'continueRegularOutput',
			},
		);
		expect(simulator.requests).toHaveLength(0);
		expect(
			result.items.map(
				(item) => item.json.error.split(' ')[0] + ' ' + item.json.error.split(' ')[1],
			),
		).toEqual(['OTP Code', 'OTP Code', 'OTP Code', 'User GSM', 'OTP Session']);
		expect(result.items.map((item) => item.pairedItem)).toEqual(
			[0, 1, 2, 3, 4].map((item) => ({ item })),
		);
	});

	test('with Continue On Fail, a bad second item becomes an error item and items 1 and 3 are checked', async () => {
		const result = await verifyOtp(
			{ userGsm: '5321234567', otpSessionId: '={{ $json.session }}', otpCode: '={{ $json.code }}' },
			{
				items: [
					{ session: 'cof-v1', code: 'AAAA' },
					{ session: 'cof-v2', code: '' },
					{ session: 'cof-v3', code: 'BBBB' },
				],
				onError: 'continueRegularOutput',
			},
		);
		expect(simulator.requests.map((request) => request.body.otp_session_id)).toEqual([
			'cof-v1',
			'cof-v3',
		]);
		expect(result.items[1].json.error).toContain('OTP Code');
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
		expect(result.items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
	});

	test('without Continue On Fail, a bad second item stops the node before anything is checked', async () => {
		const result = await verifyOtp(
			{ userGsm: '5321234567', otpSessionId: '={{ $json.session }}', otpCode: '={{ $json.code }}' },
			{
				items: [
					{ session: 'stop-v1', code: 'AAAA' },
					{ session: 'stop-v2', code: '' },
					{ session: 'stop-v3', code: 'BBBB' },
				],
			},
		);
		expect(simulator.requests).toHaveLength(0);
		expect(result.error.context.itemIndex).toBe(1);
	});
});
