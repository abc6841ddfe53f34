import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { callVendor } from '../../../shared/call';
import { referenceOf, sentItem, verifiedItem } from '../../../shared/output';
import type { PreparedCall } from '../../../shared/types';
import { badInput, readText } from '../../../shared/validation';
import { valify } from '../../vendor';

/**
 * A phone or email send: one POST (the bundle key is added to its body), then the sent item. Any
 * 2xx that does not say `result.success: false` went out, with or without a transaction_id in it.
 */
export function sendCall(
	context: IExecuteFunctions,
	itemIndex: number,
	{
		operation,
		path,
		recipient,
		fields,
		expiresAt,
	}: {
		operation: 'send' | 'sendEmail';
		path: string;
		recipient: string;
		fields: IDataObject;
		expiresAt: () => string | null;
	},
): PreparedCall {
	return async (run) =>
		await callVendor.call(context, itemIndex, valify, run, {
			request: { method: 'POST', path, body: fields },
			sends: true,
			read: (answer) =>
				sentItem({
					provider: valify.provider,
					operation,
					recipient,
					reference: referenceOf(answer.fields.transaction_id),
					expiresAt: expiresAt(),
					response: answer.response,
				}),
		});
}

/** Reads a verify's Transaction ID and 6-digit OTP, and returns the call that checks them. */
export function verifyCall(
	context: IExecuteFunctions,
	itemIndex: number,
	{
		operation,
		path,
		fields,
	}: { operation: 'verify' | 'verifyEmail'; path: string; fields: IDataObject },
): PreparedCall {
	const transactionId = readText(context, itemIndex, 'transactionId', 'Transaction ID');
	if (!/^[\x21-\x7e]{1,200}$/.test(transactionId)) {
		throw badInput(
			context,
			itemIndex,
			'Transaction ID',
			transactionId,
			'expected the reference (transaction_id) that Send returned',
		);
	}
	const otp = readText(context, itemIndex, 'otp', 'OTP');
	if (!/^[0-9]{6}$/.test(otp))
		throw badInput(context, itemIndex, 'OTP', otp, 'expected the 6 digits of the code');
	return async (run) =>
		await callVendor.call(context, itemIndex, valify, run, {
			request: { method: 'POST', path, body: { otp, transaction_id: transactionId, ...fields } },
			sends: false,
			read: ({ fields: answer, body }) =>
				typeof answer.verified === 'boolean'
					? verifiedItem({
							provider: valify.provider,
							operation,
							reference: transactionId,
							status: answer.verified ? 'approved' : 'invalid',
							response: body,
						})
					: undefined,
			needs: 'verified',
		});
}
