'use strict';
// TurkeySMS API V4 (OTP), as vendors.md section 5 describes it: every call is a JSON POST with
// `api_key` in the body; every answer carries result, result_code (TS-####) and result_message.
// Marked [guess] below: what the vendor does not document (the OTP answer's other fields, the
// code for a text without TS-CODE or a bad number, a key status other than "Active"), kept easy to
// change. Where each behaviour comes from: SOURCES.md beside this file.
const crypto = require('node:crypto');
const { VendorSimulator } = require('./vendor-simulator');

const answer = (status, resultCode, message, extra = {}) => ({
	status,
	body: { result: status < 300, result_code: resultCode, result_message: message, ...extra },
});

/**
 * @param {object} [options]
 * @param {string} [options.apiKey] the only key accepted
 * @param {number} [options.balance] SMS credits; each OTP costs one; 0 answers TS-1027
 * @param {string[]} [options.senderIds] active sender IDs (titles) for /otp/detailed
 * @param {boolean} [options.sendOtpPermission] the key's send_otp permission (TS-1065 without it)
 * @param {string} [options.keyStatus] `key_details.status` in /auth/check: "Active" (documented) or
 *   another word (guessed: TurkeySMS documents only "Active")
 * @param {boolean} [options.postEnabled] whether POST is enabled for the key (TS-1061 without it)
 * @param {number} [options.perMinute] requests per minute per key before TS-1060; 0 for no limit
 * @param {number} [options.retryAfterSeconds] a Retry-After header on TS-1060, when set
 * @param {boolean} [options.revealCodes] put the generated code in the answer (`sandbox_code`)
 * @param {(line: string) => void} [options.log] told about every text "sent"
 * @param {string} [options.webhookUrl] where to post the signed events of every send (see postEvents)
 * @param {string} [options.webhookSecret] the webhook secret they are signed with
 */
function createTurkeySmsSimulator({
	apiKey = 'ts-test-key',
	balance = 100,
	senderIds = ['MyApp'],
	sendOtpPermission = true,
	keyStatus = 'Active',
	postEnabled = true,
	perMinute = 0,
	retryAfterSeconds,
	revealCodes = false,
	log,
	webhookUrl,
	webhookSecret = 'ts-webhook-secret',
} = {}) {
	const state = {
		balance,
		senderIds: [...senderIds],
		sendOtpPermission,
		keyStatus,
		postEnabled,
		perMinute,
		sent: [],
	};
	const recentRequests = []; // timestamps, for the per-minute limit
	let nextSmsId = 1000007721;

	/** Checks shared by every endpoint; returns an answer when the request is refused. */
	function refusal(request) {
		const body = request.body;
		if (typeof body !== 'object' || body === null || Array.isArray(body)) {
			return answer(400, 'TS-1033', 'Invalid JSON body.');
		}
		if (body.api_key !== apiKey) return answer(401, 'TS-1031', 'Invalid API key.');
		if (!state.postEnabled)
			return answer(403, 'TS-1061', 'POST permission is not enabled for this key.');
		return undefined;
	}

	function rateLimited() {
		if (!state.perMinute) return undefined;
		const now = Date.now();
		while (recentRequests.length && now - recentRequests[0] > 60_000) recentRequests.shift();
		if (recentRequests.length >= state.perMinute) {
			const refused = answer(403, 'TS-1060', 'Per-minute rate limit exceeded.');
			if (retryAfterSeconds !== undefined)
				refused.headers = { 'Retry-After': String(retryAfterSeconds) };
			return refused;
		}
		recentRequests.push(now);
		return undefined;
	}

	function sendOtp(request, { custom }) {
		const refused = refusal(request) ?? rateLimited();
		if (refused) return refused;
		if (!state.sendOtpPermission) {
			return answer(403, 'TS-1065', 'API key permissions are insufficient for this operation.');
		}
		const body = request.body;
		// [guess] TurkeySMS does not document the codes for these two; the node never sends them.
		if (typeof body.mobile !== 'string' || !/^[1-9][0-9]{7,14}$/.test(body.mobile)) {
			return answer(400, 'TS-1099', 'Invalid mobile number.');
		}
		// The OTP page: digits default 6. It states no default language, so none is assumed here.
		const digits = body.digits === undefined ? 6 : body.digits;
		const lang = body.lang;
		if (![4, 5, 6].includes(digits) || (lang !== undefined && ![0, 1, 2].includes(lang))) {
			return answer(400, 'TS-1099', 'Invalid lang or digits.');
		}
		if (custom) {
			if (typeof body.text !== 'string' || !body.text.includes('TS-CODE')) {
				return answer(400, 'TS-1099', 'The text must contain TS-CODE.');
			}
			if (!state.senderIds.includes(body.title))
				return answer(403, 'TS-1028', 'SenderID is not active.');
		}
		if (state.balance <= 0) return answer(403, 'TS-1027', 'Insufficient balance.');
		state.balance--;
		const code = Array.from({ length: digits }, () => crypto.randomInt(0, 10)).join('');
		const text = custom ? body.text.replace(/TS-CODE/g, code) : `Your verification code is ${code}`;
		const smsId = nextSmsId++;
		state.sent.push({ smsId, mobile: body.mobile, code, text, title: body.title });
		if (log) log(`TurkeySMS: texted "${text}" to ${body.mobile} (sms_id ${smsId})`);
		if (simulator.webhook.url) postEvents(simulator, { smsId, mobile: body.mobile, log });
		// [guess] the OTP answer's fields beyond result/result_code/result_message are undocumented;
		// sms_id mirrors /sms/send's documented answer.
		return answer(200, 'TS-1024', 'OTP dispatched successfully.', {
			sms_id: smsId,
			mobile: body.mobile,
			digits,
			lang,
			...(revealCodes ? { sandbox_code: code } : {}),
		});
	}

	const simulator = new VendorSimulator({
		'POST /auth/check': (request) => {
			const refused = refusal(request);
			if (refused) return refused;
			// The authentication page's answer, field for field.
			return answer(200, 'TS-1000', 'Authentication check successful.', {
				key_details: {
					status: state.keyStatus,
					permissions: {
						send_single_sms: true,
						send_otp: state.sendOtpPermission,
						send_bulk_sms: true,
						check_balance: true,
						check_sms_status: true,
					},
				},
				account_summary: {
					account_status: 'Active',
					balance: { main: state.balance, international: 0 },
				},
			});
		},
		'POST /otp/send': (request) => sendOtp(request, { custom: false }),
		'POST /otp/detailed': (request) => sendOtp(request, { custom: true }),
	});
	simulator.state = state;
	simulator.webhook = { url: webhookUrl, secret: webhookSecret, posted: [] };
	return simulator;
}

// Webhooks, as turkeysms.com.tr/en/docs/webhooks describes them [doc]: each event is POSTed as
// JSON `{event_type, timestamp, data: {sms_id, status}}` with `X-TurkeySMS-Signature:
// sha256=<hex HMAC-SHA256 of the raw body with the webhook secret>` and `X-TurkeySMS-Timestamp`;
// a failed delivery is retried with backoff. [guess] what the docs leave open: timestamps in unix
// seconds, `status` the event's last word (sent, delivered, failed), two retries 1 s and 3 s later.

/** A send to this number is reported `sms.failed` instead of `sms.delivered` (sandbox). */
const FAILING_MOBILE = '905320000000';
const RETRY_DELAYS_MS = [1000, 3000];

/** The X-TurkeySMS-Signature header for these bytes. */
function signatureOf(secret, raw, algorithm = 'sha256') {
	return `${algorithm}=${crypto.createHmac(algorithm, secret).update(raw).digest('hex')}`;
}

/** The headers and bytes TurkeySMS sends for one event `{event_type, data}`. */
function signedEvent(
	secret,
	{ event_type, ...rest },
	{ timestamp = Math.floor(Date.now() / 1000) } = {},
) {
	const raw = JSON.stringify({ event_type, timestamp, ...rest });
	return {
		raw,
		headers: {
			'Content-Type': 'application/json',
			'X-TurkeySMS-Signature': signatureOf(secret, raw),
			'X-TurkeySMS-Timestamp': String(timestamp),
		},
	};
}

async function postOnce(url, { raw, headers }) {
	try {
		const response = await fetch(url, { method: 'POST', headers, body: raw, redirect: 'manual' });
		await response.arrayBuffer();
		return response.status;
	} catch {
		return undefined;
	}
}

/** Posts `sms.sent`, then `sms.delivered` (or `sms.failed` for FAILING_MOBILE), each signed. */
async function postEvents(simulator, { smsId, mobile, log }) {
	const { url, secret } = simulator.webhook;
	const last = mobile === FAILING_MOBILE ? 'failed' : 'delivered';
	for (const status of ['sent', last]) {
		await new Promise((resolve) => setTimeout(resolve, 200));
		const event = signedEvent(secret, {
			event_type: `sms.${status}`,
			data: { sms_id: smsId, status },
		});
		let answer = await postOnce(url, event);
		for (const delay of RETRY_DELAYS_MS) {
			if (answer !== undefined && answer < 300) break;
			await new Promise((resolve) => setTimeout(resolve, delay));
			answer = await postOnce(url, event); // the same bytes and signature, as a retry of the delivery
		}
		simulator.webhook.posted.push({ event: `sms.${status}`, smsId, answer });
		if (log)
			log(
				`TurkeySMS: posted sms.${status} for sms_id ${smsId} to the webhook (${answer === undefined ? 'no answer' : `HTTP ${answer}`})`,
			);
	}
}

module.exports = { createTurkeySmsSimulator, signedEvent, signatureOf, FAILING_MOBILE };
