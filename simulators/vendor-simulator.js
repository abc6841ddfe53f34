'use strict';
// A vendor simulator: a real HTTP server on 127.0.0.1 (random port) that answers like the vendor
// (routes written from vendors.md), records every request, counts requests in flight, and can be
// told to answer the next request(s) with any status, body, delay or a dropped connection.
const http = require('node:http');

class VendorSimulator {
	/**
	 * @param {object} routes { 'POST /path': (request, simulator) => ({ status, body, headers }) };
	 *   a path segment written ':name' matches anything and lands in request.params.name.
	 */
	constructor(routes) {
		this.routes = Object.entries(routes).map(([key, handler]) => {
			const [method, pattern] = key.split(' ');
			return { method, parts: pattern.split('/'), handler };
		});
		this.requests = [];
		this.faults = [];
		this.latencyMs = 0;
		this.inFlight = 0;
		this.maxInFlight = 0;
		this.sockets = new Set();
		this.server = http.createServer((req, res) => this.handle(req, res));
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
	}

	async start() {
		await new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${this.server.address().port}`;
		return this.url;
	}

	async stop() {
		for (const socket of this.sockets) socket.destroy();
		await new Promise((resolve) => this.server.close(resolve));
	}

	/** Forgets recorded requests and pending faults; keeps vendor state unless asked. */
	reset() {
		this.requests = [];
		this.faults = [];
		this.latencyMs = 0;
		this.maxInFlight = 0;
		this.latencyFor = undefined;
	}

	/**
	 * Queues a fault for the next matching request:
	 * { status, body, headers, raw (string body), delayMs, drop: 'before' | 'after-headers' | 'hang',
	 *   path (only requests whose path starts with it), times (default 1) }
	 */
	fail(fault) {
		this.faults.push({ times: 1, ...fault });
		return this;
	}

	requestsTo(pathStart) {
		return this.requests.filter((request) => request.path.startsWith(pathStart));
	}

	match(method, path) {
		const parts = path.split('/');
		for (const route of this.routes) {
			if (route.method !== method || route.parts.length !== parts.length) continue;
			const params = {};
			const ok = route.parts.every((part, index) => {
				if (part.startsWith(':')) {
					params[part.slice(1)] = decodeURIComponent(parts[index]);
					return true;
				}
				return part === parts[index];
			});
			if (ok) return { route, params };
		}
		return undefined;
	}

	takeFault(path) {
		const index = this.faults.findIndex((fault) => !fault.path || path.startsWith(fault.path));
		if (index === -1) return undefined;
		const fault = this.faults[index];
		fault.times--;
		if (fault.times <= 0) this.faults.splice(index, 1);
		return fault;
	}

	/** Control paths for a simulator served in another process (sandbox, benchmark). */
	control(req, res, path) {
		if (path === '/__sandbox/stats') {
			this.send(res, 200, {
				requests: this.requests.length,
				maxInFlight: this.maxInFlight,
				inFlight: this.inFlight - 1,
			});
		} else if (path === '/__sandbox/reset') {
			this.reset();
			this.send(res, 200, { ok: true });
		} else if (path.startsWith('/__sandbox/latency/')) {
			// /__sandbox/latency/50 answers every request 50 ms late; /__sandbox/latency/25-75
			// picks each request's lateness at random between 25 and 75 ms.
			const [low, high] = path
				.split('/')
				.pop()
				.split('-')
				.map((part) => Number(part) || 0);
			this.latencyMs = low;
			this.latencyFor = high > low ? () => low + Math.random() * (high - low) : undefined;
			this.send(res, 200, { latencyMs: this.latencyMs, latencyUpToMs: high > low ? high : low });
		} else if (path === '/__sandbox/requests') {
			this.send(
				res,
				200,
				this.requests.map(({ method, path: requestPath, headers, body }) => ({
					method,
					path: requestPath,
					headers,
					body,
				})),
			);
		} else {
			this.send(res, 404, { message: 'Not Found' });
		}
	}

	handle(req, res) {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', async () => {
			this.inFlight++;
			this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
			try {
				await this.respond(req, res, Buffer.concat(chunks).toString('utf8'));
			} finally {
				this.inFlight--;
			}
		});
	}

	async respond(req, res, rawBody) {
		const url = new URL(req.url, this.url);
		if (url.pathname.startsWith('/__sandbox/')) {
			this.control(req, res, url.pathname);
			return;
		}
		let body = rawBody;
		const contentType = String(req.headers['content-type'] ?? '');
		if (contentType.includes('json') && rawBody !== '') {
			try {
				body = JSON.parse(rawBody);
			} catch {
				body = rawBody;
			}
		} else if (contentType.includes('x-www-form-urlencoded')) {
			body = Object.fromEntries(new URLSearchParams(rawBody));
		}
		const request = {
			method: req.method,
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			headers: req.headers,
			body,
			rawBody,
			params: {},
			// When the request arrived and when its answer was handed over: waits are measured on these.
			receivedAt: Date.now(),
			answeredAt: undefined,
		};
		res.on('finish', () => {
			request.answeredAt = Date.now();
		});
		this.requests.push(request);

		const latency = this.latencyFor ? this.latencyFor(request) : this.latencyMs;
		if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));

		const fault = this.takeFault(request.path);
		if (fault) {
			if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
			if (fault.drop === 'hang') return; // never answers; the socket is destroyed at stop()
			if (fault.drop === 'before') {
				req.socket.destroy();
				return;
			}
			if (fault.drop === 'after-headers') {
				res.writeHead(fault.status ?? 200, { 'Content-Type': 'application/json' });
				res.write('{"partial":');
				setTimeout(() => req.socket.destroy(), 5);
				return;
			}
			if (fault.status !== undefined) {
				this.send(
					res,
					fault.status,
					fault.raw ?? fault.body,
					fault.headers,
					fault.raw !== undefined,
				);
				return;
			}
		}

		const found = this.match(request.method, request.path);
		if (!found) {
			this.send(res, 404, { message: 'Not Found' });
			return;
		}
		request.params = found.params;
		const answer = await found.route.handler(request, this);
		this.send(
			res,
			answer.status ?? 200,
			answer.raw ?? answer.body,
			answer.headers,
			answer.raw !== undefined,
		);
	}

	send(res, status, body, headers = {}, raw = false) {
		const text = raw ? String(body) : body === undefined ? '' : JSON.stringify(body);
		const type = raw ? (headers['Content-Type'] ?? 'text/html') : 'application/json';
		res.writeHead(status, { 'Content-Type': type, ...headers });
		res.end(text);
	}
}

const HTML_502 =
	'<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';

module.exports = { VendorSimulator, HTML_502 };
