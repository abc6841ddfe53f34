#!/usr/bin/env node
'use strict';

/**
 * engines: runs the node tests (the same jest files) on several n8n engines,
 * i.e. several versions of n8n-core + n8n-workflow, each under the Node it needs.
 *
 *   node scripts/engines.js install <name|all>   install an engine into .cache/engines/<name>/
 *   node scripts/engines.js test <name|all> [-- <jest args>]
 *                                                install if needed, then run jest on it
 *   node scripts/engines.js list                 the engines and whether they are installed
 *
 * Each engine folder has a generated package.json that depends on exact n8n-core and n8n-workflow
 * versions, installed with `npm install --ignore-scripts` (n8n-core needs no install scripts for
 * what the tests use). A marker file makes later runs reuse it. For a test run, the built package
 * (package.json + dist/) is copied to .cache/engines/<name>/node_modules/n8n-nodes-otp-providers/,
 * so its `require('n8n-workflow')` finds that engine's copy, as an installed community package
 * finds n8n's. jest (the repo's own, same config and test files) then runs with
 *   OTP_ENGINE_DIR=.cache/engines/<name>      test/harness/engine.js takes n8n-core,
 *                                             n8n-workflow and @n8n/di from there
 *   OTP_PACKAGE_ROOT=<the copied package>     and loads the package from there
 * under the engine's Node (Node 24 from the npm registry for n8n-core 2.41.x, see
 * scripts/runtime/node24.js). `test all` runs every engine in turn, prints one summary line per
 * engine and exits non-zero when any engine failed.
 */

const childProcess = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const {
	CACHE_DIR,
	formatMs,
	readJson,
	writeJson,
	withDirLock,
	withoutNpmVars,
	findNpmCli,
	runStep,
	runCli,
} = require('./runtime/util');
const { DEFAULT_NODE_VERSION, nodeDirFor, ensureNodeDownloaded } = require('./runtime/node24');

const PROJECT_ROOT = path.resolve(__dirname, '..');
const ENGINES_DIR = path.join(PROJECT_ROOT, '.cache', 'engines');
const PACKAGE_JSON = require(path.join(PROJECT_ROOT, 'package.json'));
const PACKAGE_NAME = PACKAGE_JSON.name;
const MARKER_NAME = '.otp-engine.json';
const MARKER_FORMAT = 1;
/** A whole jest run on one engine; it normally takes well under a minute. */
const JEST_TIMEOUT_MS = 15 * 60 * 1000;

/**
 * The engines. `node: null` means the Node running this script (Node 20 in CI).
 * n8n-workflow is the exact version each n8n-core depends on (`npm view n8n-core@<v> dependencies`).
 */
const ENGINES = {
	// What the suite pins (devDependencies), as `npm test` runs it.
	pinned: {
		core: PACKAGE_JSON.devDependencies['n8n-core'],
		workflow: PACKAGE_JSON.devDependencies['n8n-workflow'],
		node: null,
	},
	// The newest 2.41.x; n8n-core 2.41.1 depends on n8n-workflow 2.41.0 and n8n 2.41 needs Node >= 24.
	latest: { core: '2.41.1', workflow: '2.41.0', node: DEFAULT_NODE_VERSION },
	// The last 1.x line (n8n 1.122.x); n8n-core 1.122.48 depends on n8n-workflow 1.120.31.
	v1: { core: '1.122.48', workflow: '1.120.31', node: null },
};

const log = (line) => process.stderr.write(`[engines] ${line}\n`);
function engineDir(name) {
	return path.join(ENGINES_DIR, name);
}

function describe(name) {
	const e = ENGINES[name];
	return `n8n-core ${e.core} + n8n-workflow ${e.workflow} on Node ${e.node || process.versions.node}`;
}

function markerOf(name) {
	const e = ENGINES[name];
	const marker = readJson(path.join(engineDir(name), MARKER_NAME));
	if (!marker || marker.format !== MARKER_FORMAT) return null;
	if (marker.core !== e.core || marker.workflow !== e.workflow) return null;
	return marker;
}

/** The Node binary an engine runs on (downloads Node 24 from the npm registry when needed). */
async function nodeBinFor(name, npmCli) {
	const { node } = ENGINES[name];
	if (!node || node === process.versions.node) return process.execPath;
	const dir = nodeDirFor(node);
	const bin = path.join(dir, 'bin', 'node');
	if (fs.existsSync(bin)) return bin;
	fs.mkdirSync(CACHE_DIR, { recursive: true });
	await ensureNodeDownloaded(node, { npmCli: npmCli || findNpmCli(), log });
	return bin;
}

/**
 * One install-or-test per engine at a time: .cache may be shared (e.g. by several worktrees), and a
 * test run owns the engine's copy of the package. A lock held by a dead process is taken over.
 */
function withEngineLock(name, fn) {
	return withDirLock(path.join(ENGINES_DIR, `${name}.lock`), { what: `engine ${name}`, log }, fn);
}

/** Installs an engine unless its marker says it is there. Returns { marker, installed, durationMs }. */
async function install(name) {
	const e = ENGINES[name];
	const started = Date.now();
	const existing = markerOf(name);
	if (existing) {
		const nodeBin = await nodeBinFor(name);
		return { marker: existing, nodeBin, installed: false, durationMs: Date.now() - started };
	}
	const npmCli = findNpmCli();
	const nodeBin = await nodeBinFor(name, npmCli);
	const dir = engineDir(name);
	log(`installing engine ${name}: ${describe(name)} into ${path.relative(PROJECT_ROOT, dir)}`);
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	writeJson(path.join(dir, 'package.json'), {
		name: `otp-engine-${name}`,
		private: true,
		description:
			'Generated by scripts/engines.js: an n8n engine (n8n-core + n8n-workflow) for the tests',
		dependencies: { 'n8n-core': e.core, 'n8n-workflow': e.workflow },
	});
	// This folder's own npm settings (the project's .npmrc is not read from here).
	fs.writeFileSync(
		path.join(dir, '.npmrc'),
		'audit=false\nfund=false\nupdate-notifier=false\nignore-scripts=true\n',
	);
	const env = withoutNpmVars(process.env);
	Object.assign(env, { npm_config_engine_strict: 'false', npm_config_progress: 'false' });
	await runStep(
		`npm install n8n-core@${e.core} n8n-workflow@${e.workflow}`,
		process.execPath,
		[npmCli, 'install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=warn'],
		{ cwd: dir, env, log, logFile: path.join(dir, 'install.log') },
	);
	// Check that the engine loads, under the Node it will run on.
	const check =
		"const core=require('n8n-core');const wf=require('n8n-workflow');" +
		"for(const k of ['PackageDirectoryLoader','WorkflowExecute'])if(!core[k])throw new Error('n8n-core has no '+k);" +
		"if(!wf.Workflow)throw new Error('n8n-workflow has no Workflow');" +
		"console.log(require('n8n-core/package.json').version, require('n8n-workflow/package.json').version)";
	const { output } = await runStep(`load engine ${name}`, nodeBin, ['-e', check], {
		cwd: dir,
		env,
		log,
		logFile: path.join(dir, 'verify.log'),
	});
	const [core, workflow] = output.trim().split(/\s+/).slice(-2);
	if (core !== e.core || workflow !== e.workflow) {
		throw new Error(
			`engines: ${name} loaded n8n-core ${core} + n8n-workflow ${workflow}, expected ${e.core} + ${e.workflow}`,
		);
	}
	const marker = {
		format: MARKER_FORMAT,
		core: e.core,
		workflow: e.workflow,
		node: e.node || null,
		installedAt: new Date().toISOString(),
		installDurationMs: Date.now() - started,
	};
	writeJson(path.join(dir, MARKER_NAME), marker);
	log(`engine ${name} installed in ${formatMs(marker.installDurationMs)}`);
	return { marker, nodeBin, installed: true, durationMs: Date.now() - started };
}

/** Copies the built package into the engine's node_modules, as n8n installs a community package. */
function copyPackage(name) {
	const dist = path.join(PROJECT_ROOT, 'dist');
	if (!fs.existsSync(dist)) throw new Error('engines: dist/ is missing; run `npm run build` first');
	const target = path.join(engineDir(name), 'node_modules', PACKAGE_NAME);
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	fs.copyFileSync(path.join(PROJECT_ROOT, 'package.json'), path.join(target, 'package.json'));
	fs.cpSync(dist, path.join(target, 'dist'), { recursive: true });
	return target;
}

/** Runs the repo's jest on one engine. Resolves { passed, failed, total, ok, durationMs }. */
function runJest(name, nodeBin, packageRoot, jestArgs) {
	const jestBin = require.resolve('jest/bin/jest', { paths: [PROJECT_ROOT] });
	const resultsFile = path.join(engineDir(name), 'jest-results.json');
	fs.rmSync(resultsFile, { force: true });
	const env = {
		...withoutNpmVars(process.env),
		OTP_ENGINE_DIR: engineDir(name),
		OTP_PACKAGE_ROOT: packageRoot,
	};
	env.PATH = [path.dirname(nodeBin), env.PATH].filter(Boolean).join(path.delimiter);
	const args = [jestBin, '--ci', '--json', `--outputFile=${resultsFile}`, ...jestArgs];
	const started = Date.now();
	log(`testing engine ${name}: ${describe(name)}`);
	return new Promise((resolve) => {
		const child = childProcess.spawn(nodeBin, args, {
			cwd: PROJECT_ROOT,
			env,
			stdio: ['ignore', 'inherit', 'inherit'],
		});
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			log(`engine ${name}: jest still running after ${formatMs(JEST_TIMEOUT_MS)}; stopping it`);
			child.kill('SIGTERM');
			setTimeout(() => child.kill('SIGKILL'), 10000).unref();
		}, JEST_TIMEOUT_MS);
		const done = (code, why) => {
			clearTimeout(timer);
			const results = readJson(resultsFile);
			const passed = results ? results.numPassedTests : 0;
			const failed = results ? results.numFailedTests : 0;
			const total = results ? results.numTotalTests : 0;
			const suitesFailed = results ? results.numFailedTestSuites : 0;
			const ok = code === 0 && !timedOut && results !== null && results.success;
			resolve({
				ok,
				passed,
				failed,
				total,
				suitesFailed,
				why: ok ? '' : why || (timedOut ? 'timed out' : `jest exit code ${code}`),
				durationMs: Date.now() - started,
			});
		};
		child.on('error', (error) => done(1, `could not start jest: ${error.message}`));
		child.on('close', (code, signal) => done(code ?? 1, signal ? `jest killed by ${signal}` : ''));
	});
}

function namesFrom(arg) {
	if (!arg || arg === 'all') return Object.keys(ENGINES);
	const names = arg.split(',');
	for (const n of names) {
		if (!ENGINES[n])
			throw new Error(
				`engines: unknown engine "${n}" (known: ${Object.keys(ENGINES).join(', ')}, all)`,
			);
	}
	return names;
}

async function cli(argv) {
	const [command, which, ...rest] = argv;
	const jestArgs = rest[0] === '--' ? rest.slice(1) : rest;
	switch (command) {
		case 'list': {
			for (const name of Object.keys(ENGINES)) {
				const marker = markerOf(name);
				console.log(
					`${name.padEnd(7)} ${describe(name)}  ${marker ? `installed ${marker.installedAt}` : 'not installed'}`,
				);
			}
			return 0;
		}
		case 'install': {
			for (const name of namesFrom(which)) {
				const r = await withEngineLock(name, () => install(name));
				console.log(
					`engine ${name}: ${describe(name)} — ${r.installed ? 'installed' : 'already installed'} in ${formatMs(r.durationMs)}`,
				);
			}
			return 0;
		}
		case 'test': {
			const summary = [];
			for (const name of namesFrom(which)) {
				let line;
				let ok = false;
				try {
					const { inst, r } = await withEngineLock(name, async () => {
						const installed = await install(name);
						const packageRoot = copyPackage(name);
						return {
							inst: installed,
							r: await runJest(name, installed.nodeBin, packageRoot, jestArgs),
						};
					});
					ok = r.ok;
					const installText = inst.installed
						? `installed in ${formatMs(inst.durationMs)}`
						: `install reused (${formatMs(inst.marker.installDurationMs)} originally)`;
					line =
						`${ok ? 'PASS' : 'FAIL'} ${name}: ${describe(name)} — ${r.passed} passed, ${r.failed} failed of ${r.total}` +
						`${r.suitesFailed ? `, ${r.suitesFailed} suite(s) failed` : ''}${r.why ? ` (${r.why})` : ''}; ` +
						`tests ${formatMs(r.durationMs)}, ${installText}`;
				} catch (error) {
					line = `FAIL ${name}: ${describe(name)} — ${error.message.split('\n')[0]}`;
					log(error.message);
				}
				summary.push({ ok, line });
			}
			console.log('\nEngines:');
			for (const { line } of summary) console.log(`  ${line}`);
			return summary.every((s) => s.ok) ? 0 : 1;
		}
		default:
			console.log(
				'usage: node scripts/engines.js list | install <name|all> | test <name|all> [-- <jest args>]',
			);
			console.log(`engines: ${Object.keys(ENGINES).join(', ')}`);
			return command === 'help' || command === '--help' ? 0 : 2;
	}
}

module.exports = { ENGINES, ENGINES_DIR, install, copyPackage, engineDir };

if (require.main === module) runCli(cli);
