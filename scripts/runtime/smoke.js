'use strict';
/**
 * `node scripts/n8n-runtime.js smoke | community-smoke`: headless proof that the installed n8n
 * works (`n8n --version`, `import:workflow`, `execute`), and that it loads a community package.
 */
const childProcess = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { formatMs, writeJson, withoutNpmVars, findNpmCli } = require('./util');
const { ensureN8n } = require('./install');
const { execN8n, parseExecuteOutput } = require('./run');
const { installCommunityPackage } = require('./package');

/** A workflow: Manual Trigger → `second` node. */
function twoNodeWorkflow(id, name, second) {
	return {
		id,
		name,
		active: false,
		nodes: [
			{
				id: '0f5c1b8e-0000-4000-8000-000000000001',
				name: 'Manual',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{ id: '0f5c1b8e-0000-4000-8000-000000000002', position: [220, 0], ...second },
		],
		connections: { Manual: { main: [[{ node: second.name, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** Imports `workflow` into userFolder and runs it with `n8n execute --id`. */
async function importAndExecute(runtime, userFolder, workflow, print) {
	const file = path.join(userFolder, `${workflow.id}.json`);
	writeJson(file, workflow);
	print(`$ n8n import:workflow --input ${file}`);
	const imported = await execN8n(['import:workflow', `--input=${file}`], { userFolder, runtime });
	print(lastLines(imported.stdout + imported.stderr, 2));
	if (imported.code !== 0)
		throw new Error(
			`n8n import:workflow failed (exit ${imported.code}):\n${lastLines(imported.stdout + imported.stderr, 30)}`,
		);

	print(`$ n8n execute --id ${workflow.id} --rawOutput`);
	const executed = await execN8n(['execute', `--id=${workflow.id}`, '--rawOutput'], {
		userFolder,
		runtime,
	});
	if (executed.code !== 0)
		throw new Error(
			`n8n execute failed (exit ${executed.code}):\n${lastLines(executed.stdout + executed.stderr, 30)}`,
		);
	const execution = parseExecuteOutput(executed.stdout);
	const lastNode = execution.data.resultData.lastNodeExecuted;
	const items = execution.data.resultData.runData[lastNode][0].data.main[0].map((i) => i.json);
	print(`  status: ${execution.status}, last node: ${lastNode}, ${formatMs(executed.durationMs)}`);
	print(`  output items: ${JSON.stringify(items)}`);
	return { execution, items };
}

function lastLines(text, n) {
	return text
		.split(/\r?\n/)
		.filter((l) => l.trim())
		.slice(-n)
		.map((l) => `  ${l}`)
		.join('\n');
}

/** Writes the throwaway community package used by `community-smoke`; returns its .tgz. */
async function makeHelloPackage(dir) {
	const pkgDir = path.join(dir, 'n8n-nodes-hello-test');
	fs.mkdirSync(path.join(pkgDir, 'dist', 'nodes', 'HelloWorld'), { recursive: true });
	writeJson(path.join(pkgDir, 'package.json'), {
		name: 'n8n-nodes-hello-test',
		version: '0.0.1',
		description: 'Throwaway community package that proves n8n loads community packages',
		keywords: ['n8n-community-node-package'],
		license: 'MIT',
		files: ['dist'],
		n8n: {
			n8nNodesApiVersion: 1,
			credentials: [],
			nodes: ['dist/nodes/HelloWorld/HelloWorld.node.js'],
		},
		peerDependencies: { 'n8n-workflow': '*' },
	});
	fs.writeFileSync(
		path.join(pkgDir, 'dist', 'nodes', 'HelloWorld', 'HelloWorld.node.js'),
		`'use strict';
// Resolved from n8n's own node_modules (n8n adds them to NODE_PATH), like a real community node.
const { NodeConnectionTypes } = require('n8n-workflow');
class HelloWorld {
	constructor() {
		this.description = {
			displayName: 'Hello World', name: 'helloWorld', group: ['transform'], version: 1,
			description: 'Outputs {hello: "world"}', defaults: { name: 'Hello World' },
			inputs: [NodeConnectionTypes.Main], outputs: [NodeConnectionTypes.Main], properties: [],
		};
	}
	async execute() { return [[{ json: { hello: 'world' } }]]; }
}
module.exports = { HelloWorld };
`,
	);
	const out = childProcess.execFileSync(
		process.execPath,
		[findNpmCli(), 'pack', '--silent', '--pack-destination', dir],
		{
			cwd: pkgDir,
			env: withoutNpmVars(process.env),
			encoding: 'utf8',
		},
	);
	return path.join(dir, out.trim().split('\n').pop());
}

/**
 * Runs the smoke test (`community: true`: with a throwaway community package) in a temporary
 * user folder, removed afterwards unless `keep`. Resolves 0; throws when n8n misbehaves.
 */
async function smoke({ community = false, keep = false, print }) {
	const command = community ? 'community-smoke' : 'smoke';
	const rt = await ensureN8n();
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'otp-n8n-smoke-'));
	const userFolder = path.join(tmp, 'user');
	try {
		print(`n8n ${rt.version} on Node ${rt.nodeVersion}; temporary user folder ${userFolder}`);
		print('$ n8n --version');
		const v = await execN8n(['--version'], { userFolder, runtime: rt });
		print(`  ${v.stdout.trim()}`);
		if (v.code !== 0 || v.stdout.trim() !== rt.version)
			throw new Error(`n8n --version failed: ${v.stdout}${v.stderr}`);

		if (!community) {
			const wf = twoNodeWorkflow('otpSmokeWf000001', 'OTP runtime smoke', {
				name: 'Set',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				parameters: {
					assignments: { assignments: [{ id: 'a1', name: 'smoke', value: 'ok', type: 'string' }] },
					options: {},
				},
			});
			const { items } = await importAndExecute(rt, userFolder, wf, print);
			if (items[0]?.smoke !== 'ok') throw new Error(`unexpected output ${JSON.stringify(items)}`);
		} else {
			const tgz = await makeHelloPackage(tmp);
			print(
				`$ npm install ${tgz} --legacy-peer-deps --ignore-scripts … (in ${userFolder}/.n8n/nodes)`,
			);
			const dir = await installCommunityPackage({ userFolder, spec: tgz });
			print(`  installed: ${dir}`);
			const wf = twoNodeWorkflow('otpHelloWf000001', 'Hello community node', {
				name: 'Hello',
				type: 'n8n-nodes-hello-test.helloWorld',
				typeVersion: 1,
				parameters: {},
			});
			const { items } = await importAndExecute(rt, userFolder, wf, print);
			if (items[0]?.hello !== 'world')
				throw new Error(`unexpected output ${JSON.stringify(items)}`);
		}
		print(`${command}: OK`);
		return 0;
	} finally {
		if (keep) print(`kept ${tmp}`);
		else fs.rmSync(tmp, { recursive: true, force: true });
	}
}

module.exports = { smoke };
