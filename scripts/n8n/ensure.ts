/**
 * Installs (once) and verifies the pinned n8n and the Node 24 it needs, in a cache outside the
 * clone keyed by version (~/.cache/n8n-nodes-peertube/{node-24.x-…,n8n-2.41.1}).
 *
 *   node build/scripts/n8n/ensure.js          install if needed, then verify
 *
 * The first run takes several minutes (n8n is ~2.9 GB installed, its SQLite driver is compiled);
 * later runs only verify and take about a second.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import {
	N8N_VERSION,
	NODE_VERSION,
	UserFacingError,
	assertDiskSpace,
	cacheRoot,
	formatDuration,
	info,
	isReady,
	logsDir,
	n8nBin,
	n8nDir,
	nodeBin,
	nodeDir,
	nodeHome,
	nodePackageName,
	outputOf,
	pathWithNode24,
	readyMarker,
	runMain,
	step,
} from './common';

const GB = 1024 ** 3;

interface StepCommand {
	title: string;
	cmd: string;
	args: string[];
	cwd: string;
	env: NodeJS.ProcessEnv;
	log: string;
	/** called every few seconds while the command runs: a short note on progress */
	progress?: () => string;
}

function cleanEnv(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { ...process.env };
	for (const k of Object.keys(env)) if (k.startsWith('npm_')) delete env[k];
	delete env.NODE_OPTIONS;
	return env;
}

function lastLines(file: string, n: number): string {
	try {
		const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
		return lines.slice(-n).map((l) => `    │ ${l}`).join('\n');
	} catch {
		return '';
	}
}

function runLogged(c: StepCommand): Promise<void> {
	fs.mkdirSync(path.dirname(c.log), { recursive: true });
	const out = fs.openSync(c.log, 'w');
	fs.writeSync(out, `$ (cd ${c.cwd} && ${c.cmd} ${c.args.join(' ')})\n`);
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawn(c.cmd, c.args, { cwd: c.cwd, env: c.env, stdio: ['ignore', out, out] });
		const tty = process.stdout.isTTY;
		const tick = setInterval(() => {
			const note = c.progress ? `, ${c.progress()}` : '';
			const line = `  … ${c.title}: ${formatDuration(Date.now() - started)} so far${note}`;
			if (tty) process.stdout.write(`\r${line}\x1b[K`);
			else process.stdout.write(line + '\n');
		}, process.stdout.isTTY ? 1000 : 20_000);
		const finish = (err?: Error) => {
			clearInterval(tick);
			fs.closeSync(out);
			if (tty) process.stdout.write('\r\x1b[K');
			if (err) reject(err);
			else resolve();
		};
		child.on('error', (e) => finish(new UserFacingError(`${c.title} could not start ${c.cmd}: ${e.message}. Log: ${c.log}`)));
		child.on('close', (code, signal) => {
			if (code === 0) {
				info(`✔ ${c.title} (${formatDuration(Date.now() - started)})`);
				return finish();
			}
			const log = fs.existsSync(c.log) ? fs.readFileSync(c.log, 'utf8') : '';
			const hint = /ENOSPC|no space left/i.test(log)
				? '\n  The disk is full: free some space (or set N8N_PEERTUBE_CACHE to a disk with room) and run again.'
				: /ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|network/i.test(log)
					? '\n  The npm registry could not be reached: check the network / npm proxy settings and run again.'
					: '';
			finish(
				new UserFacingError(
					`${c.title} failed (${signal ? `signal ${signal}` : `exit code ${code}`}).\n` +
						`  Full log: ${c.log}\n  Last lines:\n${lastLines(c.log, 12)}${hint}`,
				),
			);
		});
	});
}

function countEntries(dir: string): number {
	try {
		return fs.readdirSync(dir).length;
	} catch {
		return 0;
	}
}

function countMatches(file: string, needle: string): number {
	try {
		return fs.readFileSync(file, 'utf8').split(needle).length - 1;
	} catch {
		return 0;
	}
}

/** Serialises installs between concurrent runs (two terminals, or tests started twice). */
async function withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
	const lock = path.join(cacheRoot(), `${name}.lock`);
	fs.mkdirSync(cacheRoot(), { recursive: true });
	let announced = false;
	for (;;) {
		try {
			fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
			break;
		} catch {
			const pid = Number(fs.readFileSync(lock, 'utf8'));
			let alive = false;
			try {
				if (pid > 0) {
					process.kill(pid, 0);
					alive = true;
				}
			} catch {
				alive = false;
			}
			if (!alive) {
				fs.rmSync(lock, { force: true });
				continue;
			}
			if (!announced) {
				info(`another install (pid ${pid}) is running; waiting for it to finish…`);
				announced = true;
			}
			await new Promise((r) => setTimeout(r, 2000));
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lock, { force: true });
	}
}

async function ensureNode(quiet: boolean): Promise<void> {
	const dir = nodeDir();
	if (isReady(dir) && outputOf(nodeBin(), ['--version']) === `v${NODE_VERSION}`) {
		if (!quiet) info(`✔ Node ${NODE_VERSION} (${nodeBin()})`);
		return;
	}
	await withLock(path.basename(dir), async () => {
		if (isReady(dir) && outputOf(nodeBin(), ['--version']) === `v${NODE_VERSION}`) return;
		assertDiskSpace(cacheRoot(), 0.5 * GB, `Node ${NODE_VERSION}`);
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(
			path.join(dir, 'package.json'),
			JSON.stringify({ name: 'node-runtime', private: true, description: 'Node for n8n (n8n-nodes-peertube cache)' }, null, 2),
		);
		await runLogged({
			title: `Step 1/3: downloading Node ${NODE_VERSION} (npm package ${nodePackageName()})`,
			cmd: 'npm',
			args: ['install', `${nodePackageName()}@${NODE_VERSION}`, '--ignore-scripts', '--no-audit', '--no-fund', '--no-save', '--loglevel=http'],
			cwd: dir,
			env: cleanEnv(),
			log: path.join(logsDir(), `node-${NODE_VERSION}-install.log`),
		});
		const v = outputOf(nodeBin(), ['--version']);
		if (v !== `v${NODE_VERSION}`) {
			throw new UserFacingError(`Step 1/3: the installed Node does not run (${nodeBin()} --version gave ${v ?? 'an error'}).`);
		}
		fs.writeFileSync(readyMarker(dir), JSON.stringify({ node: NODE_VERSION, installedAt: new Date().toISOString() }) + '\n');
	});
}

function n8nWorks(): boolean {
	const env = { ...cleanEnv(), PATH: pathWithNode24() };
	return outputOf(nodeBin(), [n8nBin(), '--version'], env)?.split(/\s+/).pop() === N8N_VERSION;
}

async function ensureN8n(quiet: boolean): Promise<void> {
	const dir = n8nDir();
	if (isReady(dir) && fs.existsSync(n8nBin())) {
		if (!quiet) info(`✔ n8n ${N8N_VERSION} (${dir})`);
		return;
	}
	await withLock(path.basename(dir), async () => {
		if (isReady(dir) && fs.existsSync(n8nBin())) return;
		assertDiskSpace(cacheRoot(), 4 * GB, `n8n ${N8N_VERSION}`);
		info(`n8n ${N8N_VERSION} is not installed yet: installing it into ${dir}.`);
		info('This happens once per machine and takes several minutes (about 3 GB); later runs start in seconds.');
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(
			path.join(dir, 'package.json'),
			JSON.stringify(
				{ name: 'n8n-runtime', private: true, description: 'n8n for n8n-nodes-peertube', dependencies: { n8n: N8N_VERSION } },
				null,
				2,
			) + '\n',
		);
		// npm under Node 24 (n8n's engines), native builds against Node 24's headers.
		const env: NodeJS.ProcessEnv = {
			...cleanEnv(),
			PATH: pathWithNode24(),
			npm_config_nodedir: nodeHome(),
			npm_config_update_notifier: 'false',
		};
		const modules = path.join(dir, 'node_modules');
		await runLogged({
			title: `Step 2/3: installing n8n ${N8N_VERSION} with npm (the long part)`,
			cmd: 'npm',
			// Install scripts are skipped: one of them (a Kafka client) downloads C sources and
			// fails here, and none is needed to run workflows. sqlite3 is built in step 3.
			args: ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=http'],
			cwd: dir,
			env,
			log: path.join(logsDir(), `n8n-${N8N_VERSION}-install.log`),
			progress: () => {
				const fetched = countMatches(path.join(logsDir(), `n8n-${N8N_VERSION}-install.log`), 'http fetch');
				const placed = countEntries(modules);
				return placed > 1 ? `${placed} packages in place` : `${fetched} registry requests`;
			},
		});
		await runLogged({
			title: 'Step 3/3: compiling the SQLite driver for Node 24 (npm rebuild sqlite3)',
			cmd: 'npm',
			args: ['rebuild', 'sqlite3', '--foreground-scripts'],
			cwd: dir,
			env,
			log: path.join(logsDir(), `n8n-${N8N_VERSION}-sqlite3.log`),
		});
		const sqliteOk = outputOf(nodeBin(), ['-e', "require('sqlite3'); console.log('ok')"], { ...env }) === 'ok';
		if (!sqliteOk) {
			// resolve from the install folder
			const r = outputOf(nodeBin(), ['-e', `require(${JSON.stringify(path.join(modules, 'sqlite3'))}); console.log('ok')`], env);
			if (r !== 'ok') {
				throw new UserFacingError(
					`Step 3/3: sqlite3 was rebuilt but does not load under Node ${NODE_VERSION}. Log: ${path.join(logsDir(), `n8n-${N8N_VERSION}-sqlite3.log`)}`,
				);
			}
		}
		if (!n8nWorks()) {
			throw new UserFacingError(`n8n was installed into ${dir} but \`n8n --version\` does not print ${N8N_VERSION}.`);
		}
		fs.writeFileSync(
			readyMarker(dir),
			JSON.stringify({ n8n: N8N_VERSION, node: NODE_VERSION, installedAt: new Date().toISOString() }) + '\n',
		);
	});
}

/** Makes sure Node 24 and n8n are in the cache; prints what it does. */
export async function ensure(opts: { quiet?: boolean } = {}): Promise<void> {
	const started = Date.now();
	const cold = !(isReady(nodeDir()) && isReady(n8nDir()));
	if (!opts.quiet || cold) step(`Checking n8n ${N8N_VERSION} and Node ${NODE_VERSION} in ${cacheRoot()}`);
	const quiet = !!opts.quiet && !cold;
	await ensureNode(quiet);
	await ensureN8n(quiet);
	if (cold) info(`n8n ${N8N_VERSION} is installed (${formatDuration(Date.now() - started)}).`);
}

if (require.main === module) {
	runMain(async () => {
		await ensure();
		if (!n8nWorks()) throw new UserFacingError(`n8n in ${n8nDir()} does not run; delete that folder and run again.`);
		info(`✔ n8n ${N8N_VERSION} runs with Node ${NODE_VERSION}`);
	});
}
