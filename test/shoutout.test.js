const { Workflow } = require('n8n-workflow');
const { runNode, everythingShown, loadPackage } = require('./harness/engine');
const { HTML_502 } = require('../simulators/vendor-simulator');
const { testCredential } = require('./harness/credential-test');
const { createShoutoutSimulator } = require('../simulators/shoutout');

const API_KEY = 'shoutout-secret-key.7c1d.9e3f';
let shoutout;
let credentials;

beforeAll(async () => {
	shoutout = createShoutoutSimulator({ apiKey: API_KEY });
	const url = await shoutout.start();
	credentials = { shoutoutApi: { environment: 'custom', baseUrl: `${url}/`, apiKey: API_KEY } };
});
afterAll(async () => shoutout.stop());
beforeEach(() => shoutout.reset());

const send = (parameters = {}, extra = {}) =>
	runNode({
		nodeType: 'shoutout',
		parameters: {
			resource: 'otp',
			operation: 'send',
			source: 'ShoutDEMO',
			destination: '+94 77 123 4567',
			message: 'Your code is {{code}}',
			...parameters,
		},
		credentials,
		...extra,
	});

const verify = (parameters, extra = {}) =>
	runNode({
		nodeType: 'shoutout',
		parameters: { resource: 'otp', operation: 'verify', ...parameters },
		credentials,
		...extra,
	});

const withKey = (apiKey) => ({ shoutoutApi: { ...credentials.shoutoutApi, apiKey } });

function expectNoSecret(result) {
	expect(everythingShown(result)).not.toContain(API_KEY);
}

/** The credential test's URL for the given data: its base URL expression resolved, as n8n does. */
async function credentialTestUrl(data) {
	const { credentialTypes, nodeTypes } = await loadPackage();
	const type = credentialTypes.shoutoutApi;
	const node = {
		id: 'n',
		name: 'ShoutOUT',
		type: 'n8n-nodes-otp-providers.shoutout',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const withDefaults = { environment: 'live', baseUrl: '', ...data };
	const baseURL = workflow.expression.getSimpleParameterValue(
		node,
		type.test.request.baseURL,
		'internal',
		{ $credentials: withDefaults },
		undefined,
		'',
	);
	return `${baseURL}${type.test.request.url}`;
}

describe('credential', () => {
	test('the test with a good key passes, and it verifies a made-up reference: no SMS is sent', async () => {
		const outcome = await testCredential('shoutoutApi', credentials.shoutoutApi);
		expect(outcome).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(shoutout.requests).toHaveLength(1);
		const [request] = shoutout.requests;
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/otpservice/verify');
		expect(request.headers.authorization).toBe(`Apikey ${API_KEY}`);
		expect(request.body).toEqual({ code: '000000', referenceId: 'n8n-credential-test' });
		expect(shoutout.requestsTo('/otpservice/send')).toHaveLength(0);
	});

	test('the test cannot tell a bad key, and the credential says so where the key is typed', async () => {
		// ShoutOUT answers the bad key (403) and the made-up reference (400) both with `{message}`,
		// words undocumented; n8n's rules compare body values only. The notice tells the user.
		const outcome = await testCredential('shoutoutApi', withKey('not-the-key').shoutoutApi);
		expect(outcome.status).toBe('OK');
		const { credentialTypes } = await loadPackage();
		const notice = credentialTypes.shoutoutApi.properties.find(
			(property) => property.type === 'notice',
		);
		expect(notice.displayName).toMatch(/checks the address, not the key/);
		expect(notice.displayName).toMatch(/the API key was refused/);
	});

	test('an address that does not answer like ShoutOUT fails the test in words', async () => {
		shoutout.fail({
			status: 200,
			raw: '<html>a web page</html>',
			headers: { 'Content-Type': 'text/html' },
		});
		const outcome = await testCredential('shoutoutApi', credentials.shoutoutApi);
		expect(outcome).toEqual({
			status: 'Error',
			message:
				'The address did not answer like the ShoutOUT API. Check the environment and base URL.',
		});
	});

	test('the live environment calls api.getshoutout.com; custom uses the base URL without its trailing slash', async () => {
		const liveUrl = await credentialTestUrl({ environment: 'live', apiKey: 'k' });
		expect(liveUrl).toBe('https://api.getshoutout.com/otpservice/verify');
		const customUrl = await credentialTestUrl({
			environment: 'custom',
			baseUrl: 'https://proxy.example.com//',
			apiKey: 'k',
		});
		expect(customUrl).toBe('https://proxy.example.com/otpservice/verify');
	});
});

describe('send', () => {
	test('a person gets a code: ShoutOUT receives one JSON object with the API key header', async () => {
		const result = await send();
		expect(result.error).toBeUndefined();
		expect(shoutout.requests).toHaveLength(1);
		const [request] = shoutout.requests;
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/otpservice/send');
		expect(request.headers.authorization).toBe(`Apikey ${API_KEY}`);
		expect(request.headers['content-type']).toMatch(/application\/json/);
		expect(Array.isArray(request.body)).toBe(false);
		expect(request.body).toEqual({
			source: 'ShoutDEMO',
			transport: 'sms',
			content: { sms: 'Your code is {{code}}' },
			destination: '94771234567',
		});
		expect(result.items).toHaveLength(1);
		const { json, pairedItem } = result.items[0];
		expect(pairedItem).toEqual({ item: 0 });
		expect(json).toEqual({
			provider: 'shoutout',
			operation: 'send',
			recipient: '94771234567',
			reference: json.response.referenceId,
			status: 'sent',
			expiresAt: null,
			response: {
				referenceId: expect.stringMatching(/^[0-9a-f-]{36}$/),
				messageResult: expect.objectContaining({ status: '1001', description: 'submit success' }),
			},
		});
		expect(shoutout.otps.has(json.reference)).toBe(true);
		expectNoSecret(result);
	});

	test.each([
		['+94 77 123 4567', '94771234567'],
		['0094771234567', '94771234567'],
		['0094-77-123-4567', '94771234567'],
		['+94-77-123-4567', '94771234567'],
		['94 (77) 123.4567', '94771234567'],
		[94771234567, '94771234567'],
		['+44 7700 900123', '447700900123'],
	])('a number pasted as %p is sent as %p', async (destination, expected) => {
		const result = await send({ destination });
		expect(result.error).toBeUndefined();
		expect(shoutout.requests[0].body.destination).toBe(expected);
		expect(result.items[0].json.recipient).toBe(expected);
	});

	test('the source is sent trimmed', async () => {
		await send({ source: '  ShoutDEMO ' });
		expect(shoutout.requests[0].body.source).toBe('ShoutDEMO');
	});

	describe('the message and its {{code}}', () => {
		test('in fixed mode, {{code}} is written as it is', async () => {
			const result = await send({ message: 'Use {{code}} to sign in. It expires soon.' });
			expect(result.error).toBeUndefined();
			expect(shoutout.requests[0].body.content).toEqual({
				sms: 'Use {{code}} to sign in. It expires soon.',
			});
		});

		test('in an expression, [code] becomes {{code}}', async () => {
			const result = await send(
				{ message: '=Hi {{ $json.name }}, your code is [code]' },
				{ items: [{ name: 'Ann' }] },
			);
			expect(result.error).toBeUndefined();
			expect(shoutout.requests[0].body.content).toEqual({ sms: 'Hi Ann, your code is {{code}}' });
		});

		test('in fixed mode, [code] becomes {{code}} as well', async () => {
			await send({ message: 'Code: [code]' });
			expect(shoutout.requests[0].body.content.sms).toBe('Code: {{code}}');
		});

		test('in an expression, {{ "{{code\\}}" }} (the closing braces escaped) gives {{code}}', async () => {
			const result = await send(
				{ message: '=Hi {{ $json.name }}, your code is {{ "{{code\\}}" }}' },
				{ items: [{ name: 'Ann' }] },
			);
			expect(result.error).toBeUndefined();
			expect(shoutout.requests[0].body.content.sms).toBe('Hi Ann, your code is {{code}}');
		});

		test('a whole-message expression with the escaped braces gives {{code}}', async () => {
			const result = await send({ message: '={{ "Your code is {{code\\}}" }}' });
			expect(result.error).toBeUndefined();
			expect(shoutout.requests[0].body.content.sms).toBe('Your code is {{code}}');
		});

		test('a message taken from the input data keeps its {{code}}', async () => {
			const result = await send(
				{ message: '={{ $json.template }}' },
				{ items: [{ template: 'Your code: {{code}}' }] },
			);
			expect(result.error).toBeUndefined();
			expect(shoutout.requests[0].body.content.sms).toBe('Your code: {{code}}');
		});

		test('{{code}} typed in an expression is evaluated away by n8n: refused, with the way out in the message', async () => {
			const result = await send({ message: '=Your code is {{code}}' });
			expect(result.error.name).toBe('NodeOperationError');
			expect(result.error.message).toBe(
				'Message "Your code is" is not valid: it must contain {{code}} where the code goes (in an expression, write [code] instead: n8n evaluates {{code}} to nothing)',
			);
			expect(shoutout.requests).toHaveLength(0);
		});
	});

	describe('bad input is refused before anything is sent', () => {
		test.each([
			[
				'an empty source from an expression',
				{ source: '={{ "" }}' },
				/^Source "" is not valid: it must not be empty/,
			],
			[
				'a blank source from an expression',
				{ source: '={{ "   " }}' },
				/^Source "   " is not valid: it must not be empty/,
			],
			[
				'an empty destination from an expression',
				{ destination: '={{ $json.missing }}' },
				/^Destination/,
			],
			[
				'a destination in local form',
				{ destination: '077 123 4567' },
				/^Destination "077 123 4567" is not valid: expected an international phone number/,
			],
			[
				'a destination in local form with dashes',
				{ destination: '077-123-4567' },
				/^Destination "077-123-4567" is not valid/,
			],
			[
				'letters in the destination',
				{ destination: '+9477abc4567' },
				/^Destination "\+9477abc4567" is not valid/,
			],
			[
				'a destination too short',
				{ destination: '+94 771' },
				/^Destination "\+94 771" is not valid/,
			],
			['a destination too long', { destination: '+9477123456789012' }, /^Destination/],
			[
				'a message without {{code}}',
				{ message: 'Your code is coming' },
				/^Message "Your code is coming" is not valid: it must contain \{\{code\}\}/,
			],
			[
				'a message with {code} only',
				{ message: 'Your code is {code}' },
				/^Message "Your code is \{code\}" is not valid/,
			],
			[
				'an empty message from an expression',
				{ message: '={{ $json.missing }}' },
				/^Message (nothing|"") is not valid/,
			],
		])('%s', async (_name, parameters, message) => {
			const result = await send(parameters);
			expect(result.error).toBeDefined();
			expect(result.error.name).toBe('NodeOperationError');
			expect(result.error.message).toMatch(message);
			expect(result.error.description).toMatch(/Nothing was sent for this item/);
			expect(result.error.context.itemIndex).toBe(0);
			expect(shoutout.requests).toHaveLength(0);
		});
	});

	describe('ShoutOUT says no, in words', () => {
		test('a bad API key: 403, with a hint to check the key', async () => {
			const result = await send({}, { credentials: withKey('wrong-key-value') });
			expect(result.error.name).toBe('NodeApiError');
			expect(result.error.message).toBe(
				'ShoutOUT: the API key was refused; check the ShoutOUT API credential',
			);
			expect(result.error.description).toMatch(/Check the API key in the ShoutOUT API credential/);
			expect(result.error.description).toContain('HTTP 403');
			expect(String(result.error.httpCode)).toBe('403');
			expect(everythingShown(result)).not.toContain('wrong-key-value');
			expect(shoutout.requests).toHaveLength(1);
		});

		test("a 400 with ShoutOUT's message says what it refused", async () => {
			shoutout.fail({ status: 400, body: { message: 'Sender ID is not approved' } });
			const result = await send();
			expect(result.error.name).toBe('NodeApiError');
			expect(result.error.message).toBe(
				'ShoutOUT: the request was rejected: Sender ID is not approved',
			);
			expect(result.error.description).toMatch(/sender mask/);
			expect(result.error.description).toContain('HTTP 400');
			expect(shoutout.requests).toHaveLength(1);
		});

		// ShoutOUT's message statuses: 1000 Queued, 1001 Success, 1010 Internal Error, 1012 No Route,
		// 1015 Blocked, 1026 Submitted. Only the three failures are not sent.
		test.each([
			['1000', 'queued'],
			['1001', 'submit success'],
			['1026', 'submitted'],
		])(
			'the simulator answering status %s (%s): a sent item with the status in response',
			async (status, description) => {
				shoutout.messageStatus = status;
				try {
					const result = await send();
					expect(result.error).toBeUndefined();
					expect(result.items).toHaveLength(1);
					expect(result.items[0].json).toMatchObject({
						status: 'sent',
						response: { messageResult: { status, description } },
					});
					expect(typeof result.items[0].json.reference).toBe('string');
					expect(shoutout.otps.has(result.items[0].json.reference)).toBe(true);
					expect(shoutout.requests).toHaveLength(1);
				} finally {
					shoutout.messageStatus = undefined;
				}
			},
		);

		test.each([
			['1010', 'internal error'],
			['1012', 'no route'],
			['1015', 'blocked'],
		])(
			'the simulator answering status %s (%s): a failure in words, sent once, nobody texted',
			async (status, words) => {
				shoutout.messageStatus = status;
				const codesBefore = shoutout.otps.size;
				try {
					const result = await send();
					expect(result.items).toHaveLength(0);
					expect(result.error.name).toBe('NodeApiError');
					expect(result.error.message).toBe(`ShoutOUT: the SMS was not sent (${words})`);
					expect(result.error.description).toContain(`ShoutOUT code ${status}`);
					expect(result.error.description).toContain('HTTP 200');
					expect(result.error.description).toMatch(/Nothing was sent again/);
					expect(shoutout.requests).toHaveLength(1);
					expect(shoutout.otps.size).toBe(codesBefore);
				} finally {
					shoutout.messageStatus = undefined;
				}
			},
		);

		test('a status ShoutOUT does not document is a sent item: the SMS may well arrive', async () => {
			shoutout.fail({
				status: 200,
				body: {
					referenceId: 'ref-9',
					messageResult: { status: '1002', description: 'insufficient credits' },
				},
			});
			const result = await send();
			expect(result.error).toBeUndefined();
			expect(result.items[0].json).toMatchObject({ status: 'sent', reference: 'ref-9' });
		});

		test('a numeric 1001 is submit success too, and a numeric 1012 a failure', async () => {
			shoutout.fail({
				status: 200,
				body: { referenceId: 'ref-2', messageResult: { status: 1001 } },
			});
			const result = await send();
			expect(result.error).toBeUndefined();
			expect(result.items[0].json.reference).toBe('ref-2');
			shoutout.fail({
				status: 200,
				body: { referenceId: 'ref-2', messageResult: { status: 1012 } },
			});
			const refused = await send();
			expect(refused.error.message).toBe('ShoutOUT: the SMS was not sent (no route)');
		});

		test.each([
			['no referenceId', { messageResult: { status: '1001' } }, null],
			['no messageResult', { referenceId: 'ref-3' }, 'ref-3'],
			['null fields', { referenceId: null, messageResult: null }, null],
		])(
			'a 200 with %s is a sent item, not an error that would invite a second send',
			async (_name, body, reference) => {
				shoutout.fail({ status: 200, body });
				const result = await send();
				expect(result.error).toBeUndefined();
				expect(result.items[0].json).toMatchObject({ status: 'sent', reference, response: body });
				expect(shoutout.requests).toHaveLength(1);
			},
		);

		test.each([
			[
				'a server error',
				{ status: 500, body: { message: 'Internal Server Error' } },
				'ShoutOUT: the service failed (HTTP 500)',
			],
			[
				'an HTML 502 page',
				{ status: 502, raw: HTML_502 },
				'ShoutOUT: the service failed (HTTP 502 with a page that is not JSON)',
			],
			[
				'a reset connection',
				{ drop: 'before' },
				'ShoutOUT: the connection was cut before an answer came',
			],
			[
				'a connection cut mid-answer',
				{ drop: 'after-headers' },
				'ShoutOUT: the request could not be completed',
			],
		])('%s is an error in words and the send is not repeated', async (_name, fault, message) => {
			shoutout.fail(fault);
			const result = await send();
			expect(result.error.name).toBe('NodeApiError');
			if (typeof message === 'string') expect(result.error.message).toBe(message);
			else expect(result.error.message).toMatch(message);
			expect(result.error.message).not.toMatch(/undefined|\[object Object\]/);
			expect(result.error.description).toMatch(/it was not sent again/);
			expect(shoutout.requests).toHaveLength(1);
			expectNoSecret(result);
		});

		test('a 500 says the code may have gone out and was not sent again', async () => {
			shoutout.fail({ status: 500, body: { message: 'boom' } });
			const result = await send();
			expect(result.error.description).toMatch(
				/may or may not have sent the code; it was not sent again/,
			);
			expect(result.error.description).toContain('HTTP 500');
		});

		test('ShoutOUT not answering in time: a timeout, not repeated', async () => {
			shoutout.fail({ drop: 'hang' });
			const result = await send({ options: { timeout: 500 } });
			expect(result.error.name).toBe('NodeApiError');
			expect(result.error.message).toBe('ShoutOUT: no answer came before the timeout');
			expect(result.error.description).toMatch(
				/may or may not have been sent; it was not sent again/,
			);
			expect(shoutout.requests).toHaveLength(1);
			expectNoSecret(result);
		});
	});
});

describe('verify', () => {
	async function sentOtp() {
		const sent = await send();
		const referenceId = sent.items[0].json.reference;
		shoutout.reset();
		return { referenceId, code: shoutout.otps.get(referenceId).code };
	}

	test('the right code is approved: ShoutOUT receives {code, referenceId} with the API key', async () => {
		const { referenceId, code } = await sentOtp();
		const result = await verify({ referenceId, code });
		expect(shoutout.requests).toHaveLength(1);
		const [request] = shoutout.requests;
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/otpservice/verify');
		expect(request.headers.authorization).toBe(`Apikey ${API_KEY}`);
		expect(request.body).toEqual({ code, referenceId });
		expect(result.items[0].json).toEqual({
			provider: 'shoutout',
			operation: 'verify',
			reference: referenceId,
			verified: true,
			status: 'approved',
			response: { referenceId, code, statusCode: '1000', description: 'verified' },
		});
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expectNoSecret(result);
	});

	test('a wrong code (statusCode 1001 in a 200) is an answer: verified false, status invalid', async () => {
		const { referenceId } = await sentOtp();
		const result = await verify({ referenceId, code: '0000000' });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({
			reference: referenceId,
			verified: false,
			status: 'invalid',
		});
		expect(result.items[0].json.response.statusCode).toBe('1001');
	});

	test('an expired code (statusCode 1002 in a 200): verified false, status expired', async () => {
		const { referenceId, code } = await sentOtp();
		shoutout.age(referenceId, 3600);
		const result = await verify({ referenceId, code });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ verified: false, status: 'expired' });
	});

	test('a code used twice: the second answer is not an approval', async () => {
		const { referenceId, code } = await sentOtp();
		await verify({ referenceId, code });
		const again = await verify({ referenceId, code });
		expect(again.items[0].json).toMatchObject({ verified: false, status: 'invalid' });
	});

	test.each([
		[400, '1001', 'invalid'],
		[400, '1002', 'expired'],
		[422, '1001', 'invalid'],
		[404, '1002', 'expired'],
	])(
		'a %p answer whose body says statusCode %p is an answer too: status %p',
		async (httpStatus, statusCode, status) => {
			const body = { referenceId: 'ref-9', code: '123456', statusCode, description: 'no' };
			shoutout.fail({ status: httpStatus, body });
			const result = await verify({ referenceId: 'ref-9', code: '123456' });
			expect(result.error).toBeUndefined();
			expect(result.items[0].json).toEqual({
				provider: 'shoutout',
				operation: 'verify',
				reference: 'ref-9',
				verified: false,
				status,
				response: body,
			});
		},
	);

	test('a numeric statusCode 1000 is an approval', async () => {
		shoutout.fail({ status: 200, body: { referenceId: 'ref-7', code: '1', statusCode: 1000 } });
		const result = await verify({ referenceId: 'ref-7', code: '1' });
		expect(result.items[0].json).toMatchObject({ verified: true, status: 'approved' });
	});

	test('another statusCode in a 200 is never an approval: status failed', async () => {
		shoutout.fail({
			status: 200,
			body: { referenceId: 'ref-8', statusCode: '1005', description: 'too many attempts' },
		});
		const result = await verify({ referenceId: 'ref-8', code: '123456' });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ verified: false, status: 'failed' });
	});

	test('a 200 without a statusCode is an error, not a guess', async () => {
		shoutout.fail({ status: 200, body: { something: 'else' } });
		const result = await verify({ referenceId: 'ref-8', code: '123456' });
		expect(result.error.message).toBe(
			'ShoutOUT: the answer could not be understood (no statusCode in it)',
		);
	});

	test('an unknown reference (400 with a message) is an error in words', async () => {
		const result = await verify({ referenceId: 'no-such-reference', code: '123456' });
		expect(result.error.name).toBe('NodeApiError');
		expect(result.error.message).toBe('ShoutOUT: the request was rejected: Invalid referenceId');
		expect(result.error.description).toContain('HTTP 400');
	});

	test('a bad API key is an error, not a "no"', async () => {
		const result = await verify(
			{ referenceId: 'abc', code: '123456' },
			{ credentials: withKey('wrong-key-value') },
		);
		expect(result.error.message).toBe(
			'ShoutOUT: the API key was refused; check the ShoutOUT API credential',
		);
		expect(everythingShown(result)).not.toContain('wrong-key-value');
	});

	test.each([
		[
			'a server error',
			{ status: 500, body: { message: 'down' } },
			'ShoutOUT: the service failed (HTTP 500)',
		],
		[
			'an HTML 502 page',
			{ status: 502, raw: HTML_502 },
			'ShoutOUT: the service failed (HTTP 502 with a page that is not JSON)',
		],
		[
			'a reset connection',
			{ drop: 'before' },
			'ShoutOUT: the connection was cut before an answer came',
		],
	])('%s during verify is an error in words', async (_name, fault, message) => {
		shoutout.fail(fault);
		const result = await verify({ referenceId: 'abc', code: '123456' });
		expect(result.error.message).toBe(message);
		expect(shoutout.requests).toHaveLength(1);
	});

	test.each([
		[
			'an empty reference ID from an expression',
			{ referenceId: '={{ "" }}', code: '123456' },
			/^Reference ID "" is not valid: it must not be empty/,
		],
		[
			'a reference ID with spaces',
			{ referenceId: 'abc def', code: '123456' },
			/^Reference ID "abc def" is not valid/,
		],
		[
			'an empty code from an expression',
			{ referenceId: 'abc', code: '={{ $json.missing }}' },
			/^Code (nothing|"") is not valid/,
		],
		[
			'a code with spaces inside',
			{ referenceId: 'abc', code: '12 34' },
			/^Code "12 34" is not valid: expected the letters or digits of the code/,
		],
	])('%s is refused before anything is sent', async (_name, parameters, message) => {
		const result = await verify(parameters);
		expect(result.error.name).toBe('NodeOperationError');
		expect(result.error.message).toMatch(message);
		expect(shoutout.requests).toHaveLength(0);
	});
});

describe('several items', () => {
	const items = [{ phone: '+94771234567' }, { phone: '0771234567' }, { phone: '+94771234568' }];
	const parameters = { destination: '={{ $json.phone }}' };

	test('with Continue On Fail, items 1 and 3 are sent and item 2 is an error item paired to input 2', async () => {
		const result = await send(parameters, { items, onError: 'continueRegularOutput' });
		expect(result.error).toBeUndefined();
		expect(shoutout.requests.map((request) => request.body.destination).sort()).toEqual([
			'94771234567',
			'94771234568',
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(result.items[0].json.recipient).toBe('94771234567');
		expect(result.items[1].json.error).toMatch(/^Destination "0771234567" is not valid/);
		expect(result.items[1].json.description).toMatch(/Nothing was sent for this item/);
		expect(result.items[2].json.recipient).toBe('94771234568');
	});

	test('with the error output, the bad item goes to the error branch with its pairing', async () => {
		const result = await send(parameters, { items, onError: 'continueErrorOutput' });
		expect(result.items.map((item) => item.json.recipient)).toEqual(['94771234567', '94771234568']);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(result.errorItems).toHaveLength(1);
		expect(result.errorItems[0].pairedItem).toEqual({ item: 1 });
	});

	test('without Continue On Fail the node fails naming item 2, and nothing is sent', async () => {
		const result = await send(parameters, { items });
		expect(result.error.name).toBe('NodeOperationError');
		expect(result.error.context.itemIndex).toBe(1);
		expect(result.error.message).toMatch(/^Destination "0771234567"/);
		expect(shoutout.requests).toHaveLength(0);
	});

	test('a vendor failure on one item, with Continue On Fail, carries the HTTP code', async () => {
		shoutout.fail({ status: 400, body: { message: 'Invalid destination' } });
		const result = await send({}, { onError: 'continueRegularOutput' });
		expect(result.items[0].json).toEqual({
			error: 'ShoutOUT: the request was rejected: Invalid destination',
			description: expect.stringContaining('HTTP 400'),
			httpCode: '400',
			nothingSent: true,
		});
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expectNoSecret(result);
	});

	test('send, then verify each item with its own reference and code', async () => {
		const sent = await send(parameters, { items: [items[0], items[2]] });
		const references = sent.items.map((item) => item.json.reference);
		const codes = references.map((reference) => shoutout.otps.get(reference).code);
		shoutout.reset();
		const result = await verify(
			{ referenceId: '={{ $json.reference }}', code: '={{ $json.code }}' },
			{
				items: [
					{ reference: references[0], code: codes[0] },
					{ reference: references[1], code: '999999x' },
				],
			},
		);
		expect(
			result.items.map((item) => [item.json.reference, item.json.verified, item.json.status]),
		).toEqual([
			[references[0], true, 'approved'],
			[references[1], false, 'invalid'],
		]);
	});
});

describe('secrets', () => {
	test('the API key appears in no output, error or log, on success or failure', async () => {
		const results = [await send()];
		shoutout.fail({ status: 500, raw: 'oops' });
		results.push(await send());
		shoutout.fail({ status: 403, body: { message: 'Forbidden' } });
		results.push(await send({}, { onError: 'continueRegularOutput' }));
		shoutout.fail({ drop: 'before' });
		results.push(await send({}, { onError: 'continueRegularOutput' }));
		results.push(await verify({ referenceId: 'abc', code: 'zz' }));
		results.push(await verify({ referenceId: 'abc', code: '12 34' }));
		for (const result of results) expectNoSecret(result);
	});
});
