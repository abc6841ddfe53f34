import type { VendorAnswer } from '../shared/answer';
import { firstText, isRecord, isSuccessStatus } from '../shared/answer';
import type { VendorProblem } from '../shared/errors';
import type { Vendor } from '../shared/types';

/**
 * ShoutOUT's message statuses (its message-log page): 1000 Queued, 1001 Success, 1010 Internal
 * Error, 1012 No Route, 1015 Blocked, 1026 Submitted. Only these three say the SMS was not sent;
 * queued, submitted, success or a status ShoutOUT does not document may well reach the person.
 */
const NOT_SENT_STATUSES: Record<string, { words: string; hint: string }> = {
	'1010': {
		words: 'internal error',
		hint: "ShoutOUT had an internal error and did not send the SMS. Check ShoutOUT's status, then run again.",
	},
	'1012': {
		words: 'no route',
		hint: 'ShoutOUT has no route to this destination. Check the number and that your account may send to its country.',
	},
	'1015': {
		words: 'blocked',
		hint: 'ShoutOUT blocked this SMS. Check that the sender mask (Source) is approved for your account and that the number is not blocked.',
	},
};

/** The `messageResult` of a send's answer, when there is one. */
function messageResultOf(body: unknown): Record<string, unknown> | undefined {
	return isRecord(body) && isRecord(body.messageResult) ? body.messageResult : undefined;
}

/** The not-sent status of a send's answer (1010, 1012, 1015), if it has one. */
function notSentStatus(answer: VendorAnswer): string | undefined {
	const status = firstText(messageResultOf(answer.body)?.status);
	return status !== undefined && NOT_SENT_STATUSES[status] !== undefined ? status : undefined;
}

function describeShoutoutFailure(answer: VendorAnswer): VendorProblem | undefined {
	const status = answer.statusCode;
	const body = answer.body;
	const message = isRecord(body)
		? firstText(body.message, body.description, body.error)
		: undefined;

	if (status === 401 || status === 403) {
		return {
			message: 'the API key was refused; check the ShoutOUT API credential',
			hint: 'Check the API key in the ShoutOUT API credential (ShoutOUT Lite app → API keys). Nothing was sent.',
		};
	}
	const notSent = isSuccessStatus(status) ? notSentStatus(answer) : undefined;
	if (notSent !== undefined) {
		const said = firstText(messageResultOf(body)?.description);
		return {
			message: `the SMS was not sent (${said ?? NOT_SENT_STATUSES[notSent].words})`,
			hint: `${NOT_SENT_STATUSES[notSent].hint} Nothing was sent again.`,
			vendorCode: notSent,
		};
	}
	if (status === 400) {
		return {
			message: message
				? `the request was rejected: ${message}`
				: 'the request was rejected as invalid',
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
	// The hosts the credential's Environment field offers, and where the node sends.
	environments: [
		{ value: 'live', label: 'Live (api.getshoutout.com)', url: 'https://api.getshoutout.com' },
	],
	saysFailed: (answer) => notSentStatus(answer) !== undefined,
	describeFailure: describeShoutoutFailure,
};
