/**
 * Real-n8n tier: runs the example workflows inside the pinned n8n (installed into
 * ~/.cache/n8n-nodes-peertube by build/scripts/n8n/ensure.cjs) against the PeerTube stand-in.
 * `npm run test:e2e` builds, runs ensure.js (which shows install progress), then this.
 * @type {import('jest').Config}
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	moduleFileExtensions: ['js', 'cjs', 'ts', 'cts', 'json'],
	resolver: '<rootDir>/test/jest-resolver.js',
	testMatch: ['**/*.e2e.test.cts'],
	transform: { '^.+\\.c?ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }] },
	// installs n8n when the cache is empty (and fails with the reason when it cannot)
	// plain Node loads global setup (not jest's resolver): take the compiled copy (npm run build:dev)
	globalSetup: '<rootDir>/build/test/e2e/global-setup.cjs',
	// each n8n CLI command boots n8n (~4-8 s); an execution test runs several
	testTimeout: 300000,
	// n8n is memory-hungry and the machine has 2 cores: one test file at a time
	maxWorkers: 1,
	verbose: true,
};
