import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { toInternationalDigits } from '../../../shared/phone';
import { referenceOf, secondsFromNow, sentItem } from '../../../shared/output';
import type { PreparedCall } from '../../../shared/types';
import {
	badInput,
	checkHttpUrl,
	checkOneOf,
	checkPlaceholder,
	checkWholeNumber,
	readAdditionalFields,
	readText,
} from '../../../shared/validation';
import { callVendor } from '../../../shared/call';
import { additionalFields } from '../../../shared/fields';
import { d7Networks } from '../../vendor';

const D7_DEFAULT_EXPIRY_SECONDS = 600;

const properties: INodeProperties[] = [
	{
		displayName: 'Recipient',
		name: 'recipient',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+971501234567',
		description:
			'Phone number in international form, with the country code (spaces and dashes are fine)',
	},
	{
		displayName: 'Message Type',
		name: 'messageType',
		type: 'options',
		options: [
			{
				name: 'Content',
				value: 'content',
				description: 'Write the message here, with {} where the code goes',
			},
			{
				name: 'Template',
				value: 'template',
				description: 'Use a template registered in the D7 dashboard',
			},
		],
		default: 'content',
	},
	{
		displayName: 'Content',
		name: 'content',
		type: 'string',
		typeOptions: { rows: 2 },
		required: true,
		default: 'Your verification code is: {}',
		description: 'The message; {} is replaced by the code',
		displayOptions: { show: { messageType: ['content'] } },
	},
	{
		displayName: 'Template ID',
		name: 'templateId',
		type: 'number',
		required: true,
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: 1,
		description: 'The ID of an OTP template from the D7 dashboard',
		displayOptions: { show: { messageType: ['template'] } },
	},
	additionalFields([
		{
			displayName: 'Channel',
			name: 'channel',
			type: 'options',
			options: [
				{ name: 'SMS', value: 'SMS' },
				{ name: 'WhatsApp', value: 'WhatsApp' },
			],
			default: 'SMS',
		},
		{
			displayName: 'Data Coding',
			name: 'dataCoding',
			type: 'options',
			options: [
				{ name: 'Auto', value: 'auto', description: 'D7 picks from the content' },
				{ name: 'Text', value: 'text', description: 'GSM 03.38 characters only' },
				{
					name: 'Unicode',
					value: 'unicode',
					description: 'Arabic, Chinese, Greek and other scripts',
				},
			],
			default: 'text',
		},
		{
			displayName: 'Expiry (Seconds)',
			name: 'expiry',
			type: 'number',
			typeOptions: { minValue: 1, numberPrecision: 0 },
			default: 600,
			description: 'How long the code can be verified',
		},
		{
			displayName: 'Failure URL',
			name: 'failureUrl',
			type: 'string',
			default: '',
			placeholder: 'https://example.com/otp-failed',
			description: 'D7 posts the failed delivery report here',
		},
		{
			displayName: 'Originator',
			name: 'originator',
			type: 'string',
			default: '',
			placeholder: 'SignOTP',
			description: 'Sender name (up to 11 letters and digits) or number shown on the phone',
		},
		{
			displayName: 'OTP Code Length',
			name: 'otpCodeLength',
			type: 'number',
			typeOptions: { minValue: 2, maxValue: 10, numberPrecision: 0 },
			default: 6,
		},
		{
			displayName: 'OTP Type',
			name: 'otpType',
			type: 'options',
			options: [
				{ name: 'Alpha', value: 'alpha' },
				{ name: 'Alphanumeric', value: 'alphanumeric' },
				{ name: 'Numeric', value: 'numeric' },
			],
			default: 'numeric',
		},
		{
			displayName: 'Retry Count',
			name: 'retryCount',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 0 },
			default: 5,
			description: 'How many times the person may ask for the code again',
		},
		{
			displayName: 'Retry Delay (Seconds)',
			name: 'retryDelay',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 0 },
			default: 60,
			description: 'Minimum seconds between two resends',
		},
		{
			displayName: 'Success URL',
			name: 'successUrl',
			type: 'string',
			default: '',
			placeholder: 'https://example.com/otp-delivered',
			description: 'D7 posts the successful delivery report here',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['otp'], operation: ['send'] } },
	properties,
);

const ORIGINATOR = /^(?:\+?[0-9]{1,15}|[A-Za-z0-9 ]{1,11})$/;

/** Reads the optional fields the user added; each is sent only when set. */
function readOptionalFields(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const body: IDataObject = {};
	const fields = readAdditionalFields(context, itemIndex);
	const optional = (name: string) => fields[name];

	const originator = optional('originator');
	if (originator !== undefined && originator !== '') {
		const text = typeof originator === 'number' ? String(originator) : originator;
		if (typeof text !== 'string' || !ORIGINATOR.test(text.trim())) {
			throw badInput(
				context,
				itemIndex,
				'Originator',
				originator,
				'expected up to 11 letters and digits, or a phone number',
			);
		}
		body.originator = text.trim();
	}
	const channel = optional('channel');
	if (channel !== undefined)
		body.channel = checkOneOf(context, itemIndex, 'Channel', channel, ['SMS', 'WhatsApp']);
	const expiry = optional('expiry');
	if (expiry !== undefined)
		body.expiry = checkWholeNumber(context, itemIndex, 'Expiry (Seconds)', expiry, 1);
	const dataCoding = optional('dataCoding');
	if (dataCoding !== undefined) {
		body.data_coding = checkOneOf(context, itemIndex, 'Data Coding', dataCoding, [
			'text',
			'unicode',
			'auto',
		]);
	}
	const retryDelay = optional('retryDelay');
	if (retryDelay !== undefined) {
		body.retry_delay = checkWholeNumber(context, itemIndex, 'Retry Delay (Seconds)', retryDelay, 0);
	}
	const retryCount = optional('retryCount');
	if (retryCount !== undefined)
		body.retry_count = checkWholeNumber(context, itemIndex, 'Retry Count', retryCount, 0);
	const otpCodeLength = optional('otpCodeLength');
	if (otpCodeLength !== undefined) {
		body.otp_code_length = checkWholeNumber(
			context,
			itemIndex,
			'OTP Code Length',
			otpCodeLength,
			2,
			10,
		);
	}
	const otpType = optional('otpType');
	if (otpType !== undefined) {
		body.otp_type = checkOneOf(context, itemIndex, 'OTP Type', otpType, [
			'numeric',
			'alpha',
			'alphanumeric',
		]);
	}
	const successUrl = optional('successUrl');
	if (successUrl !== undefined && successUrl !== '') {
		body.success_url = checkHttpUrl(context, itemIndex, 'Success URL', successUrl);
	}
	const failureUrl = optional('failureUrl');
	if (failureUrl !== undefined && failureUrl !== '') {
		body.failure_url = checkHttpUrl(context, itemIndex, 'Failure URL', failureUrl);
	}
	return body;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedCall {
	const rawRecipient = readText(this, itemIndex, 'recipient', 'Recipient');
	const digits = toInternationalDigits(rawRecipient);
	if (digits === undefined) {
		throw badInput(
			this,
			itemIndex,
			'Recipient',
			rawRecipient,
			'expected an international phone number with its country code, e.g. +971501234567',
		);
	}
	const recipient = `+${digits}`;
	const body: IDataObject = { recipient };

	const messageType = checkOneOf(
		this,
		itemIndex,
		'Message Type',
		this.getNodeParameter('messageType', itemIndex),
		['content', 'template'],
	);
	if (messageType === 'content') {
		const content = readText(this, itemIndex, 'content', 'Content');
		body.content = checkPlaceholder(this, itemIndex, 'Content', content, '{}');
	} else {
		body.template_id = checkWholeNumber(
			this,
			itemIndex,
			'Template ID',
			this.getNodeParameter('templateId', itemIndex),
			1,
		);
	}
	Object.assign(body, readOptionalFields(this, itemIndex));

	// Any 2xx that does not say FAILED went out, whichever of D7's documented shapes it has
	// (`{otp_id, status, expiry}` or `{request_id, status: "accepted", created_at}`).
	return async (run) =>
		await callVendor.call(this, itemIndex, d7Networks, run, {
			request: { method: 'POST', path: '/verify/v1/otp/send-otp', body },
			sends: true,
			read: ({ fields, response }) =>
				sentItem({
					provider: d7Networks.provider,
					operation: 'send',
					recipient,
					// D7's other documented answer, {request_id, status: "accepted"}, names the request only.
					reference: referenceOf(fields.otp_id) ?? referenceOf(fields.request_id),
					expiresAt: secondsFromNow(fields.expiry ?? body.expiry ?? D7_DEFAULT_EXPIRY_SECONDS),
					response,
				}),
		});
}
