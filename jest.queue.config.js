// Queue mode against real PostgreSQL, Redis and several n8n workers: `npm run test:queue`.
// Kept apart from `npm test` (jest.config.js matches only test/**/*.test.js); one file at a time,
// like the end-to-end tests.
module.exports = {
	...require('./jest.e2e.config'),
	roots: ['<rootDir>/test/queue'],
	testMatch: ['<rootDir>/test/queue/**/*.queue.js'],
	// Starting the cluster takes about a minute; a crashed execution is declared so after ~45 s.
	testTimeout: 8 * 60 * 1000,
};
