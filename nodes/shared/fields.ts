import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { badInput, readText } from './validation';

/** A reference from Send goes into a body or a path, so it must be one token of safe characters. */
const REFERENCE = /^[A-Za-z0-9._:-]{1,200}$/;
/** A code as a person types it: letters or digits, never spaces or punctuation. */
const CODE = /^[A-Za-z0-9]{1,20}$/;

/** A text field the item must fill (a reference, a code). */
function requiredText(
	displayName: string,
	name: string,
	placeholder: string,
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		required: true,
		default: '',
		placeholder,
		description,
	};
}

/** A field that takes the reference Send returned; `vendorName` is what the vendor calls it. */
export interface ReferenceField {
	displayName: string;
	name: string;
	vendorName: string;
	placeholder: string;
}

export function referenceProperty({
	displayName,
	name,
	vendorName,
	placeholder,
}: ReferenceField): INodeProperties {
	const description = `The ${vendorName} that the Send operation returned as "reference"`;
	return requiredText(displayName, name, placeholder, description);
}

export function readReference(
	context: IExecuteFunctions,
	itemIndex: number,
	{ displayName, name, vendorName }: ReferenceField,
): string {
	const reference = readText(context, itemIndex, name, displayName);
	if (!REFERENCE.test(reference)) {
		throw badInput(
			context,
			itemIndex,
			displayName,
			reference,
			`expected the reference (${vendorName}) that Send returned (letters, digits, dashes)`,
		);
	}
	return reference;
}

/** The field of the code the person typed, as every verify asks for it. */
export interface CodeField {
	displayName: string;
	name: string;
	placeholder?: string;
	description?: string;
}

export function codeProperty({
	displayName,
	name,
	placeholder = '123456',
	description = 'The code the person typed',
}: CodeField): INodeProperties {
	return requiredText(displayName, name, placeholder, description);
}

export function readCode(
	context: IExecuteFunctions,
	itemIndex: number,
	{ displayName, name }: CodeField,
): string {
	const code = readText(context, itemIndex, name, displayName);
	if (!CODE.test(code))
		throw badInput(
			context,
			itemIndex,
			displayName,
			code,
			'expected the letters or digits of the code',
		);
	return code;
}

/** The optional fields of an operation, each sent only when the user adds it. */
export function additionalFields(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options,
	};
}

/** A node's Options collection, as n8n's own nodes name it. */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options,
	};
}
