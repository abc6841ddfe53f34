'use strict';
// Paynet card-save OTP, as vendors.md section 1 describes it: `Authorization: Basic <secret key>`,
// JSON POSTs, HTTP 200 with a result `code` (0 success, non-zero failure), non-200 answers
// `{type, message, code, result_code}` where `code` is the HTTP status and `result_code` Paynet's
// return code. Where each behaviour comes from: SOURCES.md beside this file.
const crypto = require('node:crypto');
const { VendorSimulator } = require('./vendor-simulator');

/** Paynet's documented result codes. */
const PAYNET_CODES = {
	0: 'Başarılı İşlem',
	1: 'Başarısız İşlem',
	2: 'Firma bloke',
	3: 'Bayi bloke',
	4: 'Bayi bulunamadı',
	5: 'Mükerrer kayıt',
	6: 'İşlem bulunamadı',
	7: 'Yetkisiz erişim',
	8: 'Sunucu hatası',
	9: 'Uygulanmadı',
	10: 'Zaman aşımı',
	11: 'Hatalı istek',
	12: 'Veri bulunamadı',
	// 13-21: Paynet's table gives only these names.
	13: 'paynetjnosession',
	14: 'paynetjwrongbin',
	15: 'paynetjunmatchtran',
	16: 'paynetj3derror',
	17: 'paynetjusedsession',
	18: 'wrongcarddata',
	19: 'wrongtransactiontype',
	20: 'wrongpostype',
	21: 'wrongratioget',
	100: 'Daha önce başarılı',
};

/** A non-200 answer: `code` is the HTTP status, `result_code` Paynet's return code. */
function errorAnswer(status, type, message, resultCode) {
	return { status, body: { type, message, code: status, result_code: resultCode } };
}

const UNAUTHORIZED = errorAnswer(401, 'authorization_error', 'Yetkisiz erişim', 7);

/** Paynet's time format: local Turkish time, 7-digit fraction, +03:00. */
function paynetTime(milliseconds) {
	const turkey = new Date(milliseconds + 3 * 3600 * 1000).toISOString(); // "2017-07-17T15:30:15.058Z"
	return `${turkey.slice(0, 23)}${String(crypto.randomInt(0, 10000)).padStart(4, '0')}+03:00`;
}

function answer(code, extra = {}) {
	return { body: { ...extra, code, message: PAYNET_CODES[code] } };
}

/**
 * @param {object} [options]
 * @param {string} [options.secretKey] the key that is accepted
 * @param {number} [options.otpLifetimeSeconds] how long a code can be checked
 * @param {boolean} [options.revealCodes] put the code in the send answer (`sandbox_code`), for humans trying it out
 * @param {(line: string) => void} [options.log] told of every code "texted"
 */
function createPaynetSimulator({
	secretKey = 'sck_test_paynet_key',
	otpLifetimeSeconds = 180,
	revealCodes = false,
	log,
} = {}) {
	const sessions = new Map(); // otp_session_id -> { code, gsm, expiresAt, verified }

	const authorized = (request) => request.headers.authorization === `Basic ${secretKey}`;
	const validGsm = (gsm) => typeof gsm === 'string' && /^5[0-9]{9}$/.test(gsm);
	const validSession = (id) => typeof id === 'string' && id.trim() !== '';
	const badRequest = (message) => errorAnswer(400, 'invalid_request_error', message, 11);
	// Paynet's example code is "ART2": codes may have letters.
	const newCode = () => {
		const alphabet = 'ABCDEFGHJKLMNPRSTUVYZ23456789';
		return Array.from({ length: 4 }, () => alphabet[crypto.randomInt(0, alphabet.length)]).join('');
	};

	const simulator = new VendorSimulator({
		'POST /v1/card/send_otp': (request) => {
			if (!authorized(request)) return UNAUTHORIZED;
			const body = request.body ?? {};
			if (!validGsm(body.user_gsm)) return badRequest('user_gsm 5XXXXXXXXX olmalıdır');
			if (!validSession(body.otp_session_id)) return badRequest('otp_session_id zorunludur');
			const existing = sessions.get(body.otp_session_id);
			// "should not be run again before this time": Paynet refuses a second OTP for a live session.
			if (existing && !existing.verified && Date.now() < existing.expiresAt) return answer(5);
			const code = newCode();
			const expiresAt = Date.now() + otpLifetimeSeconds * 1000;
			sessions.set(body.otp_session_id, { code, gsm: body.user_gsm, expiresAt, verified: false });
			if (log)
				log(`Paynet: texted ${code} to ${body.user_gsm} (otp_session_id ${body.otp_session_id})`);
			return answer(0, {
				otp_expire: paynetTime(expiresAt),
				...(revealCodes ? { sandbox_code: code } : {}),
			});
		},
		'POST /v1/card/check_otp': (request) => {
			if (!authorized(request)) return UNAUTHORIZED;
			const body = request.body ?? {};
			if (!validGsm(body.user_gsm)) return badRequest('user_gsm 5XXXXXXXXX olmalıdır');
			if (!validSession(body.otp_session_id)) return badRequest('otp_session_id zorunludur');
			const session = sessions.get(body.otp_session_id);
			if (!session || session.gsm !== body.user_gsm) return answer(12);
			// Paynet does not tell a wrong code from a used or expired one: all are "unsuccessful".
			if (session.verified || Date.now() > session.expiresAt) return answer(1);
			if (String(body.otp_code) !== session.code) return answer(1);
			session.verified = true;
			return answer(0);
		},
	});
	simulator.sessions = sessions;
	simulator.secretKey = secretKey;
	/** Lets a test expire a session's code. */
	simulator.age = (otpSessionId, seconds) => {
		sessions.get(otpSessionId).expiresAt -= seconds * 1000;
	};
	return simulator;
}

module.exports = { createPaynetSimulator, PAYNET_CODES, errorAnswer };
