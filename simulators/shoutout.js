'use strict';
// ShoutOUT OTP service, as vendors.md section 3 describes it. Marked [guess] there, and so here:
// the verify statusCodes 1001 (invalid) and 1002 (expired), the answer for an unknown referenceId,
// how long a code lives, and how a send that was not sent (1010, 1012, 1015) is answered.
// Where each behaviour comes from: SOURCES.md beside this file.
const crypto = require('node:crypto');
const { VendorSimulator } = require('./vendor-simulator');

const CODE_PLACEHOLDER = '{{code}}';
const CODE_LIFETIME_MS = 5 * 60 * 1000;

const FORBIDDEN = { status: 403, body: { message: 'Authentication failed: invalid API key' } };

/** ShoutOUT's message statuses (its message-log page) and the words this simulator gives them. */
const MESSAGE_STATUSES = {
	1000: 'queued',
	1001: 'submit success',
	1010: 'internal error',
	1012: 'no route',
	1015: 'blocked',
	1026: 'submitted',
};
const NOT_SENT = ['1010', '1012', '1015'];
const badRequest = (message) => ({ status: 400, body: { message } });

/**
 * @param {object} [options]
 * @param {string} [options.apiKey] the only key accepted
 * @param {string} [options.messageStatus] the `messageResult.status` of every send: '1001' (the
 *   documented example) by default; 1010, 1012 and 1015 are not sent, nobody is texted
 */
function createShoutoutSimulator({
	apiKey = 'shoutout-test-key',
	messageStatus = '1001',
	revealCodes = false,
	log,
} = {}) {
	const otps = new Map(); // referenceId -> { code, destination, expiresAt, verified }

	const authorized = (request) => request.headers.authorization === `Apikey ${apiKey}`;
	const newCode = () => Array.from({ length: 6 }, () => crypto.randomInt(0, 10)).join('');

	const simulator = new VendorSimulator({
		'POST /otpservice/send': (request) => {
			if (!authorized(request)) return FORBIDDEN;
			const body = request.body;
			if (typeof body !== 'object' || body === null || Array.isArray(body)) {
				return badRequest('Request body must be a JSON object');
			}
			if (typeof body.source !== 'string' || body.source.trim() === '')
				return badRequest('source is required');
			if (body.transport !== 'sms') return badRequest('transport must be sms');
			const sms = body.content && body.content.sms;
			if (typeof sms !== 'string' || !sms.includes(CODE_PLACEHOLDER)) {
				return badRequest('content.sms must include {{code}}');
			}
			if (typeof body.destination !== 'string' || !/^[1-9][0-9]{7,14}$/.test(body.destination)) {
				return badRequest('destination must be a mobile number in E.164 format');
			}
			const referenceId = crypto.randomUUID();
			const status = String(simulator.messageStatus ?? messageStatus);
			const messageResult = {
				status,
				description: MESSAGE_STATUSES[status] ?? 'unknown',
				cost: NOT_SENT.includes(status) ? 0 : 1,
				responses: [
					{
						destination: body.destination,
						reference_id: crypto.randomUUID(),
						status,
						cost: NOT_SENT.includes(status) ? 0 : 1,
					},
				],
			};
			if (NOT_SENT.includes(status)) {
				if (log)
					log(
						`ShoutOUT: did not text ${body.destination} (status ${status}, ${messageResult.description})`,
					);
				return { body: { referenceId, messageResult } };
			}
			const code = newCode();
			otps.set(referenceId, {
				code,
				destination: body.destination,
				expiresAt: Date.now() + CODE_LIFETIME_MS,
				verified: false,
			});
			const text = sms.split(CODE_PLACEHOLDER).join(code);
			if (log)
				log(
					`ShoutOUT: texted "${text}" from ${body.source} to ${body.destination} (referenceId ${referenceId})`,
				);
			return {
				body: { referenceId, messageResult, ...(revealCodes ? { sandbox_code: code } : {}) },
			};
		},
		'POST /otpservice/verify': (request) => {
			if (!authorized(request)) return FORBIDDEN;
			const body = request.body ?? {};
			const otp = otps.get(body.referenceId);
			if (!otp) return badRequest('Invalid referenceId');
			const answer = (statusCode, description) => ({
				body: { referenceId: body.referenceId, code: body.code, statusCode, description },
			});
			if (Date.now() > otp.expiresAt) return answer('1002', 'code expired');
			if (otp.verified || String(body.code) !== otp.code) return answer('1001', 'invalid code');
			otp.verified = true;
			return answer('1000', 'verified');
		},
	});
	simulator.otps = otps;
	/** Lets a test make an OTP older, e.g. past its lifetime. */
	simulator.age = (referenceId, seconds) => {
		otps.get(referenceId).expiresAt -= seconds * 1000;
	};
	return simulator;
}

module.exports = { createShoutoutSimulator, CODE_LIFETIME_MS, MESSAGE_STATUSES };
