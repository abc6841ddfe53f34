const path = require('node:path');

/**
 * On another engine (scripts/engines.js sets OTP_ENGINE_DIR and OTP_PACKAGE_ROOT), the test files'
 * own `require('n8n-workflow')` / `require('n8n-core')` and `require('../dist/…')` must reach the
 * same modules the harness and the copied package use, not the repo's pinned copies.
 */
function engineModuleNameMapper() {
	const engineDir = process.env.OTP_ENGINE_DIR;
	if (!engineDir) return {};
	const resolve = (name) => require.resolve(name, { paths: [path.resolve(engineDir)] });
	const mapper = {
		'^n8n-core$': resolve('n8n-core'),
		'^n8n-workflow$': resolve('n8n-workflow'),
	};
	if (process.env.OTP_PACKAGE_ROOT) {
		mapper['^(?:\\.\\./)+dist/(.*)$'] = `${path.resolve(process.env.OTP_PACKAGE_ROOT, 'dist')}/$1`;
	}
	return mapper;
}

module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.js'],
	testTimeout: 30000,
	setupFilesAfterEnv: ['<rootDir>/test/setup.js'],
	moduleNameMapper: engineModuleNameMapper(),
};
