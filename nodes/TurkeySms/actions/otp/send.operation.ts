import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { PreparedCall } from '../../../shared/types';
import { languageAndDigitsFields, mobileField, readLanguageAndDigits, readMobile } from './fields';
import { sendOtpCall } from './calls';

const properties: INodeProperties[] = [mobileField, languageAndDigitsFields];

export const description = updateDisplayOptions(
	{ show: { resource: ['otp'], operation: ['send'] } },
	properties,
);

/** POST /otp/send: TurkeySMS generates the code and texts it with its standard template. */
export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedCall {
	const body = { mobile: readMobile(this, itemIndex), ...readLanguageAndDigits(this, itemIndex) };
	return sendOtpCall(this, itemIndex, 'send', '/otp/send', body);
}
