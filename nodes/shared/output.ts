import type { IDataObject } from 'n8n-workflow';

export type VerifyStatus = 'approved' | 'invalid' | 'expired' | 'already_verified' | 'failed';

/** The item a send, custom send, resend or email send outputs (see the README's output section). */
export function sentItem(fields: {
	provider: string;
	operation: string;
	recipient: string | null;
	reference: string | null;
	expiresAt: string | null;
	response: unknown;
}): IDataObject {
	return {
		provider: fields.provider,
		operation: fields.operation,
		recipient: fields.recipient,
		reference: fields.reference,
		status: 'sent',
		expiresAt: fields.expiresAt,
		response: fields.response as IDataObject,
	};
}

/** The item a verify outputs: a wrong or expired code is an answer, with `verified: false`. */
export function verifiedItem(fields: {
	provider: string;
	/** `verify` unless the vendor has another verifying operation (Valify's `verifyEmail`). */
	operation?: string;
	reference: string | null;
	status: VerifyStatus;
	response: unknown;
}): IDataObject {
	return {
		provider: fields.provider,
		operation: fields.operation ?? 'verify',
		reference: fields.reference,
		verified: fields.status === 'approved',
		status: fields.status,
		response: fields.response as IDataObject,
	};
}

export function statusItem(fields: {
	provider: string;
	reference: string | null;
	status: string;
	response: unknown;
}): IDataObject {
	return {
		provider: fields.provider,
		operation: 'getStatus',
		reference: fields.reference,
		status: fields.status.toLowerCase(),
		response: fields.response as IDataObject,
	};
}

/** An ISO 8601 time this many seconds from now, or null when the vendor did not say. */
export function secondsFromNow(seconds: unknown): string | null {
	const number = typeof seconds === 'string' ? Number(seconds) : seconds;
	if (typeof number !== 'number' || !Number.isFinite(number) || number < 0) return null;
	const time = new Date(Date.now() + number * 1000);
	// Beyond the dates JavaScript can hold (about 275,000 years), there is no time to give.
	return Number.isNaN(time.getTime()) ? null : time.toISOString();
}

/** A vendor's reference as text, or null when it gave none. */
export function referenceOf(value: unknown): string | null {
	if (typeof value === 'string' && value !== '') return value;
	if (typeof value === 'number') return String(value);
	return null;
}
