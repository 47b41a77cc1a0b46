/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test', '<rootDir>/standin'],
	// dev code is .cts (see README, "Two lint scopes"); it imports its siblings as .cjs
	moduleFileExtensions: ['js', 'cjs', 'ts', 'cts', 'json'],
	resolver: '<rootDir>/test/jest-resolver.js',
	testMatch: ['**/*.test.cts'],
	// the real-n8n tier has its own config (jest.e2e.config.js) and runs after the unit tests
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
	transform: { '^.+\\.c?ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }] },
	setupFiles: ['<rootDir>/test/setup-env.js'],
	testTimeout: 30000,
};
