'use strict';
// A credentials helper for tests that does what n8n's own does at run time: applies each
// credential type's defaults, its `authenticate` (generic or function) and its
// `preAuthentication` (expirable fields, refreshed when empty or expired), and keeps the
// refreshed values, as n8n keeps them in its database.
const { ICredentialsHelper, NodeHelpers, isExpression } = require('./modules').n8nWorkflow; // the engine's n8n-workflow (see modules.js)

class TestCredentialsHelper extends ICredentialsHelper {
	constructor(credentialTypes) {
		super();
		this.credentialTypes = credentialTypes; // name -> ICredentialType instance
		this.stored = new Map(); // credential id -> { type, data }
		this.preAuthenticationCalls = 0;
	}

	typeOf(name) {
		const type = this.credentialTypes[name];
		if (!type) throw new Error(`Unknown credential type ${name}`);
		return type;
	}

	/** Stores credential data under an id and returns the node's reference to it. */
	add(type, data) {
		const id = String(this.stored.size + 1);
		this.stored.set(id, { type, data: { ...data } });
		return { id, name: `${type} (test)` };
	}

	dataOf(id) {
		return this.stored.get(id)?.data;
	}

	getParentTypes(name) {
		const type = this.credentialTypes[name];
		if (!type || !type.extends) return [];
		return type.extends.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	getCredentialsProperties(type) {
		return this.typeOf(type).properties;
	}

	async authenticate(credentials, typeName, requestOptions, workflow, node) {
		const type = this.typeOf(typeName);
		const { authenticate } = type;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (authenticate && authenticate.type === 'generic') {
			const resolve = (value) => {
				if (!isExpression(value)) return value;
				const resolved = workflow.expression.getSimpleParameterValue(
					node,
					value,
					'internal',
					{ $credentials: credentials },
					undefined,
					'',
				);
				return resolved ? resolved.toString() : '';
			};
			for (const [outerKey, entries] of Object.entries(authenticate.properties)) {
				requestOptions[outerKey] = requestOptions[outerKey] ?? {};
				for (const [key, value] of Object.entries(entries)) {
					requestOptions[outerKey][resolve(key)] = resolve(value);
				}
			}
		}
		return requestOptions;
	}

	async preAuthentication(helpers, credentials, typeName, node, credentialsExpired) {
		const type = this.typeOf(typeName);
		const expirable = type.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		this.preAuthenticationCalls++;
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		const reference = node.credentials?.[typeName];
		if (reference) {
			const entry = this.stored.get(reference.id);
			entry.data = { ...entry.data, ...output };
			return Object.assign(credentials, output);
		}
		return undefined;
	}

	async runPreAuthentication(helpers, credentials, typeName) {
		const type = this.typeOf(typeName);
		if (typeof type.preAuthentication !== 'function') return undefined;
		return await type.preAuthentication.call(helpers, credentials);
	}

	async getDecrypted(_additionalData, nodeCredentials, type) {
		const entry = this.stored.get(nodeCredentials.id);
		if (!entry || entry.type !== type)
			throw new Error(`No ${type} credential with id ${nodeCredentials.id}`);
		// n8n fills in the defaults of fields the user never touched.
		const withDefaults = NodeHelpers.getNodeParameters(
			this.typeOf(type).properties,
			entry.data,
			true,
			false,
			null,
			null,
		);
		return { ...withDefaults, ...entry.data };
	}

	async getCredentials() {
		throw new Error('not used by these tests');
	}

	async updateCredentials(nodeCredentials, _type, data) {
		const entry = this.stored.get(nodeCredentials.id);
		if (entry) entry.data = { ...data };
	}

	async updateCredentialsOauthTokenData() {}

	isCredentialUsableByNode() {
		return true;
	}
}

module.exports = { TestCredentialsHelper };
