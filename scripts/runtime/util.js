'use strict';
/**
 * The one copy of what the dev scripts share (scripts/n8n-runtime.js and its modules,
 * scripts/engines.js, scripts/start.js, scripts/sandbox-kit.js, scripts/queue-cluster.js): small
 * helpers, the npm-environment scrubbing, running an install step and the directory lock.
 * Node's standard library only.
 */
const childProcess = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
/** Where n8n and the Node it runs on are installed (see scripts/N8N_NOTES.md). */
const CACHE_DIR = path.join(PROJECT_ROOT, '.cache', 'n8n');
const LOG_DIR = path.join(CACHE_DIR, 'logs');

/** Lines of a failing command's output quoted in the thrown Error. */
const ERROR_TAIL_LINES = 40;

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

const defaultLog = (line) => process.stderr.write(`[n8n-runtime] ${line}\n`);

function formatMs(ms) {
	if (ms < 1000) return `${ms} ms`;
	const s = ms / 1000;
	if (s < 90) return `${s.toFixed(1)} s`;
	return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return null;
	}
}

function writeJson(file, value) {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	const tmp = `${file}.${process.pid}.tmp`;
	fs.writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`);
	fs.renameSync(tmp, file); // atomic on the same file system
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether a process exists. EPERM means it does, under another user. */
function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

/**
 * Runs `fn` while holding the lock directory `lockDir` (mkdir is atomic: one process gets it);
 * other callers wait. A lock whose owner process is gone (same host), or that still has no owner
 * file after a minute, is taken over. `what` names the guarded thing in the log.
 */
async function withDirLock(lockDir, { what, log, timeoutMs = Infinity }, fn) {
	fs.mkdirSync(path.dirname(lockDir), { recursive: true });
	const ownerFile = path.join(lockDir, 'owner.json');
	let waitingSince = 0;
	for (;;) {
		try {
			fs.mkdirSync(lockDir);
			writeJson(ownerFile, {
				pid: process.pid,
				host: os.hostname(),
				since: new Date().toISOString(),
			});
			break;
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
			const owner = readJson(ownerFile);
			const stale = owner
				? owner.host === os.hostname() && !isAlive(owner.pid)
				: Date.now() - (fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? 0) > 60000; // owner file never written
			if (stale) {
				log(`removing a stale lock on ${what}${owner ? ` (pid ${owner.pid} is gone)` : ''}`);
				fs.rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			if (!waitingSince) {
				waitingSince = Date.now();
				log(
					`${what} is busy in another process${owner ? ` (pid ${owner.pid})` : ''}; waiting for it…`,
				);
			}
			if (Date.now() - waitingSince > timeoutMs) {
				throw new Error(
					`timed out waiting for ${what} (lock ${lockDir}); remove the lock if no process holds it`,
				);
			}
			await sleep(1000);
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lockDir, { recursive: true, force: true });
	}
}

// ---------------------------------------------------------------------------
// The environment of npm and node-gyp calls
// ---------------------------------------------------------------------------

/**
 * npm_config_* variables that are kept: where the registry and cache are and
 * how to reach them. Everything else npm-related is dropped (see below).
 */
const KEPT_NPM_CONFIG =
	/^npm_config_(.*registry.*|cache|cafile|ca|cert|key|proxy|https?_proxy|noproxy|strict_ssl|userconfig|globalconfig|offline|prefer_offline|prefer_online|fetch_[a-z_]+|maxsockets)$/i;

/**
 * A copy of `base` without npm's per-run variables. When this script runs
 * under `npm start`/`npm test`, npm exports its whole configuration as
 * npm_config_* (e.g. the project's `ignore-scripts=true`, or `nodedir=/usr`
 * from ~/.npmrc), which would silently change what our own npm and node-gyp
 * calls do. Registry/cache/proxy settings are kept.
 */
function withoutNpmVars(base) {
	const env = {};
	for (const [key, value] of Object.entries(base)) {
		if (value === undefined) continue;
		if (/^npm_config_/i.test(key) && !KEPT_NPM_CONFIG.test(key)) continue;
		if (
			/^npm_(package|lifecycle)_/i.test(key) ||
			/^npm_(execpath|node_execpath|command)$/i.test(key)
		)
			continue;
		env[key] = value;
	}
	return env;
}

/** Prepends a directory to PATH (so child processes' `node` is ours). */
function prependPath(env, dir) {
	const sep = path.delimiter;
	const rest = (env.PATH || '')
		.split(sep)
		.filter((p) => p && path.resolve(p) !== path.resolve(dir));
	return [dir, ...rest].join(sep);
}

// ---------------------------------------------------------------------------
// A minimal semver range check: enough for `engines.node` strings
// ---------------------------------------------------------------------------

function parseVersion(v) {
	const m = String(v)
		.trim()
		.replace(/^v/, '')
		.match(/^(\d+|x|\*)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?/);
	if (!m) return null;
	return [m[1], m[2], m[3]].map((p) =>
		p === undefined || p === 'x' || p === '*' ? null : Number(p),
	);
}

function compareVersions(a, b) {
	for (let i = 0; i < 3; i++) {
		const d = (a[i] || 0) - (b[i] || 0);
		if (d) return Math.sign(d);
	}
	return 0;
}

/** True when `version` satisfies a range like ">=20.19 <= 24.x" or "^20 || >=22". */
function satisfiesRange(version, range) {
	const v = parseVersion(version);
	if (!range || !range.trim()) return true;
	return range.split('||').some((alt) => {
		const tokens = alt
			.trim()
			.replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1')
			.split(/\s+/)
			.filter(Boolean);
		return tokens.every((tok) => {
			const m = tok.match(/^(>=|<=|>|<|=|\^|~)?(.+)$/);
			const op = m[1] || '=';
			const bound = parseVersion(m[2]);
			if (!bound) return true;
			const wildcard = bound.indexOf(null); // position of the first x (or -1)
			const cmp = compareVersions(
				v,
				bound.map((p) => p || 0),
			);
			// For "<= 24.x" compare on the specified parts only.
			const cmpPrefix =
				wildcard === -1 ? cmp : compareVersions(v.slice(0, wildcard), bound.slice(0, wildcard));
			switch (op) {
				case '>=':
					return cmp >= 0;
				case '>':
					return cmpPrefix > 0;
				case '<=':
					return cmpPrefix <= 0;
				case '<':
					return cmp < 0;
				case '^':
					return v[0] === bound[0] && cmp >= 0;
				case '~':
					return v[0] === bound[0] && v[1] === (bound[1] ?? v[1]) && cmp >= 0;
				default:
					return cmpPrefix === 0;
			}
		});
	});
}

// ---------------------------------------------------------------------------
// Locating npm and running install steps
// ---------------------------------------------------------------------------

/** Finds npm's own `npm-cli.js`, so that npm can be run by any Node binary. */
function findNpmCli() {
	const candidates = [];
	const execPath = process.env.npm_execpath;
	if (execPath && /npm-cli\.js$/.test(execPath)) candidates.push(execPath);
	candidates.push(
		path.join(
			path.dirname(process.execPath),
			'..',
			'lib',
			'node_modules',
			'npm',
			'bin',
			'npm-cli.js',
		),
	);
	for (const dir of (process.env.PATH || '').split(path.delimiter)) {
		if (!dir) continue;
		const bin = path.join(dir, 'npm');
		try {
			const real = fs.realpathSync(bin);
			candidates.push(real.endsWith('.js') ? real : path.join(path.dirname(real), 'npm-cli.js'));
		} catch {
			/* not here */
		}
	}
	const found = candidates.find((c) => fs.existsSync(c));
	if (!found)
		throw new Error('n8n-runtime: cannot find npm (npm-cli.js); is npm installed next to Node?');
	return found;
}

/**
 * Runs one install step as a child process. Its output goes to a log file
 * (.cache/n8n/logs/<step>.log) and is kept in memory so that a failure can be
 * reported with the last lines. Long steps print a heartbeat every 30 s.
 */
function runStep(step, command, args, { cwd, env, log, logFile, heartbeatMs = 30000 }) {
	return new Promise((resolve, reject) => {
		fs.mkdirSync(path.dirname(logFile), { recursive: true });
		const out = fs.createWriteStream(logFile);
		out.write(`$ ${[command, ...args].join(' ')}\n# cwd: ${cwd}\n\n`);
		const started = Date.now();
		let tail = '';
		const keep = (chunk) => {
			out.write(chunk);
			tail = (tail + chunk.toString()).slice(-64 * 1024);
		};
		let child;
		try {
			child = childProcess.spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		} catch (error) {
			out.end();
			reject(new Error(`n8n-runtime: step "${step}" could not start ${command}: ${error.message}`));
			return;
		}
		child.stdout.on('data', keep);
		child.stderr.on('data', keep);
		const timer = setInterval(
			() => log(`  … ${step}: still running (${formatMs(Date.now() - started)})`),
			heartbeatMs,
		);
		timer.unref();
		const fail = (why) => {
			// npm's "Unknown env/user config" warnings are noise here (the full log keeps them).
			const lines = tail
				.split(/\r?\n/)
				.filter(
					(l) => l.trim() !== '' && !/^npm warn Unknown (env|user|project|global) config/.test(l),
				)
				.slice(-ERROR_TAIL_LINES);
			reject(
				new Error(
					`n8n-runtime: install step "${step}" failed (${why}).\n` +
						`Command: ${[command, ...args].join(' ')}\n` +
						`Working directory: ${cwd}\nFull log: ${logFile}\n` +
						`Last ${lines.length} lines of output:\n${lines.map((l) => `  | ${l}`).join('\n')}`,
				),
			);
		};
		child.on('error', (error) => {
			clearInterval(timer);
			out.end();
			fail(`could not run: ${error.message}`);
		});
		child.on('close', (code, signal) => {
			clearInterval(timer);
			out.end(
				`\n# exit code ${code}${signal ? `, signal ${signal}` : ''}, ${formatMs(Date.now() - started)}\n`,
			);
			if (code === 0) resolve({ output: tail, durationMs: Date.now() - started });
			else fail(signal ? `killed by ${signal}` : `exit code ${code}`);
		});
	});
}

// ---------------------------------------------------------------------------
// A script's command line
// ---------------------------------------------------------------------------

/** Runs `cli(argv)` (resolves an exit code); a failure prints its message alone and exits 1. */
function runCli(cli) {
	cli(process.argv.slice(2)).then(
		(code) => {
			process.exitCode = code;
		},
		(error) => {
			process.stderr.write(`\n${error.message}\n`);
			process.exitCode = 1;
		},
	);
}

module.exports = {
	PROJECT_ROOT,
	CACHE_DIR,
	LOG_DIR,
	defaultLog,
	formatMs,
	readJson,
	writeJson,
	sleep,
	isAlive,
	withDirLock,
	KEPT_NPM_CONFIG,
	withoutNpmVars,
	prependPath,
	satisfiesRange,
	findNpmCli,
	runStep,
	runCli,
};
