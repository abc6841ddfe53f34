'use strict';
// Serves a trigger node of the package on a real HTTP server on 127.0.0.1, through n8n-core's
// WebhookContext (the context n8n gives a node's `webhook()`: credentials through the
// credentials helper, parameters, request and response). Around it, what n8n's webhook
// server does (n8n's `webhook-helpers`, which is not in n8n-core): it reads the raw body into
// `req.rawBody`, parses JSON bodies (answering 422 itself when that fails), and after the node:
// answers nothing more when the node answered, answers 200 when the node returned no workflow
// data, or records an execution started with the node's items and answers 200.
const http = require('node:http');
const engine = require('./modules');
const { loadPackage, capturedLogs, PACKAGE_NAME } = require('./engine');
const { TestCredentialsHelper } = require('./credentials');

const { WebhookContext } = engine.n8nCore;
const { Workflow } = engine.n8nWorkflow;

/** express's `req.header(name)` and `res.status().json()`, the parts nodes use. */
function expressLike(req, res) {
	req.header = (name) => req.headers[String(name).toLowerCase()];
	req.get = req.header;
	res.status = (code) => {
		res.statusCode = code;
		return res;
	};
	res.json = (value) => {
		if (!res.headersSent) res.setHeader('Content-Type', 'application/json');
		res.end(JSON.stringify(value));
		return res;
	};
	res.send = (value) => {
		res.end(typeof value === 'string' ? value : JSON.stringify(value));
		return res;
	};
}

/**
 * @param {object} options
 * @param {string} options.nodeType e.g. 'turkeySmsTrigger'
 * @param {object} options.parameters the node's parameters
 * @param {object} options.credentials { [credentialType]: data }
 * @returns {Promise<{ url, executions, logs(), stop() }>} executions: the items each started execution got
 */
async function serveTrigger({ nodeType, parameters, credentials }) {
	const { nodeTypes, credentialTypes } = await loadPackage();
	const credentialsHelper = new TestCredentialsHelper(credentialTypes);
	const nodeCredentials = {};
	for (const [type, data] of Object.entries(credentials))
		nodeCredentials[type] = credentialsHelper.add(type, data);
	const node = {
		id: 'trigger',
		name: 'Trigger',
		type: `${PACKAGE_NAME}.${nodeType}`,
		typeVersion: 1,
		position: [0, 0],
		webhookId: '5a1e0c2a-0000-4000-8000-00000000f00d',
		parameters,
		credentials: nodeCredentials,
	};
	const workflow = new Workflow({
		id: 'webhook-test-workflow',
		name: 'webhook test',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes,
		staticData: {},
		settings: { executionOrder: 'v1' },
	});
	const type = nodeTypes.getByNameAndVersion(node.type, 1);
	const [webhookDescription] = type.description.webhooks;
	const executions = [];
	const logStart = capturedLogs().length;

	async function handle(req, res, rawBody) {
		expressLike(req, res);
		req.rawBody = rawBody;
		req.body = {};
		const contentType = String(req.headers['content-type'] ?? '')
			.split(';')[0]
			.trim();
		if (contentType === 'application/json' && rawBody.length) {
			try {
				req.body = JSON.parse(rawBody.toString('utf8'));
			} catch {
				res.status(422).json({ message: 'Failed to parse request body' });
				return;
			}
		}
		const additionalData = {
			credentialsHelper,
			httpRequest: req,
			httpResponse: res,
			executionId: undefined,
			restApiUrl: 'http://localhost:5678/rest',
			instanceBaseUrl: 'http://localhost:5678/',
			webhookBaseUrl: 'http://localhost:5678/webhook/',
			webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting/',
			webhookTestBaseUrl: 'http://localhost:5678/webhook-test/',
			formWaitingBaseUrl: 'http://localhost:5678/form-waiting/',
			variables: {},
			userId: 'test-user',
		};
		const webhookData = {
			httpMethod: webhookDescription.httpMethod,
			node: node.name,
			path: webhookDescription.path,
			webhookDescription,
			workflowId: workflow.id,
		};
		const context = new WebhookContext(
			workflow,
			node,
			additionalData,
			'webhook',
			webhookData,
			[],
			null,
		);
		let result;
		try {
			result = await type.webhook.call(context);
		} catch (error) {
			// n8n answers 500 and records a failed execution: a trigger must never get here.
			executions.push({ error });
			res.status(500).json({ message: 'Error in workflow' });
			return;
		}
		if (result.noWebhookResponse) {
			if (!res.writableEnded) res.end();
			return;
		}
		if (result.workflowData === undefined) {
			res.status(200).json(result.webhookResponse ?? { message: 'Webhook call received' });
			return;
		}
		executions.push({ items: result.workflowData });
		res.status(200).json({ message: 'Workflow was started' });
	}

	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			handle(req, res, Buffer.concat(chunks)).catch((error) => {
				res.statusCode = 500;
				res.end(String(error && error.message));
			});
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${server.address().port}/webhook/${node.webhookId}/${webhookDescription.path}`;
	return {
		url,
		executions,
		workflow,
		node,
		logs: () => capturedLogs().slice(logStart),
		stop: () => new Promise((resolve) => server.close(resolve)),
	};
}

module.exports = { serveTrigger };
