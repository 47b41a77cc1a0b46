/**
 * Installs (once) and verifies the pinned n8n releases (one per line: 2.x and 1.x) and the Node 24
 * that 2.x needs, in a cache outside the clone keyed by version
 * (~/.cache/n8n-nodes-peertube/{node-24.x-…,n8n-2.41.1,n8n-1.123.81}).
 *
 *   node build/scripts/n8n/ensure.cjs                 every line the e2e tier tests (all, or
 *                                                     N8N_PEERTUBE_E2E_LINES, e.g. "2.x")
 *   node build/scripts/n8n/ensure.cjs --line 1.x      one line
 *
 * The first run takes several minutes per line (n8n is ~3 GB installed, its SQLite driver is
 * compiled); later runs only verify and take about a second.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
	N8N_LINES,
	N8N_RELEASES,
	NODE_VERSION,
	type N8nLine,
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
	nodePackageName,
	outputOf,
	parseLine,
	readyMarker,
	repoRoot,
	runMain,
	runtimeNodeBin,
	runtimeNodeHome,
	runtimePath,
	step,
	versionAtLeast,
} from './common.cjs';

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

/** true while several n8n lines install at once (progress is then printed as plain lines) */
let sideBySide = false;

function runLogged(c: StepCommand): Promise<void> {
	fs.mkdirSync(path.dirname(c.log), { recursive: true });
	const out = fs.openSync(c.log, 'w');
	fs.writeSync(out, `$ (cd ${c.cwd} && ${c.cmd} ${c.args.join(' ')})\n`);
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawn(c.cmd, c.args, { cwd: c.cwd, env: c.env, stdio: ['ignore', out, out] });
		// one updating line on a terminal; plain lines when installs run side by side or in a log
		const tty = process.stdout.isTTY && !sideBySide;
		const tick = setInterval(() => {
			const note = c.progress ? `, ${c.progress()}` : '';
			const line = `  … ${c.title}: ${formatDuration(Date.now() - started)} so far${note}`;
			if (tty) process.stdout.write(`\r${line}\x1b[K`);
			else process.stdout.write(line + '\n');
		}, tty ? 1000 : 20_000);
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
				: /ETARGET|notarget/.test(log)
					? '\n  A dependency version is missing from the npm registry you reach (a mirror lagging behind, or a lockfile\n  naming a version that was removed): see the log for which one.'
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

/** "Step k/N" labels over what this run actually installs. */
class Steps {
	private n = 0;
	constructor(readonly total: number) {}
	next(): string {
		this.n++;
		return `Step ${this.n}/${this.total}`;
	}
}

async function ensureNode(quiet: boolean, steps: Steps): Promise<void> {
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
			title: `${steps.next()}: downloading Node ${NODE_VERSION} (npm package ${nodePackageName()})`,
			cmd: 'npm',
			args: ['install', `${nodePackageName()}@${NODE_VERSION}`, '--ignore-scripts', '--no-audit', '--no-fund', '--no-save', '--loglevel=http'],
			cwd: dir,
			env: cleanEnv(),
			log: path.join(logsDir(), `node-${NODE_VERSION}-install.log`),
		});
		const v = outputOf(nodeBin(), ['--version']);
		if (v !== `v${NODE_VERSION}`) {
			throw new UserFacingError(`The downloaded Node does not run (${nodeBin()} --version gave ${v ?? 'an error'}).`);
		}
		fs.writeFileSync(readyMarker(dir), JSON.stringify({ node: NODE_VERSION, installedAt: new Date().toISOString() }) + '\n');
	});
}

/** The committed lockfile of an n8n install (scripts/n8n/locks/n8n-<version>.package-lock.json). */
export function lockFile(version: string): string {
	return path.join(repoRoot(), 'scripts', 'n8n', 'locks', `n8n-${version}.package-lock.json`);
}

function n8nWorks(line: N8nLine): boolean {
	const env = { ...cleanEnv(), PATH: runtimePath(line) };
	return outputOf(runtimeNodeBin(line), [n8nBin(line), '--version'], env)?.split(/\s+/).pop() === N8N_RELEASES[line].version;
}

function assertMachineNode(line: N8nLine): void {
	const rel = N8N_RELEASES[line];
	if (rel.node === 'machine' && rel.minMachineNode && !versionAtLeast(process.versions.node, rel.minMachineNode)) {
		throw new UserFacingError(
			`n8n ${rel.version} runs on this machine's Node, which is ${process.versions.node}; it needs ${rel.minMachineNode} or newer (up to 24). ` +
				'Update Node, or run only the 2.x line: N8N_PEERTUBE_E2E_LINES=2.x.',
		);
	}
}

async function ensureN8n(line: N8nLine, quiet: boolean, steps: Steps): Promise<void> {
	const rel = N8N_RELEASES[line];
	const version = rel.version;
	const dir = n8nDir(line);
	const runsOn = rel.node === 'cached' ? `Node ${NODE_VERSION}` : `this machine's Node ${process.versions.node}`;
	assertMachineNode(line);
	if (isReady(dir) && fs.existsSync(n8nBin(line))) {
		if (!quiet) info(`✔ n8n ${version} (${dir}, runs on ${runsOn})`);
		return;
	}
	await withLock(path.basename(dir), async () => {
		if (isReady(dir) && fs.existsSync(n8nBin(line))) return;
		assertDiskSpace(cacheRoot(), 4 * GB, `n8n ${version}`);
		info(`n8n ${version} is not installed yet: installing it into ${dir}.`);
		info('This happens once per machine and takes several minutes (about 3 GB); later runs start in seconds.');
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(
			path.join(dir, 'package.json'),
			JSON.stringify(
				{
					name: 'n8n-runtime',
					private: true,
					description: `n8n ${line} for n8n-nodes-peertube`,
					dependencies: { n8n: version },
					...(rel.overrides ? { overrides: rel.overrides.packages, overridesWhy: rel.overrides.why } : {}),
				},
				null,
				2,
			) + '\n',
		);
		// The exact dependency tree that installed and passed the tests here. Without it npm resolves
		// n8n's ~2000 dependencies afresh, and a new release of any of them can break the install
		// (seen: tldts asking for a tldts-core version the registry did not have yet).
		const lock = lockFile(version);
		if (fs.existsSync(lock)) fs.copyFileSync(lock, path.join(dir, 'package-lock.json'));
		else info(`(no lockfile ${path.relative(repoRoot(), lock)}: npm resolves the dependencies afresh)`);
		// npm under the Node that will run n8n (n8n's engines), native builds against its headers.
		const nodedir = runtimeNodeHome(line);
		const env: NodeJS.ProcessEnv = {
			...cleanEnv(),
			PATH: runtimePath(line),
			...(nodedir ? { npm_config_nodedir: nodedir } : {}),
			npm_config_update_notifier: 'false',
			// node-gyp compiles sqlite3 on every core (it uses one by default)
			JOBS: String(Math.max(1, os.cpus().length)),
		};
		const modules = path.join(dir, 'node_modules');
		const installLog = path.join(logsDir(), `n8n-${version}-install.log`);
		await runLogged({
			title: `${steps.next()}: installing n8n ${version} with npm (the long part)`,
			cmd: 'npm',
			// Install scripts are skipped: one of them (a Kafka client) downloads C sources and
			// fails here, and none is needed to run workflows. sqlite3 is built in the next step.
			args: ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=http'],
			cwd: dir,
			env,
			log: installLog,
			progress: () => {
				const fetched = countMatches(installLog, 'http fetch');
				const placed = countEntries(modules);
				return placed > 1 ? `${placed} packages in place` : `${fetched} registry requests`;
			},
		});
		const sqliteLog = path.join(logsDir(), `n8n-${version}-sqlite3.log`);
		await runLogged({
			title: `${steps.next()}: compiling the SQLite driver for ${runsOn} (npm rebuild sqlite3)`,
			cmd: 'npm',
			args: ['rebuild', 'sqlite3', '--foreground-scripts'],
			cwd: dir,
			env,
			log: sqliteLog,
		});
		const r = outputOf(runtimeNodeBin(line), ['-e', `require(${JSON.stringify(path.join(modules, 'sqlite3'))}); console.log('ok')`], env);
		if (r !== 'ok') {
			throw new UserFacingError(`sqlite3 was rebuilt but does not load under ${runsOn}. Log: ${sqliteLog}`);
		}
		if (!n8nWorks(line)) {
			throw new UserFacingError(`n8n was installed into ${dir} but \`n8n --version\` does not print ${version}.`);
		}
		fs.writeFileSync(
			readyMarker(dir),
			JSON.stringify({ n8n: version, node: rel.node === 'cached' ? NODE_VERSION : process.versions.node, installedAt: new Date().toISOString() }) + '\n',
		);
	});
}

/** The lines the e2e tier tests: all, or those in N8N_PEERTUBE_E2E_LINES ("2.x", "1.x", "2.x,1.x"). */
export function linesUnderTest(): N8nLine[] {
	const v = process.env.N8N_PEERTUBE_E2E_LINES?.trim();
	if (!v) return [...N8N_LINES];
	const wanted = new Set(v.split(/[\s,]+/).filter(Boolean).map(parseLine));
	return N8N_LINES.filter((l) => wanted.has(l));
}

/**
 * Makes sure n8n of each line (default: linesUnderTest()) and the Node it needs are in the cache;
 * prints what it does.
 */
export async function ensure(opts: { quiet?: boolean; lines?: N8nLine[] } = {}): Promise<void> {
	const lines = opts.lines ?? linesUnderTest();
	const needsNode24 = lines.some((l) => N8N_RELEASES[l].node === 'cached');
	const started = Date.now();
	const cold = (needsNode24 && !isReady(nodeDir())) || lines.some((l) => !isReady(n8nDir(l)));
	const names = lines.map((l) => `n8n ${N8N_RELEASES[l].version}`).join(' and ');
	if (!opts.quiet || cold) step(`Checking ${names}${needsNode24 ? ` and Node ${NODE_VERSION}` : ''} in ${cacheRoot()}`);
	const quiet = !!opts.quiet && !cold;
	const steps = new Steps((needsNode24 && !isReady(nodeDir()) ? 1 : 0) + 2 * lines.filter((l) => !isReady(n8nDir(l))).length);
	if (needsNode24) await ensureNode(quiet, steps);
	// Side by side: one line's npm download overlaps the other's sqlite3 compile (a cold run is
	// most of the CI budget). Each line has its own folder, lock and logs.
	sideBySide = lines.filter((l) => !isReady(n8nDir(l))).length > 1;
	try {
		await Promise.all(lines.map((line) => ensureN8n(line, quiet, steps)));
	} finally {
		sideBySide = false;
	}
	if (cold) info(`${names} installed (${formatDuration(Date.now() - started)}).`);
}

function parseArgs(argv: string[]): N8nLine[] | undefined {
	const lines: N8nLine[] = [];
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--line') lines.push(parseLine(argv[++i] ?? ''));
		else if (a.startsWith('--line=')) lines.push(parseLine(a.slice(7)));
		else throw new UserFacingError(`Unknown option ${a}: use --line 2.x or --line 1.x (several allowed; default: every line tested)`);
	}
	return lines.length ? lines : undefined;
}

if (require.main === module) {
	runMain(async () => {
		const lines = parseArgs(process.argv.slice(2)) ?? linesUnderTest();
		await ensure({ lines });
		for (const line of lines) {
			if (!n8nWorks(line)) throw new UserFacingError(`n8n in ${n8nDir(line)} does not run; delete that folder and run again.`);
			const rel = N8N_RELEASES[line];
			info(`✔ n8n ${rel.version} runs with Node ${rel.node === 'cached' ? NODE_VERSION : process.versions.node}`);
		}
	});
}
