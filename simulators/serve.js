#!/usr/bin/env node
'use strict';
// The vendor sandbox: every vendor simulator served as one long-running process on 127.0.0.1.
// It logs each code it "texts", since no phone exists, and puts it in the send's answer too.
//   node simulators/serve.js [--port 5690] [--latency 0] [--quiet] [--webhook-<name> <url>]
// --webhook-turkeySms <url> makes the TurkeySMS simulator post the signed events of each send there.
// Vendor N listens on port + N (in the order of simulators/index.js); with --port 0 the
// ports are random. When all listen it prints one JSON line: { "<node name>": "<base URL>", … }.
const { simulators } = require('./index');

function option(name, fallback) {
	const index = process.argv.indexOf(`--${name}`);
	return index === -1 ? fallback : process.argv[index + 1];
}

async function main() {
	const basePort = Number(option('port', '5690'));
	const latencyMs = Number(option('latency', '0'));
	const quiet = process.argv.includes('--quiet');
	const log = quiet ? undefined : (line) => console.error(`[sandbox] ${line}`);
	const urls = {};
	const running = [];
	let offset = 0;
	for (const [name, entry] of Object.entries(simulators)) {
		const simulator = entry.create({
			revealCodes: true,
			log,
			webhookUrl: option(`webhook-${name}`, undefined),
		});
		simulator.latencyMs = latencyMs;
		const port = basePort === 0 ? 0 : basePort + offset++;
		await new Promise((resolve, reject) => {
			simulator.server.once('error', reject);
			simulator.server.listen(port, '127.0.0.1', resolve);
		});
		simulator.url = `http://127.0.0.1:${simulator.server.address().port}`;
		urls[name] = simulator.url;
		running.push(simulator);
	}
	console.log(JSON.stringify(urls));
	const stop = async () => {
		await Promise.all(running.map((simulator) => simulator.stop()));
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error) => {
	console.error(`[sandbox] could not start: ${error.message}`);
	process.exit(1);
});
