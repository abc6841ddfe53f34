import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

const SHOWN_VALUE_LENGTH = 40;

/** A value as a person can read it in an error message: short, and never an "[object Object]". */
export function showValue(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	let text: string;
	if (typeof value === 'string') text = JSON.stringify(value);
	else if (typeof value === 'number' || typeof value === 'boolean') text = String(value);
	else if (Array.isArray(value)) text = 'a list';
	else text = 'an object';
	return text.length > SHOWN_VALUE_LENGTH
		? `${text.slice(0, SHOWN_VALUE_LENGTH)}…" (${text.length} characters)`
		: text;
}

/** Bad input: names the field, the value and what is expected; raised before anything is sent. */
export function badInput(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
	expected: string,
): NodeOperationError {
	return new NodeOperationError(
		context.getNode(),
		`${field} ${showValue(value)} is not valid: ${expected}`,
		{
			itemIndex,
			description: `Fix the "${field}" field of the node (or the data feeding it) and run again. Nothing was sent for this item.`,
		},
	);
}

/** Reads a parameter that must be text (numbers are taken as their digits); trims it. */
export function readText(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	field: string,
	{ required = true, fallback = '' }: { required?: boolean; fallback?: string } = {},
): string {
	const value = context.getNodeParameter(name, itemIndex, fallback) as unknown;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string' && !(value === undefined && !required)) {
		throw badInput(context, itemIndex, field, value, 'expected text');
	}
	const text = (value ?? '').trim();
	if (required && text === '')
		throw badInput(context, itemIndex, field, value, 'it must not be empty');
	return text;
}

/** The `additionalFields` collection: only the fields the user added are in it. */
export function readAdditionalFields(
	context: IExecuteFunctions,
	itemIndex: number,
): Record<string, unknown> {
	return context.getNodeParameter('additionalFields', itemIndex, {}) as Record<string, unknown>;
}

/** A whole number within bounds, given as a number or as digits in text. */
export function checkWholeNumber(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
	minimum: number,
	maximum?: number,
): number {
	const expected =
		maximum === undefined
			? `expected a whole number of at least ${minimum}`
			: `expected a whole number from ${minimum} to ${maximum}`;
	let number: number;
	if (typeof value === 'number') number = value;
	else if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) number = Number(value);
	else throw badInput(context, itemIndex, field, value, expected);
	if (
		!Number.isSafeInteger(number) ||
		number < minimum ||
		(maximum !== undefined && number > maximum)
	) {
		throw badInput(context, itemIndex, field, value, expected);
	}
	return number;
}

/** An http(s) URL, for callbacks the vendor will call. */
export function checkHttpUrl(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
): string {
	const expected = 'expected a full http:// or https:// address';
	if (typeof value !== 'string') throw badInput(context, itemIndex, field, value, expected);
	const text = value.trim();
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw badInput(context, itemIndex, field, value, expected);
	}
	if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
		throw badInput(context, itemIndex, field, value, expected);
	}
	return text;
}

/** A message template must carry the vendor's code placeholder, or the person gets no code. */
export function checkPlaceholder(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	text: string,
	placeholder: string,
): string {
	if (!text.includes(placeholder)) {
		throw badInput(
			context,
			itemIndex,
			field,
			text,
			`it must contain ${placeholder} where the code goes`,
		);
	}
	return text;
}

/** One of a fixed set of values. */
export function checkOneOf<T extends string>(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
	allowed: readonly T[],
): T {
	if (typeof value === 'string' && (allowed as readonly string[]).includes(value))
		return value as T;
	throw badInput(context, itemIndex, field, value, `expected one of ${allowed.join(', ')}`);
}
