import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { isRecord } from '../../../shared/errors';
import { verifiedItem } from '../../../shared/output';
import type { PreparedCall } from '../../../shared/types';
import { badInput, readText } from '../../../shared/validation';
import { isVendorSuccess, unexpectedAnswer, vendorFailure } from '../../../shared/vendor';
import { valify, valifyRequest } from '../../vendor';
import { languageFields, readLanguage } from './fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Transaction ID',
		name: 'transactionId',
		type: 'string',
		required: true,
		default: '',
		description: 'The transaction_id that the Send operation returned as "reference"',
	},
	{
		displayName: 'OTP',
		name: 'otp',
		type: 'string',
		required: true,
		default: '',
		placeholder: '123456',
		description: 'The 6-digit code the person typed',
	},
	languageFields,
];

export const description = updateDisplayOptions({ show: { resource: ['otp'], operation: ['verify'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedCall {
	const transactionId = readText(this, itemIndex, 'transactionId', 'Transaction ID');
	if (!/^[\x21-\x7e]{1,200}$/.test(transactionId)) {
		throw badInput(this, itemIndex, 'Transaction ID', transactionId, 'expected the reference (transaction_id) that Send returned');
	}
	const otp = readText(this, itemIndex, 'otp', 'OTP');
	if (!/^[0-9]{6}$/.test(otp)) throw badInput(this, itemIndex, 'OTP', otp, 'expected the 6 digits of the code');
	const fields = { otp, transaction_id: transactionId, ...readLanguage(this, itemIndex) };
	return async (run) => {
		const answer = await valifyRequest.call(this, itemIndex, run, '/api/v1/otp/verify/', fields, false);
		if (!isVendorSuccess(valify, answer)) throw vendorFailure.call(this, itemIndex, valify, answer);
		const response = answer.body;
		if (!isRecord(response) || typeof response.verified !== 'boolean') {
			throw unexpectedAnswer.call(this, itemIndex, valify, answer, 'verified');
		}
		return verifiedItem({
			provider: valify.provider,
			reference: transactionId,
			status: response.verified ? 'approved' : 'invalid',
			response,
		});
	};
}
