'use strict';
// The AI Agent workflows of test/e2e/agent.e2e.js: Manual Trigger → AI Agent, with an OpenAI Chat
// Model ("Use Responses API" off) and one vendor's Send and Verify nodes as its tools. Each tool
// field is `$fromAI('<field's name>', '', '<type>')`, what the editor's "Let the model define this
// parameter" button writes, so the model learns what a field needs from the tool's description.
const kit = require('../../scripts/sandbox-kit');

const MODEL_ID = 'otp-scripted-model';
const MODEL_CREDENTIAL = { id: 'loopbackOpenAi', name: 'Loopback model', type: 'openAiApi' };

const fromAI = (key, type = 'string') => `={{ $fromAI('${key}', \`\`, '${type}') }}`;

/** Per vendor: the Send and Verify tool parameters. */
const TOOLS = {
	d7Networks: {
		send: {
			resource: 'otp',
			operation: 'send',
			recipient: fromAI('Recipient'),
			messageType: 'content',
			content: fromAI('Content'),
			additionalFields: {},
		},
		verify: {
			resource: 'otp',
			operation: 'verify',
			otpId: fromAI('OTP_ID'),
			otpCode: fromAI('OTP_Code'),
		},
	},
	valify: {
		send: {
			resource: 'otp',
			operation: 'send',
			phoneNumber: fromAI('Phone_Number'),
			additionalFields: {},
		},
		verify: {
			resource: 'otp',
			operation: 'verify',
			transactionId: fromAI('Transaction_ID'),
			otp: fromAI('OTP'),
			additionalFields: {},
		},
	},
};

function agentWorkflow(id, vendor, prompt) {
	const toolType = `${kit.PACKAGE_NAME}.${vendor}Tool`;
	const { credentialType } = kit.vendors()[vendor];
	const credentials = {
		[credentialType]: { id: kit.ids.credential(vendor), name: kit.credentialName(vendor) },
	};
	return {
		id,
		name: `AI Agent with ${kit.vendors()[vendor].displayName} as tools`,
		nodes: [
			{
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				name: 'Agent',
				type: '@n8n/n8n-nodes-langchain.agent',
				typeVersion: 3.1,
				position: [220, 0],
				parameters: { promptType: 'define', text: prompt, options: {} },
			},
			{
				name: 'Model',
				type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
				typeVersion: 1.3,
				position: [140, 220],
				parameters: {
					model: { __rl: true, mode: 'id', value: MODEL_ID },
					responsesApiEnabled: false,
					options: {},
				},
				credentials: { openAiApi: { id: MODEL_CREDENTIAL.id, name: MODEL_CREDENTIAL.name } },
			},
			{
				name: 'Send code',
				type: toolType,
				typeVersion: 1,
				position: [300, 220],
				parameters: TOOLS[vendor].send,
				credentials,
			},
			{
				name: 'Verify code',
				type: toolType,
				typeVersion: 1,
				position: [460, 220],
				parameters: TOOLS[vendor].verify,
				credentials,
			},
		],
		connections: {
			Start: { main: [[{ node: 'Agent', type: 'main', index: 0 }]] },
			Model: { ai_languageModel: [[{ node: 'Agent', type: 'ai_languageModel', index: 0 }]] },
			'Send code': { ai_tool: [[{ node: 'Agent', type: 'ai_tool', index: 0 }]] },
			'Verify code': { ai_tool: [[{ node: 'Agent', type: 'ai_tool', index: 0 }]] },
		},
	};
}

/**
 * examples/ai-agent/<vendor>.json: the same tools behind a Chat Trigger, with memory, so the person
 * can type the code they received in the next message. The model is your own OpenAI credential.
 */
function chatExample(vendor) {
	const tested = agentWorkflow(
		`aiAgent${vendor.charAt(0).toUpperCase()}${vendor.slice(1)}`,
		vendor,
		'',
	);
	const byName = Object.fromEntries(tested.nodes.map((node) => [node.name, node]));
	const systemMessage =
		'You verify phone numbers. Ask for the number with its country code, text a code with Send code, ' +
		'then ask the person for the code they received and check it with Verify code, using the reference Send code returned. ' +
		'Say plainly whether the number is verified; if a tool returns an error, tell the person what it says.';
	return {
		name: `${kit.vendors()[vendor].displayName}: verify a phone number from a chat (AI Agent)`,
		nodes: [
			{
				name: 'When chat message received',
				type: '@n8n/n8n-nodes-langchain.chatTrigger',
				typeVersion: 1.1,
				position: [0, 0],
				webhookId: `otp-ai-agent-${vendor}`,
				parameters: { options: {} },
			},
			{ ...byName.Agent, parameters: { options: { systemMessage } } },
			{
				...byName.Model,
				parameters: {
					model: { __rl: true, mode: 'list', value: 'gpt-4.1-mini' },
					responsesApiEnabled: false,
					options: {},
				},
				credentials: { openAiApi: { id: '', name: 'OpenAI account' } },
			},
			{
				name: 'Memory',
				type: '@n8n/n8n-nodes-langchain.memoryBufferWindow',
				typeVersion: 1.3,
				position: [300, 380],
				parameters: {},
			},
			byName['Send code'],
			byName['Verify code'],
		],
		connections: {
			'When chat message received': { main: [[{ node: 'Agent', type: 'main', index: 0 }]] },
			Model: tested.connections.Model,
			Memory: { ai_memory: [[{ node: 'Agent', type: 'ai_memory', index: 0 }]] },
			'Send code': tested.connections['Send code'],
			'Verify code': tested.connections['Verify code'],
		},
		settings: { executionOrder: 'v1' },
	};
}

module.exports = { agentWorkflow, chatExample, MODEL_CREDENTIAL, MODEL_ID };

// `node test/e2e/agent-workflows.js` rewrites examples/ai-agent/ from chatExample().
if (require.main === module) {
	const fs = require('node:fs');
	const path = require('node:path');
	const dir = path.join(kit.EXAMPLES_DIR, 'ai-agent');
	fs.mkdirSync(dir, { recursive: true });
	for (const vendor of Object.keys(TOOLS))
		fs.writeFileSync(
			path.join(dir, `${vendor}.json`),
			`${JSON.stringify(chatExample(vendor), null, 2)}\n`,
		);
}
