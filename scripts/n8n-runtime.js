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
 *   ownerEnv({ email, password, firstName, lastName, runtime }) -> env vars that
 *                                   make `n8n start` (2.41.x) create the owner (skips setup screen)
 *   waitForN8n({ baseUrl, timeoutMs, child }) -> Promise<settings> once the REST API answers
 *   setupOwner({ baseUrl, email, password, firstName, lastName }) -> Promise<boolean>
 *                                   creates the owner over REST (any 2.x)
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

const childProcess = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// ---------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------

const PROJECT_ROOT = path.resolve(__dirname, '..');
const CACHE_DIR = path.join(PROJECT_ROOT, '.cache', 'n8n');

/** Default n8n: the newest that installs from the registry here (needs Node 24). */
const PREFERRED_N8N_VERSION = '2.41.1';
/** Fallback n8n: the newest 2.x whose engines allow Node 20. */
const FALLBACK_N8N_VERSION = '2.8.4';
/** Node used when the running Node does not satisfy n8n's `engines.node`. */
const DEFAULT_NODE_VERSION = '24.21.0';

/**
 * Facts about known n8n versions, so that installing them needs no registry
 * look-up. Other versions (OTP_N8N_VERSION=x.y.z) are looked up with `npm view`.
 * `nativeModules`: what must be rebuilt after `npm install --ignore-scripts`.
 */
const KNOWN_VERSIONS = {
  '2.41.1': { engines: '>=24.0.0', nativeModules: ['sqlite3', 'isolated-vm'] },
  '2.8.4': { engines: '>=20.19 <= 24.x', nativeModules: ['sqlite3'] },
};

/** npm `overrides` for the generated package.json (see header comment). */
const NPM_OVERRIDES = { xlsx: '0.18.5' };

const MARKER_NAME = '.otp-n8n-runtime.json';
const MARKER_FORMAT = 1;
const PREFERRED_FAILED_FILE = path.join(CACHE_DIR, 'preferred-failed.json');
const LOCK_DIR = path.join(CACHE_DIR, '.install.lock');
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

/**
 * npm_config_* variables that are kept: where the registry and cache are and
 * how to reach them. Everything else npm-related is dropped (see below).
 */
const KEPT_NPM_CONFIG = /^npm_config_(.*registry.*|cache|cafile|ca|cert|key|proxy|https?_proxy|noproxy|strict_ssl|userconfig|globalconfig|offline|prefer_offline|prefer_online|fetch_[a-z_]+|maxsockets)$/i;

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
    if (/^npm_(package|lifecycle)_/i.test(key) || /^npm_(execpath|node_execpath|command)$/i.test(key)) continue;
    env[key] = value;
  }
  return env;
}

/** Prepends a directory to PATH (so child processes' `node` is ours). */
function prependPath(env, dir) {
  const sep = path.delimiter;
  const rest = (env.PATH || '').split(sep).filter((p) => p && path.resolve(p) !== path.resolve(dir));
  return [dir, ...rest].join(sep);
}

// --- A minimal semver range check: enough for `engines.node` strings --------

function parseVersion(v) {
  const m = String(v).trim().replace(/^v/, '').match(/^(\d+|x|\*)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?/);
  if (!m) return null;
  return [m[1], m[2], m[3]].map((p) => (p === undefined || p === 'x' || p === '*' ? null : Number(p)));
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
    const tokens = alt.trim().replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1').split(/\s+/).filter(Boolean);
    return tokens.every((tok) => {
      const m = tok.match(/^(>=|<=|>|<|=|\^|~)?(.+)$/);
      const op = m[1] || '=';
      const bound = parseVersion(m[2]);
      if (!bound) return true;
      const wildcard = bound.indexOf(null); // position of the first x (or -1)
      const cmp = compareVersions(v, bound.map((p) => p || 0));
      // For "<= 24.x" compare on the specified parts only.
      const cmpPrefix = wildcard === -1 ? cmp : compareVersions(v.slice(0, wildcard), bound.slice(0, wildcard));
      switch (op) {
        case '>=': return cmp >= 0;
        case '>': return cmpPrefix > 0;
        case '<=': return cmpPrefix <= 0;
        case '<': return cmp < 0;
        case '^': return v[0] === bound[0] && cmp >= 0;
        case '~': return v[0] === bound[0] && v[1] === (bound[1] ?? v[1]) && cmp >= 0;
        default: return cmpPrefix === 0;
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
  candidates.push(path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'));
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
  if (!found) throw new Error('n8n-runtime: cannot find npm (npm-cli.js); is npm installed next to Node?');
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
    const timer = setInterval(() => log(`  … ${step}: still running (${formatMs(Date.now() - started)})`), heartbeatMs);
    timer.unref();
    const fail = (why) => {
      // npm's "Unknown env/user config" warnings are noise here (the full log keeps them).
      const lines = tail
        .split(/\r?\n/)
        .filter((l) => l.trim() !== '' && !/^npm warn Unknown (env|user|project|global) config/.test(l))
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
      out.end(`\n# exit code ${code}${signal ? `, signal ${signal}` : ''}, ${formatMs(Date.now() - started)}\n`);
      if (code === 0) resolve({ output: tail, durationMs: Date.now() - started });
      else fail(signal ? `killed by ${signal}` : `exit code ${code}`);
    });
  });
}

// ---------------------------------------------------------------------------
// Install lock (several test workers may call ensureN8n at once)
// ---------------------------------------------------------------------------

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

async function withInstallLock(log, fn) {
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const ownerFile = path.join(LOCK_DIR, 'owner.json');
  let waitingSince = 0;
  for (;;) {
    try {
      fs.mkdirSync(LOCK_DIR); // atomic: only one process succeeds
      writeJson(ownerFile, { pid: process.pid, host: os.hostname(), since: new Date().toISOString() });
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const owner = readJson(ownerFile);
      const stale = owner
        ? owner.host === os.hostname() && !isAlive(owner.pid)
        : Date.now() - fs.statSync(LOCK_DIR).mtimeMs > 60000; // owner file never written
      if (stale) {
        log(`removing a stale install lock${owner ? ` (pid ${owner.pid} is gone)` : ''}`);
        fs.rmSync(LOCK_DIR, { recursive: true, force: true });
        continue;
      }
      if (!waitingSince) {
        waitingSince = Date.now();
        log(`another process${owner ? ` (pid ${owner.pid})` : ''} is installing n8n; waiting for it…`);
      }
      if (Date.now() - waitingSince > 45 * 60 * 1000) {
        throw new Error(`n8n-runtime: timed out waiting for the install lock ${LOCK_DIR}; remove it if no install is running`);
      }
      await sleep(1000);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(LOCK_DIR, { recursive: true, force: true });
  }
}

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
  if (marker.systemNode && marker.nodeBin === process.execPath && marker.nodeVersion !== process.versions.node) return null;
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
        const detail = String(err || error.message).split('\n').filter((l) => l.trim() && !/Unknown (env|user|project|global) config/.test(l));
        return reject(new Error(`n8n-runtime: cannot look up n8n@${version} on the registry (npm view failed):\n${detail.join('\n')}`));
      },
    );
  });
  const info = JSON.parse(stdout || '{}');
  if (!info.dependencies) throw new Error(`n8n-runtime: n8n@${version} was not found on the registry`);
  const nativeModules = ['sqlite3', 'isolated-vm'].filter((m) => info.dependencies[m]);
  return { engines: (info.engines && info.engines.node) || '', nativeModules };
}

/** Where the downloaded Node of a given version lives. */
function nodeDirFor(nodeVersion) {
  return path.join(CACHE_DIR, `node-v${nodeVersion}-${process.platform}-${process.arch}`);
}

/**
 * Makes sure a Node binary (+ headers) of `nodeVersion` is unpacked in the
 * cache, from the npm registry package `node-<platform>-<arch>`. Returns its dir.
 */
async function ensureNodeDownloaded(nodeVersion, { npmCli, log }) {
  const finalDir = nodeDirFor(nodeVersion);
  const nodeBin = path.join(finalDir, 'bin', 'node');
  if (fs.existsSync(nodeBin) && fs.existsSync(path.join(finalDir, 'include', 'node', 'node_version.h'))) return finalDir;

  const pkg = `node-${process.platform}-${process.arch}@${nodeVersion}`;
  const work = fs.mkdtempSync(path.join(CACHE_DIR, '.node-download-'));
  try {
    const env = withoutNpmVars(process.env);
    log(`downloading Node ${nodeVersion} from the npm registry (${pkg}, ~50 MB)…`);
    await runStep(`download Node ${nodeVersion} (npm pack ${pkg})`, process.execPath, [npmCli, 'pack', pkg, '--silent', '--pack-destination', work], {
      cwd: work,
      env,
      log,
      logFile: path.join(LOG_DIR, 'node-download.log'),
    });
    const tarball = fs.readdirSync(work).find((f) => f.endsWith('.tgz'));
    if (!tarball) throw new Error(`n8n-runtime: npm pack ${pkg} produced no tarball in ${work}`);
    const unpack = path.join(work, 'unpacked');
    fs.mkdirSync(unpack);
    await runStep(`unpack Node ${nodeVersion}`, 'tar', ['-xzf', path.join(work, tarball), '-C', unpack, '--strip-components=1'], {
      cwd: work,
      env,
      log,
      logFile: path.join(LOG_DIR, 'node-unpack.log'),
    });
    const unpackedBin = path.join(unpack, 'bin', 'node');
    if (!fs.existsSync(unpackedBin) || !fs.existsSync(path.join(unpack, 'include', 'node', 'node_version.h'))) {
      throw new Error(`n8n-runtime: ${pkg} has no bin/node or include/node headers`);
    }
    const actual = childProcess.execFileSync(unpackedBin, ['--version'], { encoding: 'utf8' }).trim();
    if (actual !== `v${nodeVersion}`) throw new Error(`n8n-runtime: ${pkg} contains Node ${actual}, expected v${nodeVersion}`);
    fs.rmSync(finalDir, { recursive: true, force: true });
    fs.renameSync(unpack, finalDir);
    return finalDir;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Header dir (node-gyp `nodedir`) for the Node that is running this script. */
async function systemNodeHeaders({ npmCli, log }) {
  const version = process.versions.node;
  const candidates = [path.resolve(path.dirname(process.execPath), '..'), path.join(os.homedir(), '.cache', 'node-gyp', version)];
  for (const dir of candidates) {
    const header = path.join(dir, 'include', 'node', 'node_version.h');
    try {
      const text = fs.readFileSync(header, 'utf8');
      const part = (name) => (text.match(new RegExp(`#define NODE_${name}_VERSION (\\d+)`)) || [])[1];
      if (`${part('MAJOR')}.${part('MINOR')}.${part('PATCH')}` === version) return dir;
    } catch {
      /* no headers here */
    }
  }
  // No matching headers installed: take them from the same Node release on the registry.
  log(`no headers for Node ${version} found locally; fetching them from the npm registry`);
  return ensureNodeDownloaded(version, { npmCli, log });
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
    throw new Error(`n8n-runtime: n8n@${version} needs Node ${facts.engines}; Node ${nodeVersion} does not satisfy it`);
  }

  const started = Date.now();
  const installDir = path.join(CACHE_DIR, `n8n-${version}-node${nodeVersion}`);
  const totalSteps = useSystemNode ? 4 : 5;
  let stepNo = 0;
  const stepLog = (text) => log(`step ${++stepNo}/${totalSteps}: ${text}`);

  log(`installing n8n ${version} on Node ${nodeVersion}${useSystemNode ? ' (system Node)' : ''} into ${path.relative(PROJECT_ROOT, installDir)}`);
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
    description: 'Generated by scripts/n8n-runtime.js: the n8n CLI used by npm start and the e2e tests',
    dependencies: { n8n: version },
    overrides: NPM_OVERRIDES,
  });
  // Keep npm's settings local to this folder (and independent of the project's .npmrc).
  fs.writeFileSync(path.join(installDir, '.npmrc'), 'audit=false\nfund=false\nupdate-notifier=false\n');

  // 3. All JavaScript, no install scripts.
  stepLog(`npm install n8n@${version} --ignore-scripts (~2,400 packages, usually 2-4 min)`);
  let t = Date.now();
  await runStep(
    `npm install n8n@${version}`,
    nodeBin,
    [npmCli, 'install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=warn'],
    { cwd: installDir, env: npmEnv, log, logFile: path.join(LOG_DIR, `npm-install-${version}.log`) },
  );
  log(`  npm install done in ${formatMs(Date.now() - t)}`);

  // 4. Native modules, built against the right headers.
  stepLog(`npm rebuild ${facts.nativeModules.join(' ')} (compiles sqlite3, ~1 min)`);
  t = Date.now();
  await runStep(
    `npm rebuild ${facts.nativeModules.join(' ')}`,
    nodeBin,
    [npmCli, 'rebuild', ...facts.nativeModules, '--ignore-scripts=false', '--foreground-scripts', '--loglevel=warn'],
    { cwd: installDir, env: npmEnv, log, logFile: path.join(LOG_DIR, `npm-rebuild-${version}.log`) },
  ).catch((error) => {
    error.message += '\nHint: building native modules needs python3, make and a C++ compiler (g++).';
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
  if (reported !== version) throw new Error(`n8n-runtime: n8n --version printed "${output.trim()}", expected ${version}`);

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

  return withInstallLock(log, async () => {
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
      log(`falling back to n8n ${FALLBACK_N8N_VERSION} on the system Node (set OTP_N8N_VERSION to choose explicitly)`);
      writeJson(PREFERRED_FAILED_FILE, { version: PREFERRED_N8N_VERSION, at: new Date().toISOString(), reason: preferredError.message });
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
  });
}

// ---------------------------------------------------------------------------
// Running n8n
// ---------------------------------------------------------------------------

function requireRuntime(runtime) {
  if (runtime) return runtime;
  const found = locateN8n();
  if (!found) {
    throw new Error('n8n-runtime: n8n is not installed yet; call `await ensureN8n()` first or run `node scripts/n8n-runtime.js install`');
  }
  return found;
}

/**
 * The environment n8n runs with. Defaults keep n8n local, quiet and headless;
 * anything in `env` wins over them.
 *  - userFolder: N8N_USER_FOLDER (n8n keeps `.n8n/` — database, config with the
 *    encryption key, community packages in `.n8n/nodes` — inside it). HOME is
 *    set to it too: n8n's internal task runner gets HOME but not
 *    N8N_USER_FOLDER, and would otherwise create ~/.n8n/config.
 *  - The runtime's Node is first on PATH: n8n starts its task runner as `node`.
 *  - The task broker gets a random port (its default 5679 would clash when
 *    `n8n start` and `n8n execute` run at the same time).
 */
function buildN8nEnv({ userFolder, env = {}, runtime } = {}) {
  const rt = runtime || null;
  const base = withoutNpmVars(process.env);
  const result = {
    ...base,
    N8N_DIAGNOSTICS_ENABLED: 'false', // no telemetry
    N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
    N8N_TEMPLATES_ENABLED: 'false', // no calls to the templates API
    N8N_PERSONALIZATION_ENABLED: 'false', // no survey
    N8N_HIRING_BANNER_ENABLED: 'false',
    N8N_SECURE_COOKIE: 'false', // login over plain http://localhost
    N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
    N8N_REINSTALL_MISSING_PACKAGES: 'false', // never reach for the registry at startup
    N8N_LISTEN_ADDRESS: '127.0.0.1',
    N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
    N8N_RUNNERS_BROKER_PORT: String(20000 + crypto.randomInt(40000)),
    // Not set on purpose: N8N_RUNNERS_ENABLED (runners are always on in 2.x and
    // n8n warns that the variable is deprecated) and DB_SQLITE_POOL_SIZE (2.x
    // already defaults to a WAL pool of 3).
  };
  if (rt) result.PATH = prependPath(result, path.dirname(rt.nodeBin));
  if (userFolder) {
    const abs = path.resolve(userFolder);
    result.N8N_USER_FOLDER = abs;
    result.HOME = abs;
  }
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || value === null) delete result[key];
    else result[key] = String(value);
  }
  return result;
}

/**
 * Starts `n8n <args>` with the runtime's Node and environment; returns the
 * ChildProcess. Options: userFolder (required), env (extra/overriding vars),
 * stdio (default 'pipe'), runtime (from ensureN8n; else located from the
 * cache), spawnOptions (passed to child_process.spawn, e.g. { detached: true }).
 */
function spawnN8n(args, { userFolder, env, stdio = 'pipe', runtime, spawnOptions = {} } = {}) {
  if (!userFolder) throw new Error('n8n-runtime: spawnN8n needs a userFolder (n8n would otherwise use ~/.n8n)');
  const rt = requireRuntime(runtime);
  fs.mkdirSync(userFolder, { recursive: true });
  return childProcess.spawn(rt.nodeBin, [rt.n8nBin, ...args], {
    cwd: userFolder,
    ...spawnOptions,
    stdio,
    env: buildN8nEnv({ userFolder, env, runtime: rt }),
  });
}

/**
 * Runs `n8n <args>` to completion. Resolves (never rejects on a non-zero exit)
 * with { code, signal, stdout, stderr, timedOut, durationMs }.
 * Options as spawnN8n, plus timeoutMs (default 5 min: SIGTERM, then SIGKILL
 * after 10 s), input (written to stdin), onOutput(chunk, 'stdout'|'stderr').
 */
function execN8n(args, { timeoutMs = 5 * 60 * 1000, input, onOutput, ...opts } = {}) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let child;
    try {
      child = spawnN8n(args, { ...opts, stdio: ['pipe', 'pipe', 'pipe'] });
    } catch (error) {
      reject(error);
      return;
    }
    const stdout = [];
    const stderr = [];
    child.stdout.on('data', (c) => {
      stdout.push(c);
      if (onOutput) onOutput(c.toString(), 'stdout');
    });
    child.stderr.on('data', (c) => {
      stderr.push(c);
      if (onOutput) onOutput(c.toString(), 'stderr');
    });
    child.stdin.on('error', () => {}); // n8n may exit before reading stdin
    child.stdin.end(input === undefined ? undefined : input);
    let timedOut = false;
    let killTimer;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      killTimer = setTimeout(() => child.kill('SIGKILL'), 10000);
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      reject(new Error(`n8n-runtime: could not run n8n ${args.join(' ')}: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(stdout).toString(),
        stderr: Buffer.concat(stderr).toString(),
        timedOut,
        durationMs: Date.now() - started,
      });
    });
  });
}

/**
 * Extracts the execution JSON from `n8n execute [--rawOutput]` stdout. n8n
 * prints log lines (task broker, license SDK, …) before it even with
 * --rawOutput, so this takes the text from the first line that is exactly "{"
 * to the last "}". Throws when there is none.
 */
function parseExecuteOutput(stdout) {
  const match = /^\{\s*$/m.exec(stdout);
  const end = stdout.lastIndexOf('}');
  if (!match || end < match.index) throw new Error(`n8n-runtime: no execution JSON in n8n output:\n${stdout.slice(-2000)}`);
  return JSON.parse(stdout.slice(match.index, end + 1));
}

/**
 * Installs a community package into `<userFolder>/.n8n/nodes` the way n8n
 * does (n8n scans `.n8n/nodes/node_modules/n8n-nodes-*` and
 * `@scope/n8n-nodes-*` at startup; see N8N_NOTES.md). `spec` is anything
 * `npm install` accepts; use the .tgz from `npm pack` for a local package (a
 * directory would become a symlink). Peer dependencies (n8n-workflow) are not
 * installed, like n8n itself: the package then uses n8n's own copy.
 * Returns the installed package's directory.
 */
async function installCommunityPackage({ userFolder, spec, log = defaultLog } = {}) {
  if (!userFolder || !spec) throw new Error('n8n-runtime: installCommunityPackage needs { userFolder, spec }');
  const nodesDir = path.join(path.resolve(userFolder), '.n8n', 'nodes');
  fs.mkdirSync(nodesDir, { recursive: true });
  const pkgJson = path.join(nodesDir, 'package.json');
  if (!fs.existsSync(pkgJson)) writeJson(pkgJson, { name: 'installed-nodes', private: true, dependencies: {} });
  const resolvedSpec = fs.existsSync(spec) ? path.resolve(spec) : spec;
  const before = new Set(Object.keys(readJson(pkgJson).dependencies || {}));
  await runStep(
    `npm install ${spec} into ${nodesDir}`,
    process.execPath,
    [
      findNpmCli(),
      'install',
      resolvedSpec,
      '--legacy-peer-deps',
      '--ignore-scripts',
      '--omit=dev',
      '--install-links',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      '--loglevel=warn',
    ],
    { cwd: nodesDir, env: withoutNpmVars(process.env), log, logFile: path.join(LOG_DIR, 'community-package.log') },
  );
  const deps = Object.keys(readJson(pkgJson).dependencies || {});
  const name = deps.find((d) => !before.has(d)) || deps.find((d) => resolvedSpec.includes(d.replace('/', '-'))) || deps[deps.length - 1];
  if (!/^(@[^/]+\/)?n8n-nodes-/.test(name || '')) {
    log(`warning: "${name}" does not match n8n-nodes-* / @scope/n8n-nodes-*; n8n only loads packages named like that`);
  }
  return path.join(nodesDir, 'node_modules', name);
}

/**
 * Environment variables that make `n8n start` (n8n >= 2.x with
 * N8N_INSTANCE_OWNER_MANAGED_BY_ENV, e.g. 2.41.1) create/update the owner
 * account at startup, so the browser shows the sign-in page instead of the
 * owner-setup screen. The password is bcrypt-hashed with n8n's own bcryptjs.
 */
function ownerEnv({ email = 'owner@example.com', password = 'Passw0rd!', firstName = 'Local', lastName = 'Owner', runtime } = {}) {
  const rt = requireRuntime(runtime);
  const bcrypt = require(require.resolve('bcryptjs', { paths: [path.join(rt.installDir, 'node_modules', 'n8n')] }));
  return {
    N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
    N8N_INSTANCE_OWNER_EMAIL: email,
    N8N_INSTANCE_OWNER_PASSWORD_HASH: bcrypt.hashSync(password, 10),
    N8N_INSTANCE_OWNER_FIRST_NAME: firstName,
    N8N_INSTANCE_OWNER_LAST_NAME: lastName,
  };
}

/**
 * Waits until a started n8n (`n8n start`) serves its REST API, i.e.
 * GET <baseUrl>/rest/settings answers 200 with JSON. (/healthz and even
 * /healthz/readiness answer earlier, while migrations still run, in 2.8.x.)
 * Rejects on timeout or when `child` (optional ChildProcess) exits first.
 * Resolves with the settings' `data` object.
 */
async function waitForN8n({ baseUrl = 'http://127.0.0.1:5678', timeoutMs = 120000, child } = {}) {
  const deadline = Date.now() + timeoutMs;
  let exited = null;
  if (child) child.once('exit', (code, signal) => (exited = signal || `exit code ${code}`));
  let lastError = 'no answer';
  while (Date.now() < deadline) {
    if (exited) throw new Error(`n8n-runtime: n8n exited (${exited}) before it was ready`);
    try {
      const res = await fetch(`${baseUrl}/rest/settings`, { signal: AbortSignal.timeout(5000) });
      if (res.ok && /json/.test(res.headers.get('content-type') || '')) return (await res.json()).data;
      lastError = `HTTP ${res.status}`;
    } catch (error) {
      lastError = error.message;
    }
    await sleep(500);
  }
  throw new Error(`n8n-runtime: n8n at ${baseUrl} not ready after ${formatMs(timeoutMs)} (${lastError})`);
}

/**
 * Creates the owner account of a running n8n through its REST API
 * (POST /rest/owner/setup, allowed without login while no owner exists).
 * Works on every 2.x; on 2.41.x ownerEnv() does the same at startup.
 * Resolves true when created, false when an owner already existed.
 */
async function setupOwner({ baseUrl = 'http://127.0.0.1:5678', email = 'owner@example.com', password = 'Passw0rd!', firstName = 'Local', lastName = 'Owner' } = {}) {
  const settings = await waitForN8n({ baseUrl, timeoutMs: 10000 });
  if (settings.userManagement && settings.userManagement.showSetupOnFirstLoad === false) return false;
  const res = await fetch(`${baseUrl}/rest/owner/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, firstName, lastName }),
  });
  if (!res.ok) throw new Error(`n8n-runtime: owner setup failed: HTTP ${res.status} ${(await res.text()).slice(0, 500)}`);
  return true;
}

// ---------------------------------------------------------------------------
// CLI
// ---------------------------------------------------------------------------

/** A workflow: Manual Trigger → `second` node. */
function twoNodeWorkflow(id, name, second) {
  return {
    id,
    name,
    active: false,
    nodes: [
      { id: '0f5c1b8e-0000-4000-8000-000000000001', name: 'Manual', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
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
  if (imported.code !== 0) throw new Error(`n8n import:workflow failed (exit ${imported.code}):\n${lastLines(imported.stdout + imported.stderr, 30)}`);

  print(`$ n8n execute --id ${workflow.id} --rawOutput`);
  const executed = await execN8n(['execute', `--id=${workflow.id}`, '--rawOutput'], { userFolder, runtime });
  if (executed.code !== 0) throw new Error(`n8n execute failed (exit ${executed.code}):\n${lastLines(executed.stdout + executed.stderr, 30)}`);
  const execution = parseExecuteOutput(executed.stdout);
  const lastNode = execution.data.resultData.lastNodeExecuted;
  const items = execution.data.resultData.runData[lastNode][0].data.main[0].map((i) => i.json);
  print(`  status: ${execution.status}, last node: ${lastNode}, ${formatMs(executed.durationMs)}`);
  print(`  output items: ${JSON.stringify(items)}`);
  return { execution, items };
}

function lastLines(text, n) {
  return text.split(/\r?\n/).filter((l) => l.trim()).slice(-n).map((l) => `  ${l}`).join('\n');
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
    n8n: { n8nNodesApiVersion: 1, credentials: [], nodes: ['dist/nodes/HelloWorld/HelloWorld.node.js'] },
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
  const out = childProcess.execFileSync(process.execPath, [findNpmCli(), 'pack', '--silent', '--pack-destination', dir], {
    cwd: pkgDir,
    env: withoutNpmVars(process.env),
    encoding: 'utf8',
  });
  return path.join(dir, out.trim().split('\n').pop());
}

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
    case 'community-smoke': {
      const rt = await ensureN8n();
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'otp-n8n-smoke-'));
      const userFolder = path.join(tmp, 'user');
      try {
        print(`n8n ${rt.version} on Node ${rt.nodeVersion}; temporary user folder ${userFolder}`);
        print('$ n8n --version');
        const v = await execN8n(['--version'], { userFolder, runtime: rt });
        print(`  ${v.stdout.trim()}`);
        if (v.code !== 0 || v.stdout.trim() !== rt.version) throw new Error(`n8n --version failed: ${v.stdout}${v.stderr}`);

        if (command === 'smoke') {
          const wf = twoNodeWorkflow('otpSmokeWf000001', 'OTP runtime smoke', {
            name: 'Set',
            type: 'n8n-nodes-base.set',
            typeVersion: 3.4,
            parameters: { assignments: { assignments: [{ id: 'a1', name: 'smoke', value: 'ok', type: 'string' }] }, options: {} },
          });
          const { items } = await importAndExecute(rt, userFolder, wf, print);
          if (items[0]?.smoke !== 'ok') throw new Error(`unexpected output ${JSON.stringify(items)}`);
        } else {
          const tgz = await makeHelloPackage(tmp);
          print(`$ npm install ${tgz} --legacy-peer-deps --ignore-scripts … (in ${userFolder}/.n8n/nodes)`);
          const dir = await installCommunityPackage({ userFolder, spec: tgz });
          print(`  installed: ${dir}`);
          const wf = twoNodeWorkflow('otpHelloWf000001', 'Hello community node', {
            name: 'Hello',
            type: 'n8n-nodes-hello-test.helloWorld',
            typeVersion: 1,
            parameters: {},
          });
          const { items } = await importAndExecute(rt, userFolder, wf, print);
          if (items[0]?.hello !== 'world') throw new Error(`unexpected output ${JSON.stringify(items)}`);
        }
        print(`${command}: OK`);
        return 0;
      } finally {
        if (keep) print(`kept ${tmp}`);
        else fs.rmSync(tmp, { recursive: true, force: true });
      }
    }
    case 'run': {
      // node scripts/n8n-runtime.js run --user-folder DIR -- start
      const sep = rest.indexOf('--');
      const own = sep === -1 ? [] : rest.slice(0, sep);
      const n8nArgs = sep === -1 ? rest : rest.slice(sep + 1);
      const uf = own[own.indexOf('--user-folder') + 1];
      if (own.indexOf('--user-folder') === -1 || !uf) throw new Error('usage: run --user-folder DIR -- <n8n args>');
      const rt = await ensureN8n();
      const child = spawnN8n(n8nArgs, { userFolder: uf, stdio: 'inherit', runtime: rt });
      // Ctrl-C reaches n8n directly (same process group); forwarding it as well
      // would make n8n force-quit. SIGTERM sent to this wrapper is passed on.
      process.on('SIGINT', () => {});
      process.on('SIGTERM', () => child.kill('SIGTERM'));
      return new Promise((resolve) => child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
    }
    default:
      print('usage: node scripts/n8n-runtime.js install | smoke [--keep] | community-smoke [--keep] | info | run --user-folder DIR -- <n8n args>');
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

if (require.main === module) {
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
