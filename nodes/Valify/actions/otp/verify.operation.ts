import type { IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { PreparedCall } from '../../../shared/types';
import { verifyCall } from './calls';
import { readLanguage, verifyFields } from './fields';

export const description = updateDisplayOptions(
	{ show: { resource: ['otp'], operation: ['verify'] } },
	verifyFields,
);

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedCall {
	return verifyCall(this, itemIndex, {
		operation: 'verify',
		path: '/api/v1/otp/verify/',
		fields: readLanguage(this, itemIndex),
	});
}
