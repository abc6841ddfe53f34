'use strict';
/** The environment n8n runs with (scripts/n8n-runtime.js). */
const crypto = require('node:crypto');
const path = require('node:path');
const { withoutNpmVars, prependPath } = require('./util');

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

module.exports = { buildN8nEnv };
