'use strict';
// Every operation of every vendor, as the reliability tests drive them: valid parameters, the
// path the vendor receives, whether it is a send (never repeated), and recognisable secrets.
// `secrets` are the credential's secret fields (a new one, such as a webhook secret, goes there);
// `issuedSecrets` are those the vendor hands out during a run (Valify's OAuth tokens).
const { createD7Simulator } = require('../../simulators/d7Networks');
const { createPaynetSimulator } = require('../../simulators/paynet');
const { createShoutoutSimulator } = require('../../simulators/shoutout');
const { createTurkeySmsSimulator } = require('../../simulators/turkeySms');
const { createValifySimulator } = require('../../simulators/valify');

const vendors = [
	{
		node: 'd7Networks',
		displayName: 'D7 Networks',
		secrets: { apiToken: 'SECRET-d7-token-9f3b7c' },
		simulator: (secrets) => createD7Simulator({ apiToken: secrets.apiToken }),
		credentials: (url, secrets) => ({
			d7NetworksApi: { environment: 'custom', baseUrl: url, ...secrets },
		}),
		operations: [
			{
				operation: 'send',
				path: '/verify/v1/otp/send-otp',
				isSend: true,
				parameters: { recipient: '+971501234567', messageType: 'content', content: 'Code {}' },
			},
			{
				operation: 'resend',
				path: '/verify/v1/otp/resend-otp',
				isSend: true,
				parameters: { otpId: 'otp-1' },
			},
			{
				operation: 'verify',
				path: '/verify/v1/otp/verify-otp',
				isSend: false,
				parameters: { otpId: 'otp-1', otpCode: '123456' },
			},
			{
				operation: 'getStatus',
				path: '/verify/v1/report/',
				isSend: false,
				parameters: { otpId: 'otp-1' },
			},
		],
	},
	{
		node: 'paynet',
		displayName: 'Paynet',
		secrets: { secretKey: 'sck_SECRET-paynet-41c9e2' },
		simulator: (secrets) => createPaynetSimulator({ secretKey: secrets.secretKey }),
		credentials: (url, secrets) => ({
			paynetApi: { environment: 'custom', baseUrl: url, ...secrets },
		}),
		operations: [
			// Paynet refuses a second send for the same session: runs of several items give each its own.
			{
				operation: 'send',
				path: '/v1/card/send_otp',
				isSend: true,
				parameters: { userGsm: '+90 532 481 89 42', otpSessionId: 'session-1' },
				uniquePerItem: 'otpSessionId',
			},
			{
				operation: 'verify',
				path: '/v1/card/check_otp',
				isSend: false,
				parameters: { userGsm: '05324818942', otpSessionId: 'session-1', otpCode: 'ART2' },
			},
		],
	},
	{
		node: 'shoutout',
		displayName: 'ShoutOUT',
		secrets: { apiKey: 'SECRET-shoutout-key-7d21aa' },
		simulator: (secrets) => createShoutoutSimulator({ apiKey: secrets.apiKey }),
		credentials: (url, secrets) => ({
			shoutoutApi: { environment: 'custom', baseUrl: url, ...secrets },
		}),
		operations: [
			{
				operation: 'send',
				path: '/otpservice/send',
				isSend: true,
				parameters: {
					source: 'ShoutDEMO',
					destination: '+94 77 123 4567',
					message: 'Your code is {{code}}',
				},
			},
			{
				operation: 'verify',
				path: '/otpservice/verify',
				isSend: false,
				parameters: { referenceId: 'ref-1', code: '123456' },
			},
		],
	},
	{
		node: 'turkeySms',
		displayName: 'TurkeySMS',
		secrets: {
			apiKey: 'SECRET-turkeysms-key-0be5f1',
			webhookSecret: 'SECRET-turkeysms-webhook-8e2d40',
		},
		simulator: (secrets) => createTurkeySmsSimulator({ apiKey: secrets.apiKey }),
		credentials: (url, secrets) => ({
			turkeySmsApi: { environment: 'custom', baseUrl: url, ...secrets },
		}),
		operations: [
			{
				operation: 'send',
				path: '/otp/send',
				isSend: true,
				parameters: { mobile: '+90 532 481 89 42' },
			},
			{
				operation: 'sendCustom',
				path: '/otp/detailed',
				isSend: true,
				parameters: { mobile: '05324818942', title: 'MyApp', text: 'Code TS-CODE' },
			},
		],
	},
	{
		node: 'valify',
		displayName: 'Valify',
		secrets: {
			username: 'SECRET-valify-user-6a1f',
			password: 'SECRET-valify-password-c81d',
			clientId: 'SECRET-valify-client-2e9b',
			clientSecret: 'SECRET-valify-client-secret-f07a',
			bundleKey: 'SECRET-valify-bundle-5b3c',
		},
		simulator: (secrets) => createValifySimulator({ account: secrets }),
		issuedSecrets: (simulator) => simulator.issuedSecrets(),
		credentials: (url, secrets) => ({
			valifyApi: { environment: 'custom', baseUrl: url, accessToken: '', ...secrets },
		}),
		operations: [
			{
				operation: 'send',
				path: '/api/v1/otp/send/',
				isSend: true,
				parameters: { phoneNumber: '+20 10 1234 5678' },
			},
			{
				operation: 'verify',
				path: '/api/v1/otp/verify/',
				isSend: false,
				parameters: { transactionId: 'tx-1', otp: '123456' },
			},
			{
				operation: 'sendEmail',
				path: '/api/v1/otp/email/send/',
				isSend: true,
				parameters: { email: 'person@example.com' },
			},
			{
				operation: 'verifyEmail',
				path: '/api/v1/otp/email/verify/',
				isSend: false,
				parameters: { transactionId: 'tx-1', otp: '123456' },
			},
		],
	},
];

/** Every secret a run with this vendor holds: the credential's, and every one the vendor issued. */
function secretsHeld(vendor, simulator) {
	return [
		...Object.values(vendor.secrets),
		...(vendor.issuedSecrets ? vendor.issuedSecrets(simulator) : []),
	];
}

/** Fails when any secret the run holds appears in what it shows (items, errors, logs). */
function expectNoSecretShown(shown, vendor, simulator) {
	const secrets = secretsHeld(vendor, simulator);
	for (const secret of secrets) expect(shown).not.toContain(secret);
}

module.exports = { vendors, secretsHeld, expectNoSecretShown };
