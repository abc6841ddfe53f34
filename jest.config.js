module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.js'],
	testTimeout: 30000,
	setupFilesAfterEnv: ['<rootDir>/test/setup.js'],
};
