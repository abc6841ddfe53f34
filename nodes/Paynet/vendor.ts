import type { VendorAnswer } from '../shared/answer';
import { firstText, isRecord, isSuccessStatus } from '../shared/answer';
import type { VendorProblem } from '../shared/errors';
import type { Vendor } from '../shared/types';
import { PAYNET_CODES, PAYNET_ERROR_TYPES } from './codes';

/** Paynet's result code for "success"; every other code is a failure, even with HTTP 200. */
export const PAYNET_SUCCESS = 0;
/** Paynet's "unsuccessful": on check_otp, the code did not match. */
export const PAYNET_UNSUCCESSFUL = 1;

function asCode(candidate: unknown): number | undefined {
	if (typeof candidate === 'number' && Number.isInteger(candidate)) return candidate;
	if (typeof candidate === 'string' && /^\s*-?\d+\s*$/.test(candidate)) return Number(candidate);
	return undefined;
}

/**
 * Paynet's return code as a number. On HTTP 200 it is `code` (sometimes `result_code`); on any
 * other status `code` is the HTTP status and the return code is `result_code` (Paynet's
 * "HTTP status kodları" page).
 */
export function paynetResultCode(answer: VendorAnswer): number | undefined {
	const body = answer.body;
	if (!isRecord(body)) return undefined;
	if (!isSuccessStatus(answer.statusCode)) return asCode(body.result_code);
	return asCode(body.code) ?? asCode(body.result_code);
}

/** Paynet's own words, quoted in the hint so a person can search the Paynet docs for them. */
function withPaynetMessage(hint: string, body: unknown): string {
	const said = isRecord(body) ? firstText(body.message) : undefined;
	return said === undefined ? hint : `Paynet said: "${said}". ${hint}`;
}

function describePaynetFailure(answer: VendorAnswer): VendorProblem | undefined {
	const body = answer.body;
	const code = paynetResultCode(answer);
	const known = code === undefined ? undefined : PAYNET_CODES[code];
	const type = isRecord(body) && typeof body.type === 'string' ? body.type : undefined;

	// A wrong key is HTTP 401 whatever the body says (it may be an HTML page from a gateway).
	if (answer.statusCode === 401 && known?.name !== 'unauthorized') {
		const unauthorized = PAYNET_CODES[7];
		return {
			message: `${unauthorized.words} (unauthorized)`,
			hint: withPaynetMessage(unauthorized.hint, body),
			vendorCode: code,
		};
	}
	if (known !== undefined) {
		return {
			message: `${known.words} (${known.name})`,
			hint: withPaynetMessage(known.hint, body),
			vendorCode: code,
			// Paynet's own server error or timeout: the code may have gone out all the same.
			...(known.name === 'servererror' || known.name === 'timeout'
				? { mayHaveBeenSent: true }
				: {}),
		};
	}
	if (code !== undefined && code !== PAYNET_SUCCESS) {
		return {
			message: `the request failed with result code ${code}`,
			hint: withPaynetMessage("See Paynet's list of result codes, or ask Paynet support.", body),
			vendorCode: code,
		};
	}
	if (type !== undefined && PAYNET_ERROR_TYPES[type] !== undefined) {
		return {
			message: `${PAYNET_ERROR_TYPES[type]} (${type})`,
			hint: withPaynetMessage(
				'Check the phone number, the OTP session ID and the credential.',
				body,
			),
			vendorCode: code,
		};
	}
	return undefined;
}

export const paynet: Vendor = {
	provider: 'paynet',
	displayName: 'Paynet',
	credentialType: 'paynetApi',
	// The hosts the credential's Environment field offers, and where the node sends.
	environments: [
		{ value: 'live', label: 'Live (api.paynet.com.tr)', url: 'https://api.paynet.com.tr' },
		{ value: 'test', label: 'Test (pts-api.paynet.com.tr)', url: 'https://pts-api.paynet.com.tr' },
	],
	// Paynet answers failures with HTTP 200 and a non-zero `code`. A 200 without any code does not
	// say it failed: for a send, the code may have gone out.
	saysFailed: (answer) => {
		const code = paynetResultCode(answer);
		return code !== undefined && code !== PAYNET_SUCCESS;
	},
	describeFailure: describePaynetFailure,
};

/** Paynet's servers keep Turkish time, UTC+3 all year since 2016; used when a time has no offset. */
const TURKEY_OFFSET = '+03:00';

const PAYNET_TIME =
	/^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Paynet's `otp_expire` ("2017-07-17T15:30:15.0581408+03:00", .NET's 7-digit fractions) as an
 * ISO 8601 time in UTC, the same instant; null when it is missing or not a time.
 */
export function paynetTimeToIso(value: unknown): string | null {
	if (typeof value !== 'string') return null;
	const match = PAYNET_TIME.exec(value.trim());
	if (match === null) return null;
	const [, year, month, day, hour, minute, second = '0', fraction = '', offset = TURKEY_OFFSET] =
		match;
	const fields = [year, month, day, hour, minute, second].map(Number);
	const milliseconds = Number(fraction.padEnd(3, '0').slice(0, 3));
	const local = new Date(
		Date.UTC(fields[0], fields[1] - 1, fields[2], fields[3], fields[4], fields[5], milliseconds),
	);
	// Date.UTC rolls over (February 30 becomes March 2): such a time is not a time.
	if (
		local.getUTCFullYear() !== fields[0] ||
		local.getUTCMonth() !== fields[1] - 1 ||
		local.getUTCDate() !== fields[2] ||
		local.getUTCHours() !== fields[3] ||
		local.getUTCMinutes() !== fields[4] ||
		local.getUTCSeconds() !== fields[5]
	) {
		return null;
	}
	let offsetMinutes = 0;
	if (offset.toUpperCase() !== 'Z') {
		const digits = offset.slice(1).replace(':', '');
		offsetMinutes =
			(offset.startsWith('-') ? -1 : 1) *
			(Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
	}
	return new Date(local.getTime() - offsetMinutes * 60_000).toISOString();
}
