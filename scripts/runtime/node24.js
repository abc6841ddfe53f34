'use strict';
/**
 * The Node that runs n8n when the running Node is too old for it (n8n 2.41.x needs Node >= 24):
 * taken from the npm registry package `node-<platform>-<arch>`, which ships bin/node and the
 * include/node headers, and unpacked into .cache/n8n/. Also finds the headers of the running
 * Node, which node-gyp needs to build n8n's native modules for it.
 */
const childProcess = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { CACHE_DIR, LOG_DIR, withoutNpmVars, runStep } = require('./util');

/** Node used when the running Node does not satisfy n8n's `engines.node`. */
const DEFAULT_NODE_VERSION = '24.21.0';

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
	if (
		fs.existsSync(nodeBin) &&
		fs.existsSync(path.join(finalDir, 'include', 'node', 'node_version.h'))
	)
		return finalDir;

	const pkg = `node-${process.platform}-${process.arch}@${nodeVersion}`;
	const work = fs.mkdtempSync(path.join(CACHE_DIR, '.node-download-'));
	try {
		const env = withoutNpmVars(process.env);
		log(`downloading Node ${nodeVersion} from the npm registry (${pkg}, ~50 MB)…`);
		await runStep(
			`download Node ${nodeVersion} (npm pack ${pkg})`,
			process.execPath,
			[npmCli, 'pack', pkg, '--silent', '--pack-destination', work],
			{
				cwd: work,
				env,
				log,
				logFile: path.join(LOG_DIR, 'node-download.log'),
			},
		);
		const tarball = fs.readdirSync(work).find((f) => f.endsWith('.tgz'));
		if (!tarball) throw new Error(`n8n-runtime: npm pack ${pkg} produced no tarball in ${work}`);
		const unpack = path.join(work, 'unpacked');
		fs.mkdirSync(unpack);
		await runStep(
			`unpack Node ${nodeVersion}`,
			'tar',
			['-xzf', path.join(work, tarball), '-C', unpack, '--strip-components=1'],
			{
				cwd: work,
				env,
				log,
				logFile: path.join(LOG_DIR, 'node-unpack.log'),
			},
		);
		const unpackedBin = path.join(unpack, 'bin', 'node');
		if (
			!fs.existsSync(unpackedBin) ||
			!fs.existsSync(path.join(unpack, 'include', 'node', 'node_version.h'))
		) {
			throw new Error(`n8n-runtime: ${pkg} has no bin/node or include/node headers`);
		}
		const actual = childProcess
			.execFileSync(unpackedBin, ['--version'], { encoding: 'utf8' })
			.trim();
		if (actual !== `v${nodeVersion}`)
			throw new Error(`n8n-runtime: ${pkg} contains Node ${actual}, expected v${nodeVersion}`);
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
	const candidates = [
		path.resolve(path.dirname(process.execPath), '..'),
		path.join(os.homedir(), '.cache', 'node-gyp', version),
	];
	for (const dir of candidates) {
		const header = path.join(dir, 'include', 'node', 'node_version.h');
		try {
			const text = fs.readFileSync(header, 'utf8');
			const part = (name) =>
				(text.match(new RegExp(`#define NODE_${name}_VERSION (\\d+)`)) || [])[1];
			if (`${part('MAJOR')}.${part('MINOR')}.${part('PATCH')}` === version) return dir;
		} catch {
			/* no headers here */
		}
	}
	// No matching headers installed: take them from the same Node release on the registry.
	log(`no headers for Node ${version} found locally; fetching them from the npm registry`);
	return ensureNodeDownloaded(version, { npmCli, log });
}

module.exports = { DEFAULT_NODE_VERSION, nodeDirFor, ensureNodeDownloaded, systemNodeHeaders };
