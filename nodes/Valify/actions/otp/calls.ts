import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { isRecord } from '../../../shared/errors';
import { referenceOf, sentItem, verifiedItem } from '../../../shared/output';
import type { PreparedCall } from '../../../shared/types';
import { badInput, readText } from '../../../shared/validation';
import { acceptedSend, isVendorSuccess, unexpectedAnswer, vendorFailure } from '../../../shared/vendor';
import { valify, valifyRequest } from '../../vendor';

/**
 * A phone or email send: one POST with the bundle key, then the sent item. Any 2xx that does not
 * say `result.success: false` went out, with or without a transaction_id in it.
 */
export function sendCall(
	context: IExecuteFunctions,
	itemIndex: number,
	{ operation, path, recipient, fields, expiresAt }: {
		operation: 'send' | 'sendEmail';
		path: string;
		recipient: string;
		fields: IDataObject;
		expiresAt: () => string | null;
	},
): PreparedCall {
	return async (run) => {
		const answer = await valifyRequest.call(context, itemIndex, run, path, fields, true);
		const { body, response } = acceptedSend.call(context, itemIndex, valify, answer);
		return sentItem({
			provider: valify.provider,
			operation,
			recipient,
			reference: referenceOf(body.transaction_id),
			expiresAt: expiresAt(),
			response,
		});
	};
}

/** Reads a verify's Transaction ID and 6-digit OTP, and returns the call that checks them. */
export function verifyCall(
	context: IExecuteFunctions,
	itemIndex: number,
	{ operation, path, fields }: { operation: 'verify' | 'verifyEmail'; path: string; fields: IDataObject },
): PreparedCall {
	const transactionId = readText(context, itemIndex, 'transactionId', 'Transaction ID');
	if (!/^[\x21-\x7e]{1,200}$/.test(transactionId)) {
		throw badInput(context, itemIndex, 'Transaction ID', transactionId, 'expected the reference (transaction_id) that Send returned');
	}
	const otp = readText(context, itemIndex, 'otp', 'OTP');
	if (!/^[0-9]{6}$/.test(otp)) throw badInput(context, itemIndex, 'OTP', otp, 'expected the 6 digits of the code');
	const body = { otp, transaction_id: transactionId, ...fields };
	return async (run) => {
		const answer = await valifyRequest.call(context, itemIndex, run, path, body, false);
		if (!isVendorSuccess(valify, answer)) throw vendorFailure.call(context, itemIndex, valify, answer);
		const response = answer.body;
		if (!isRecord(response) || typeof response.verified !== 'boolean') {
			throw unexpectedAnswer.call(context, itemIndex, valify, answer, 'verified');
		}
		return verifiedItem({
			provider: valify.provider,
			operation,
			reference: transactionId,
			status: response.verified ? 'approved' : 'invalid',
			response,
		});
	};
}
