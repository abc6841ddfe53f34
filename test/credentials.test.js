// Every credential's test, run as n8n's credentials tester runs it, against the simulators:
// the right secret passes, a wrong one fails with a message in words, and nobody is texted.
const { testCredential } = require('./harness/credential-test');
const { vendors } = require('./reliability/vendors');

const WRONG = 'wrong-secret-value';

describe.each(vendors.map((vendor) => [vendor.displayName, vendor]))('%s credential test', (_name, vendor) => {
	let simulator;
	let url;
	const credentialName = () => Object.keys(vendor.credentials('x', vendor.secrets))[0];
	const data = (secrets) => Object.values(vendor.credentials(url, secrets))[0];

	beforeAll(async () => {
		simulator = vendor.simulator(vendor.secrets);
		url = await simulator.start();
	});
	afterAll(async () => simulator.stop());
	beforeEach(() => simulator.reset());

	const sendPaths = vendor.operations.filter((operation) => operation.isSend).map((operation) => operation.path);
	const textedNobody = () => expect(simulator.requests.filter((request) => sendPaths.some((path) => request.path.startsWith(path)))).toHaveLength(0);

	test('the right secret is not refused', async () => {
		const result = await testCredential(credentialName(), data(vendor.secrets));
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(simulator.requests.length).toBeGreaterThan(0);
		textedNobody();
	});

	test('a redirect is not followed: the secret goes to no other address', async () => {
		simulator.fail({ status: 307, raw: '', headers: { Location: `${url}/moved/elsewhere`, 'Content-Type': 'text/html' } });
		const result = await testCredential(credentialName(), data(vendor.secrets));
		expect(simulator.requestsTo('/moved')).toHaveLength(0);
		expect(simulator.requests).toHaveLength(1);
		for (const secret of Object.values(vendor.secrets)) expect(result.message).not.toContain(secret);
		if (vendor.node === 'paynet') {
			// Its test reads the answer whatever its status (the refusal is in the body), so an empty
			// redirect passes the test; the first real call then names the redirect.
			expect(result.status).toBe('OK');
		} else {
			expect(result.status).toBe('Error');
		}
		textedNobody();
	});

	// Valify checks the bundle key only on an OTP call, which the credential test does not make;
	// TurkeySMS's webhook secret is only checked by the trigger, on events TurkeySMS posts.
	// ShoutOUT has no call that tells a wrong key from a right one (its credential's notice says so).
	const checked =
		vendor.node === 'shoutout'
			? []
			: Object.keys(vendor.secrets).filter((field) => field !== 'bundleKey' && field !== 'webhookSecret');
	if (checked.length > 0) test.each(checked)('a wrong %s fails in words', async (field) => {
		const result = await testCredential(credentialName(), data({ ...vendor.secrets, [field]: WRONG }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/[a-z]{3,} [a-z]{3,}/i);
		expect(result.message).not.toContain(WRONG);
		textedNobody();
	});
});
