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

export class Valify implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Valify',
		name: 'valify',
		icon: { light: 'file:../../icons/valify.svg', dark: 'file:../../icons/valify.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send and verify one-time passwords to Egyptian mobiles or by email with Valify',
		defaults: { name: 'Valify' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'valifyApi', required: true }],
		properties: [otpResource, ...otpDescription, nodeOptions],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperation.call(this, operations);
	}
}
