/**
 * The two test tiers of `npm test`, after lint, build and scan:
 *   1. the unit/integration tier (jest), while the pinned n8n releases install in the background
 *      (the first time only: several minutes of mostly network and disk, which would otherwise
 *      add up with the unit tier's minutes of CPU and keep a cold CI run over its budget);
 *   2. the end-to-end tier in real n8n (jest -c jest.e2e.config.js), once both are done.
 * The install's progress goes to a log file and is printed when it ends; any failure fails the run.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const repo = path.resolve(__dirname, '../..');
const jestBin = require.resolve('jest/bin/jest');

function run(args: string[], logFile?: string): Promise<number> {
	return new Promise((resolve) => {
		const out = logFile ? fs.openSync(logFile, 'w') : 'inherit';
		const child = spawn(process.execPath, args, { cwd: repo, stdio: ['ignore', out, out] });
		child.on('close', (code, signal) => {
			if (typeof out === 'number') fs.closeSync(out);
			resolve(code ?? (signal ? 1 : 0));
		});
	});
}

async function main(): Promise<void> {
	const logDir = path.join(repo, 'build', 'logs');
	fs.mkdirSync(logDir, { recursive: true });
	const ensureLog = path.join(logDir, 'n8n-ensure.log');
	const started = Date.now();
	console.log(`n8n install check running in the background (log: ${path.relative(repo, ensureLog)})`);
	const ensure = run([path.join(repo, 'build/scripts/n8n/ensure.cjs')], ensureLog);

	const unit = await run([jestBin]);
	const ensureCode = await ensure;
	console.log(`\n── n8n install check (${Math.round((Date.now() - started) / 1000)} s since the tiers started) ──`);
	process.stdout.write(fs.readFileSync(ensureLog, 'utf8'));
	if (unit !== 0 || ensureCode !== 0) {
		console.error(`\n✖ ${unit !== 0 ? 'the unit/integration tier failed' : ''}${unit !== 0 && ensureCode !== 0 ? '; ' : ''}${ensureCode !== 0 ? 'n8n could not be installed (see above)' : ''}`);
		process.exit(1);
	}
	process.exit(await run([jestBin, '-c', 'jest.e2e.config.js']));
}

void main();
