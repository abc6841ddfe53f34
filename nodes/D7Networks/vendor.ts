import type { VendorAnswer } from '../shared/answer';
import { firstText, isRecord, isSuccessStatus } from '../shared/answer';
import type { VendorProblem } from '../shared/errors';
import type { Vendor } from '../shared/types';

/** D7's `detail` comes as an object, an array of objects, or plain text depending on the error. */
function detailEntries(body: unknown): Array<Record<string, unknown>> {
	if (!isRecord(body)) return [];
	const detail = body.detail;
	if (Array.isArray(detail)) return detail.filter(isRecord);
	if (isRecord(detail)) return [detail];
	if (typeof detail === 'string') return [{ message: detail }];
	return [];
}

/** "recipient: value is not a valid phone number" from a 422 entry `{loc: ["body", "recipient"], msg}`. */
function validationText(entry: Record<string, unknown>): string | undefined {
	const message = firstText(entry.msg, entry.message);
	if (message === undefined) return undefined;
	const location = Array.isArray(entry.loc)
		? entry.loc
				.filter((part) => part !== 'body' && (typeof part === 'string' || typeof part === 'number'))
				.join('.')
		: '';
	return location ? `${location}: ${message}` : message;
}

/** D7's 2xx that says the OTP was not sent. */
function saysFailed(answer: VendorAnswer): boolean {
	return isRecord(answer.body) && answer.body.status === 'FAILED';
}

function describeD7Failure(answer: VendorAnswer): VendorProblem | undefined {
	const entries = detailEntries(answer.body);
	const code = firstText(...entries.map((entry) => entry.code));
	const message = firstText(
		...entries.map((entry) => entry.message),
		...entries.map((entry) => entry.msg),
	);
	const status = answer.statusCode;

	if (status === 401 || code === 'ACCESS_TOKEN_SIGNATURE_VERIFICATION_FAILED') {
		return {
			message: 'the API token was refused; check the D7 Networks credential',
			hint: 'Check the API token in the D7 Networks credential (D7 dashboard → Developer → API tokens).',
			vendorCode: code,
		};
	}
	if (status === 402 || code === 'INSUFFICIENT_CREDIT') {
		return {
			message: 'insufficient credit; top up the D7 Networks account',
			hint: 'Top up the D7 Networks account, then run again. Nothing was sent.',
			vendorCode: code,
		};
	}
	if (status === 422) {
		const problems = entries
			.map(validationText)
			.filter((text): text is string => text !== undefined);
		return {
			message: problems.length
				? `the request was rejected: ${problems.join('; ')}`
				: 'the request was rejected as invalid',
			hint: 'Correct the field D7 Networks named and run again. Nothing was sent.',
			vendorCode: code,
		};
	}
	if (status === 404 || code === 'MESSAGE_LOG_NOT_EXISTS') {
		return {
			message: 'no OTP with this OTP ID was found; use the reference Send returned',
			hint: 'Use the "reference" (otp_id) output by the Send operation of the same D7 account.',
			vendorCode: code,
		};
	}
	if (message !== undefined && /frequent resend/i.test(message)) {
		return {
			message: 'resend requested too soon; wait for the retry delay (60 s by default)',
			hint: 'Wait for the retry delay set on the send (60 seconds by default) before resending. Nothing was sent.',
			vendorCode: code,
		};
	}
	if (message !== undefined && /time limit expired|expired/i.test(message)) {
		return {
			message: 'the OTP has expired, so it can no longer be resent; send a new one',
			hint: 'Send a new OTP instead.',
			vendorCode: code,
		};
	}
	if (isSuccessStatus(status) && saysFailed(answer)) {
		return {
			message: 'the OTP could not be sent (status FAILED)',
			hint: 'Check the recipient number and the D7 Networks dashboard logs.',
			vendorCode: 'FAILED',
		};
	}
	if (message !== undefined && status < 500 && status !== 429) {
		return { message, vendorCode: code };
	}
	return undefined;
}

export const d7Networks: Vendor = {
	provider: 'd7Networks',
	displayName: 'D7 Networks',
	credentialType: 'd7NetworksApi',
	// The hosts the credential's Environment field offers, and where the node sends.
	environments: [
		{ value: 'live', label: 'Live (api.d7networks.com)', url: 'https://api.d7networks.com' },
	],
	saysFailed,
	describeFailure: describeD7Failure,
};
