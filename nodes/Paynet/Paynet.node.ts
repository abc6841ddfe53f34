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

export class Paynet implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Paynet',
		name: 'paynet',
		icon: { light: 'file:../../icons/paynet.svg', dark: 'file:../../icons/paynet.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send and verify the OTP Paynet requires before a card is saved',
		defaults: { name: 'Paynet' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'paynetApi', required: true }],
		properties: [otpResource, ...otpDescription, nodeOptions],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperation.call(this, operations);
	}
}
