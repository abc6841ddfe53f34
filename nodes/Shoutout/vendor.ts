import { SHOUTOUT_ENVIRONMENTS } from '../../credentials/ShoutoutApi.credentials';
import type { VendorProblem } from '../shared/errors';
import { firstText, isRecord } from '../shared/errors';
import type { VendorAnswer } from '../shared/transport';
import type { Vendor } from '../shared/vendor';

/** The one `messageResult.status` ShoutOUT documents for a send: "1001", "submit success". */
export const SUBMIT_SUCCESS = '1001';

function isTwoHundred(answer: VendorAnswer): boolean {
	return answer.statusCode >= 200 && answer.statusCode < 300;
}

/** The `messageResult` of a send's answer, when there is one. */
export function messageResultOf(body: unknown): Record<string, unknown> | undefined {
	return isRecord(body) && isRecord(body.messageResult) ? body.messageResult : undefined;
}

/** A 200 send whose messageResult says something other than "submit success" did not go out. */
function isRefusedSubmit(answer: VendorAnswer): boolean {
	const result = messageResultOf(answer.body);
	if (result === undefined || result.status === undefined || result.status === null) return false;
	return String(result.status) !== SUBMIT_SUCCESS;
}

function describeShoutoutFailure(answer: VendorAnswer): VendorProblem | undefined {
	const status = answer.statusCode;
	const body = answer.body;
	const message = isRecord(body) ? firstText(body.message, body.description, body.error) : undefined;

	if (status === 401 || status === 403) {
		return {
			message: 'the API key was refused; check the ShoutOUT API credential',
			hint: 'Check the API key in the ShoutOUT API credential (ShoutOUT Lite app → API keys). Nothing was sent.',
		};
	}
	if (isTwoHundred(answer) && isRefusedSubmit(answer)) {
		const result = messageResultOf(body) ?? {};
		const said = firstText(result.description);
		return {
			message: `the SMS was not submitted${said ? ` (${said})` : ''}`,
			hint: 'ShoutOUT accepted the request but did not submit the SMS; it was not sent again. Check that the sender mask (Source) is approved for your account, the destination number and your credit.',
			vendorCode: String(result.status),
		};
	}
	if (status === 400) {
		return {
			message: message ? `the request was rejected: ${message}` : 'the request was rejected as invalid',
			hint: 'Correct what ShoutOUT named (sender mask, destination, message or reference ID) and run again.',
		};
	}
	if (message !== undefined && status < 500 && status !== 429) return { message };
	return undefined;
}

export const shoutout: Vendor = {
	provider: 'shoutout',
	displayName: 'ShoutOUT',
	credentialType: 'shoutoutApi',
	environments: SHOUTOUT_ENVIRONMENTS,
	isSuccess: (answer) => isTwoHundred(answer) && !isRefusedSubmit(answer),
	describeFailure: describeShoutoutFailure,
};
