/**
 * Lint config for the DEVELOPMENT code: tests (test/), the PeerTube stand-in (standin/) and the
 * scripts (scripts/), all `.cts`, plus the few plain JavaScript config files.
 *
 * Why a second config: `eslint.config.mjs` must stay byte-for-byte n8n's default (`n8n-node lint`
 * refuses anything else in strict mode). That default lints every `**\/*.ts` with n8n Cloud's
 * rules for SHIPPED code (no process, no timers, no imports but n8n-workflow…). Dev code needs
 * exactly those things (an HTTP server, child processes, the file system), never ships, and is
 * `.cts` so the default config does not see it. It gets the usual TypeScript rules here instead.
 *
 *   npx eslint -c eslint.dev.config.mjs      (part of `npm test`, as `npm run lint:dev`)
 */
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{ ignores: ['dist/**', 'build/**', 'node_modules/**', '.n8n-user/**', 'coverage/**', 'nodes/**', 'credentials/**'] },
	{
		files: ['test/**/*.cts', 'standin/**/*.cts', 'scripts/**/*.cts'],
		extends: [js.configs.recommended, tseslint.configs.recommended],
		languageOptions: {
			globals: { ...globals.node },
			parserOptions: { sourceType: 'module' },
		},
		rules: {
			// test output, progress of the n8n install, the benchmark's report: printing is the point
			'no-console': 'off',
			// Tests inspect JSON that n8n and PeerTube (or the stand-in) produce: n8n's run data, REST
			// answers, request bodies. That JSON is untyped by nature; reading it as `any` and pinning
			// its shape with expect() is the test. Shipped code (nodes/, credentials/) keeps the rule.
			'@typescript-eslint/no-explicit-any': 'off',
			// `const { node: _node, ...rest } = x` drops a field on purpose; the underscore says so
			'@typescript-eslint/no-unused-vars': ['error', { varsIgnorePattern: '^_', argsIgnorePattern: '^_', ignoreRestSiblings: true }],
		},
	},
	{
		// plain CommonJS config and helper files (jest configs and resolver, setup files)
		files: ['**/*.js', '**/*.cjs'],
		extends: [js.configs.recommended],
		languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
	},
	{
		files: ['**/*.mjs'],
		extends: [js.configs.recommended],
		languageOptions: { sourceType: 'module', globals: { ...globals.node } },
	},
);
