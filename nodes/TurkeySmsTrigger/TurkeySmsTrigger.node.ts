import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { isRecord } from '../shared/answer';
import { optionsCollection } from '../shared/fields';
import { referenceOf } from '../shared/output';
import type { Refusal, VerifiedEvent } from './verification';
import {
	SIGNATURE_HEADER,
	TURKEY_SMS_EVENTS,
	checkSignature,
	isRefusal,
	readSignedEvent,
} from './verification';

const DEFAULT_MAX_AGE_SECONDS = 300;

const EVENT_NAMES: Record<
	(typeof TURKEY_SMS_EVENTS)[number],
	{ name: string; description: string }
> = {
	'sms.sent': { name: 'SMS Sent', description: 'TurkeySMS handed the message to the operator' },
	'sms.delivered': {
		name: 'SMS Delivered',
		description: 'The operator reported the message delivered',
	},
	'sms.failed': { name: 'SMS Failed', description: 'The message could not be delivered' },
	'otp.verified': { name: 'OTP Verified', description: 'A code was verified' },
	'key.test': { name: 'Key Test', description: 'The test event of the TurkeySMS panel' },
};

/** The request's bytes as they arrived, which is what TurkeySMS signed. */
function rawBodyOf(request: unknown): Buffer | undefined {
	const rawBody = isRecord(request) ? request.rawBody : undefined;
	if (Buffer.isBuffer(rawBody)) return rawBody;
	return typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : undefined;
}

/** Answers a refused request itself, so no execution starts; says why in words without secrets. */
function refuse(context: IWebhookFunctions, refusal: Refusal): IWebhookResponseData {
	context.logger.warn(
		`TurkeySMS Trigger: refused an event with HTTP ${refusal.status}: ${refusal.reason}`,
	);
	context
		.getResponseObject()
		.status(refusal.status)
		.json({ message: `Refused: ${refusal.reason}` });
	return { noWebhookResponse: true };
}

/** The item an event starts the workflow with (see the README's TurkeySMS Trigger section). */
function eventItem({ body, event, timestamp }: VerifiedEvent): IDataObject {
	const data = isRecord(body.data) ? body.data : {};
	return {
		provider: 'turkeySms',
		event,
		reference: referenceOf(data.sms_id),
		status: typeof data.status === 'string' ? data.status : null,
		timestamp: timestamp.toISOString(),
		payload: body as IDataObject,
	};
}

export class TurkeySmsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'TurkeySMS Trigger',
		name: 'turkeySmsTrigger',
		icon: { light: 'file:../../icons/turkeySms.svg', dark: 'file:../../icons/turkeySms.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			'Starts the workflow when TurkeySMS reports a message event (sent, delivered, failed, OTP verified)',
		defaults: { name: 'TurkeySMS Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'turkeySmsApi', required: true }],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			{
				displayName:
					"Copy the Production URL above into the TurkeySMS panel (API Center → Security & IP → Webhook), and its webhook secret into the credential's Webhook Secret. Then activate this workflow.",
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: [...TURKEY_SMS_EVENTS],
				options: TURKEY_SMS_EVENTS.map((value) => ({ value, ...EVENT_NAMES[value] })),
				description:
					'The events that start the workflow. Others are acknowledged (HTTP 200) and start nothing, so TurkeySMS does not retry them.',
			},
			optionsCollection([
				{
					displayName: 'Max Age (Seconds)',
					name: 'maxAgeSeconds',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: DEFAULT_MAX_AGE_SECONDS,
					description:
						'Events whose signed timestamp is older are refused (HTTP 403) as possible replays',
				},
			]),
		],
	};

	// TurkeySMS has no API to register a webhook: its URL is pasted into the TurkeySMS panel by
	// hand, so there is nothing remote for n8n to check, create or delete.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		let credentials: ICredentialDataDecryptedObject;
		try {
			credentials = await this.getCredentials<ICredentialDataDecryptedObject>('turkeySmsApi');
		} catch {
			return refuse(this, { status: 403, reason: 'the TurkeySMS credential could not be read' });
		}
		const secret = typeof credentials.webhookSecret === 'string' ? credentials.webhookSecret : '';
		const request = this.getRequestObject();
		const rawBody = rawBodyOf(request);
		const badSignature = checkSignature(secret, rawBody, request.headers[SIGNATURE_HEADER]);
		if (badSignature !== undefined || rawBody === undefined) {
			return refuse(
				this,
				badSignature ?? { status: 403, reason: 'the request body could not be read' },
			);
		}

		const options = this.getNodeParameter('options', {}) as { maxAgeSeconds?: number };
		const maxAgeSeconds =
			typeof options.maxAgeSeconds === 'number' ? options.maxAgeSeconds : DEFAULT_MAX_AGE_SECONDS;
		const read = readSignedEvent(rawBody, maxAgeSeconds, Date.now());
		if (isRefusal(read)) return refuse(this, read);

		const events = this.getNodeParameter('events', []) as string[];
		if (!events.includes(read.event)) {
			return { webhookResponse: { message: 'Event received; not one this workflow listens to' } };
		}
		return { workflowData: [[{ json: eventItem(read) }]] };
	}
}
