'use strict';
// D7 Networks Verify, as vendors.md section 4 describes it. Where each behaviour comes from:
// SOURCES.md beside this file.
const crypto = require('node:crypto');
const { VendorSimulator } = require('./vendor-simulator');

const UNAUTHORIZED = {
	status: 401,
	body: {
		detail: {
			code: 'ACCESS_TOKEN_SIGNATURE_VERIFICATION_FAILED',
			message:
				"It looks like your requests were failed due to a missing or invalid 'Access Token'.",
		},
	},
};

/**
 * Sandbox: the account has no credit for sends to this number, so D7 refuses them with its
 * documented 402 (examples/sandbox/fallback.json shows the fallback to another provider).
 */
const NO_CREDIT_RECIPIENT = '+905000000402';
const INSUFFICIENT_CREDIT = {
	status: 402,
	body: {
		detail: [{ code: 'INSUFFICIENT_CREDIT', message: 'Not enough credit to send this message.' }],
	},
};

/**
 * @param {object} [options]
 * @param {string} [options.apiToken] the only token accepted
 * @param {'otp' | 'accepted'} [options.sendAnswer] which of D7's two documented send answers to
 *   give: `{otp_id, status: "OPEN", expiry}` (the parameter table's, default) or
 *   `{request_id, status: "accepted", created_at}`
 */
function createD7Simulator({
	apiToken = 'd7-test-token',
	sendAnswer = 'otp',
	revealCodes = false,
	log,
} = {}) {
	const otps = new Map(); // otp_id -> { code, recipient, expiresAt, verified, resends, retryDelay, lastSentAt }

	const authorized = (request) => request.headers.authorization === `Bearer ${apiToken}`;
	const newCode = (length = 6) => Array.from({ length }, () => crypto.randomInt(0, 10)).join('');

	const simulator = new VendorSimulator({
		'POST /verify/v1/otp/send-otp': (request) => {
			if (!authorized(request)) return UNAUTHORIZED;
			const body = request.body ?? {};
			const problems = [];
			if (typeof body.recipient !== 'string' || !/^\+?[1-9][0-9]{7,14}$/.test(body.recipient)) {
				problems.push({
					loc: ['body', 'recipient'],
					msg: 'value is not a valid phone number',
					type: 'value_error',
				});
			}
			if (body.content === undefined && body.template_id === undefined) {
				problems.push({
					loc: ['body', 'content'],
					msg: 'content or template_id is required',
					type: 'value_error',
				});
			}
			if (problems.length) return { status: 422, body: { detail: problems } };
			if (body.recipient === NO_CREDIT_RECIPIENT) return INSUFFICIENT_CREDIT;
			const otpId = crypto.randomUUID();
			const expiry = Number(body.expiry ?? 600);
			const code = newCode(Number(body.otp_code_length ?? 6));
			otps.set(otpId, {
				code,
				recipient: body.recipient,
				expiresAt: Date.now() + expiry * 1000,
				verified: false,
				resends: 0,
				retryDelay: Number(body.retry_delay ?? 60),
				lastSentAt: Date.now(),
			});
			if (log) log(`D7 Networks: texted ${code} to ${body.recipient} (otp_id ${otpId})`);
			const sandbox = revealCodes ? { sandbox_code: code } : {};
			if ((simulator.sendAnswer ?? sendAnswer) === 'accepted') {
				return {
					body: {
						request_id: otpId,
						status: 'accepted',
						created_at: new Date().toISOString(),
						...sandbox,
					},
				};
			}
			return { body: { otp_id: otpId, status: 'OPEN', expiry, ...sandbox } };
		},
		'POST /verify/v1/otp/resend-otp': (request) => {
			if (!authorized(request)) return UNAUTHORIZED;
			const otp = otps.get(request.body?.otp_id);
			if (!otp)
				return {
					status: 404,
					body: { detail: { code: 'MESSAGE_LOG_NOT_EXISTS', message: 'OTP not found' } },
				};
			if (Date.now() > otp.expiresAt) {
				return { status: 400, body: { detail: 'Resend Failed. OTP time limit expired.' } };
			}
			if (Date.now() - otp.lastSentAt < otp.retryDelay * 1000) {
				return {
					status: 400,
					body: { detail: 'Frequent resend request. Please try after some time.' },
				};
			}
			otp.resends++;
			otp.lastSentAt = Date.now();
			if (log) log(`D7 Networks: texted ${otp.code} again to ${otp.recipient}`);
			return {
				body: {
					otp_id: request.body.otp_id,
					status: 'OPEN',
					expiry: Math.round((otp.expiresAt - Date.now()) / 1000),
					resend_count: otp.resends,
				},
			};
		},
		'POST /verify/v1/otp/verify-otp': (request) => {
			if (!authorized(request)) return UNAUTHORIZED;
			const otp = otps.get(request.body?.otp_id);
			if (!otp)
				return {
					status: 404,
					body: { detail: { code: 'MESSAGE_LOG_NOT_EXISTS', message: 'OTP not found' } },
				};
			if (otp.verified) return { body: { status: 'ALREADY_VERIFIED' } };
			if (Date.now() > otp.expiresAt) return { body: { status: 'EXPIRED' } };
			if (String(request.body.otp_code) !== otp.code) {
				return {
					status: 400,
					body: { detail: { code: 'INVALID_OTP_CODE', message: 'Invalid OTP code' } },
				};
			}
			otp.verified = true;
			return { body: { status: 'APPROVED' } };
		},
		// The call D7's own n8n node tests a token with; its 200 body is not documented.
		'GET /auth/v1/authenticate/application/verify-token': (request) => {
			if (!authorized(request)) return UNAUTHORIZED;
			return { body: { detail: 'Token is valid' } };
		},
		'GET /verify/v1/report/:otpId': (request) => {
			if (!authorized(request)) return UNAUTHORIZED;
			const otp = otps.get(request.params.otpId);
			if (!otp)
				return {
					status: 404,
					body: { detail: { code: 'MESSAGE_LOG_NOT_EXISTS', message: 'Not found' } },
				};
			const status = otp.verified ? 'APPROVED' : Date.now() > otp.expiresAt ? 'EXPIRED' : 'OPEN';
			return { body: { status } };
		},
	});
	simulator.otps = otps;
	/** Lets a test make an OTP's resend allowed now, or expire it. */
	simulator.age = (otpId, seconds) => {
		const otp = otps.get(otpId);
		otp.lastSentAt -= seconds * 1000;
		otp.expiresAt -= seconds * 1000;
	};
	return simulator;
}

module.exports = { createD7Simulator, NO_CREDIT_RECIPIENT };
