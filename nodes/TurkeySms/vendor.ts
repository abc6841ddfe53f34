import type { VendorAnswer } from '../shared/answer';
import { firstText, isRecord, retryAfterMs } from '../shared/answer';
import type { VendorProblem } from '../shared/errors';
import { referenceOf } from '../shared/output';
import type { Vendor } from '../shared/types';

/** TurkeySMS's per-minute rate limit: the request was refused, so nothing was sent. */
export const RATE_LIMIT_CODE = 'TS-1060';

/**
 * How long to wait after TS-1060 when the answer has no Retry-After header. The limit is per
 * minute, so a third of a minute lets the window move on without holding the workflow for long.
 */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 20_000;

/** Every TurkeySMS answer carries `result_code` (TS-####); decisions are made on it, never on the text. */
export function resultCodeOf(answer: VendorAnswer): string | undefined {
	return isRecord(answer.body) ? firstText(answer.body.result_code) : undefined;
}

const PROBLEMS_BY_CODE: Record<string, Omit<VendorProblem, 'vendorCode'>> = {
	'TS-1031': {
		message: 'the API key was refused (invalid API key); check the TurkeySMS credential',
		hint: 'Check the API key in the TurkeySMS credential (TurkeySMS panel → API Center → My Keys). Nothing was sent.',
	},
	'TS-1027': {
		message: 'insufficient balance; top up the TurkeySMS account',
		hint: 'Top up the TurkeySMS account, then run again. Nothing was sent.',
	},
	'TS-1028': {
		message: 'the sender ID (Title) is not active',
		hint: 'Use a sender ID that is approved and active in the TurkeySMS panel as the Title. Nothing was sent.',
	},
	'TS-1065': {
		message: 'the API key lacks the permission for OTP',
		hint: 'Enable the OTP permission for this key in the TurkeySMS panel (API Center → My Keys), or use a key that has it. Nothing was sent.',
	},
	'TS-1061': {
		message: 'POST requests are not enabled for this API key',
		hint: 'Enable POST access for this key in the TurkeySMS panel (API Center → My Keys). Nothing was sent.',
	},
	'TS-1033': {
		message: 'the request body was refused as invalid JSON',
		hint: 'Something between n8n and TurkeySMS (a proxy in the base URL?) changed the request. Nothing was sent.',
	},
	[RATE_LIMIT_CODE]: {
		message: 'the per-minute rate limit was reached, so nothing was sent',
		hint: 'TurkeySMS refused the request before sending; the node waited and tried again up to 3 times (never waiting over 60 seconds). Lower "Items per Batch" or add a "Batch Interval", and run again later.',
	},
};

function describeTurkeySmsFailure(answer: VendorAnswer): VendorProblem | undefined {
	const body = answer.body;
	if (!isRecord(body)) return undefined;
	const code = resultCodeOf(answer);
	if (code !== undefined && PROBLEMS_BY_CODE[code] !== undefined) {
		return { ...PROBLEMS_BY_CODE[code], vendorCode: code };
	}
	if (body.result === false || code !== undefined) {
		// A code we do not know: TurkeySMS's own words are all there is to show.
		const said = firstText(body.result_message);
		return {
			message: said === undefined ? 'the request was refused' : `the request was refused: ${said}`,
			hint: "See TurkeySMS's response codes for this code. Nothing was retried.",
			vendorCode: code,
		};
	}
	return undefined;
}

/** The fields an OTP answer might name its message by; TurkeySMS does not document them for OTP. */
const REFERENCE_FIELDS = ['sms_id', 'message_id', 'messageId', 'id'] as const;

/**
 * The message id of an OTP answer, or null. /sms/send documents `sms_id`; for the OTP endpoints
 * nothing is documented, so this is a guess: the first of sms_id, message_id, messageId, id.
 */
export function messageReference(body: Record<string, unknown>): string | null {
	for (const field of REFERENCE_FIELDS) {
		const reference = referenceOf(body[field]);
		if (reference !== null) return reference;
	}
	return null;
}

export const turkeySms: Vendor = {
	provider: 'turkeySms',
	displayName: 'TurkeySMS',
	credentialType: 'turkeySmsApi',
	// The hosts the credential's Environment field offers, and where the node sends.
	environments: [
		{ value: 'live', label: 'Live (api.turkeysms.com.tr)', url: 'https://api.turkeysms.com.tr' },
	],
	// A 2xx with result false, or with a code TurkeySMS documents as a refusal, is a failure. Any
	// other 2xx does not say it failed: for a send, the code may have gone out.
	saysFailed: (answer) => {
		if (!isRecord(answer.body)) return false;
		const code = resultCodeOf(answer);
		return (
			answer.body.result === false || (code !== undefined && PROBLEMS_BY_CODE[code] !== undefined)
		);
	},
	describeFailure: describeTurkeySmsFailure,
	rateLimitWait: (answer) =>
		resultCodeOf(answer) === RATE_LIMIT_CODE
			? (retryAfterMs(answer) ?? DEFAULT_RATE_LIMIT_WAIT_MS)
			: undefined,
};
