'use strict';
// Valify phone and email OTP, as vendors.md section 2 describes it: an OAuth password grant whose
// token lives 10 minutes and serves at most 3 API calls, the bundle key in every JSON body.
// Where each behaviour comes from: SOURCES.md beside this file.
const crypto = require('node:crypto');
const { VendorSimulator } = require('./vendor-simulator');

const TOKEN_CALLS = 3;
const TOKEN_LIFETIME_MS = 600_000;
const OTP_LIFETIME_MS = 600_000;

const TOKEN_REFUSED = { message: 'Forbidden – specified access_token could not be found' };
const BUNDLE_KEY_REFUSED = { message: 'Unauthorized – your Bundle key is invalid' };
const MISSING_INPUT = {
	message:
		'Bad Request – invalid request received (e.g. missing Bundle key, required parameters or invalid json) | Make sure all the required parameters are included',
};

/**
 * @param {object} [options]
 * @param {object} [options.account] { username, password, clientId, clientSecret, bundleKey }
 * @param {number} [options.spentTokenStatus] what a spent or expired token gets: 403 (Valify's
 *   "access token not found", the default) or 401
 * @param {boolean} [options.revealCodes] put the code in the send answer (for people trying it)
 * @param {(line: string) => void} [options.log]
 */
function createValifySimulator({
	account,
	spentTokenStatus = 403,
	trialsPerPhone = 5,
	revealCodes = false,
	log,
} = {}) {
	const expected = {
		username: 'valify-user',
		password: 'valify-password',
		clientId: 'valify-client',
		clientSecret: 'valify-client-secret',
		bundleKey: 'valify-bundle-key',
		...account,
	};
	const tokens = new Map(); // access_token -> { callsLeft, expiresAt }
	const transactions = new Map(); // transaction_id -> { code, phone, expiresAt, verified }
	const trials = new Map(); // phone -> sends left
	const stats = { tokensIssued: 0, callsServed: 0, tokenRefusals: 0 };
	const issuedSecrets = []; // every access and refresh token ever issued, for secret checks

	/** Spends one call of the request's token; an answer when the token is refused. */
	function spendToken(request) {
		const match = /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ''));
		const token = match ? tokens.get(match[1]) : undefined;
		if (!token || token.callsLeft <= 0 || Date.now() > token.expiresAt) {
			stats.tokenRefusals++;
			if (match) tokens.delete(match[1]);
			return {
				status: spentTokenStatus,
				body:
					spentTokenStatus === 401
						? { detail: 'Authentication credentials were not provided.' }
						: TOKEN_REFUSED,
			};
		}
		token.callsLeft--;
		stats.callsServed++;
		if (token.callsLeft === 0) tokens.delete(match[1]);
		return undefined;
	}

	function checkBody(request, fields) {
		const body = request.body;
		if (
			typeof body !== 'object' ||
			body === null ||
			fields.some((field) => body[field] === undefined)
		) {
			return { status: 400, body: MISSING_INPUT };
		}
		if (body.bundle_key !== expected.bundleKey) return { status: 401, body: BUNDLE_KEY_REFUSED };
		return undefined;
	}

	/** A phone or email send: one trial of the recipient spent, a new transaction and code. */
	function sendOtp(channel, recipient) {
		const left = trials.get(recipient) ?? trialsPerPhone;
		if (left <= 0)
			return { status: 422, body: { message: 'Maximum trials exceeded', error_code: 2002 } };
		trials.set(recipient, left - 1);
		const transactionId = crypto.randomUUID();
		const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
		transactions.set(transactionId, {
			code,
			channel,
			recipient,
			expiresAt: Date.now() + OTP_LIFETIME_MS,
			verified: false,
		});
		if (log)
			log(
				`Valify: ${channel === 'email' ? 'emailed' : 'texted'} ${code} to ${recipient} (transaction ${transactionId})`,
			);
		return {
			body: {
				result: { success: true },
				transaction_id: transactionId,
				trials_remaining: left - 1,
				...(revealCodes ? { sandbox_code: code } : {}),
			},
		};
	}

	/** A phone or email verify; a transaction of the other channel is not found [guess]. */
	function verifyOtp(request, channel) {
		const refused =
			spendToken(request) ?? checkBody(request, ['otp', 'transaction_id', 'bundle_key']);
		if (refused) return refused;
		const transaction = transactions.get(String(request.body.transaction_id));
		if (!transaction || transaction.channel !== channel) {
			return { status: 422, body: { message: 'Invalid transaction id', error_code: 2003 } };
		}
		const verified =
			!transaction.verified &&
			Date.now() <= transaction.expiresAt &&
			String(request.body.otp) === transaction.code;
		if (verified) transaction.verified = true;
		return { body: { verified } };
	}

	const simulator = new VendorSimulator({
		'POST /api/o/token/': (request) => {
			const form = typeof request.body === 'object' && request.body !== null ? request.body : {};
			if (form.client_id !== expected.clientId || form.client_secret !== expected.clientSecret) {
				return { status: 401, body: { error: 'invalid_client' } };
			}
			if (form.grant_type !== 'password')
				return { status: 400, body: { error: 'unsupported_grant_type' } };
			if (form.username !== expected.username || form.password !== expected.password) {
				return {
					status: 400,
					body: { error: 'invalid_grant', error_description: 'Invalid credentials given.' },
				};
			}
			const accessToken = crypto.randomBytes(15).toString('hex');
			const refreshToken = crypto.randomBytes(15).toString('hex');
			issuedSecrets.push(accessToken, refreshToken);
			tokens.set(accessToken, {
				callsLeft: TOKEN_CALLS,
				expiresAt: Date.now() + TOKEN_LIFETIME_MS,
			});
			stats.tokensIssued++;
			return {
				body: {
					access_token: accessToken,
					expires_in: TOKEN_LIFETIME_MS / 1000,
					token_type: 'Bearer',
					scope: 'read write',
					refresh_token: refreshToken,
				},
			};
		},
		'POST /api/v1/otp/send/': (request) => {
			const refused = spendToken(request) ?? checkBody(request, ['phone_number', 'bundle_key']);
			if (refused) return refused;
			const phone = String(request.body.phone_number);
			if (!/^01[0-9]{9}$/.test(phone)) {
				return { status: 422, body: { message: 'Invalid phone number', error_code: 2001 } };
			}
			return sendOtp('phone', phone);
		},
		'POST /api/v1/otp/verify/': (request) => verifyOtp(request, 'phone'),
		'POST /api/v1/otp/email/send/': (request) => {
			const refused = spendToken(request) ?? checkBody(request, ['email', 'bundle_key']);
			if (refused) return refused;
			const email = String(request.body.email);
			// [guess] Valify documents no code or words for a malformed address.
			if (!/^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/.test(email)) {
				return { status: 422, body: { message: 'Invalid email', error_code: 2001 } };
			}
			return sendOtp('email', email);
		},
		'POST /api/v1/otp/email/verify/': (request) => verifyOtp(request, 'email'),
	});
	const resetRequests = simulator.reset.bind(simulator);
	/** Forgets recorded requests and faults, and gives every phone its trials back. */
	simulator.reset = () => {
		resetRequests();
		trials.clear();
	};
	simulator.expected = expected;
	simulator.tokens = tokens;
	simulator.transactions = transactions;
	simulator.stats = stats;
	/** The OAuth tokens this simulator has issued: secrets the node holds during a run. */
	simulator.issuedSecrets = () => [...issuedSecrets];
	/** Every token issued so far is older than 10 minutes. */
	simulator.expireTokens = () => {
		for (const token of tokens.values()) token.expiresAt = Date.now() - 1;
	};
	/** The token requests and the API calls recorded since the last reset. */
	simulator.tokenRequests = () => simulator.requestsTo('/api/o/token/');
	simulator.apiRequests = () => simulator.requestsTo('/api/v1/');
	return simulator;
}

module.exports = { createValifySimulator };
