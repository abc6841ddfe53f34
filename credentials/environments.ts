import type { ICredentialDataDecryptedObject, INodeProperties } from 'n8n-workflow';

/** One of a vendor's hosts, as the credential's Environment field offers it. */
export interface Environment {
	value: string;
	name: string;
	url: string;
}

export interface CustomEnvironment {
	/** How the Custom option reads (e.g. "Custom (Production Host From Valify)"). */
	name?: string;
	placeholder: string;
	description: string;
}

/** The Environment field and, for Custom, the Base URL field every credential of ours has. */
export function environmentProperties(environments: Environment[], custom: CustomEnvironment): INodeProperties[] {
	return [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				...environments.map(({ name, value }) => ({ name, value })),
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
			(otherwise, { value, url }) => `$credentials.environment === "${value}" ? "${url}" : ${otherwise}`,
			`"${environments[0].url}"`,
		);
	return `={{$credentials.environment === "custom" ? String($credentials.baseUrl).replace(/\\/+$/, "") : ${known}}}`;
}

/** The base URL for code that holds the credential data (e.g. a preAuthentication). */
export function baseUrlOf(credentials: ICredentialDataDecryptedObject, environments: Environment[]): string {
	const chosen = environments.find(({ value }) => value === credentials.environment) ?? environments[0];
	const url = credentials.environment === 'custom' ? String(credentials.baseUrl ?? '').trim() : chosen.url;
	return url.replace(/\/+$/, '');
}
