import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { badInput, readText } from '../../../shared/validation';

export const otpIdField: INodeProperties = {
	displayName: 'OTP ID',
	name: 'otpId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 4f8a1c2e-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
	description: 'The otp_id that the Send operation returned as "reference"',
};

/** An otp_id goes into a path for Get Status, so it must be one token of safe characters. */
export function readOtpId(context: IExecuteFunctions, itemIndex: number): string {
	const otpId = readText(context, itemIndex, 'otpId', 'OTP ID');
	if (!/^[A-Za-z0-9._:-]{1,200}$/.test(otpId)) {
		throw badInput(context, itemIndex, 'OTP ID', otpId, 'expected the reference (otp_id) that Send returned (letters, digits, dashes)');
	}
	return otpId;
}
