import type { INodeProperties } from 'n8n-workflow';

import type { Environment } from '../nodes/shared/environments';

export interface CustomEnvironment {
	/** How the Custom option reads (e.g. "Custom (Production Host From Valify)"). */
	name?: string;
	placeholder: string;
	description: string;
}

/** The Environment field and, for Custom, the Base URL field every credential of ours has. */
export function environmentProperties(
	environments: Environment[],
	custom: CustomEnvironment,
): INodeProperties[] {
	return [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				...environments.map(({ label, value }) => ({ name: label, value })),
				{ name: custom.name ?? 'Custom', value: 'custom' },
			],
			default: environments[0].value,
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: custom.placeholder,
			description: custom.description,
			displayOptions: { show: { environment: ['custom'] } },
		},
	];
}

/** The base URL as an n8n expression, for a credential's test request (trailing slash tolerated). */
export function baseUrlExpression(environments: Environment[]): string {
	const known = environments
		.slice(1)
		.reduce(
			(otherwise, { value, url }) =>
				`$credentials.environment === "${value}" ? "${url}" : ${otherwise}`,
			`"${environments[0].url}"`,
		);
	return `={{$credentials.environment === "custom" ? String($credentials.baseUrl).replace(/\\/+$/, "") : ${known}}}`;
}
