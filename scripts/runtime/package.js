'use strict';
/** Installing a community package into an n8n user folder, the way n8n does. */
const fs = require('node:fs');
const path = require('node:path');
const {
	LOG_DIR,
	defaultLog,
	readJson,
	writeJson,
	withoutNpmVars,
	findNpmCli,
	runStep,
} = require('./util');

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
	if (!userFolder || !spec)
		throw new Error('n8n-runtime: installCommunityPackage needs { userFolder, spec }');
	const nodesDir = path.join(path.resolve(userFolder), '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	const pkgJson = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(pkgJson))
		writeJson(pkgJson, { name: 'installed-nodes', private: true, dependencies: {} });
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
		{
			cwd: nodesDir,
			env: withoutNpmVars(process.env),
			log,
			logFile: path.join(LOG_DIR, 'community-package.log'),
		},
	);
	const deps = Object.keys(readJson(pkgJson).dependencies || {});
	const name =
		deps.find((d) => !before.has(d)) ||
		deps.find((d) => resolvedSpec.includes(d.replace('/', '-'))) ||
		deps[deps.length - 1];
	if (!/^(@[^/]+\/)?n8n-nodes-/.test(name || '')) {
		log(
			`warning: "${name}" does not match n8n-nodes-* / @scope/n8n-nodes-*; n8n only loads packages named like that`,
		);
	}
	return path.join(nodesDir, 'node_modules', name);
}

module.exports = { installCommunityPackage };
