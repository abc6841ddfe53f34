import type { IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { callVendor } from '../../../shared/call';
import { readReference, referenceProperty } from '../../../shared/fields';
import { statusItem } from '../../../shared/output';
import type { PreparedCall } from '../../../shared/types';
import { d7Networks } from '../../vendor';
import { OTP_ID } from './fields';

export const description = updateDisplayOptions(
	{ show: { resource: ['otp'], operation: ['getStatus'] } },
	[referenceProperty(OTP_ID)],
);

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedCall {
	const otpId = readReference(this, itemIndex, OTP_ID);
	return async (run) =>
		await callVendor.call(this, itemIndex, d7Networks, run, {
			request: { method: 'GET', path: `/verify/v1/report/${encodeURIComponent(otpId)}` },
			sends: false,
			read: ({ fields, body }) =>
				typeof fields.status === 'string'
					? statusItem({
							provider: d7Networks.provider,
							reference: otpId,
							status: fields.status,
							response: body,
						})
					: undefined,
			needs: 'status',
		});
}
