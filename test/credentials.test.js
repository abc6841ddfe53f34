// Every credential's test, run as n8n's credentials tester runs it, against the simulators:
// the right secret passes, a wrong one fails with a message in words, and nobody is texted.
const { testCredential } = require('./harness/credential-test');
const { vendors } = require('./reliability/vendors');

const WRONG = 'wrong-secret-value';

/**
 * The exact message a person reads for each wrong secret: the credential's own rule where it has
 * one, else n8n's message for the HTTP status. A crash ("Cannot read properties of undefined")
 * would also be an error in words, so the words are pinned. Where two are listed, the engines
 * differ: n8n-core 2.41 hands the tester the HTTP status of a refused request (so ShoutOUT's rule
 * applies), 2.11 and 1.x give it n8n's own message for that status.
 */
const REFUSED = {
	// n8n-core 2.41 applies the credential's own rule to the 401 of verify-token; 2.11 and 1.x give n8n's words.
	d7Networks: {
		apiToken: [
			'The API token was refused by D7 Networks',
			'Authorization failed - please check your credentials',
		],
	},
	paynet: { secretKey: 'The secret key was refused by Paynet' },
	turkeySms: {
		apiKey:
			'TurkeySMS refused the API key (TS-1031 invalid API key). Copy the V4 key again from the TurkeySMS panel.',
	},
	valify: {
		username: 'Valify: the token endpoint refused the username or password',
		password: 'Valify: the token endpoint refused the username or password',
		clientId: 'Valify: the token endpoint refused the client ID or client secret',
		clientSecret: 'Valify: the token endpoint refused the client ID or client secret',
	},
};

describe.each(vendors.map((vendor) => [vendor.displayName, vendor]))(
	'%s credential test',
	(_name, vendor) => {
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

		const sendPaths = vendor.operations
			.filter((operation) => operation.isSend)
			.map((operation) => operation.path);
		const textedNobody = () =>
			expect(
				simulator.requests.filter((request) =>
					sendPaths.some((path) => request.path.startsWith(path)),
				),
			).toHaveLength(0);

		test('the right secret is not refused', async () => {
			const result = await testCredential(credentialName(), data(vendor.secrets));
			expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
			expect(simulator.requests.length).toBeGreaterThan(0);
			textedNobody();
		});

		test('a redirect is not followed: the secret goes to no other address', async () => {
			simulator.fail({
				status: 307,
				raw: '',
				headers: { Location: `${url}/moved/elsewhere`, 'Content-Type': 'text/html' },
			});
			const result = await testCredential(credentialName(), data(vendor.secrets));
			expect(simulator.requestsTo('/moved')).toHaveLength(0);
			expect(simulator.requests).toHaveLength(1);
			for (const secret of Object.values(vendor.secrets))
				expect(result.message).not.toContain(secret);
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
				: Object.keys(vendor.secrets).filter(
						(field) => field !== 'bundleKey' && field !== 'webhookSecret',
					);
		test('every secret the test checks has its message', () => {
			expect(Object.keys(REFUSED[vendor.node] ?? {}).sort()).toEqual([...checked].sort());
		});
		if (checked.length > 0)
			test.each(checked)('a wrong %s fails in words', async (field) => {
				const result = await testCredential(
					credentialName(),
					data({ ...vendor.secrets, [field]: WRONG }),
				);
				expect(result.status).toBe('Error');
				expect([REFUSED[vendor.node][field]].flat()).toContain(result.message);
				expect(result.message).not.toContain(WRONG);
				textedNobody();
			});
	},
);
