import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { otpResource } from '../shared/descriptions';
import { nodeOptions } from '../shared/options';
import { runOperation } from '../shared/itemLoop';
import { description as otpDescription, operations } from './actions/otp';

export class D7Networks implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'D7 Networks',
		name: 'd7Networks',
		icon: {
			light: 'file:../../icons/d7Networks.svg',
			dark: 'file:../../icons/d7Networks.dark.svg',
		},
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send, resend, verify and check one-time passwords with D7 Networks Verify',
		defaults: { name: 'D7 Networks' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'd7NetworksApi', required: true }],
		properties: [otpResource, ...otpDescription, nodeOptions],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperation.call(this, operations);
	}
}
