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

export class Shoutout implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ShoutOUT',
		name: 'shoutout',
		icon: { light: 'file:../../icons/shoutout.svg', dark: 'file:../../icons/shoutout.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send and verify one-time passwords by SMS with the ShoutOUT OTP service',
		defaults: { name: 'ShoutOUT' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'shoutoutApi', required: true }],
		properties: [otpResource, ...otpDescription, nodeOptions],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperation.call(this, operations);
	}
}
