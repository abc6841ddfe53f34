'use strict';
// Runs our nodes the way n8n does: the package is loaded from its built files through n8n-core's
// PackageDirectoryLoader (the loader n8n uses for community packages, driven by package.json's
// `n8n` field), and workflows run on n8n-core's WorkflowExecute with a real Workflow.
const path = require('node:path');
const os = require('node:os');
const fs = require('node:fs');

if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'otp-providers-n8n-'));
}

const engine = require('./modules');
// n8n-core keeps its own copy of the DI container; its services live there.
const { Container } = engine.di;
const { PackageDirectoryLoader, WorkflowExecute, ExecutionLifecycleHooks } = engine.n8nCore;

function findSshClientsManager() {
	try {
		const file = path.join(
			path.dirname(engine.corePath),
			'execution-engine',
			'ssh-clients-manager.js',
		);
		return require(file).SSHClientsManager;
	} catch {
		return undefined;
	}
}
const SSHClientsManager = findSshClientsManager();
const { Workflow, NodeHelpers, LoggerProxy } = engine.n8nWorkflow;

// n8n-workflow 2.41 no longer exports createDeferredPromise (2.11.1 and 1.x do); this is the same thing.
function createDeferredPromise() {
	let resolve;
	let reject;
	const promise = new Promise((res, rej) => {
		resolve = res;
		reject = rej;
	});
	return { promise, resolve, reject };
}

const { TestCredentialsHelper } = require('./credentials');

const { PACKAGE_ROOT } = engine;
const PACKAGE_NAME = require(path.join(PACKAGE_ROOT, 'package.json')).name;

/** What the nodes log, so tests can assert no secret is ever written. */
const logged = [];
const captureLogger = Object.fromEntries(
	['error', 'warn', 'info', 'debug', 'verbose'].map((level) => [
		level,
		(message, meta) => logged.push({ level, message: String(message), meta: safeJson(meta) }),
	]),
);
LoggerProxy.init(captureLogger);

/**
 * n8n gives LoggerProxy and n8n-core's own Logger (from @n8n/backend-common, in the DI container)
 * the same logger, so that one is captured too: n8n-core 2.41 logs every node error there through
 * its ErrorReporter (2.11.1 does not), and those lines must be free of secrets as well.
 */
function captureCoreLogger() {
	let Logger;
	try {
		({ Logger } = require(
			require.resolve('@n8n/backend-common', { paths: [path.dirname(engine.corePath)] }),
		));
	} catch {
		return; // an n8n-core without @n8n/backend-common logs through LoggerProxy only
	}
	if (!Logger || !Container.has(Logger)) return;
	// The real instance marks its disabled levels read-only, so a capturing stand-in is registered.
	const logger = Object.create(Container.get(Logger));
	for (const level of Object.keys(captureLogger))
		Object.defineProperty(logger, level, { value: captureLogger[level] });
	Object.defineProperty(logger, 'scoped', { value: () => logger });
	Container.set(Logger, logger);
}
captureCoreLogger();

function safeJson(value) {
	try {
		return JSON.stringify(value) ?? '';
	} catch {
		return String(value);
	}
}

/** A source node for tests: it emits the items given in its `items` parameter. */
class TestItems {
	constructor() {
		this.description = {
			displayName: 'Test Items',
			name: 'testItems',
			group: ['input'],
			version: 1,
			description: 'Emits the items of its parameter',
			defaults: { name: 'Test Items' },
			inputs: ['main'],
			outputs: ['main'],
			properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
		};
	}

	async execute() {
		const items = JSON.parse(this.getNodeParameter('items', 0));
		return [items.map((json) => ({ json, pairedItem: { item: 0 } }))];
	}
}

class NodeTypes {
	constructor(byName) {
		this.byName = byName;
	}

	getByName(name) {
		const type = this.byName[name];
		if (!type) throw new Error(`Unknown node type ${name}`);
		return type;
	}

	getByNameAndVersion(name, version) {
		return NodeHelpers.getVersionedNodeType(this.getByName(name), version);
	}

	getKnownTypes() {
		return {};
	}
}

let loaded;

/** Loads the built package once per test file, as n8n loads an installed community package. */
async function loadPackage() {
	if (loaded) return loaded;
	const loader = new PackageDirectoryLoader(PACKAGE_ROOT);
	await loader.loadAll();
	const nodeTypes = { 'test.items': new TestItems() };
	for (const [name, { type }] of Object.entries(loader.nodeTypes)) {
		nodeTypes[`${PACKAGE_NAME}.${name}`] = type;
	}
	const credentialTypes = {};
	for (const [name, { type }] of Object.entries(loader.credentialTypes))
		credentialTypes[name] = type;
	loaded = { loader, nodeTypes: new NodeTypes(nodeTypes), credentialTypes };
	return loaded;
}

/** Registers extra node types (e.g. n8n's HTTP Request node for the benchmark). */
async function addNodeType(fullName, type) {
	const { nodeTypes } = await loadPackage();
	nodeTypes.byName[fullName] = type;
}

/**
 * Runs [Test Items] → [our node] and returns what n8n recorded.
 * @param {object} options
 * @param {string} options.nodeType the node name, e.g. 'd7Networks' (or a full type name)
 * @param {object} options.parameters the node's parameters, as a workflow JSON has them
 * @param {object} options.credentials { [credentialType]: data } for the node
 * @param {object[]} [options.items] the input items' JSON (default: one empty item)
 * @param {string} [options.onError] 'continueRegularOutput' | 'continueErrorOutput'
 */
async function runNode({
	nodeType,
	parameters,
	credentials = {},
	items = [{}],
	onError,
	helper,
	typeVersion = 1,
}) {
	const { nodeTypes, credentialTypes } = await loadPackage();
	const credentialsHelper = helper ?? new TestCredentialsHelper(credentialTypes);
	const nodeCredentials = {};
	for (const [type, data] of Object.entries(credentials)) {
		nodeCredentials[type] = data && data.id && data.name ? data : credentialsHelper.add(type, data);
	}
	const fullType = nodeType.includes('.') ? nodeType : `${PACKAGE_NAME}.${nodeType}`;
	const source = {
		id: 'source',
		name: 'Input',
		type: 'test.items',
		typeVersion: 1,
		position: [0, 0],
		parameters: { items: JSON.stringify(items) },
	};
	const target = {
		id: 'target',
		name: 'OTP',
		type: fullType,
		typeVersion,
		position: [200, 0],
		parameters,
		credentials: nodeCredentials,
		...(onError ? { onError } : {}),
	};
	const workflowData = {
		id: 'test-workflow',
		name: 'test',
		nodes: [source, target],
		connections: { Input: { main: [[{ node: 'OTP', type: 'main', index: 0 }]] } },
		active: false,
		settings: { executionOrder: 'v1' },
	};
	const workflow = new Workflow({ ...workflowData, nodeTypes, staticData: {} });

	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', workflowData);
	const finished = createDeferredPromise();
	hooks.addHandler('workflowExecuteAfter', (run) => finished.resolve(run));

	const additionalData = {
		credentialsHelper,
		hooks,
		executionId: 'test-execution',
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		webhookBaseUrl: 'http://localhost:5678/webhook/',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting/',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test/',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting/',
		variables: {},
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		userId: 'test-user',
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
		executeWorkflow: async () => {
			throw new Error('not used');
		},
		getRunExecutionData: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('not used');
		},
	};

	const runExecutionData = {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			nodeExecutionStack: [{ node: source, data: { main: [[{ json: {} }]] }, source: null }],
			waitingExecution: {},
			waitingExecutionSource: {},
		},
	};
	const execute = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	const logStart = logged.length;
	await execute.processRunExecutionData(workflow);
	const run = await finished.promise;

	const taskData = run.data.resultData.runData.OTP?.[0];
	const main = taskData?.data?.main ?? [];
	return {
		run,
		/** The node's first output: items with json and pairedItem. */
		items: main[0] ?? [],
		/** The error output, when onError is continueErrorOutput. */
		errorItems: main[1] ?? [],
		/** The error the node failed with, if it failed. */
		error: taskData?.error ?? run.data.resultData.error,
		logs: logged.slice(logStart),
		credentialsHelper,
	};
}

/** Everything a run exposes to a person or a log, as one string, for secret checks. */
function everythingShown(result) {
	const error = result.error
		? {
				message: result.error.message,
				description: result.error.description,
				stack: result.error.stack,
				context: result.error.context,
				cause: safeJson(result.error.cause),
				json: safeJson(result.error),
			}
		: {};
	return safeJson({
		run: result.run,
		items: result.items,
		errorItems: result.errorItems,
		error,
		logs: result.logs,
	});
}

/**
 * n8n-core's SSH clients manager (created for every node's helpers) keeps a 60 s interval alive;
 * n8n shuts it down when it stops, and so do the tests after each file.
 */
function shutdownEngine() {
	if (SSHClientsManager && Container.has(SSHClientsManager))
		Container.get(SSHClientsManager).onShutdown();
}

/** Every line logged so far (by LoggerProxy and n8n-core's Logger), for secret checks. */
const capturedLogs = () => logged;

module.exports = {
	shutdownEngine,
	loadPackage,
	addNodeType,
	runNode,
	everythingShown,
	capturedLogs,
	Container,
	PACKAGE_NAME,
};
