// The n8n editor in a real browser: `npm run test:ui` (see the README, "Tests").
// Kept apart from `npm test` (jest.config.js matches only test/**/*.test.js).
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/ui'],
	testMatch: ['<rootDir>/test/ui/**/*.ui.js'],
	// `npm start` builds, packs and boots n8n first (about a minute; longer while .cache/n8n installs).
	testTimeout: 15 * 60 * 1000,
	maxWorkers: 1,
	verbose: true,
};
