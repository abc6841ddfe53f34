import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { callVendor } from '../../../shared/call';
import { sentItem } from '../../../shared/output';
import type { PreparedCall } from '../../../shared/types';
import { messageReference, turkeySms } from '../../vendor';

/**
 * The call both OTP operations make: one POST (api_key is added to the body by the credential),
 * then the sent item. TurkeySMS does not say when the code expires, so expiresAt is null.
 */
export function sendOtpCall(
	context: IExecuteFunctions,
	itemIndex: number,
	operation: 'send' | 'sendCustom',
	path: string,
	body: IDataObject,
): PreparedCall {
	return async (run) =>
		await callVendor.call(context, itemIndex, turkeySms, run, {
			request: { method: 'POST', path, body: { ...body } },
			sends: true,
			read: ({ fields, response }) =>
				sentItem({
					provider: turkeySms.provider,
					operation,
					recipient: String(body.mobile),
					reference: messageReference(fields),
					expiresAt: null,
					response,
				}),
		});
}
