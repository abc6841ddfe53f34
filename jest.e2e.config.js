// End-to-end tests against real n8n: `npm run test:e2e` (see docs-parts/start.md).
// Kept apart from `npm test` (jest.config.js matches only test/**/*.test.js).
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['<rootDir>/test/e2e/**/*.e2e.js'],
	// The first run may install n8n into .cache/n8n (a few minutes); each `n8n execute` boots n8n (~10 s).
	testTimeout: 15 * 60 * 1000,
	maxWorkers: 1,
	verbose: true,
};
