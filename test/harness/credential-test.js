'use strict';
// Runs a credential's `test` as n8n's credentials tester does: the test request goes through
// n8n-core's RoutingNode on a node that uses the credential (so the credential's authenticate
// applies), then n8n's rules: when the request fails with an HTTP status, a `responseCode` rule
// with that status gives its message, and any status outside 2xx fails; when it succeeds, a
// `responseSuccessBody` rule fails the test when the body's value at `key` equals `value`.
const { n8nCore, n8nWorkflow } = require('./modules');
const { loadPackage, PACKAGE_NAME } = require('./engine');
const { TestCredentialsHelper } = require('./credentials');

const { ExecuteContext, RoutingNode } = n8nCore;
const { NodeHelpers, Workflow } = n8nWorkflow;

function valueAt(object, path) {
	return path
		.split('.')
		.reduce(
			(value, key) => (value !== null && typeof value === 'object' ? value[key] : undefined),
			object,
		);
}

/** @returns {Promise<{ status: 'OK' | 'Error', message: string, requests?: number }>} */
async function testCredential(credentialName, data) {
	const { nodeTypes, credentialTypes } = await loadPackage();
	const credentialType = credentialTypes[credentialName];
	const helper = new TestCredentialsHelper(credentialTypes);
	const nodeType = Object.values(nodeTypes.byName).find((type) =>
		(type.description.credentials ?? []).some(({ name }) => name === credentialName),
	);
	const reference = helper.add(credentialName, data);
	const withDefaults = {
		...NodeHelpers.getNodeParameters(credentialType.properties, data, true, false, null, null),
		...data,
	};
	// n8n runs preAuthentication first for a credential that has one (the token exchange).
	const node = {
		id: 'credential-test',
		name: 'Temp-Node',
		type: `${PACKAGE_NAME}.${nodeType.description.name}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: { temp: '' },
		credentials: { [credentialName]: reference },
	};
	const testNodeType = {
		description: {
			...nodeType.description,
			credentials: [{ name: credentialName, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: credentialType.test.request },
					default: '',
				},
			],
		},
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: {
			getByNameAndVersion: () => testNodeType,
			getByName: () => testNodeType,
			getKnownTypes: () => ({}),
		},
	});
	const additionalData = { credentialsHelper: helper, currentNodeParameters: {}, variables: {} };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		{ resultData: { runData: {} } },
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const routingNode = new RoutingNode(context, testNodeType, {
		id: reference.id,
		name: reference.name,
		type: credentialName,
		data: withDefaults,
	});
	const rules = credentialType.test.rules ?? [];
	let response;
	try {
		response = await routingNode.runNode();
	} catch (error) {
		const status = error.cause?.response?.status ?? error.context?.data?.statusCode;
		if (status !== undefined) {
			const rule = rules.find(
				(candidate) => candidate.type === 'responseCode' && candidate.properties.value === status,
			);
			if (rule) return { status: 'Error', message: rule.properties.message };
			if (status < 199 || status > 299)
				return {
					status: 'Error',
					message: error.cause?.response?.statusText || `Received HTTP status code: ${status}`,
				};
		}
		return { status: 'Error', message: String(error.message) };
	}
	const body = response?.[0]?.[0]?.json;
	for (const rule of rules) {
		if (
			rule.type === 'responseSuccessBody' &&
			valueAt(body, rule.properties.key) === rule.properties.value
		) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

module.exports = { testCredential };
