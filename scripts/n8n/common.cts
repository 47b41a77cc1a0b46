/**
 * Shared pieces for running this package inside a real n8n on this machine: which n8n releases
 * (one per supported major line), where they and the Node that runs them live, how to call the n8n
 * CLI, how to lay out an n8n user folder with this package installed the way the Community Nodes
 * UI installs it.
 *
 * Only node built-ins here: these scripts run before anything else is known to work.
 */
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

/** A major line of n8n the package is tested on. */
export type N8nLine = '2.x' | '1.x';

export interface N8nRelease {
	line: N8nLine;
	/** the exact n8n version installed and run for this line */
	version: string;
	/**
	 * Which Node runs it: `cached` = Node NODE_VERSION, installed into the cache (n8n 2.x needs
	 * Node >= 24); `machine` = the Node running these scripts (n8n 1.123 runs on Node 20.19-24).
	 */
	node: 'cached' | 'machine';
	/** smallest machine Node version this release accepts (only for node: 'machine') */
	minMachineNode?: string;
	/** environment only this release understands */
	env?: Record<string, string>;
	/** npm `overrides` written into the install folder (not into this package), with the reason */
	overrides?: { packages: Record<string, string>; why: string };
}

/**
 * The n8n releases of the real-n8n tier, newest line first.
 * - 2.x: 2.41.1 (2.41.3, the newest, cannot be installed from the registry reachable here: a
 *   dependency version is missing).
 * - 1.x: 1.123.81, the newest 1.123.x on the registry (Nov 2026). Its n8n-nodes-base takes `xlsx`
 *   from cdn.sheetjs.com, a tarball URL outside the npm registry (unreachable from CI machines
 *   that only reach the registry): the install pins xlsx to 0.18.5 from the registry instead. That
 *   changes only n8n's spreadsheet nodes, which these tests do not run.
 */
export const N8N_RELEASES: Readonly<Record<N8nLine, N8nRelease>> = {
	'2.x': {
		line: '2.x',
		version: '2.41.1',
		node: 'cached',
		// fetches a list from api.n8n.io at start and prints a stack trace when offline (1.123 has no
		// such module and refuses to start when told to disable an unknown one)
		env: { N8N_DISABLED_MODULES: 'mcp-registry' },
	},
	'1.x': {
		line: '1.x',
		version: '1.123.81',
		node: 'machine',
		minMachineNode: '20.19.0',
		// From 1.123.66 on, n8n defaults to its `vm` expression engine, built on isolated-vm 6, which
		// needs Node >= 22 (a plain `npm install n8n@1.123.81` on Node 20 fails building it). On
		// Node 20 n8n 1.x runs its legacy engine, the one every 1.x before 1.123.66 used.
		env: { N8N_EXPRESSION_ENGINE: 'legacy' },
		overrides: {
			packages: { xlsx: '0.18.5' },
			why: "n8n-nodes-base 1.x depends on xlsx as a cdn.sheetjs.com tarball URL, outside the npm registry; 0.18.5 is xlsx's newest on the registry",
		},
	},
};

/** Every line, newest first. */
export const N8N_LINES: readonly N8nLine[] = ['2.x', '1.x'];

/** The line `npm start`, the screenshots and anything not told otherwise use. */
export const DEFAULT_LINE: N8nLine = '2.x';

/** n8n of the default line (kept for callers written before the 1.x line). */
export const N8N_VERSION = N8N_RELEASES[DEFAULT_LINE].version;
/** n8n 2.x needs Node >= 24; the registry package node-linux-<arch> ships the binary. */
export const NODE_VERSION = '24.21.0';

/** Environment variable n8nEnv() sets so runN8nCli()/spawnN8n() know which n8n to run. */
export const LINE_ENV = 'N8N_PEERTUBE_N8N_LINE';

/** '1', '1.x', 'n8n1', '1.123.81', '2', '2.x'… → the line; anything else is an error. */
export function parseLine(value: string): N8nLine {
	const v = value.trim().toLowerCase().replace(/^n8n[-@]?/, '');
	for (const line of N8N_LINES) {
		const major = line.slice(0, 1);
		if (v === major || v === line || v === `${major}x` || v === N8N_RELEASES[line].version) return line;
	}
	throw new UserFacingError(
		`Unknown n8n line "${value}": use one of ${N8N_LINES.join(', ')} (n8n ${N8N_LINES.map((l) => N8N_RELEASES[l].version).join(' / ')}).`,
	);
}

export function releaseOf(line: N8nLine = DEFAULT_LINE): N8nRelease {
	return N8N_RELEASES[line];
}

export const PACKAGE_NAME = 'n8n-nodes-peertube';
export const NODE_TYPE = `${PACKAGE_NAME}.peerTube`;
export const CREDENTIAL_TYPE = 'peerTubeApi';

/** The repository root (scripts are compiled to build/scripts/n8n/*.cjs, sources are scripts/n8n/*.cts). */
export function repoRoot(): string {
	let dir = __dirname;
	for (let i = 0; i < 6; i++) {
		const pj = path.join(dir, 'package.json');
		if (fs.existsSync(pj)) {
			try {
				if (JSON.parse(fs.readFileSync(pj, 'utf8')).name === PACKAGE_NAME) return dir;
			} catch {
				/* keep looking */
			}
		}
		dir = path.dirname(dir);
	}
	throw new Error(`cannot find the ${PACKAGE_NAME} repository above ${__dirname}`);
}

/** Cache outside the clone, shared by all clones on the machine: ~/.cache/n8n-nodes-peertube. */
export function cacheRoot(): string {
	if (process.env.N8N_PEERTUBE_CACHE) return path.resolve(process.env.N8N_PEERTUBE_CACHE);
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, PACKAGE_NAME);
}

export function nodePackageName(): string {
	return `node-${process.platform}-${process.arch}`;
}

export function nodeDir(): string {
	return path.join(cacheRoot(), `node-${NODE_VERSION}-${process.platform}-${process.arch}`);
}

/** The folder holding bin/node and include/node (what npm_config_nodedir needs). */
export function nodeHome(): string {
	return path.join(nodeDir(), 'node_modules', nodePackageName());
}

export function nodeBin(): string {
	return path.join(nodeHome(), 'bin', 'node');
}

export function n8nDir(line: N8nLine = DEFAULT_LINE): string {
	return path.join(cacheRoot(), `n8n-${N8N_RELEASES[line].version}`);
}

export function n8nBin(line: N8nLine = DEFAULT_LINE): string {
	return path.join(n8nDir(line), 'node_modules', 'n8n', 'bin', 'n8n');
}

/** The node binary that runs n8n of this line. */
export function runtimeNodeBin(line: N8nLine = DEFAULT_LINE): string {
	return N8N_RELEASES[line].node === 'cached' ? nodeBin() : process.execPath;
}

/** PATH for n8n of this line and for npm installing it: its Node first. */
export function runtimePath(line: N8nLine = DEFAULT_LINE): string {
	return [path.dirname(runtimeNodeBin(line)), process.env.PATH ?? ''].join(path.delimiter);
}

/**
 * Folder with `include/node` for the Node that runs this line (what node-gyp's `nodedir` needs
 * to compile sqlite3 without downloading headers), or undefined when that Node has none.
 */
export function runtimeNodeHome(line: N8nLine = DEFAULT_LINE): string | undefined {
	if (N8N_RELEASES[line].node === 'cached') return nodeHome();
	const home = path.resolve(path.dirname(process.execPath), '..');
	return fs.existsSync(path.join(home, 'include', 'node', 'node.h')) ? home : undefined;
}

/** true when a.b.c >= x.y.z */
export function versionAtLeast(version: string, min: string): boolean {
	const a = version.replace(/^v/, '').split('.').map(Number);
	const b = min.split('.').map(Number);
	for (let i = 0; i < 3; i++) {
		if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
	}
	return true;
}

export function logsDir(): string {
	return path.join(cacheRoot(), 'logs');
}

/** Marker written once an install step has fully succeeded. */
export function readyMarker(dir: string): string {
	return path.join(dir, '.ready.json');
}

export function isReady(dir: string): boolean {
	return fs.existsSync(readyMarker(dir));
}

/** PATH with Node 24 first (npm's `#!/usr/bin/env node`, node-gyp and n8n's task runner pick it up). */
export function pathWithNode24(): string {
	return [path.dirname(nodeBin()), process.env.PATH ?? ''].join(path.delimiter);
}

// ---------------------------------------------------------------------------------------------
// Messages

export class UserFacingError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'UserFacingError';
	}
}

export function step(msg: string): void {
	process.stdout.write(`\n▶ ${msg}\n`);
}

export function info(msg: string): void {
	process.stdout.write(`  ${msg}\n`);
}

export function formatDuration(ms: number): string {
	const s = Math.round(ms / 1000);
	if (s < 60) return `${s}s`;
	return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/** Runs main() and turns expected failures into a short message and exit code 1, without a stack. */
export function runMain(main: () => Promise<void>): void {
	main().then(
		() => undefined,
		(err: unknown) => {
			if (err instanceof UserFacingError) {
				process.stderr.write(`\n✖ ${err.message}\n`);
			} else {
				process.stderr.write(`\n✖ Unexpected error: ${(err as Error)?.stack ?? String(err)}\n`);
			}
			process.exitCode = 1;
		},
	);
}

// ---------------------------------------------------------------------------------------------
// Disk and ports

/** Free bytes on the file system holding `dir` (or its nearest existing parent). */
export function freeBytes(dir: string): number {
	let d = dir;
	while (!fs.existsSync(d)) d = path.dirname(d);
	const st = fs.statfsSync(d);
	return Number(st.bavail) * Number(st.bsize);
}

export function assertDiskSpace(dir: string, neededBytes: number, what: string): void {
	const free = freeBytes(dir);
	if (free < neededBytes) {
		const gb = (n: number) => (n / 1024 ** 3).toFixed(1);
		throw new UserFacingError(
			`Not enough disk space for ${what}: ${gb(free)} GB free under ${dir}, about ${gb(neededBytes)} GB needed.\n` +
				`  Free some space, or point N8N_PEERTUBE_CACHE at a disk with room, and run again.`,
		);
	}
}

/** true when nothing accepts and nothing else can bind on host:port. */
export async function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.once('error', () => resolve(false));
		srv.listen({ port, host, exclusive: true }, () => srv.close(() => resolve(true)));
	});
}

/** A port the OS says is free right now. */
export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const addr = srv.address() as net.AddressInfo;
			srv.close(() => resolve(addr.port));
		});
	});
}

// ---------------------------------------------------------------------------------------------
// n8n user folder

export interface UserFolder {
	/** N8N_USER_FOLDER (n8n keeps its data in `<root>/.n8n`). */
	root: string;
	encryptionKey: string;
}

/**
 * Prepares an n8n user folder: a stable encryption key kept next to n8n's own folder (n8n must get
 * the same N8N_ENCRYPTION_KEY for every command, else it refuses its own config), and this package
 * installed as a community package at `.n8n/nodes/node_modules/n8n-nodes-peertube` (a copy of
 * package.json + dist/, so the node resolves n8n-workflow from n8n, not from this repo's dev copy).
 */
export function prepareUserFolder(root: string, opts: { encryptionKey?: string } = {}): UserFolder {
	fs.mkdirSync(root, { recursive: true, mode: 0o700 });
	const keyFile = path.join(root, 'encryption-key');
	let encryptionKey = opts.encryptionKey;
	if (!encryptionKey) {
		if (fs.existsSync(keyFile)) {
			encryptionKey = fs.readFileSync(keyFile, 'utf8').trim();
		} else {
			encryptionKey = crypto.randomBytes(24).toString('base64url');
			fs.writeFileSync(keyFile, encryptionKey + '\n', { mode: 0o600 });
		}
	}
	installPackageInto(root);
	return { root, encryptionKey };
}

/** Path of the package folder n8n loads from a user folder. */
export function installedPackageDir(userFolderRoot: string): string {
	return path.join(userFolderRoot, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
}

export function installPackageInto(userFolderRoot: string): void {
	const repo = repoRoot();
	const dist = path.join(repo, 'dist');
	const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as {
		n8n?: { nodes?: string[]; credentials?: string[] };
	};
	const missing = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])].filter(
		(f) => !fs.existsSync(path.join(repo, f)),
	);
	if (missing.length) {
		throw new UserFacingError(
			`The package is not built (missing ${missing.join(', ')}). Run \`npm run build\` first.`,
		);
	}
	const nodesDir = path.join(userFolderRoot, '.n8n', 'nodes');
	const target = installedPackageDir(userFolderRoot);
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	fs.copyFileSync(path.join(repo, 'package.json'), path.join(target, 'package.json'));
	fs.cpSync(dist, path.join(target, 'dist'), { recursive: true, dereference: true });
	// What n8n's community package installer leaves in .n8n/nodes: a package.json listing the package.
	const nodesPkg = path.join(nodesDir, 'package.json');
	let manifest: { name?: string; private?: boolean; dependencies?: Record<string, string> } = {};
	try {
		manifest = JSON.parse(fs.readFileSync(nodesPkg, 'utf8'));
	} catch {
		manifest = { name: 'installed-nodes', private: true };
	}
	const version = (JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as { version: string }).version;
	manifest.dependencies = { ...(manifest.dependencies ?? {}), [PACKAGE_NAME]: version };
	fs.writeFileSync(nodesPkg, JSON.stringify(manifest, null, 2) + '\n');
}

// ---------------------------------------------------------------------------------------------
// Running n8n

export interface N8nEnvOptions {
	userFolder: UserFolder;
	/** which n8n runs with this environment (default DEFAULT_LINE) */
	line?: N8nLine;
	port?: number;
	brokerPort?: number;
	extra?: Record<string, string | undefined>;
}

export function n8nEnv(opts: N8nEnvOptions): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { ...process.env };
	// Variables npm sets for `npm start` would leak into n8n's own npm use; drop the npm_ ones.
	for (const k of Object.keys(env)) if (k.startsWith('npm_')) delete env[k];
	Object.assign(env, {
		PATH: runtimePath(opts.line ?? DEFAULT_LINE),
		[LINE_ENV]: opts.line ?? DEFAULT_LINE,
		N8N_USER_FOLDER: opts.userFolder.root,
		N8N_ENCRYPTION_KEY: opts.userFolder.encryptionKey,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_SECURE_COOKIE: 'false',
		N8N_HOST: '127.0.0.1',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_PORT: String(opts.port ?? 5678),
		N8N_RUNNERS_BROKER_PORT: String(opts.brokerPort ?? 5679),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		// the stand-in and a self-hosted PeerTube on the LAN must be reachable
		N8N_SSRF_PROTECTION_ENABLED: 'false',
		DB_TYPE: 'sqlite',
		// this package is a community package n8n has not verified
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		...N8N_RELEASES[opts.line ?? DEFAULT_LINE].env,
	});
	// jest sets NODE_ENV=test, which changes n8n's behaviour (it prints no run data)
	delete env.NODE_OPTIONS;
	delete env.NODE_ENV;
	for (const k of Object.keys(env)) if (k.startsWith('JEST_')) delete env[k];
	for (const [k, v] of Object.entries(opts.extra ?? {})) {
		if (v === undefined) delete env[k];
		else env[k] = v;
	}
	return env;
}

export interface CliResult {
	code: number | null;
	stdout: string;
	stderr: string;
	ms: number;
}

/** The line an environment made by n8nEnv() is for. */
export function lineOfEnv(env: NodeJS.ProcessEnv): N8nLine {
	const v = env[LINE_ENV];
	return v ? parseLine(v) : DEFAULT_LINE;
}

/** Runs `n8n <args>` to completion (the n8n and Node of the env's line) and returns its output. */
export function runN8nCli(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 180_000): Promise<CliResult> {
	const started = Date.now();
	const line = lineOfEnv(env);
	return new Promise((resolve, reject) => {
		const child = spawn(runtimeNodeBin(line), [n8nBin(line), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
		child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`n8n ${args.join(' ')} did not finish within ${timeoutMs} ms\n${stdout}\n${stderr}`));
		}, timeoutMs);
		child.on('error', (e) => {
			clearTimeout(timer);
			reject(e);
		});
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({ code, stdout, stderr, ms: Date.now() - started });
		});
	});
}

/** Starts a long-running n8n command (e.g. `start`), of the env's line. */
export function spawnN8n(args: string[], env: NodeJS.ProcessEnv, options: SpawnOptions = {}): ChildProcess {
	const line = lineOfEnv(env);
	return spawn(runtimeNodeBin(line), [n8nBin(line), ...args], { env, ...options });
}

/**
 * `n8n execute --rawOutput` prints log lines before the run data: cut the JSON block from the
 * first line that is exactly `{` or `[` to the last line that is exactly `}` or `]`.
 */
export function parseRawOutput(stdout: string): unknown {
	const lines = stdout.split(/\r?\n/);
	const start = lines.findIndex((l) => l === '{' || l === '[');
	let end = -1;
	for (let i = lines.length - 1; i >= 0; i--) {
		if (lines[i] === '}' || lines[i] === ']') {
			end = i;
			break;
		}
	}
	if (start < 0 || end < start) throw new Error(`no JSON block in n8n output:\n${stdout}`);
	return JSON.parse(lines.slice(start, end + 1).join('\n'));
}

/** Polls an URL until it answers 200 (or the deadline passes / the child exits). */
export async function waitForHttp(url: string, timeoutMs: number, child?: ChildProcess): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child && child.exitCode !== null) throw new UserFacingError(`n8n exited (code ${child.exitCode}) before it was ready`);
		try {
			const res = await fetch(url);
			if (res.status === 200) return;
		} catch {
			/* not up yet */
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	throw new UserFacingError(`n8n did not become ready at ${url} within ${Math.round(timeoutMs / 1000)} s`);
}

/** Quick check that a binary runs and prints what we expect (used to verify the cache). */
export function outputOf(cmd: string, args: string[], env?: NodeJS.ProcessEnv): string | undefined {
	const r = spawnSync(cmd, args, { env: env ?? process.env, encoding: 'utf8', timeout: 60_000 });
	if (r.status !== 0) return undefined;
	return (r.stdout ?? '').trim();
}
