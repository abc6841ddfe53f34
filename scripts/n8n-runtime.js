#!/usr/bin/env node
'use strict';

/**
 * n8n-runtime: installs and locates a real n8n CLI in a project-local cache
 * (`.cache/n8n/`), so that `npm start` and the end-to-end tests can run the
 * genuine n8n against this package.
 *
 * Plain CommonJS, Node's standard library only. Works offline except for the
 * npm registry, which it reaches through the npm client that ships with Node.
 *
 * How it installs (see scripts/N8N_NOTES.md for the reasons):
 *   - n8n 2.41.x needs Node >= 24. When the running Node is older, a Node 24
 *     binary is taken from the npm registry package `node-<platform>-<arch>`
 *     (it ships bin/node and include/node headers) and unpacked into the cache.
 *   - `npm install --ignore-scripts` of a generated package.json that depends
 *     on `n8n@<version>` and overrides `xlsx` (n8n 2.8.x points xlsx at a
 *     tarball URL outside the npm registry).
 *   - `npm rebuild` of only the native modules n8n needs (sqlite3; isolated-vm
 *     under Node 24), with npm_config_nodedir pointing at the headers of the
 *     Node that will run n8n, so node-gyp never downloads anything.
 *   - A quick verification (native modules load, `n8n --version`), then a
 *     marker file. Later calls only read the marker (a few milliseconds).
 *
 * Versions: n8n 2.41.1 on Node 24 by default. `OTP_N8N_VERSION=2.8.4` selects
 * the fallback that runs on the system's Node 20. If the default path fails,
 * ensureN8n() logs why, falls back to 2.8.4 automatically and remembers that
 * (delete .cache/n8n/preferred-failed.json to retry the default).
 *
 * API:
 *   ensureN8n({ log, version })  -> Promise<runtime>
 *   locateN8n({ version })       -> runtime | null       (sync, marker only)
 *   buildN8nEnv({ userFolder, env, runtime }) -> env object for n8n
 *   spawnN8n(args, { userFolder, env, stdio, runtime, spawnOptions }) -> ChildProcess
 *   execN8n(args,  { userFolder, env, runtime, timeoutMs, input, onOutput })
 *                                -> Promise<{ code, signal, stdout, stderr, timedOut, durationMs }>
 *   runN8n: alias of execN8n
 *   installCommunityPackage({ userFolder, spec, log }) -> Promise<packageDir>
 *   parseExecuteOutput(stdout)   -> the execution object printed by `n8n execute`
 *   DEFAULT_OWNER                the local owner account (email, password, names)
 *   ownerEnv({ email, password, firstName, lastName, runtime }) -> env vars that
 *                                   make `n8n start` (2.41.x) create the owner (skips setup screen)
 *   waitForN8n({ baseUrl, timeoutMs, child }) -> Promise<settings> once the REST API answers
 *   setupOwner({ baseUrl, email, password, firstName, lastName }) -> Promise<boolean>
 *                                   creates the owner over REST (any 2.x)
 *
 * Modules (scripts/runtime/):
 *   util.js     the helpers every dev script shares (lock, npm environment, install steps, JSON)
 *   node24.js   fetching Node 24 (and headers) from the npm registry
 *   install.js  installing and locating n8n (ensureN8n, locateN8n)
 *   env.js      the environment n8n runs with (buildN8nEnv)
 *   run.js      running n8n (spawnN8n, execN8n, waitForN8n, the owner account)
 *   package.js  installing a community package (installCommunityPackage)
 *   smoke.js    the smoke and community-smoke commands
 *
 * CLI:
 *   node scripts/n8n-runtime.js install          install (if needed) and print versions
 *   node scripts/n8n-runtime.js smoke [--keep]   headless proof: --version, import:workflow, execute
 *   node scripts/n8n-runtime.js community-smoke [--keep]
 *                                                same, with a throwaway community package
 *   node scripts/n8n-runtime.js info             print the located runtime as JSON (no install)
 *   node scripts/n8n-runtime.js run --user-folder DIR -- <n8n args...>
 *                                                run n8n with the runtime's Node and env
 */

const {
	formatMs,
	satisfiesRange,
	findNpmCli,
	withoutNpmVars,
	runStep,
	runCli,
	CACHE_DIR,
} = require('./runtime/util');
const { DEFAULT_NODE_VERSION, nodeDirFor, ensureNodeDownloaded } = require('./runtime/node24');
const {
	PREFERRED_N8N_VERSION,
	FALLBACK_N8N_VERSION,
	ensureN8n,
	locateN8n,
} = require('./runtime/install');
const { buildN8nEnv } = require('./runtime/env');
const {
	DEFAULT_OWNER,
	spawnN8n,
	execN8n,
	parseExecuteOutput,
	ownerEnv,
	waitForN8n,
	setupOwner,
} = require('./runtime/run');
const { installCommunityPackage } = require('./runtime/package');
const { smoke } = require('./runtime/smoke');

async function cli(argv) {
	const [command = 'help', ...rest] = argv;
	const print = (line) => process.stdout.write(`${line}\n`);
	const keep = rest.includes('--keep');

	switch (command) {
		case 'install': {
			const t = Date.now();
			const rt = await ensureN8n();
			print(`n8n ${rt.version} on Node ${rt.nodeVersion}${rt.systemNode ? ' (system Node)' : ''}`);
			print(`  node: ${rt.nodeBin}`);
			print(`  n8n:  ${rt.n8nBin}`);
			print(
				rt.installed
					? `  installed in ${formatMs(rt.installDurationMs)}`
					: `  reused the install of ${rt.installedAt} (which took ${formatMs(rt.installDurationMs)})`,
			);
			print(`  this command: ${formatMs(Date.now() - t)}`);
			return 0;
		}
		case 'info': {
			const rt = locateN8n();
			if (!rt) {
				print('n8n is not installed; run: node scripts/n8n-runtime.js install');
				return 1;
			}
			const { env, ...rest2 } = rt;
			print(JSON.stringify(rest2, null, 2));
			return 0;
		}
		case 'smoke':
		case 'community-smoke':
			return smoke({ community: command === 'community-smoke', keep, print });
		case 'run': {
			// node scripts/n8n-runtime.js run --user-folder DIR -- start
			const sep = rest.indexOf('--');
			const own = sep === -1 ? [] : rest.slice(0, sep);
			const n8nArgs = sep === -1 ? rest : rest.slice(sep + 1);
			const uf = own[own.indexOf('--user-folder') + 1];
			if (own.indexOf('--user-folder') === -1 || !uf)
				throw new Error('usage: run --user-folder DIR -- <n8n args>');
			const rt = await ensureN8n();
			const child = spawnN8n(n8nArgs, { userFolder: uf, stdio: 'inherit', runtime: rt });
			// Ctrl-C reaches n8n directly (same process group); forwarding it as well
			// would make n8n force-quit. SIGTERM sent to this wrapper is passed on.
			process.on('SIGINT', () => {});
			process.on('SIGTERM', () => child.kill('SIGTERM'));
			return new Promise((resolve) =>
				child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0))),
			);
		}
		default:
			print(
				'usage: node scripts/n8n-runtime.js install | smoke [--keep] | community-smoke [--keep] | info | run --user-folder DIR -- <n8n args>',
			);
			return command === 'help' || command === '--help' ? 0 : 2;
	}
}

module.exports = {
	ensureN8n,
	locateN8n,
	buildN8nEnv,
	spawnN8n,
	execN8n,
	runN8n: execN8n,
	parseExecuteOutput,
	installCommunityPackage,
	DEFAULT_OWNER,
	ownerEnv,
	waitForN8n,
	setupOwner,
	satisfiesRange,
	// Used by scripts/engines.js (n8n-core engines for the tests).
	nodeDirFor,
	ensureNodeDownloaded,
	findNpmCli,
	withoutNpmVars,
	runStep,
	formatMs,
	CACHE_DIR,
	PREFERRED_N8N_VERSION,
	FALLBACK_N8N_VERSION,
	DEFAULT_NODE_VERSION,
};

if (require.main === module) runCli(cli);
