import { VALIFY_ENVIRONMENTS } from '../../credentials/ValifyApi.credentials';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { VendorProblem } from '../shared/errors';
import { firstText, isRecord } from '../shared/errors';
import type { VendorAnswer } from '../shared/transport';
import type { RunScope } from '../shared/types';
import type { Vendor } from '../shared/vendor';
import { vendorRequest } from '../shared/vendor';

/** How many new tokens one call may fetch when Valify says its token is spent or expired. */
const MAX_FRESH_TOKENS_PER_CALL = 3;

function messageOf(answer: VendorAnswer): string | undefined {
	return isRecord(answer.body) ? firstText(answer.body.message, answer.body.detail) : undefined;
}

function mentionsBundleKey(answer: VendorAnswer): boolean {
	return /bundle/i.test(messageOf(answer) ?? '');
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
	if (status >= 200 && status < 300 && isRecord(body.result) && body.result.success === false) {
		return {
			message: `the OTP could not be sent${said ? `: ${said}` : ''}`,
			hint: 'Check the phone number and the Valify account.',
		};
	}
	return undefined;
}

export const valify: Vendor = {
	provider: 'valify',
	displayName: 'Valify',
	credentialType: 'valifyApi',
	environments: VALIFY_ENVIRONMENTS,
	isSuccess: (answer) =>
		answer.statusCode >= 200 &&
		answer.statusCode < 300 &&
		!(isRecord(answer.body) && isRecord(answer.body.result) && answer.body.result.success === false),
	describeFailure: describeValifyFailure,
};

/**
 * Whether Valify refused the token (spent after 3 calls, or older than 10 minutes). 403 is its
 * "access token not found". 401 is also its "invalid bundle key": a 401 that names the bundle
 * key, or a second 401 after a new token, is the bundle key and not the token.
 */
function refusedTheToken(answer: VendorAnswer, freshTokens: number): boolean {
	if (answer.statusCode === 403) return true;
	return answer.statusCode === 401 && freshTokens === 0 && !mentionsBundleKey(answer);
}

/**
 * One POST to Valify with the bundle key in its JSON body. When Valify refuses the token, the
 * request was not carried out, so it is made again with the token cleared from the run's
 * credentials: n8n's credentials helper then runs the credential's preAuthentication (the token
 * exchange), stores the new token and puts it in the run's credentials, where the run's other
 * calls find it. A bounded number of times, as several items may spend a token at once.
 */
export async function valifyRequest(
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunScope,
	path: string,
	fields: IDataObject,
	isSend: boolean,
): Promise<VendorAnswer> {
	const credentials = await run.credentials(valify.credentialType);
	const request = {
		method: 'POST' as const,
		path,
		body: { ...fields, bundle_key: String(credentials.bundleKey ?? '') },
	};
	let answer = await vendorRequest.call(this, itemIndex, valify, request, { isSend, run });
	for (let freshTokens = 0; freshTokens < MAX_FRESH_TOKENS_PER_CALL; freshTokens++) {
		if (!refusedTheToken(answer, freshTokens)) break;
		credentials.accessToken = '';
		answer = await vendorRequest.call(this, itemIndex, valify, request, { isSend, run, credentials });
	}
	return answer;
}
