'use strict';
// Workflows that the end-to-end tests import and run with `n8n execute`. Each `n8n execute` boots
// n8n (~10 s), so one workflow per vendor covers all of its operations, a wrong code and an error
// path (a credential with a wrong key), besides the sandbox demos of examples/sandbox/.
const { ids, credentialName, vendors } = require('../../scripts/sandbox-kit');

const TRIGGER = 'Manual';

function credentialsFor(vendor, { bad = false } = {}) {
	const entry = vendors()[vendor];
	return {
		[entry.credentialType]: bad
			? { id: ids.badCredential(vendor), name: `${credentialName(vendor)} (bad key)` }
			: { id: ids.credential(vendor), name: credentialName(vendor) },
	};
}

/** Builds a workflow from [name, vendor | type, parameters, extra] rows and [from, to, output] links. */
function workflow(id, name, nodes, links) {
	const built = [
		{
			id: `${id}-trigger`,
			name: TRIGGER,
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
	];
	nodes.forEach(({ name: nodeName, vendor, type, parameters = {}, bad, ...extra }, index) => {
		built.push({
			id: `${id}-${index}`,
			name: nodeName,
			type: vendor ? `n8n-nodes-otp-providers.${vendor}` : type,
			typeVersion: vendor ? 1 : extra.typeVersion || 1,
			position: [220 * (index + 1), 0],
			parameters: vendor ? { resource: 'otp', ...parameters } : parameters,
			...(vendor ? { credentials: credentialsFor(vendor, { bad }) } : {}),
			...extra,
		});
	});
	const connections = {};
	for (const [from, to, output = 0] of links) {
		connections[from] = connections[from] || { main: [] };
		while (connections[from].main.length <= output) connections[from].main.push([]);
		connections[from].main[output].push({ node: to, type: 'main', index: 0 });
	}
	return { id, name, active: false, nodes: built, connections, settings: { executionOrder: 'v1' } };
}

const noOp = (name) => ({ name, type: 'n8n-nodes-base.noOp' });
const ifVerified = (name, from) => ({
	name,
	type: 'n8n-nodes-base.if',
	typeVersion: 2.2,
	parameters: {
		conditions: {
			options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
			conditions: [
				{
					id: '5e1f0c2a-0000-4000-8000-000000000001',
					leftValue: `={{ $('${from}').item.json.verified }}`,
					rightValue: '',
					operator: { type: 'boolean', operation: 'true', singleValue: true },
				},
			],
			combinator: 'and',
		},
		options: {},
	},
});
/** An expression for a code that is surely not `code`. */
const wrongCodeFor = (node) =>
	`={{ $('${node}').item.json.response.sandbox_code === '000000' ? '111111' : '000000' }}`;

const e2eWorkflows = {
	d7Networks: workflow(
		'e2eD7Networks',
		'e2e D7 Networks: send, resend, status, verify (wrong, right), bad key to the error output',
		[
			{
				name: 'Send',
				vendor: 'd7Networks',
				parameters: {
					operation: 'send',
					recipient: '00971-50-123-4567',
					messageType: 'content',
					content: 'Your code is {}',
					additionalFields: { retryDelay: 0, otpCodeLength: 6, originator: 'SignOTP' },
				},
			},
			{
				name: 'Resend',
				vendor: 'd7Networks',
				parameters: { operation: 'resend', otpId: "={{ $('Send').item.json.reference }}" },
			},
			{
				name: 'Status open',
				vendor: 'd7Networks',
				parameters: { operation: 'getStatus', otpId: "={{ $('Send').item.json.reference }}" },
			},
			{
				name: 'Verify wrong',
				vendor: 'd7Networks',
				parameters: {
					operation: 'verify',
					otpId: "={{ $('Send').item.json.reference }}",
					otpCode: wrongCodeFor('Send'),
				},
			},
			{
				name: 'Verify right',
				vendor: 'd7Networks',
				parameters: {
					operation: 'verify',
					otpId: "={{ $('Send').item.json.reference }}",
					otpCode: "={{ $('Send').item.json.response.sandbox_code }}",
				},
			},
			{
				name: 'Status approved',
				vendor: 'd7Networks',
				parameters: { operation: 'getStatus', otpId: "={{ $('Send').item.json.reference }}" },
			},
			ifVerified('Verified?', 'Verify right'),
			noOp('Verified'),
			noOp('Wrong code'),
			{
				name: 'Send with bad key',
				vendor: 'd7Networks',
				bad: true,
				onError: 'continueErrorOutput',
				parameters: {
					operation: 'send',
					recipient: '+971501234567',
					messageType: 'content',
					content: 'Your code is {}',
					additionalFields: {},
				},
			},
			noOp('Sent anyway'),
			noOp('Caught'),
		],
		[
			[TRIGGER, 'Send'],
			['Send', 'Resend'],
			['Resend', 'Status open'],
			['Status open', 'Verify wrong'],
			['Verify wrong', 'Verify right'],
			['Verify right', 'Status approved'],
			['Status approved', 'Verified?'],
			['Verified?', 'Verified', 0],
			['Verified?', 'Wrong code', 1],
			[TRIGGER, 'Send with bad key'],
			['Send with bad key', 'Sent anyway', 0],
			['Send with bad key', 'Caught', 1],
		],
	),
	paynet: workflow(
		'e2ePaynet',
		'e2e Paynet: send, verify (wrong, right), bad key with Continue On Fail',
		[
			{
				name: 'Send',
				vendor: 'paynet',
				parameters: {
					operation: 'send',
					userGsm: '+90 532 123 45 67',
					otpSessionId: '=e2e-{{ $execution.id }}',
				},
			},
			{
				name: 'Verify wrong',
				vendor: 'paynet',
				parameters: {
					operation: 'verify',
					userGsm: "={{ $('Send').item.json.recipient }}",
					otpSessionId: "={{ $('Send').item.json.reference }}",
					otpCode: wrongCodeFor('Send'),
				},
			},
			{
				name: 'Verify right',
				vendor: 'paynet',
				parameters: {
					operation: 'verify',
					userGsm: '(0532) 123 45 67',
					otpSessionId: "={{ $('Send').item.json.reference }}",
					otpCode: "={{ $('Send').item.json.response.sandbox_code }}",
				},
			},
			ifVerified('Verified?', 'Verify right'),
			noOp('Verified'),
			noOp('Wrong code'),
			{
				name: 'Send with bad key',
				vendor: 'paynet',
				bad: true,
				onError: 'continueRegularOutput',
				parameters: { operation: 'send', userGsm: '5321234567', otpSessionId: 'e2e-bad-key' },
			},
		],
		[
			[TRIGGER, 'Send'],
			['Send', 'Verify wrong'],
			['Verify wrong', 'Verify right'],
			['Verify right', 'Verified?'],
			['Verified?', 'Verified', 0],
			['Verified?', 'Wrong code', 1],
			[TRIGGER, 'Send with bad key'],
		],
	),
	shoutout: workflow(
		'e2eShoutout',
		'e2e ShoutOUT: send, verify (wrong, right), bad key with Continue On Fail',
		[
			{
				name: 'Send',
				vendor: 'shoutout',
				parameters: {
					operation: 'send',
					source: 'ShoutDEMO',
					destination: '0094 77 123 4567',
					message: '=Hi {{ $execution.mode }}, your code is [code]',
				},
			},
			{
				name: 'Verify wrong',
				vendor: 'shoutout',
				parameters: {
					operation: 'verify',
					referenceId: "={{ $('Send').item.json.reference }}",
					code: wrongCodeFor('Send'),
				},
			},
			{
				name: 'Verify right',
				vendor: 'shoutout',
				parameters: {
					operation: 'verify',
					referenceId: "={{ $('Send').item.json.reference }}",
					code: "={{ $('Send').item.json.response.sandbox_code }}",
				},
			},
			ifVerified('Verified?', 'Verify right'),
			noOp('Verified'),
			noOp('Wrong code'),
			{
				name: 'Send with bad key',
				vendor: 'shoutout',
				bad: true,
				onError: 'continueRegularOutput',
				parameters: {
					operation: 'send',
					source: 'ShoutDEMO',
					destination: '+94771234567',
					message: 'Your code is {{code}}',
				},
			},
		],
		[
			[TRIGGER, 'Send'],
			['Send', 'Verify wrong'],
			['Verify wrong', 'Verify right'],
			['Verify right', 'Verified?'],
			['Verified?', 'Verified', 0],
			['Verified?', 'Wrong code', 1],
			[TRIGGER, 'Send with bad key'],
		],
	),
	valify: workflow(
		'e2eValify',
		'e2e Valify: token exchange, send, verify (wrong, right), bad credentials with Continue On Fail',
		[
			{
				name: 'Send',
				vendor: 'valify',
				parameters: {
					operation: 'send',
					phoneNumber: '+20 10 1234 5678',
					additionalFields: { lang: 'ar' },
				},
			},
			{
				name: 'Verify wrong',
				vendor: 'valify',
				parameters: {
					operation: 'verify',
					transactionId: "={{ $('Send').item.json.reference }}",
					otp: wrongCodeFor('Send'),
				},
			},
			{
				name: 'Verify right',
				vendor: 'valify',
				parameters: {
					operation: 'verify',
					transactionId: "={{ $('Send').item.json.reference }}",
					otp: "={{ $('Send').item.json.response.sandbox_code }}",
				},
			},
			ifVerified('Verified?', 'Verify right'),
			noOp('Verified'),
			noOp('Wrong code'),
			{
				name: 'Send with bad key',
				vendor: 'valify',
				bad: true,
				onError: 'continueRegularOutput',
				parameters: { operation: 'send', phoneNumber: '01012345678' },
			},
		],
		[
			[TRIGGER, 'Send'],
			['Send', 'Verify wrong'],
			['Verify wrong', 'Verify right'],
			['Verify right', 'Verified?'],
			['Verified?', 'Verified', 0],
			['Verified?', 'Wrong code', 1],
			[TRIGGER, 'Send with bad key'],
		],
	),
	turkeySms: workflow(
		'e2eTurkeySms',
		'e2e TurkeySMS: send, send custom, bad key to the error output',
		[
			{
				name: 'Send',
				vendor: 'turkeySms',
				parameters: {
					operation: 'send',
					mobile: '+90 532 481 89 42',
					additionalFields: { lang: 1, digits: 4 },
				},
			},
			{
				name: 'Send custom',
				vendor: 'turkeySms',
				parameters: {
					operation: 'sendCustom',
					mobile: '0532 481 89 42',
					title: 'MyApp',
					text: 'MyApp code: TS-CODE',
					additionalFields: {},
				},
			},
			{
				name: 'Send with bad key',
				vendor: 'turkeySms',
				bad: true,
				onError: 'continueErrorOutput',
				parameters: { operation: 'send', mobile: '905324818942', additionalFields: {} },
			},
			noOp('Sent anyway'),
			noOp('Caught'),
		],
		[
			[TRIGGER, 'Send'],
			['Send', 'Send custom'],
			[TRIGGER, 'Send with bad key'],
			['Send with bad key', 'Sent anyway', 0],
			['Send with bad key', 'Caught', 1],
		],
	),
};

/** Stops on the error (no Continue On Fail): the execution fails with the node's message. */
const stopOnError = workflow(
	'e2eStopOnError',
	'e2e: a bad key stops the workflow with the node error',
	[
		{
			name: 'Send with bad key',
			vendor: 'shoutout',
			bad: true,
			parameters: {
				operation: 'send',
				source: 'ShoutDEMO',
				destination: '+94771234567',
				message: 'Your code is {{code}}',
			},
		},
	],
	[[TRIGGER, 'Send with bad key']],
);

module.exports = { e2eWorkflows, stopOnError };
