import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { referenceOf, sentItem } from '../../../shared/output';
import { toInternationalDigits } from '../../../shared/phone';
import type { PreparedCall } from '../../../shared/types';
import { badInput, readText } from '../../../shared/validation';
import { callVendor } from '../../../shared/call';
import { shoutout } from '../../vendor';

/** ShoutOUT's own placeholder, replaced by the code it generates. */
export const CODE_PLACEHOLDER = '{{code}}';
/** What to write in an expression, where n8n would evaluate {{code}} away; becomes {{code}}. */
export const EXPRESSION_PLACEHOLDER = '[code]';

const properties: INodeProperties[] = [
	{
		displayName: 'Source',
		name: 'source',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. ShoutDEMO',
		description:
			'The sender mask (alias) approved for your ShoutOUT account; the person sees it as the sender',
	},
	{
		displayName: 'Destination',
		name: 'destination',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+94 77 123 4567',
		description:
			'Phone number in international form, with the country code (spaces and dashes are fine)',
	},
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 2 },
		required: true,
		default: 'Your verification code is {{code}}',
		description: 'The SMS text; ShoutOUT puts the code it generates where {{code}} is',
		hint: 'Must contain {{code}}. In an expression, n8n evaluates {{ }}, so write [code] there instead: the node turns it into {{code}}.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['otp'], operation: ['send'] } },
	properties,
);

/** The message as ShoutOUT needs it: [code] (the expression-safe spelling) becomes {{code}}. */
function readMessage(context: IExecuteFunctions, itemIndex: number): string {
	const written = readText(context, itemIndex, 'message', 'Message');
	const message = written.split(EXPRESSION_PLACEHOLDER).join(CODE_PLACEHOLDER);
	if (!message.includes(CODE_PLACEHOLDER)) {
		throw badInput(
			context,
			itemIndex,
			'Message',
			written,
			`it must contain ${CODE_PLACEHOLDER} where the code goes (in an expression, write ${EXPRESSION_PLACEHOLDER} instead: n8n evaluates {{code}} to nothing)`,
		);
	}
	return message;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedCall {
	const source = readText(this, itemIndex, 'source', 'Source');
	const rawDestination = readText(this, itemIndex, 'destination', 'Destination');
	const destination = toInternationalDigits(rawDestination);
	if (destination === undefined) {
		throw badInput(
			this,
			itemIndex,
			'Destination',
			rawDestination,
			'expected an international phone number with its country code, e.g. +94771234567',
		);
	}
	const message = readMessage(this, itemIndex);
	// An object, as the curl sample sends it; the doc's jQuery sample wraps it in an array by mistake.
	const body = { source, transport: 'sms', content: { sms: message }, destination };

	return async (run) =>
		await callVendor.call(this, itemIndex, shoutout, run, {
			request: { method: 'POST', path: '/otpservice/send', body },
			sends: true,
			read: ({ fields, response }) =>
				sentItem({
					provider: shoutout.provider,
					operation: 'send',
					recipient: destination,
					reference: referenceOf(fields.referenceId),
					expiresAt: null,
					response,
				}),
		});
}
