'use strict';
/**
 * Installing n8n into .cache/n8n/<n8n-version>-node<node-version>/ and finding an installed one
 * (see the header of scripts/n8n-runtime.js and scripts/N8N_NOTES.md for how and why).
 */
const childProcess = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const {
	PROJECT_ROOT,
	CACHE_DIR,
	LOG_DIR,
	defaultLog,
	formatMs,
	readJson,
	writeJson,
	withDirLock,
	withoutNpmVars,
	prependPath,
	satisfiesRange,
	findNpmCli,
	runStep,
} = require('./util');
const { DEFAULT_NODE_VERSION, ensureNodeDownloaded, systemNodeHeaders } = require('./node24');
const { buildN8nEnv } = require('./env');

/** Default n8n: the newest that installs from the registry here (needs Node 24). */
const PREFERRED_N8N_VERSION = '2.41.1';
/** Fallback n8n: the newest 2.x whose engines allow Node 20. */
const FALLBACK_N8N_VERSION = '2.8.4';

/**
 * Facts about known n8n versions, so that installing them needs no registry
 * look-up. Other versions (OTP_N8N_VERSION=x.y.z) are looked up with `npm view`.
 * `nativeModules`: what must be rebuilt after `npm install --ignore-scripts`.
 */
const KNOWN_VERSIONS = {
	'2.41.1': { engines: '>=24.0.0', nativeModules: ['sqlite3', 'isolated-vm'] },
	'2.8.4': { engines: '>=20.19 <= 24.x', nativeModules: ['sqlite3'] },
};

/** npm `overrides` for the generated package.json (see scripts/n8n-runtime.js). */
const NPM_OVERRIDES = { xlsx: '0.18.5' };

const MARKER_NAME = '.otp-n8n-runtime.json';
const MARKER_FORMAT = 1;
const PREFERRED_FAILED_FILE = path.join(CACHE_DIR, 'preferred-failed.json');
const LOCK_DIR = path.join(CACHE_DIR, '.install.lock');

// ---------------------------------------------------------------------------
// Locating an installed runtime (fast path)
// ---------------------------------------------------------------------------

function requestedVersion(opts = {}) {
	return (opts.version || process.env.OTP_N8N_VERSION || '').trim() || null;
}

/** Reads and checks one install folder's marker; returns a runtime or null. */
function runtimeFromMarker(installDir) {
	const marker = readJson(path.join(installDir, MARKER_NAME));
	if (!marker || marker.format !== MARKER_FORMAT) return null;
	if (!fs.existsSync(marker.nodeBin) || !fs.existsSync(marker.n8nBin)) return null;
	// A runtime on the system Node is only valid for that exact Node version
	// (native modules are built for its ABI).
	if (
		marker.systemNode &&
		marker.nodeBin === process.execPath &&
		marker.nodeVersion !== process.versions.node
	)
		return null;
	return {
		version: marker.n8nVersion,
		nodeVersion: marker.nodeVersion,
		nodeBin: marker.nodeBin,
		n8nBin: marker.n8nBin,
		installDir,
		installedAt: marker.installedAt,
		installDurationMs: marker.installDurationMs,
		systemNode: marker.systemNode,
	};
}

/** Installed runtimes of one n8n version, newest marker first. */
function installedRuntimes(version) {
	let names = [];
	try {
		names = fs.readdirSync(CACHE_DIR);
	} catch {
		return [];
	}
	return names
		.filter((n) => n.startsWith(`n8n-${version}-node`))
		.map((n) => runtimeFromMarker(path.join(CACHE_DIR, n)))
		.filter(Boolean)
		.sort((a, b) => String(b.installedAt).localeCompare(String(a.installedAt)));
}

/**
 * Synchronously finds an installed runtime without installing anything.
 * Honours OTP_N8N_VERSION and the remembered automatic fallback.
 * Returns null when nothing usable is installed.
 */
function locateN8n(opts = {}) {
	const requested = requestedVersion(opts);
	const candidates = requested ? [requested] : [PREFERRED_N8N_VERSION];
	if (!requested && fs.existsSync(PREFERRED_FAILED_FILE)) candidates.push(FALLBACK_N8N_VERSION);
	for (const version of candidates) {
		const [runtime] = installedRuntimes(version);
		if (runtime) return withEnv(runtime);
	}
	return null;
}

/** Adds the `env` field (base environment for n8n, no user folder yet). */
function withEnv(runtime) {
	return { ...runtime, env: buildN8nEnv({ runtime }) };
}

// ---------------------------------------------------------------------------
// Installing
// ---------------------------------------------------------------------------

/** `npm view` for versions not in KNOWN_VERSIONS. */
async function lookUpVersionFacts(version, { npmCli, log }) {
	if (KNOWN_VERSIONS[version]) return KNOWN_VERSIONS[version];
	log(`looking up n8n@${version} on the registry…`);
	const { stdout } = await new Promise((resolve, reject) => {
		childProcess.execFile(
			process.execPath,
			[npmCli, 'view', `n8n@${version}`, 'engines', 'dependencies', '--json'],
			{ env: withoutNpmVars(process.env), maxBuffer: 16 * 1024 * 1024 },
			(error, out, err) => {
				if (!error) return resolve({ stdout: out });
				const detail = String(err || error.message)
					.split('\n')
					.filter((l) => l.trim() && !/Unknown (env|user|project|global) config/.test(l));
				return reject(
					new Error(
						`n8n-runtime: cannot look up n8n@${version} on the registry (npm view failed):\n${detail.join('\n')}`,
					),
				);
			},
		);
	});
	const info = JSON.parse(stdout || '{}');
	if (!info.dependencies)
		throw new Error(`n8n-runtime: n8n@${version} was not found on the registry`);
	const nativeModules = ['sqlite3', 'isolated-vm'].filter((m) => info.dependencies[m]);
	return { engines: (info.engines && info.engines.node) || '', nativeModules };
}

/**
 * Installs one n8n version (if not installed yet) and returns its runtime.
 * Must be called with the install lock held.
 */
async function installVersion(version, { log }) {
	const existing = installedRuntimes(version)[0];
	if (existing) return { runtime: existing, installed: false };

	const npmCli = findNpmCli();
	const facts = await lookUpVersionFacts(version, { npmCli, log });

	// Which Node runs n8n: the system Node when n8n's engines allow it, else a downloaded one.
	const forcedNode = (process.env.OTP_N8N_NODE_VERSION || '').trim();
	const useSystemNode = !forcedNode && satisfiesRange(process.versions.node, facts.engines);
	const nodeVersion = useSystemNode ? process.versions.node : forcedNode || DEFAULT_NODE_VERSION;
	if (!useSystemNode && !satisfiesRange(nodeVersion, facts.engines)) {
		throw new Error(
			`n8n-runtime: n8n@${version} needs Node ${facts.engines}; Node ${nodeVersion} does not satisfy it`,
		);
	}

	const started = Date.now();
	const installDir = path.join(CACHE_DIR, `n8n-${version}-node${nodeVersion}`);
	const totalSteps = useSystemNode ? 4 : 5;
	let stepNo = 0;
	const stepLog = (text) => log(`step ${++stepNo}/${totalSteps}: ${text}`);

	log(
		`installing n8n ${version} on Node ${nodeVersion}${useSystemNode ? ' (system Node)' : ''} into ${path.relative(PROJECT_ROOT, installDir)}`,
	);
	log('this takes a few minutes the first time; later calls reuse it');

	// 1. The Node that will run n8n, and the headers native modules are built against.
	let nodeBin;
	let headersDir;
	if (useSystemNode) {
		nodeBin = process.execPath;
		headersDir = await systemNodeHeaders({ npmCli, log });
	} else {
		stepLog(`Node ${nodeVersion}`);
		const t = Date.now();
		const nodeDir = await ensureNodeDownloaded(nodeVersion, { npmCli, log });
		nodeBin = path.join(nodeDir, 'bin', 'node');
		headersDir = nodeDir;
		log(`  Node ${nodeVersion} ready in ${formatMs(Date.now() - t)}: ${nodeBin}`);
	}

	// Environment for npm and node-gyp: no inherited npm_config_*, our Node first
	// on PATH (lifecycle scripts call `node`), headers from `headersDir` (this env
	// var beats a `nodedir` in ~/.npmrc), sqlite3 always built from source
	// (prebuild-install would try to download a binary from outside the registry).
	const npmEnv = withoutNpmVars(process.env);
	Object.assign(npmEnv, {
		PATH: prependPath(npmEnv, path.dirname(nodeBin)),
		npm_config_nodedir: headersDir,
		npm_config_build_from_source: 'sqlite3',
		npm_config_engine_strict: 'false',
		npm_config_update_notifier: 'false',
		npm_config_fund: 'false',
		npm_config_audit: 'false',
		npm_config_progress: 'false',
		JOBS: 'max', // node-gyp: compile with all cores
	});

	// 2. The install folder's own package.json.
	stepLog('write package.json');
	fs.mkdirSync(installDir, { recursive: true });
	fs.rmSync(path.join(installDir, MARKER_NAME), { force: true });
	writeJson(path.join(installDir, 'package.json'), {
		name: 'otp-n8n-runtime',
		private: true,
		description:
			'Generated by scripts/n8n-runtime.js: the n8n CLI used by npm start and the e2e tests',
		dependencies: { n8n: version },
		overrides: NPM_OVERRIDES,
	});
	// Keep npm's settings local to this folder (and independent of the project's .npmrc).
	fs.writeFileSync(
		path.join(installDir, '.npmrc'),
		'audit=false\nfund=false\nupdate-notifier=false\n',
	);

	// 3. All JavaScript, no install scripts.
	stepLog(`npm install n8n@${version} --ignore-scripts (~2,400 packages, usually 2-4 min)`);
	let t = Date.now();
	await runStep(
		`npm install n8n@${version}`,
		nodeBin,
		[npmCli, 'install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=warn'],
		{
			cwd: installDir,
			env: npmEnv,
			log,
			logFile: path.join(LOG_DIR, `npm-install-${version}.log`),
		},
	);
	log(`  npm install done in ${formatMs(Date.now() - t)}`);

	// 4. Native modules, built against the right headers.
	stepLog(`npm rebuild ${facts.nativeModules.join(' ')} (compiles sqlite3, ~1 min)`);
	t = Date.now();
	await runStep(
		`npm rebuild ${facts.nativeModules.join(' ')}`,
		nodeBin,
		[
			npmCli,
			'rebuild',
			...facts.nativeModules,
			'--ignore-scripts=false',
			'--foreground-scripts',
			'--loglevel=warn',
		],
		{
			cwd: installDir,
			env: npmEnv,
			log,
			logFile: path.join(LOG_DIR, `npm-rebuild-${version}.log`),
		},
	).catch((error) => {
		error.message +=
			'\nHint: building native modules needs python3, make and a C++ compiler (g++).';
		throw error;
	});
	log(`  rebuild done in ${formatMs(Date.now() - t)}`);

	// 5. Verify: native modules load under nodeBin, and the CLI answers.
	stepLog('verify (native modules load, n8n --version)');
	const n8nBin = path.join(installDir, 'node_modules', 'n8n', 'bin', 'n8n');
	const checkScript = facts.nativeModules.map((m) => `require(${JSON.stringify(m)});`).join('');
	await runStep('verify native modules', nodeBin, ['-e', checkScript], {
		cwd: installDir,
		env: npmEnv,
		log,
		logFile: path.join(LOG_DIR, `verify-native-${version}.log`),
	});
	const { output } = await runStep('n8n --version', nodeBin, [n8nBin, '--version'], {
		cwd: installDir,
		env: npmEnv,
		log,
		logFile: path.join(LOG_DIR, `verify-version-${version}.log`),
	});
	const reported = output.trim().split(/\s+/).pop();
	if (reported !== version)
		throw new Error(`n8n-runtime: n8n --version printed "${output.trim()}", expected ${version}`);

	const installDurationMs = Date.now() - started;
	writeJson(path.join(installDir, MARKER_NAME), {
		format: MARKER_FORMAT,
		n8nVersion: version,
		nodeVersion,
		nodeBin,
		n8nBin,
		systemNode: useSystemNode,
		nativeModules: facts.nativeModules,
		installedAt: new Date().toISOString(),
		installDurationMs,
	});
	log(`n8n ${version} on Node ${nodeVersion} installed in ${formatMs(installDurationMs)}`);
	return { runtime: runtimeFromMarker(installDir), installed: true };
}

/**
 * Installs n8n on first use and returns how to run it:
 *   { nodeBin, n8nBin, version, nodeVersion, env, installDir, installed, ... }
 * `env` is a complete environment for n8n (PATH with the right Node first,
 * telemetry off, …) without a user folder; pass a userFolder to
 * spawnN8n/execN8n/buildN8nEnv for that.
 *
 * Options: log (function(line)), version (overrides OTP_N8N_VERSION).
 */
async function ensureN8n(opts = {}) {
	const log = opts.log || defaultLog;

	// Fast path: a marker file from an earlier successful install.
	const found = locateN8n(opts);
	if (found) {
		if (!requestedVersion(opts) && found.version !== PREFERRED_N8N_VERSION) {
			const why = readJson(PREFERRED_FAILED_FILE);
			log(
				`using fallback n8n ${found.version}: n8n ${PREFERRED_N8N_VERSION} failed to install earlier` +
					`${why ? ` (${why.reason.split('\n')[0]})` : ''}; delete ${path.relative(PROJECT_ROOT, PREFERRED_FAILED_FILE)} to retry`,
			);
		}
		return { ...found, installed: false };
	}

	// Several test workers (or worktrees sharing .cache) may call ensureN8n at once.
	return withDirLock(
		LOCK_DIR,
		{ what: 'the n8n install', log, timeoutMs: 45 * 60 * 1000 },
		async () => {
			const requested = requestedVersion(opts);
			if (requested) {
				const { runtime, installed } = await installVersion(requested, { log });
				return { ...withEnv(runtime), installed };
			}
			try {
				const { runtime, installed } = await installVersion(PREFERRED_N8N_VERSION, { log });
				fs.rmSync(PREFERRED_FAILED_FILE, { force: true });
				return { ...withEnv(runtime), installed };
			} catch (preferredError) {
				log(`n8n ${PREFERRED_N8N_VERSION} could not be installed:`);
				for (const line of preferredError.message.split('\n')) log(`  ${line}`);
				log(
					`falling back to n8n ${FALLBACK_N8N_VERSION} on the system Node (set OTP_N8N_VERSION to choose explicitly)`,
				);
				writeJson(PREFERRED_FAILED_FILE, {
					version: PREFERRED_N8N_VERSION,
					at: new Date().toISOString(),
					reason: preferredError.message,
				});
				try {
					const { runtime, installed } = await installVersion(FALLBACK_N8N_VERSION, { log });
					return { ...withEnv(runtime), installed };
				} catch (fallbackError) {
					fs.rmSync(PREFERRED_FAILED_FILE, { force: true });
					throw new Error(
						`n8n-runtime: neither n8n ${PREFERRED_N8N_VERSION} nor the fallback ${FALLBACK_N8N_VERSION} could be installed.\n\n` +
							`--- ${PREFERRED_N8N_VERSION} ---\n${preferredError.message}\n\n--- ${FALLBACK_N8N_VERSION} ---\n${fallbackError.message}`,
					);
				}
			}
		},
	);
}

module.exports = { PREFERRED_N8N_VERSION, FALLBACK_N8N_VERSION, ensureN8n, locateN8n };
