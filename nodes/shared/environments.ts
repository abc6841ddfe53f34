import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** One of a vendor's hosts: the credential's Environment field offers it, and the node sends there. */
export interface Environment {
	value: string;
	/** How the Environment field shows it. */
	label: string;
	url: string;
}

/** The base URL the credential data chose: a host of the list, or its Base URL for Custom. */
export function baseUrlOf(
	credentials: ICredentialDataDecryptedObject,
	environments: Environment[],
): string {
	const chosen =
		environments.find(({ value }) => value === credentials.environment) ?? environments[0];
	const url =
		credentials.environment === 'custom' ? String(credentials.baseUrl ?? '').trim() : chosen.url;
	return url.replace(/\/+$/, '');
}
