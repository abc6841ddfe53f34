'use strict';
// Every vendor simulator, by node name, with the credential that points a node at it.
// The sandbox (`npm start`), the benchmark and the end-to-end tests all read this list.
const simulators = {
	d7Networks: {
		displayName: 'D7 Networks',
		create: (options) =>
			require('./d7Networks').createD7Simulator({ apiToken: 'sandbox-d7-token', ...options }),
		credentialType: 'd7NetworksApi',
		credential: (url) => ({ environment: 'custom', baseUrl: url, apiToken: 'sandbox-d7-token' }),
	},
	paynet: {
		displayName: 'Paynet',
		create: (options) =>
			require('./paynet').createPaynetSimulator({ secretKey: 'sck_sandbox_paynet', ...options }),
		credentialType: 'paynetApi',
		credential: (url) => ({ environment: 'custom', baseUrl: url, secretKey: 'sck_sandbox_paynet' }),
	},
	shoutout: {
		displayName: 'ShoutOUT',
		create: (options) =>
			require('./shoutout').createShoutoutSimulator({ apiKey: 'sandbox-shoutout-key', ...options }),
		credentialType: 'shoutoutApi',
		credential: (url) => ({ environment: 'custom', baseUrl: url, apiKey: 'sandbox-shoutout-key' }),
	},
	turkeySms: {
		displayName: 'TurkeySMS',
		// With a webhookUrl, every send is followed by its signed events (the TurkeySMS Trigger demo).
		create: (options) =>
			require('./turkeySms').createTurkeySmsSimulator({
				apiKey: 'sandbox-turkeysms-key',
				balance: 1000000,
				webhookSecret: 'sandbox-turkeysms-webhook-secret',
				...options,
			}),
		credentialType: 'turkeySmsApi',
		credential: (url) => ({
			environment: 'custom',
			baseUrl: url,
			apiKey: 'sandbox-turkeysms-key',
			webhookSecret: 'sandbox-turkeysms-webhook-secret',
		}),
	},
	valify: {
		displayName: 'Valify',
		create: (options) =>
			require('./valify').createValifySimulator({
				account: {
					username: 'sandbox-user',
					password: 'sandbox-password',
					clientId: 'sandbox-client',
					clientSecret: 'sandbox-client-secret',
					bundleKey: 'sandbox-bundle-key',
				},
				// A person trying the sandbox may send to the same number many times.
				trialsPerPhone: 1000,
				...options,
			}),
		credentialType: 'valifyApi',
		credential: (url) => ({
			environment: 'custom',
			baseUrl: url,
			username: 'sandbox-user',
			password: 'sandbox-password',
			clientId: 'sandbox-client',
			clientSecret: 'sandbox-client-secret',
			bundleKey: 'sandbox-bundle-key',
		}),
	},
};

module.exports = { simulators };
