// Valify's email OTP: sendEmail and verifyEmail, with the same token exchange and bundle key as
// the phone OTP, through the real engine against the simulator.
const { runNode, everythingShown } = require('./harness/engine');
const { createValifySimulator } = require('../simulators/valify');

const ACCOUNT = {
	username: 'valify-user-email-1a2b',
	password: 'valify-password-email-9c8d',
	clientId: 'valify-client-email-3e4f',
	clientSecret: 'valify-client-secret-email-5a6b',
	bundleKey: 'valify-bundle-key-email-7c8d',
};

let valify;
let credentialData;

beforeAll(async () => {
	valify = createValifySimulator({ account: ACCOUNT });
	credentialData = { environment: 'custom', baseUrl: await valify.start(), ...ACCOUNT };
});
afterAll(async () => valify.stop());
beforeEach(() => valify.reset());

const run = (operation, parameters = {}, extra = {}) =>
	runNode({
		nodeType: 'valify',
		parameters: { resource: 'otp', operation, ...parameters },
		credentials: { valifyApi: credentialData },
		...extra,
	});

function expectNoSecret(result) {
	const shown = everythingShown(result);
	for (const secret of [ACCOUNT.password, ACCOUNT.clientSecret, ACCOUNT.bundleKey])
		expect(shown).not.toContain(secret);
}

describe('sendEmail', () => {
	test('a person gets a code by email: Valify receives the address and the bundle key, with the bearer token', async () => {
		const result = await run('sendEmail', {
			email: ' person@example.com ',
			additionalFields: { lang: 'ar' },
		});
		expect(result.error).toBeUndefined();
		const [request] = valify.apiRequests();
		expect(valify.apiRequests()).toHaveLength(1);
		expect(request.path).toBe('/api/v1/otp/email/send/');
		expect(request.body).toEqual({
			email: 'person@example.com',
			bundle_key: ACCOUNT.bundleKey,
			lang: 'ar',
		});
		expect(request.headers.authorization).toMatch(/^Bearer [0-9a-f]{30}$/);
		const { json, pairedItem } = result.items[0];
		expect(pairedItem).toEqual({ item: 0 });
		expect(json).toEqual({
			provider: 'valify',
			operation: 'sendEmail',
			recipient: 'person@example.com',
			reference: json.response.transaction_id,
			status: 'sent',
			expiresAt: null,
			response: {
				result: { success: true },
				transaction_id: expect.any(String),
				trials_remaining: 4,
			},
		});
		expect(valify.transactions.get(json.reference)).toMatchObject({
			channel: 'email',
			recipient: 'person@example.com',
		});
		expectNoSecret(result);
	});

	test.each([
		['no @', 'person.example.com'],
		['a space inside', 'person @example.com'],
		['no domain', 'person@'],
		['a domain without a dot', 'person@localhost'],
		['two addresses', 'a@example.com, b@example.com'],
		['nothing before the @', '@example.com'],
	])(
		'an address with %s is bad input naming the field, and nothing is sent',
		async (_name, email) => {
			const result = await run('sendEmail', { email });
			expect(result.error.name).toBe('NodeOperationError');
			expect(result.error.message).toMatch(
				/^Email ".*" is not valid: expected one email address such as name@example.com$/,
			);
			expect(result.error.context.itemIndex).toBe(0);
			expect(valify.requests).toHaveLength(0);
		},
	);

	test('an empty address is bad input too', async () => {
		const result = await run('sendEmail', { email: '={{ "" }}' });
		expect(result.error.message).toMatch(/^Email "" is not valid: it must not be empty/);
		expect(valify.requests).toHaveLength(0);
	});

	test('one bad address among good ones: with Continue On Fail, only the good ones are sent', async () => {
		const result = await run(
			'sendEmail',
			{ email: '={{ $json.email }}' },
			{
				items: [{ email: 'a@example.com' }, { email: 'not an email' }, { email: 'c@example.org' }],
				onError: 'continueRegularOutput',
			},
		);
		expect(result.items.map((item) => item.json.status ?? 'error')).toEqual([
			'sent',
			'error',
			'sent',
		]);
		expect(result.items[1].json.error).toMatch(/^Email "not an email" is not valid/);
		expect(valify.requestsTo('/api/v1/otp/email/send/')).toHaveLength(2);
	});

	test('a 2xx without a transaction_id is still a sent item, its reference null', async () => {
		valify.fail({
			status: 200,
			body: { result: { success: true } },
			path: '/api/v1/otp/email/send/',
		});
		const result = await run('sendEmail', { email: 'person@example.com' });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ status: 'sent', reference: null });
	});

	test("result.success false is a failure, and Valify's error bodies are read as for the phone OTP", async () => {
		valify.fail({
			status: 200,
			body: { result: { success: false }, message: 'Email could not be sent' },
			path: '/api/v1/otp/email/send/',
		});
		const failed = await run('sendEmail', { email: 'person@example.com' });
		expect(failed.error.message).toBe('Valify: the OTP could not be sent: Email could not be sent');

		const badBundle = await run(
			'sendEmail',
			{ email: 'person@example.com' },
			{
				credentials: { valifyApi: { ...credentialData, bundleKey: 'not-the-bundle-key' } },
			},
		);
		expect(badBundle.error.message).toBe(
			'Valify: the bundle key was refused; check the Bundle Key in the Valify credential',
		);
		expect(everythingShown(badBundle)).not.toContain('not-the-bundle-key');
	});
});

describe('verifyEmail', () => {
	async function sentEmail() {
		const sent = await run('sendEmail', { email: 'person@example.com' });
		const reference = sent.items[0].json.reference;
		valify.reset();
		return { reference, code: valify.transactions.get(reference).code };
	}

	test('the right code is approved: Valify receives otp, transaction_id and the bundle key', async () => {
		const { reference, code } = await sentEmail();
		const result = await run('verifyEmail', { transactionId: reference, otp: code });
		expect(result.error).toBeUndefined();
		const [request] = valify.apiRequests();
		expect(request.path).toBe('/api/v1/otp/email/verify/');
		expect(request.body).toEqual({
			otp: code,
			transaction_id: reference,
			bundle_key: ACCOUNT.bundleKey,
		});
		expect(result.items[0].json).toEqual({
			provider: 'valify',
			operation: 'verifyEmail',
			reference,
			verified: true,
			status: 'approved',
			response: { verified: true },
		});
	});

	test('a wrong code is an answer: verified false, status invalid', async () => {
		const { reference, code } = await sentEmail();
		const wrong = code === '000000' ? '111111' : '000000';
		const result = await run('verifyEmail', { transactionId: reference, otp: wrong });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({
			operation: 'verifyEmail',
			verified: false,
			status: 'invalid',
		});
	});

	test('a code that is not 6 digits is bad input, and nothing is sent', async () => {
		const result = await run('verifyEmail', { transactionId: 'tx-1', otp: '12345' });
		expect(result.error.message).toMatch(
			/^OTP "12345" is not valid: expected the 6 digits of the code/,
		);
		expect(valify.requests).toHaveLength(0);
	});
});
