import { createHmac, timingSafeEqual } from 'crypto';

import { isRecord } from '../shared/answer';

/** The header TurkeySMS signs every event with: `<algorithm>=<hex HMAC of the raw body>`. */
export const SIGNATURE_HEADER = 'x-turkeysms-signature';

/** The only algorithm TurkeySMS documents (and its default). */
const SUPPORTED_ALGORITHM = 'sha256';

/** How far in the future an event's timestamp may lie, for clocks that are a little apart. */
export const MAX_FUTURE_SKEW_SECONDS = 60;

/** The events TurkeySMS posts (turkeysms.com.tr/en/docs/webhooks). */
export const TURKEY_SMS_EVENTS = [
	'sms.sent',
	'sms.delivered',
	'sms.failed',
	'otp.verified',
	'key.test',
] as const;

/** Why a request was refused, in words that carry neither the secret nor the signature. */
export interface Refusal {
	status: 400 | 403;
	reason: string;
}

/** An event whose signature and timestamp were checked. */
export interface VerifiedEvent {
	body: Record<string, unknown>;
	event: string;
	timestamp: Date;
}

/**
 * Checks the signature over the raw request bytes, in constant time. Returns the refusal, or
 * undefined when the signature is TurkeySMS's. Nothing is read from the body before this.
 */
export function checkSignature(
	secret: string,
	rawBody: Buffer | undefined,
	header: string | string[] | undefined,
): Refusal | undefined {
	if (secret === '') {
		return {
			status: 403,
			reason: 'the credential has no webhook secret, so no event can be verified',
		};
	}
	if (rawBody === undefined)
		return { status: 403, reason: 'the request body could not be read to verify it' };
	if (typeof header !== 'string' || header.trim() === '') {
		return { status: 403, reason: `the ${SIGNATURE_HEADER} header is missing` };
	}
	const separator = header.indexOf('=');
	const algorithm = separator === -1 ? '' : header.slice(0, separator).trim().toLowerCase();
	const signature = separator === -1 ? '' : header.slice(separator + 1).trim();
	if (separator === -1 || !/^[0-9a-fA-F]+$/.test(signature) || signature.length % 2 !== 0) {
		return { status: 403, reason: `the ${SIGNATURE_HEADER} header is not <algorithm>=<hex>` };
	}
	if (algorithm !== SUPPORTED_ALGORITHM) {
		return {
			status: 403,
			reason: `the signature algorithm is not supported (only ${SUPPORTED_ALGORITHM})`,
		};
	}
	const expected = createHmac(SUPPORTED_ALGORITHM, secret).update(rawBody).digest();
	const given = Buffer.from(signature, 'hex');
	// The length of a SHA-256 HMAC is no secret; the bytes are compared in constant time.
	const same = given.length === expected.length && timingSafeEqual(given, expected);
	return same ? undefined : { status: 403, reason: 'the signature does not match the body' };
}

/** The event's time: unix seconds, unix milliseconds or ISO 8601 (TurkeySMS does not say which). */
export function eventTime(value: unknown): Date | undefined {
	let time: number | undefined;
	if (typeof value === 'number' && Number.isFinite(value)) time = value;
	else if (typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value)) time = Number(value);
	if (time !== undefined) {
		// Milliseconds from 2001 on are above 1e12; seconds stay below it until the year 33658.
		const date = new Date(time >= 1e12 ? time : time * 1000);
		return Number.isNaN(date.getTime()) ? undefined : date;
	}
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const parsed = Date.parse(value);
	return Number.isNaN(parsed) ? undefined : new Date(parsed);
}

/**
 * Reads a body whose signature was checked: JSON (else 400), and an event of the last
 * `maxAgeSeconds`, at most a minute ahead (else 403: the timestamp in the signed body is the
 * one replay protection can trust; the timestamp header is not signed).
 */
export function readSignedEvent(
	rawBody: Buffer,
	maxAgeSeconds: number,
	now: number,
): VerifiedEvent | Refusal {
	let body: unknown;
	try {
		body = JSON.parse(rawBody.toString('utf8'));
	} catch {
		return { status: 400, reason: 'the body is not JSON' };
	}
	if (!isRecord(body)) return { status: 400, reason: 'the body is not a JSON object' };
	const timestamp = eventTime(body.timestamp);
	if (timestamp === undefined)
		return { status: 403, reason: 'the event has no timestamp to check its age' };
	const ageSeconds = (now - timestamp.getTime()) / 1000;
	if (ageSeconds > maxAgeSeconds) {
		return { status: 403, reason: `the event is older than ${maxAgeSeconds} seconds (a replay?)` };
	}
	if (ageSeconds < -MAX_FUTURE_SKEW_SECONDS) {
		return {
			status: 403,
			reason: `the event's timestamp is more than ${MAX_FUTURE_SKEW_SECONDS} seconds in the future`,
		};
	}
	const event = typeof body.event_type === 'string' ? body.event_type : '';
	return { body, event, timestamp };
}

/** Whether a reading of a body was refused. */
export function isRefusal(value: VerifiedEvent | Refusal | undefined): value is Refusal {
	return value !== undefined && 'status' in value;
}
