'use strict';
// Where the engine comes from. By default: the repo's own n8n-core / n8n-workflow (the versions
// package.json pins) and the package built in the repo root. With OTP_ENGINE_DIR (set by
// scripts/engines.js): the n8n-core, n8n-workflow and @n8n/di installed in that folder; with
// OTP_PACKAGE_ROOT: the built package copied there (its own require('n8n-workflow') then finds
// the engine's copy, as an installed community package finds n8n's).
const path = require('node:path');

const ENGINE_DIR = process.env.OTP_ENGINE_DIR
	? path.resolve(process.env.OTP_ENGINE_DIR)
	: undefined;
const PACKAGE_ROOT = process.env.OTP_PACKAGE_ROOT
	? path.resolve(process.env.OTP_PACKAGE_ROOT)
	: path.resolve(__dirname, '..', '..');

/** Resolves a module the way the engine does: from OTP_ENGINE_DIR when set, else from here. */
function resolveEngineModule(name) {
	return ENGINE_DIR ? require.resolve(name, { paths: [ENGINE_DIR] }) : require.resolve(name);
}

const corePath = resolveEngineModule('n8n-core');
if (ENGINE_DIR && process.env.OTP_PACKAGE_ROOT) {
	// The package must see the engine's n8n-workflow (one copy, as in n8n), or errors and classes differ.
	const fromPackage = require.resolve('n8n-workflow', { paths: [PACKAGE_ROOT] });
	if (fromPackage !== resolveEngineModule('n8n-workflow')) {
		throw new Error(
			`the package at ${PACKAGE_ROOT} resolves n8n-workflow to ${fromPackage}, not to the engine's copy`,
		);
	}
}
const n8nCore = require(corePath);
const n8nWorkflow = require(resolveEngineModule('n8n-workflow'));
// n8n-core keeps its own copy of the DI container; its services live there.
const di = require(require.resolve('@n8n/di', { paths: [path.dirname(corePath)] }));

/** The version of an engine module, from the package.json above its resolved main file. */
function versionOf(name) {
	let dir = path.dirname(resolveEngineModule(name));
	for (;;) {
		try {
			const pkg = require(path.join(dir, 'package.json'));
			if (pkg.name === name) return pkg.version;
		} catch {
			// no package.json here
		}
		const parent = path.dirname(dir);
		if (parent === dir) return undefined;
		dir = parent;
	}
}
const CORE_VERSION = versionOf('n8n-core');
const WORKFLOW_VERSION = versionOf('n8n-workflow');
const CORE_MAJOR = Number(String(CORE_VERSION).split('.')[0]);

module.exports = {
	ENGINE_DIR,
	PACKAGE_ROOT,
	corePath,
	n8nCore,
	n8nWorkflow,
	di,
	CORE_VERSION,
	WORKFLOW_VERSION,
	CORE_MAJOR,
	resolveEngineModule,
};
