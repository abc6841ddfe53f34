'use strict';
/**
 * What `npm start` and the end-to-end tests share: building and packing this package, starting
 * the vendor sandbox as a child process, the sandbox credentials (one per vendor in
 * simulators/index.js) and the example workflows wired to them.
 *
 * Adding a vendor (Valify): add its entry to simulators/index.js and its workflows to
 * examples/<name>.json and examples/sandbox/<name>.json. Nothing here names a vendor.
 */
const childProcess = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { isAlive, readJson, withoutNpmVars } = require('./runtime/util');

const PROJECT_ROOT = path.resolve(__dirname, '..');
const PACKAGE_NAME = require(path.join(PROJECT_ROOT, 'package.json')).name;
const EXAMPLES_DIR = path.join(PROJECT_ROOT, 'examples');
const SANDBOX_EXAMPLES_DIR = path.join(EXAMPLES_DIR, 'sandbox');
const SERVE_JS = path.join(PROJECT_ROOT, 'simulators', 'serve.js');

/** The vendors: { nodeName: { displayName, credentialType, credential(url) } }. */
function vendors() {
	return require(path.join(PROJECT_ROOT, 'simulators', 'index.js')).simulators;
}

/** `d7Networks` -> `D7Networks` (ids are letters and digits only, like n8n's own). */
const capitalized = (name) => name.charAt(0).toUpperCase() + name.slice(1);

/** Ids of what is imported into n8n, per vendor. */
const ids = {
	credential: (name) => `sbx${capitalized(name)}`, // the sandbox credential
	badCredential: (name) => `bad${capitalized(name)}`, // e2e only: same, with a wrong secret
	demoWorkflow: (name) => `demo${capitalized(name)}`, // examples/sandbox/<name>.json
	formWorkflow: (name) => `form${capitalized(name)}`, // examples/<name>.json
};

const credentialName = (name) => `${vendors()[name].displayName} sandbox`;

/** The credentials that point every vendor's node at the sandbox, ready for `n8n import:credentials`. */
function sandboxCredentials(urls) {
	return Object.entries(vendors())
		.filter(([name]) => urls[name])
		.map(([name, entry]) => ({
			id: ids.credential(name),
			name: credentialName(name),
			type: entry.credentialType,
			data: entry.credential(urls[name]),
		}));
}

/** The same credentials with every secret replaced by a wrong one (error paths in e2e). */
function badCredentials(urls) {
	return sandboxCredentials(urls).map((credential) => ({
		...credential,
		id: ids.badCredential(
			Object.keys(vendors()).find((name) => ids.credential(name) === credential.id),
		),
		name: `${credential.name} (bad key)`,
		data: Object.fromEntries(
			Object.entries(credential.data).map(([key, value]) =>
				key === 'environment' || key === 'baseUrl' ? [key, value] : [key, `wrong-${key}`],
			),
		),
	}));
}

/** An example workflow file (examples/…); a broken one stops with its name. */
function readExample(file) {
	const workflow = readJson(file);
	if (!workflow) throw new Error(`${path.relative(PROJECT_ROOT, file)} is not a JSON workflow`);
	return workflow;
}

/**
 * Makes a workflow ready for `n8n import:workflow`: an id, `active: false`, node ids, and every
 * node of this package using the sandbox credential of its vendor (unless it names another
 * credential that `keep(credentialRef)` accepts).
 */
function prepareWorkflow(workflow, { id, keep = () => false } = {}) {
	const wf = JSON.parse(JSON.stringify(workflow));
	wf.id = wf.id || id;
	if (!wf.id) throw new Error(`workflow "${wf.name}" has no id`);
	wf.active = false;
	wf.settings = { executionOrder: 'v1', ...(wf.settings || {}) };
	wf.connections = wf.connections || {};
	const list = vendors();
	wf.nodes.forEach((node, index) => {
		if (!node.id)
			node.id = crypto
				.createHash('sha1')
				.update(`${wf.id}/${node.name}/${index}`)
				.digest('hex')
				.replace(/^(.{8})(.{4})(.{3})(.{3})(.{12}).*/, '$1-$2-4$3-8$4-$5');
		const prefix = `${PACKAGE_NAME}.`;
		if (!node.type.startsWith(prefix)) return;
		const name = node.type.slice(prefix.length);
		// A vendor's trigger (turkeySmsTrigger) uses the vendor's credential.
		const entry = list[name] ?? list[name.replace(/Trigger$/, '')];
		if (!entry) return;
		const current = node.credentials && node.credentials[entry.credentialType];
		if (current && keep(current)) return;
		const vendor = list[name] ? name : name.replace(/Trigger$/, '');
		node.credentials = {
			...(node.credentials || {}),
			[entry.credentialType]: { id: ids.credential(vendor), name: credentialName(vendor) },
		};
	});
	return wf;
}

const jsonFilesIn = (dir) =>
	fs
		.readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.sort();

/**
 * The workflows `npm start` imports: per vendor the sandbox demo (examples/sandbox/<name>.json)
 * and the Form example (examples/<name>.json), then the other examples of both folders (the
 * fallback, the TurkeySMS Trigger) under their own ids, all using the sandbox credentials.
 */
function exampleWorkflows() {
	const result = [];
	const names = Object.keys(vendors());
	for (const name of names) {
		const demo = path.join(SANDBOX_EXAMPLES_DIR, `${name}.json`);
		const form = path.join(EXAMPLES_DIR, `${name}.json`);
		if (fs.existsSync(demo))
			result.push(prepareWorkflow(readExample(demo), { id: ids.demoWorkflow(name) }));
		if (fs.existsSync(form))
			result.push(prepareWorkflow(readExample(form), { id: ids.formWorkflow(name) }));
	}
	for (const dir of [SANDBOX_EXAMPLES_DIR, EXAMPLES_DIR]) {
		for (const file of jsonFilesIn(dir)) {
			if (!names.includes(path.basename(file, '.json')))
				result.push(prepareWorkflow(readExample(path.join(dir, file))));
		}
	}
	return result;
}

/** Whether a workflow starts on a trigger of this package (it must be active to receive events). */
const startsOnOurTrigger = (workflow) =>
	workflow.nodes.some(
		(node) =>
			node.type.startsWith(`${PACKAGE_NAME}.`) && node.type.endsWith('Trigger') && !node.disabled,
	);

/** The production URL of a workflow's trigger of this package (its webhook path is `webhook`). */
function productionWebhookUrl(workflow, baseUrl) {
	const trigger = workflow.nodes.find(
		(node) => node.type.startsWith(`${PACKAGE_NAME}.`) && node.webhookId,
	);
	if (!trigger) throw new Error(`workflow "${workflow.name}" has no trigger with a webhookId`);
	return `${baseUrl.replace(/\/$/, '')}/webhook/${trigger.webhookId}/webhook`;
}

/** sha256 of a string or buffer. */
function sha256(data) {
	return crypto.createHash('sha256').update(data).digest('hex');
}

/** sha256 of a file's bytes. */
const sha256File = (file) => sha256(fs.readFileSync(file));

/** sha256 over the files that go into dist/ (sources, icons, package.json, build config). */
function sourceHash() {
	const hash = crypto.createHash('sha256');
	const walk = (dir) => {
		if (!fs.existsSync(dir)) return;
		for (const entry of fs
			.readdirSync(dir, { withFileTypes: true })
			.sort((a, b) => a.name.localeCompare(b.name))) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(full);
			else {
				hash.update(path.relative(PROJECT_ROOT, full));
				hash.update(fs.readFileSync(full));
			}
		}
	};
	for (const dir of ['nodes', 'credentials', 'icons']) walk(path.join(PROJECT_ROOT, dir));
	for (const file of ['package.json', 'tsconfig.json', 'gulpfile.js']) {
		const full = path.join(PROJECT_ROOT, file);
		if (fs.existsSync(full)) hash.update(fs.readFileSync(full));
	}
	return hash.digest('hex');
}

/**
 * Runs a command to completion; rejects with its last output lines when it fails. The default
 * environment drops what `npm run` exports (ignore-scripts, nodedir, …).
 */
function run(
	command,
	args,
	{
		cwd = PROJECT_ROOT,
		env = withoutNpmVars(process.env),
		label = `${command} ${args.join(' ')}`,
	} = {},
) {
	return new Promise((resolve, reject) => {
		const child = childProcess.spawn(command, args, {
			cwd,
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		child.on('error', (error) => reject(new Error(`${label}: ${error.message}`)));
		child.on('close', (code, signal) => {
			if (code === 0) resolve(output);
			else {
				const tail = output.trim().split('\n').slice(-30).join('\n');
				reject(new Error(`${label} failed (${signal || `exit code ${code}`}):\n${tail}`));
			}
		});
	});
}

const npmCommand = () => (process.platform === 'win32' ? 'npm.cmd' : 'npm');

/** `npm run build` (tsc + icons into dist/). */
function build() {
	return run(npmCommand(), ['run', 'build'], { label: 'npm run build' });
}

/** `npm pack` into `dir`; returns the tarball's path. */
async function pack(dir) {
	fs.mkdirSync(dir, { recursive: true });
	const out = await run(npmCommand(), ['pack', '--json', '--pack-destination', dir], {
		label: 'npm pack',
	});
	const json = JSON.parse(out.slice(out.indexOf('[')));
	return path.join(dir, json[0].filename);
}

/**
 * Starts the sandbox (simulators/serve.js) in its own process group; `webhooks`
 * ({ turkeySms: url }) tells simulators where to post their signed events.
 * Resolves { child, urls, stop() } once it prints its URLs. onLog(line) gets its stderr lines
 * (e.g. "[sandbox] D7 Networks: texted 123456 to +9715…").
 */
function startSandbox({
	port = 5690,
	onLog = () => {},
	quiet = false,
	timeoutMs = 15000,
	webhooks = {},
} = {}) {
	return new Promise((resolve, reject) => {
		const args = [SERVE_JS, '--port', String(port)];
		if (quiet) args.push('--quiet');
		for (const [name, url] of Object.entries(webhooks)) args.push(`--webhook-${name}`, url);
		const child = childProcess.spawn(process.execPath, args, {
			cwd: PROJECT_ROOT,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		let stdout = '';
		let stderr = '';
		let settled = false;
		const timer = setTimeout(
			() => fail(new Error(`the sandbox did not start within ${timeoutMs / 1000} s`)),
			timeoutMs,
		);
		const stop = () => stopProcess(child, { graceMs: 3000 });
		function fail(error) {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			stop().finally(() => reject(error));
		}
		let pending = '';
		child.stderr.on('data', (chunk) => {
			stderr += chunk;
			pending += chunk;
			const lines = pending.split('\n');
			pending = lines.pop();
			for (const line of lines) if (line.trim()) onLog(line);
		});
		child.stdout.on('data', (chunk) => {
			stdout += chunk;
			const line = stdout.split('\n').find((l) => l.trim().startsWith('{'));
			if (!line || settled || !stdout.includes('\n')) return;
			settled = true;
			clearTimeout(timer);
			resolve({ child, urls: JSON.parse(line), stop });
		});
		child.on('error', (error) => fail(new Error(`could not run the sandbox: ${error.message}`)));
		child.on('exit', (code, signal) =>
			fail(
				new Error(
					`the sandbox exited (${signal || `exit code ${code}`}) before it was ready:\n${stderr.trim()}`,
				),
			),
		);
	});
}

/** A port that was free a moment ago on 127.0.0.1. */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/**
 * Stops a child started with `detached: true` (its own process group, so n8n's task runner
 * goes too): SIGTERM to the group, SIGKILL after graceMs. Resolves when it has exited.
 */
function stopProcess(child, { graceMs = 20000, signal = 'SIGTERM' } = {}) {
	return new Promise((resolve) => {
		if (!child || !child.pid || child.exitCode !== null || child.signalCode !== null) {
			killGroup(child && child.pid, 'SIGKILL');
			resolve();
			return;
		}
		const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), graceMs);
		child.once('exit', () => {
			clearTimeout(timer);
			// Leftovers of the group (e.g. a task runner) go too.
			setTimeout(() => {
				killGroup(child.pid, 'SIGKILL');
				resolve();
			}, 200);
		});
		killGroup(child.pid, signal);
	});
}

function killGroup(pid, signal) {
	if (!pid) return;
	try {
		process.kill(-pid, signal);
	} catch {
		try {
			process.kill(pid, signal);
		} catch {
			/* gone */
		}
	}
}

/** GET <url>/__sandbox/requests: what one simulator received. */
async function sandboxRequests(url) {
	const res = await fetch(`${url}/__sandbox/requests`);
	return res.json();
}

module.exports = {
	PROJECT_ROOT,
	PACKAGE_NAME,
	EXAMPLES_DIR,
	SANDBOX_EXAMPLES_DIR,
	vendors,
	ids,
	credentialName,
	sandboxCredentials,
	badCredentials,
	prepareWorkflow,
	exampleWorkflows,
	startsOnOurTrigger,
	productionWebhookUrl,
	sha256,
	sha256File,
	sourceHash,
	run,
	build,
	pack,
	startSandbox,
	stopProcess,
	killGroup,
	isAlive,
	freePort,
	sandboxRequests,
};
