'use strict';
/**
 * A loopback OpenAI-compatible chat model for the AI Agent end-to-end test: the endpoints n8n's
 * "OpenAI Chat Model" node (n8n 2.41.1, @langchain/openai's ChatOpenAI with "Use Responses API"
 * off) calls: GET /v1/models (the credential test and the model list) and
 * POST /v1/chat/completions (non-streamed; a streamed request gets the same answer as SSE chunks).
 * The shapes follow OpenAI's API reference for Chat Completions [doc].
 *
 * It is not a language model: `script(request)` decides each answer, `{ toolCalls: [{ name, arguments }] }`
 * or `{ content }`, from what n8n sent (the messages and the offered tools). Every request is
 * recorded (`requests`: method, path, headers, body) so a test can check what the model was shown.
 */
const http = require('node:http');

function createModelSimulator({ script, model = 'otp-scripted-model' }) {
	const requests = [];
	let callNumber = 0;

	function completion(answer) {
		callNumber++;
		const message = { role: 'assistant', content: answer.content ?? null };
		if (answer.toolCalls && answer.toolCalls.length) {
			message.tool_calls = answer.toolCalls.map((call, index) => ({
				id: `call_${callNumber}_${index}`,
				type: 'function',
				function: { name: call.name, arguments: JSON.stringify(call.arguments) },
			}));
		}
		return {
			id: `chatcmpl-${callNumber}`,
			object: 'chat.completion',
			created: Math.floor(Date.now() / 1000),
			model,
			choices: [
				{
					index: 0,
					message,
					logprobs: null,
					finish_reason: message.tool_calls ? 'tool_calls' : 'stop',
				},
			],
			usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
		};
	}

	/** The same answer as Server-Sent Events chunks (`stream: true`). */
	function streamed(res, body) {
		const { message, finish_reason } = body.choices[0];
		const chunk = (delta, finish = null) =>
			`data: ${JSON.stringify({ id: body.id, object: 'chat.completion.chunk', created: body.created, model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
		res.writeHead(200, { 'content-type': 'text/event-stream' });
		res.write(chunk({ role: 'assistant', content: message.content ?? '' }));
		(message.tool_calls || []).forEach((call, index) =>
			res.write(chunk({ tool_calls: [{ index, ...call }] })),
		);
		res.write(chunk({}, finish_reason));
		res.end('data: [DONE]\n\n');
	}

	const server = http.createServer((req, res) => {
		let raw = '';
		req.on('data', (chunk) => (raw += chunk));
		req.on('end', () => {
			let body;
			try {
				body = raw ? JSON.parse(raw) : undefined;
			} catch {
				body = raw;
			}
			const path = new URL(req.url, 'http://127.0.0.1').pathname;
			requests.push({ method: req.method, path, headers: req.headers, body });
			const send = (status, json) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(json));
			};
			if (req.method === 'GET' && /\/models$/.test(path)) {
				return send(200, {
					object: 'list',
					data: [{ id: model, object: 'model', created: 0, owned_by: 'otp-providers-tests' }],
				});
			}
			if (req.method === 'POST' && /\/chat\/completions$/.test(path)) {
				let answer;
				try {
					answer = script(body);
				} catch (error) {
					return send(500, {
						error: { message: `the scripted model failed: ${error.message}`, type: 'server_error' },
					});
				}
				const reply = completion(answer);
				return body && body.stream ? streamed(res, reply) : send(200, reply);
			}
			return send(404, {
				error: { message: `no route ${req.method} ${path}`, type: 'invalid_request_error' },
			});
		});
	});

	return {
		requests,
		server,
		url: null,
		async start() {
			await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
			this.url = `http://127.0.0.1:${server.address().port}/v1`;
			return this.url;
		},
		stop() {
			return new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			});
		},
	};
}

module.exports = { createModelSimulator };
