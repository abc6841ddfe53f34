import type { VendorAnswer } from '../shared/answer';
import { firstText, isRecord, isSuccessStatus } from '../shared/answer';
import type { VendorProblem } from '../shared/errors';
import type { Vendor } from '../shared/types';

/** How many new tokens one call may fetch when Valify says its token is spent or expired. */
const MAX_FRESH_TOKENS_PER_CALL = 3;

function messageOf(answer: VendorAnswer): string | undefined {
	return isRecord(answer.body) ? firstText(answer.body.message, answer.body.detail) : undefined;
}

function mentionsBundleKey(answer: VendorAnswer): boolean {
	return /bundle/i.test(messageOf(answer) ?? '');
}

/** Valify's 2xx that says the OTP was not sent. */
function saysFailed(answer: VendorAnswer): boolean {
	return (
		isRecord(answer.body) && isRecord(answer.body.result) && answer.body.result.success === false
	);
}

function describeValifyFailure(answer: VendorAnswer): VendorProblem | undefined {
	const status = answer.statusCode;
	const said = messageOf(answer);
	const body = isRecord(answer.body) ? answer.body : {};
	if (status === 400) {
		return {
			message: 'the request was refused as incomplete or malformed',
			hint: `Valify said: "${said ?? 'Bad Request'}". Nothing was sent.`,
		};
	}
	if (status === 401) {
		return {
			message: 'the bundle key was refused; check the Bundle Key in the Valify credential',
			hint: 'Check the Bundle Key in the Valify credential (it belongs to the product bundle Valify set up). Nothing was sent.',
		};
	}
	if (status === 403) {
		return {
			message: 'the access token was refused, even a newly fetched one',
			hint: 'Check that this Valify account may use the OTP service, or ask Valify. Nothing was sent.',
		};
	}
	if (status === 404) {
		return {
			message: 'the address was not found (HTTP 404)',
			hint: "Check the credential's environment and base URL: production hosts are issued by Valify.",
		};
	}
	if (status === 415) {
		return {
			message: 'the request format was refused (Unsupported Media Type)',
			hint: 'A proxy between n8n and Valify may be changing the request. Nothing was sent.',
		};
	}
	if (status === 422) {
		return {
			message: `the request was refused: ${said ?? 'unprocessable input'}`,
			hint: "Look the error code up in Valify's error code list.",
			vendorCode: firstText(body.error_code),
		};
	}
	if (isSuccessStatus(status) && saysFailed(answer)) {
		return {
			message: `the OTP could not be sent${said ? `: ${said}` : ''}`,
			hint: 'Check the phone number and the Valify account.',
		};
	}
	return undefined;
}

/**
 * Whether Valify refused the token (spent after 3 calls, or older than 10 minutes). 403 is its
 * "access token not found". 401 is also its "invalid bundle key": a 401 that names the bundle
 * key, or a second 401 after a new token, is the bundle key and not the token.
 */
function refusedTheToken(answer: VendorAnswer, freshTokens: number): boolean {
	if (answer.statusCode === 403) return true;
	return answer.statusCode === 401 && freshTokens === 0 && !mentionsBundleKey(answer);
}

export const valify: Vendor = {
	provider: 'valify',
	displayName: 'Valify',
	credentialType: 'valifyApi',
	// The hosts the credential's Environment field offers, and where the node sends.
	environments: [
		{ value: 'staging', label: 'Staging (valifystage.com)', url: 'https://valifystage.com' },
	],
	saysFailed,
	describeFailure: describeValifyFailure,
	// Valify's OAuth credential has no declarative way to put the bundle key in the body of the OTP
	// calls only (its credential test goes to the token endpoint, where the key has no business).
	credentialFields: (credentials) => ({ bundle_key: String(credentials.bundleKey ?? '') }),
	// A token serves 3 calls or 10 minutes; a refused one was not acted on, so a new one is fetched.
	token: { field: 'accessToken', refused: refusedTheToken, maxRenewals: MAX_FRESH_TOKENS_PER_CALL },
};
