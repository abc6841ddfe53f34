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

export function operationField(options: INodePropertyOptions[], defaultOperation: string): INodeProperties {
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
