'use strict';
// End-to-end: an AI Agent in real n8n calls this package's nodes as tools. Manual Trigger → AI
// Agent → OpenAI Chat Model, whose credential points at a loopback OpenAI-compatible model
// (simulators/model.js) that plays a scripted model; the tools are D7 Networks and Valify
// nodes (usableAsTool) whose fields the model fills with $fromAI(), as the editor's "Let the model
// define this parameter" button writes them (the field's name, no description). Part of
// `npm run test:e2e`.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const runtime = require('../../scripts/n8n-runtime');
const kit = require('../../scripts/sandbox-kit');
const { simulators } = require('../../simulators');
const { createModelSimulator } = require('../../simulators/model');
const { agentWorkflow, chatExample, MODEL_CREDENTIAL, MODEL_ID } = require('./agent-workflows');

const EXAMPLES = path.join(kit.EXAMPLES_DIR, 'ai-agent');
const exampleFiles = () => fs.readdirSync(EXAMPLES).filter((file) => file.endsWith('.json'));

const log = (line) => process.stderr.write(`[agent e2e] ${line}\n`);

let rt;
let tmp;
let userFolder;
let model;
const vendors = {}; // name -> running simulator
const inbox = new Map(); // reference -> the code the person received
const MODEL_API_KEY = 'sk-loopback-model-key';

/**
 * The scripted model. It reads the tools n8n offers: Send first, filling every argument the
 * offered schema asks for from the tool's description, then Verify with the Send result's
 * `reference` and the code the person received, then it answers. A tool error ends the script:
 * the model answers with the error's text.
 */
function scriptedModel(request) {
	const tools = (request.tools || []).map((tool) => tool.function);
	const messages = request.messages || [];
	const userText = messages
		.filter((m) => m.role === 'user')
		.map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)))
		.join('\n');
	const toolResults = messages.filter((m) => m.role === 'tool').map((m) => String(m.content));
	// Send is the tool that returns a reference; Verify the one that says whether a code is verified.
	const sendTool =
		tools.find((tool) => /returns reference/i.test(tool.description)) ||
		tools.find((tool) => /\bsend/i.test(tool.description));
	const verifyTool = tools.find((tool) => tool !== sendTool && /verif/i.test(tool.description));
	if (!sendTool || !verifyTool)
		return {
			content: `I was not offered a send and a verify tool (offered: ${tools.map((t) => t.name).join(', ')})`,
		};

	const parse = (text) => {
		try {
			return JSON.parse(text);
		} catch {
			return undefined;
		}
	};
	const firstItem = (result) => (Array.isArray(result) ? result[0] : result);

	if (toolResults.length === 0) {
		const phone = (userText.match(/\+?\d[\d ()-]{6,}\d/) || [''])[0];
		const placeholder = ['{{code}}', 'TS-CODE', '{}'].find((token) =>
			sendTool.description.includes(token),
		);
		return {
			toolCalls: [
				{
					name: sendTool.name,
					arguments: fill(sendTool, (key) =>
						/content|message|text/i.test(key) ? `Your code is ${placeholder || ''}`.trim() : phone,
					),
				},
			],
		};
	}
	const sent = firstItem(parse(toolResults[0]));
	if (!sent || typeof sent.reference !== 'string')
		return { content: `The send failed: ${toolResults[0]}` };
	if (toolResults.length === 1) {
		const code = inbox.get(sent.reference);
		return {
			toolCalls: [
				{
					name: verifyTool.name,
					arguments: fill(verifyTool, (key) =>
						/id$|reference|transaction/i.test(key) ? sent.reference : code,
					),
				},
			],
		};
	}
	const verified = firstItem(parse(toolResults[1]));
	return {
		content:
			verified && verified.verified === true
				? 'The code is verified.'
				: `Not verified: ${toolResults[1]}`,
	};
}

/** Arguments for every property of the tool's schema (all are required in n8n's schema). */
function fill(tool, valueFor) {
	const properties = (tool.parameters && tool.parameters.properties) || {};
	return Object.fromEntries(Object.keys(properties).map((key) => [key, valueFor(key)]));
}

async function n8n(args) {
	// Jest sets NODE_ENV=test, which n8n takes as its own test mode (no output, …): unset it.
	return runtime.execN8n(args, {
		userFolder,
		runtime: rt,
		env: { NODE_ENV: undefined },
		timeoutMs: 3 * 60 * 1000,
	});
}

async function imported(args, what) {
	const result = await n8n(args);
	if (result.code !== 0)
		throw new Error(`${what} failed (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
}

/** Runs one imported workflow; returns its run data, what the model was sent and what the vendors got. */
async function execute(workflowId) {
	model.requests.length = 0;
	for (const simulator of Object.values(vendors)) simulator.requests.length = 0;
	const result = await n8n(['execute', `--id=${workflowId}`, '--rawOutput']);
	if (result.code !== 0) {
		const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-30).join('\n');
		throw new Error(
			`n8n execute ${workflowId} ended with ${result.signal || `exit code ${result.code}`}:\n${tail}`,
		);
	}
	const execution = runtime.parseExecuteOutput(result.stdout);
	return {
		execution,
		modelRequests: [...model.requests],
		vendorRequests: Object.fromEntries(
			Object.entries(vendors).map(([name, simulator]) => [name, [...simulator.requests]]),
		),
	};
}

const runData = (run) => run.execution.data.resultData.runData;
const agentAnswer = (run) => runData(run).Agent[0].data.main[0][0].json.output;
/** What n8n told the model a tool returned, in the order of the calls. */
const toolMessages = (run) => {
	const last = run.modelRequests.filter((r) => r.path.endsWith('/chat/completions')).pop();
	return last.body.messages.filter((m) => m.role === 'tool').map((m) => String(m.content));
};

/** Every secret of every credential imported here, and what the vendors issued from them. */
function secrets() {
	const list = [];
	for (const name of Object.keys(vendors)) {
		for (const [key, value] of Object.entries(simulators[name].credential(''))) {
			if (key !== 'environment' && key !== 'baseUrl' && value) list.push(value);
		}
	}
	return list;
}

beforeAll(async () => {
	const t = Date.now();
	rt = await runtime.ensureN8n({ log });
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'otp-agent-e2e-'));
	userFolder = path.join(tmp, 'user');

	await kit.build();
	const tarball = await kit.pack(path.join(tmp, 'pack'));
	await runtime.installCommunityPackage({ userFolder, spec: tarball, log });

	const phoneLog = (line) => {
		const match = line.match(/texted (\S+) to .*\((?:otp_id|transaction) ([^)]+)\)/);
		if (match) inbox.set(match[2], match[1]);
	};
	for (const name of ['d7Networks', 'valify']) {
		vendors[name] = simulators[name].create({ log: phoneLog });
		await vendors[name].start();
	}
	model = createModelSimulator({ script: scriptedModel, model: MODEL_ID });
	await model.start();
	log(
		`model ${model.url}, vendors ${Object.values(vendors)
			.map((v) => v.url)
			.join(', ')}`,
	);

	const credentials = [
		...kit.sandboxCredentials(
			Object.fromEntries(Object.entries(vendors).map(([name, simulator]) => [name, simulator.url])),
		),
		{ ...MODEL_CREDENTIAL, data: { apiKey: MODEL_API_KEY, url: model.url } },
	];
	const credentialsFile = path.join(tmp, 'credentials.json');
	fs.writeFileSync(credentialsFile, JSON.stringify(credentials));
	await imported(['import:credentials', `--input=${credentialsFile}`], 'import:credentials');
	fs.rmSync(credentialsFile);

	const workflowsDir = path.join(tmp, 'workflows');
	fs.mkdirSync(workflowsDir);
	const workflows = [
		agentWorkflow(
			'agentD7Networks',
			'd7Networks',
			'Text a one-time code to +971 50 123 4567, then check the code the person got.',
		),
		agentWorkflow(
			'agentValify',
			'valify',
			'Text a one-time code to the Egyptian mobile +20 100 123 4567, then check the code the person got.',
		),
		agentWorkflow(
			'agentBadInput',
			'd7Networks',
			'Text a one-time code to 050 123 4567, then check the code the person got.',
		),
	];
	exampleFiles().forEach((file, index) =>
		workflows.push({
			id: `aiAgentExample${index}`,
			...JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8')),
		}),
	);
	for (const wf of workflows)
		fs.writeFileSync(
			path.join(workflowsDir, `${wf.id}.json`),
			JSON.stringify(kit.prepareWorkflow(wf)),
		);
	await imported(['import:workflow', '--separate', `--input=${workflowsDir}`], 'import:workflow');
	log(`set up in ${((Date.now() - t) / 1000).toFixed(1)} s`);
});

afterAll(async () => {
	if (model) await model.stop();
	await Promise.all(Object.values(vendors).map((simulator) => simulator.stop()));
	if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe.each([
	[
		'd7Networks',
		'agentD7Networks',
		'+971501234567',
		'/verify/v1/otp/send-otp',
		'/verify/v1/otp/verify-otp',
	],
	['valify', 'agentValify', '01001234567', '/api/v1/otp/send/', '/api/v1/otp/verify/'],
])(
	'an AI Agent sends and verifies a code with %s as tools',
	(vendor, workflowId, sentNumber, sendPath, verifyPath) => {
		let run;
		beforeAll(async () => {
			run = await execute(workflowId);
		});

		test('the run succeeds and the agent answers that the code is verified', () => {
			expect(run.execution.status).toBe('success');
			expect(agentAnswer(run)).toBe('The code is verified.');
		});

		test('the model called Send with the arguments the schema asks for, then Verify with its reference', () => {
			const [sent, verified] = toolMessages(run).map((text) => JSON.parse(text)[0]);
			expect(sent).toMatchObject({
				provider: vendor,
				operation: 'send',
				recipient: sentNumber,
				status: 'sent',
				reference: expect.any(String),
			});
			expect(verified).toMatchObject({
				provider: vendor,
				operation: 'verify',
				reference: sent.reference,
				verified: true,
				status: 'approved',
			});
			const paths = run.vendorRequests[vendor].map((request) => request.path);
			expect(paths.filter((p) => p === sendPath)).toHaveLength(1);
			expect(paths.filter((p) => p === verifyPath)).toHaveLength(1);
		});

		test('the tools offered to the model say what their fields need', () => {
			const tools = run.modelRequests
				.find((r) => r.path.endsWith('/chat/completions'))
				.body.tools.map((t) => t.function);
			const send = tools.find((tool) => /send/i.test(tool.name));
			const verify = tools.find((tool) => /verif/i.test(tool.name));
			expect(send.description).toMatch(/country code/i);
			expect(send.description).toMatch(/reference/);
			expect(verify.description).toMatch(/reference/);
			if (vendor === 'd7Networks') expect(send.description).toContain('{}');
		});

		test('nothing of a credential reaches the model, nor a code the vendor did not return', () => {
			const shown = JSON.stringify(run.modelRequests.map((r) => r.body));
			for (const secret of secrets()) expect(shown).not.toContain(secret);
			expect(shown).not.toMatch(/Bearer /);
			// The code is only what the person read from their phone: no tool result carries it.
			const [sentResult] = toolMessages(run);
			const code = inbox.get(JSON.parse(sentResult)[0].reference);
			expect(code).toEqual(expect.any(String));
			expect(sentResult).not.toContain(code);
		});
	},
);

describe('bad input from the model', () => {
	let run;
	beforeAll(async () => {
		run = await execute('agentBadInput');
	});

	test('the run does not crash; the model gets the error text, which says what to change', () => {
		expect(run.execution.status).toBe('success');
		const [result] = toolMessages(run);
		expect(result).toMatch(/Recipient/);
		expect(result).toMatch(/country code/i);
		expect(agentAnswer(run)).toContain(result.slice(0, 40));
	});

	test('nothing was sent to the vendor', () => {
		expect(run.vendorRequests.d7Networks).toHaveLength(0);
	});
});

describe('the example workflows (examples/ai-agent)', () => {
	test('use the tools this test runs (regenerate with node test/e2e/agent-workflows.js)', () => {
		for (const file of exampleFiles()) {
			const vendor = path.basename(file, '.json');
			expect(JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'))).toEqual(
				JSON.parse(JSON.stringify(chatExample(vendor))),
			);
		}
	});

	test('n8n imports them', async () => {
		const result = await n8n(['list:workflow']);
		expect(result.code).toBe(0);
		exampleFiles().forEach((_file, index) =>
			expect(result.stdout).toContain(`aiAgentExample${index}`),
		);
	});
});
