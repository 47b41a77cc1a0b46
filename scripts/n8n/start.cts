/**
 * `npm start` — runs the pinned n8n with this package loaded as a community package, the example
 * workflows imported, on http://127.0.0.1:5678 (SQLite, user folder `.n8n-user/` in the clone).
 * `npm start -- --demo` (or `npm run demo`) also starts the local PeerTube stand-in and imports a
 * ready credential pointing at it.
 *
 * Options: --demo, --port <n> (default 5678 or N8N_PORT), --user-folder <dir>
 *          (default N8N_PEERTUBE_USER_FOLDER or <repo>/.n8n-user), --n8n 1.x (n8n 1.123 on this
 *          machine's Node instead of 2.x; its own user folder <repo>/.n8n-user/n8n-1.x).
 * Ctrl-C stops n8n (and the stand-in) cleanly.
 */
import { spawn, type ChildProcess } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as readline from 'readline';
import { ensure } from './ensure.cjs';
import {
	CREDENTIAL_TYPE,
	DEFAULT_LINE,
	N8N_RELEASES,
	type N8nLine,
	UserFacingError,
	type UserFolder,
	assertDiskSpace,
	freePort,
	info,
	isPortFree,
	n8nEnv,
	parseLine,
	prepareUserFolder,
	repoRoot,
	runMain,
	runN8nCli,
	spawnN8n,
	step,
	waitForHttp,
} from './common.cjs';

/** Fixed id/name of the credential `--demo` creates; the example workflows refer to it. */
export const DEMO_CREDENTIAL_ID = 'ptDemoCredential';
export const DEMO_CREDENTIAL_NAME = 'PeerTube demo (local stand-in)';

interface Args {
	demo: boolean;
	port: number;
	userFolder: string;
	line: N8nLine;
}

function parseArgs(argv: string[]): Args {
	const args: Args = {
		demo: false,
		port: Number(process.env.N8N_PORT || 5678),
		userFolder: '',
		line: DEFAULT_LINE,
	};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--demo') args.demo = true;
		else if (a === '--n8n') args.line = parseLine(argv[++i] ?? '');
		else if (a.startsWith('--n8n=')) args.line = parseLine(a.slice(6));
		else if (a === '--port') args.port = Number(argv[++i]);
		else if (a.startsWith('--port=')) args.port = Number(a.slice(7));
		else if (a === '--user-folder') args.userFolder = path.resolve(argv[++i]);
		else if (a.startsWith('--user-folder=')) args.userFolder = path.resolve(a.slice(14));
		else if (a === '--help' || a === '-h') {
			process.stdout.write(
				'Usage: npm start [-- --demo] [--port 5678] [--user-folder DIR] [--n8n 1.x]\n' +
					'  --demo         also start the local PeerTube stand-in (for trying; it is not PeerTube) and a credential for it\n' +
					'  --port N       port for the n8n editor (default 5678)\n' +
					'  --user-folder  n8n user folder (default .n8n-user/ in the clone; .n8n-user/n8n-1.x/ with --n8n 1.x)\n' +
					`  --n8n LINE     2.x (default, n8n ${N8N_RELEASES['2.x'].version}) or 1.x (n8n ${N8N_RELEASES['1.x'].version}, on this machine's Node)\n`,
			);
			process.exit(0);
		} else throw new UserFacingError(`Unknown option ${a} (try --help)`);
	}
	if (!args.userFolder) {
		const base = process.env.N8N_PEERTUBE_USER_FOLDER || path.join(repoRoot(), '.n8n-user');
		// a database written by one n8n line is not opened by the other: each line has its own folder
		args.userFolder = args.line === DEFAULT_LINE ? base : path.join(base, `n8n-${args.line}`);
	}
	if (!Number.isInteger(args.port) || args.port <= 0 || args.port > 65535) {
		throw new UserFacingError('--port needs a port number (1-65535)');
	}
	return args;
}

// ---------------------------------------------------------------------------------------------
// Stand-in

export interface StandinInfo {
	url: string;
	users: Array<{ username: string; password: string; role?: string | number }>;
}

export interface RunningStandin {
	info: StandinInfo;
	child: ChildProcess;
	stop(): Promise<void>;
}

/** Starts `node build/standin/cli.cjs --port <free> --demo` and reads its JSON line. */
export async function startStandinProcess(extraArgs: string[] = ['--demo']): Promise<RunningStandin> {
	const cli = path.join(repoRoot(), 'build', 'standin', 'cli.cjs');
	if (!fs.existsSync(cli)) {
		throw new UserFacingError(`The PeerTube stand-in is not built (${cli} is missing). Run \`npm run build:dev\` first.`);
	}
	const port = await freePort();
	const child = spawn(process.execPath, [cli, '--port', String(port), ...extraArgs], {
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const infoLine = await new Promise<StandinInfo>((resolve, reject) => {
		const rl = readline.createInterface({ input: child.stdout! });
		const timer = setTimeout(() => reject(new UserFacingError('The PeerTube stand-in did not start within 20 s')), 20_000);
		rl.on('line', (line) => {
			const t = line.trim();
			if (!t.startsWith('{')) return;
			try {
				const parsed = JSON.parse(t) as StandinInfo;
				if (parsed.url) {
					clearTimeout(timer);
					resolve(parsed);
				}
			} catch {
				/* not the info line */
			}
		});
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new UserFacingError(`The PeerTube stand-in exited (code ${code}) before it was ready`));
		});
	});
	// keep draining its stdout
	child.stdout!.resume();
	return {
		info: infoLine,
		child,
		stop: () =>
			new Promise<void>((resolve) => {
				if (child.exitCode !== null || child.signalCode !== null) return resolve();
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
				setTimeout(() => {
					if (child.exitCode === null) child.kill('SIGKILL');
				}, 5000).unref();
			}),
	};
}

export function pickDemoUser(info: StandinInfo): StandinInfo['users'][number] {
	const admin = info.users.find((u) => /admin/i.test(String(u.role ?? '')) || u.role === 0);
	const user = admin ?? info.users[0];
	if (!user) throw new UserFacingError('The PeerTube stand-in reported no users');
	return user;
}

// ---------------------------------------------------------------------------------------------
// Imports

/** Imports credentials given as plain data (n8n encrypts them). */
export async function importCredentials(
	uf: UserFolder,
	creds: Array<{ id: string; name: string; data: Record<string, unknown>; type?: string }>,
	env: NodeJS.ProcessEnv,
): Promise<void> {
	const file = path.join(uf.root, `credentials-import-${process.pid}-${crypto.randomBytes(4).toString('hex')}.json`);
	fs.writeFileSync(
		file,
		JSON.stringify(creds.map((c) => ({ type: CREDENTIAL_TYPE, ...c }))),
		{ mode: 0o600 },
	);
	try {
		const r = await runN8nCli(['import:credentials', `--input=${file}`], env);
		if (r.code !== 0) throw new UserFacingError(`n8n import:credentials failed:\n${r.stdout}\n${r.stderr}`);
	} finally {
		fs.rmSync(file, { force: true });
	}
}

function exampleFiles(): string[] {
	const dir = path.join(repoRoot(), 'examples');
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => path.join(dir, f));
}

/** Imports the example workflows that are new or changed since the last start (ids are fixed). */
async function importExamples(uf: UserFolder, env: NodeJS.ProcessEnv): Promise<string[]> {
	const stateFile = path.join(uf.root, 'imported-examples.json');
	let state: Record<string, string> = {};
	try {
		state = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
	} catch {
		state = {};
	}
	const changed = exampleFiles().filter((f) => {
		const hash = crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');
		return state[path.basename(f)] !== hash;
	});
	if (!changed.length) return [];
	const tmp = fs.mkdtempSync(path.join(uf.root, 'examples-import-'));
	try {
		for (const f of changed) fs.copyFileSync(f, path.join(tmp, path.basename(f)));
		const r = await runN8nCli(['import:workflow', '--separate', `--input=${tmp}`], env);
		if (r.code !== 0) throw new UserFacingError(`n8n import:workflow failed:\n${r.stdout}\n${r.stderr}`);
	} finally {
		fs.rmSync(tmp, { recursive: true, force: true });
	}
	for (const f of changed) {
		state[path.basename(f)] = crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');
	}
	fs.writeFileSync(stateFile, JSON.stringify(state, null, 2) + '\n');
	return changed.map((f) => {
		try {
			return (JSON.parse(fs.readFileSync(f, 'utf8')) as { name?: string }).name ?? path.basename(f);
		} catch {
			return path.basename(f);
		}
	});
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
	const args = parseArgs(process.argv.slice(2));
	const N8N_VERSION = N8N_RELEASES[args.line].version;
	await ensure({ quiet: true, lines: [args.line] });

	step(`Preparing n8n ${N8N_VERSION} (user folder ${args.userFolder})`);
	if (!(await isPortFree(args.port))) {
		throw new UserFacingError(
			`Port ${args.port} on 127.0.0.1 is already in use (another n8n still running?).\n` +
				`  Stop whatever uses it, or pick another port: npm start -- --port ${args.port + 10}`,
		);
	}
	assertDiskSpace(args.userFolder, 300 * 1024 ** 2, 'the n8n user folder');
	const uf = prepareUserFolder(args.userFolder);
	info('✔ n8n-nodes-peertube installed as a community package (from dist/)');
	const brokerPort = await freePort();
	const env = n8nEnv({ userFolder: uf, port: args.port, brokerPort, line: args.line });

	let standin: RunningStandin | undefined;
	const cleanup = async () => {
		if (standin) await standin.stop();
	};
	try {
		if (args.demo) {
			step('Starting the PeerTube stand-in (a local fake PeerTube for trying the node; not PeerTube)');
			standin = await startStandinProcess(['--demo']);
			const user = pickDemoUser(standin.info);
			await importCredentials(
				uf,
				[
					{
						id: DEMO_CREDENTIAL_ID,
						name: DEMO_CREDENTIAL_NAME,
						data: { instanceUrl: standin.info.url, username: user.username, password: user.password },
					},
				],
				env,
			);
			info(`✔ stand-in at ${standin.info.url}; credential "${DEMO_CREDENTIAL_NAME}" logs in as ${user.username}`);
		}

		const imported = await importExamples(uf, env);
		if (imported.length) info(`✔ example workflows imported: ${imported.join(', ')}`);
		else info('✔ example workflows already imported');
	} catch (e) {
		await cleanup();
		throw e;
	}

	step(`Starting n8n ${N8N_VERSION} on http://127.0.0.1:${args.port}`);
	const child = spawnN8n(['start'], env, { stdio: ['ignore', 'inherit', 'inherit'] });
	let stopping = false;
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
		child.once('exit', (code, signal) => resolve({ code, signal })),
	);
	const stop = (signal: NodeJS.Signals) => {
		if (stopping) return;
		stopping = true;
		process.stdout.write(`\n▶ Stopping n8n${standin ? ' and the stand-in' : ''}…\n`);
		// On Ctrl-C the terminal already sent SIGINT to n8n (same process group): give it a moment,
		// then ask once more with SIGTERM, and force it after 30 s.
		setTimeout(() => {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
		}, signal === 'SIGINT' ? 3000 : 0).unref();
		setTimeout(() => {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
		}, 30_000).unref();
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
	process.on('SIGHUP', () => stop('SIGTERM'));

	const ready = waitForHttp(`http://127.0.0.1:${args.port}/healthz/readiness`, 180_000, child).then(
		() => true,
		(e: Error) => {
			if (!stopping) process.stderr.write(`\n✖ ${e.message}\n`);
			return false;
		},
	);
	void ready.then((ok) => {
		if (!ok || stopping) return;
		const lines = [
			'',
			`✔ n8n ${N8N_VERSION} is ready: http://127.0.0.1:${args.port}`,
			`  The PeerTube node is loaded (search "PeerTube" in the nodes panel); example workflows are in the Overview.`,
			`  First visit: create the owner account (stored only in ${uf.root}).`,
		];
		if (standin) {
			const user = pickDemoUser(standin.info);
			lines.push(
				`  Demo: credential "${DEMO_CREDENTIAL_NAME}" → ${standin.info.url} (user ${user.username} / ${user.password}).`,
				'  The stand-in is a small local fake of PeerTube\'s API for trying the node; it is not PeerTube.',
			);
		}
		lines.push('  Press Ctrl-C to stop.', '');
		process.stdout.write(lines.join('\n') + '\n');
	});

	const { code, signal } = await exited;
	await cleanup();
	if (stopping) {
		process.stdout.write('✔ stopped\n');
		return;
	}
	throw new UserFacingError(`n8n stopped unexpectedly (${signal ? `signal ${signal}` : `exit code ${code}`}); see its output above.`);
}

if (require.main === module) runMain(main);
