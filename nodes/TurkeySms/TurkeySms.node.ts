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

export class TurkeySms implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'TurkeySMS',
		name: 'turkeySms',
		icon: { light: 'file:../../icons/turkeySms.svg', dark: 'file:../../icons/turkeySms.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Send one-time passwords by SMS with TurkeySMS, with its standard or your own message',
		defaults: { name: 'TurkeySMS' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'turkeySmsApi', required: true }],
		properties: [otpResource, ...otpDescription, nodeOptions],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperation.call(this, operations);
	}
}
