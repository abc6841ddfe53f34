import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** Every node has one resource, the OTP; its operations come from the vendor. */
export const otpResource: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [{ name: 'OTP', value: 'otp' }],
	default: 'otp',
};

export function operationField(
	options: INodePropertyOptions[],
	defaultOperation: string,
): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['otp'] } },
		options,
		default: defaultOperation,
	};
}

/**
 * What an AI Agent is told about each operation when the node is one of its tools (the `@tool`
 * variant n8n makes of a node with `usableAsTool`): what every field needs and which result the
 * next step takes. Without it n8n says only "<action> in <node>". Editable in the tool's node.
 */
export function toolDescriptionFields<Operation extends string>(
	descriptions: Record<Operation, string>,
): INodeProperties[] {
	return (Object.entries(descriptions) as Array<[Operation, string]>).map(([operation, text]) => ({
		displayName: 'Tool Description',
		name: 'toolDescription',
		type: 'string',
		typeOptions: { rows: 4 },
		default: text,
		description:
			'What the AI Agent is told about this tool: what each field needs and what comes back',
		displayOptions: { show: { '@tool': [true], resource: ['otp'], operation: [operation] } },
	}));
}
