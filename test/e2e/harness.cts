/**
 * Runs real n8n (the pinned releases from the cache filled by scripts/n8n/ensure.cts) with this
 * package installed as a community package, each test in its own throwaway user folder.
 *
 * Several n8n lines are tested (2.x on Node 24, 1.x on the machine's Node 20): a test file picks
 * them with describeEachLine() (every line, or the ones it lists), or passes `{ line }` to
 * N8nSandbox.create(). Without a line a sandbox runs DEFAULT_LINE (2.x).
 *
 *   describeEachLine('example workflows', (line) => {
 *     test('…', async () => { const sandbox = await N8nSandbox.create('x', { line }); … });
 *   });
 *   describeEachLine('uploads', (line) => { … }, ['2.x']);   // one line only
 *
 * N8N_PEERTUBE_E2E_LINES=2.x (or 1.x) restricts a run to some lines, e.g. while developing.
 */
import type { ChildProcess } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { linesUnderTest } from '../../scripts/n8n/ensure.cjs';
import {
	DEFAULT_LINE,
	N8N_LINES,
	N8N_RELEASES,
	N8N_VERSION,
	NODE_VERSION,
	type CliResult,
	type N8nLine,
	type UserFolder,
	freePort,
	isReady,
	n8nDir,
	n8nEnv,
	nodeDir,
	parseRawOutput,
	prepareUserFolder,
	repoRoot,
	runN8nCli,
	spawnN8n,
	waitForHttp,
} from '../../scripts/n8n/common.cjs';

export const CREDENTIAL_ID = 'ptDemoCredential';
export const CREDENTIAL_NAME = 'PeerTube demo (local stand-in)';

export { DEFAULT_LINE, N8N_LINES, N8N_RELEASES, N8N_VERSION, type N8nLine, linesUnderTest };

/** Fails (never skips) when the pinned n8n of that line is not in the cache. */
export function assertN8nInstalled(line: N8nLine = DEFAULT_LINE): void {
	const rel = N8N_RELEASES[line];
	const nodeMissing = rel.node === 'cached' && !isReady(nodeDir());
	if (nodeMissing || !isReady(n8nDir(line))) {
		throw new Error(
			`n8n ${rel.version} is not installed in ${n8nDir(line)}${rel.node === 'cached' ? ` (or Node ${NODE_VERSION} in ${nodeDir()})` : ''}. ` +
				`Run \`node build/scripts/n8n/ensure.cjs --line ${line}\` (npm run test:e2e does it first) and look at its message: the real-n8n tier cannot run without it.`,
		);
	}
}

/**
 * `describe(title, …)` once per n8n line under test, titled "<title> (n8n 1.123.81)". `lines`
 * limits it to the lines a test file supports (default: every line). Lines filtered out by
 * N8N_PEERTUBE_E2E_LINES are left out; when none is left, the file has one test that says so
 * (jest refuses files without tests) rather than passing silently.
 */
export function describeEachLine(title: string, fn: (line: N8nLine) => void, lines: readonly N8nLine[] = N8N_LINES): void {
	const selected = linesUnderTest().filter((l) => lines.includes(l));
	if (!selected.length) {
		test.todo(`${title}: not run (its n8n lines ${lines.join(', ')} are filtered out by N8N_PEERTUBE_E2E_LINES)`);
		return;
	}
	for (const line of selected) describe(`${title} (n8n ${N8N_RELEASES[line].version})`, () => fn(line));
}

export interface RunData {
	[node: string]: Array<{
		data?: { main: Array<Array<{ json: Record<string, any> }> | null> };
		error?: { message: string; description?: string };
		executionStatus?: string;
	}>;
}

export interface ExecutionResult extends CliResult {
	/** parsed run (IRun) when n8n printed one */
	run?: { status?: string; data: { resultData: { runData: RunData; error?: { message: string; description?: string } } } };
	/** everything n8n printed */
	output: string;
}

export function readExample(file: string): any {
	return JSON.parse(fs.readFileSync(path.join(repoRoot(), 'examples', file), 'utf8'));
}

/** Output items of one node in a run (main output `index`, first run). */
/** A PeerTube node using the sandbox's imported credential, for workflows built in a test. */
export function peerTubeNode(id: number, name: string, parameters: Record<string, unknown>, x: number, typeVersion = 2): Record<string, unknown> {
	return {
		id: `00000000-0000-4000-8000-0000000000${String(id).padStart(2, '0')}`,
		name,
		type: 'n8n-nodes-peertube.peerTube',
		typeVersion,
		position: [x, 0],
		parameters,
		credentials: { peerTubeApi: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } },
	};
}

/** A workflow: a manual trigger, then these nodes one after the other. */
export function chainWorkflow(id: string, nodes: Array<Record<string, unknown>>): Record<string, unknown> {
	const trigger = { id: '00000000-0000-4000-8000-000000000001', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
	const all = [trigger, ...nodes];
	const connections: Record<string, unknown> = {};
	for (let k = 0; k < all.length - 1; k++) {
		connections[all[k].name as string] = { main: [[{ node: all[k + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name: id, active: false, nodes: all, connections, settings: { executionOrder: 'v1' } };
}

export function itemsOf(run: ExecutionResult['run'], node: string, index = 0): Array<Record<string, any>> {
	const r = run?.data.resultData.runData[node]?.[0];
	if (!r) return [];
	return (r.data?.main?.[index] ?? []).map((i) => i.json);
}

export interface SandboxOptions {
	/** which n8n (default DEFAULT_LINE, 2.x) */
	line?: N8nLine;
}

export class N8nSandbox {
	readonly root: string;

	private constructor(
		readonly userFolder: UserFolder,
		readonly brokerPort: number,
		readonly line: N8nLine,
	) {
		this.root = userFolder.root;
	}

	/** the n8n version this sandbox runs */
	get version(): string {
		return N8N_RELEASES[this.line].version;
	}

	static async create(label = 'e2e', opts: SandboxOptions = {}): Promise<N8nSandbox> {
		const line = opts.line ?? DEFAULT_LINE;
		assertN8nInstalled(line);
		const root = fs.mkdtempSync(path.join(os.tmpdir(), `n8n-peertube-${label}-${line.replace('.', '')}-`));
		const uf = prepareUserFolder(root, { encryptionKey: crypto.randomBytes(24).toString('base64url') });
		return new N8nSandbox(uf, await freePort(), line);
	}

	env(port?: number): NodeJS.ProcessEnv {
		return n8nEnv({
			userFolder: this.userFolder,
			line: this.line,
			brokerPort: this.brokerPort,
			port: port ?? 5678,
			extra: { N8N_LOG_LEVEL: 'info', N8N_RUNNERS_TASK_TIMEOUT: '120' },
		});
	}

	async cli(args: string[]): Promise<CliResult> {
		return runN8nCli(args, this.env());
	}

	async cliOk(args: string[]): Promise<CliResult> {
		const r = await this.cli(args);
		if (r.code !== 0) throw new Error(`n8n ${args.join(' ')} failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
		return r;
	}

	async importCredential(data: Record<string, unknown>, id = CREDENTIAL_ID, name = CREDENTIAL_NAME): Promise<void> {
		const file = path.join(this.root, `cred-${crypto.randomBytes(4).toString('hex')}.json`);
		fs.writeFileSync(file, JSON.stringify([{ id, name, type: 'peerTubeApi', data }]), { mode: 0o600 });
		try {
			await this.cliOk(['import:credentials', `--input=${file}`]);
		} finally {
			fs.rmSync(file, { force: true });
		}
	}

	async importWorkflow(workflow: Record<string, unknown>): Promise<string> {
		const file = path.join(this.root, `wf-${crypto.randomBytes(4).toString('hex')}.json`);
		fs.writeFileSync(file, JSON.stringify(workflow));
		try {
			await this.cliOk(['import:workflow', `--input=${file}`]);
		} finally {
			fs.rmSync(file, { force: true });
		}
		return String(workflow.id);
	}

	async execute(workflowId: string): Promise<ExecutionResult> {
		const r = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput']);
		const output = `${r.stdout}\n${r.stderr}`;
		let run: ExecutionResult['run'];
		try {
			run = parseRawOutput(r.stdout) as ExecutionResult['run'];
		} catch {
			run = undefined;
		}
		return { ...r, run, output };
	}

	/** Credentials as n8n stores them, decrypted (`n8n export:credentials --all --decrypted`). */
	async exportCredentials(): Promise<Array<{ id: string; name: string; type: string; data: Record<string, any> }>> {
		const file = path.join(this.root, `export-${crypto.randomBytes(4).toString('hex')}.json`);
		try {
			await this.cliOk(['export:credentials', '--all', '--decrypted', `--output=${file}`]);
			return JSON.parse(fs.readFileSync(file, 'utf8'));
		} finally {
			fs.rmSync(file, { force: true });
		}
	}

	/** `n8n start` on a free port; resolves when /healthz/readiness answers. */
	async start(): Promise<RunningN8n> {
		const port = await freePort();
		const child = spawnN8n(['start'], this.env(port), { stdio: ['ignore', 'pipe', 'pipe'] });
		let log = '';
		child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
		child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
		const running = new RunningN8n(`http://127.0.0.1:${port}`, child, () => log, this.line);
		try {
			await waitForHttp(`${running.url}/healthz/readiness`, 120_000, child);
			// n8n 1.x answers readiness once its database is migrated, before the REST API is mounted
			await waitForHttp(`${running.url}/rest/settings`, 120_000, child);
		} catch (e) {
			await running.stop();
			throw new Error(`${(e as Error).message}\n${log}`);
		}
		return running;
	}

	dispose(): void {
		fs.rmSync(this.root, { recursive: true, force: true });
	}
}

export class RunningN8n {
	private cookie = '';
	private readonly browserId = crypto.randomUUID();

	constructor(
		readonly url: string,
		readonly child: ChildProcess,
		readonly log: () => string,
		readonly line: N8nLine = DEFAULT_LINE,
	) {}

	async request(method: string, urlPath: string, body?: unknown): Promise<{ status: number; json: any; text: string }> {
		const res = await fetch(`${this.url}${urlPath}`, {
			method,
			headers: {
				'content-type': 'application/json',
				'browser-id': this.browserId,
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = res.headers.getSetCookie?.() ?? [];
		const auth = setCookie.find((c) => c.startsWith('n8n-auth='));
		if (auth) this.cookie = auth.split(';')[0];
		const text = await res.text();
		let json: any;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return { status: res.status, json, text };
	}

	/** Creates the owner account (first visit of the editor) and keeps its session cookie. */
	async setupOwner(): Promise<{ email: string; password: string }> {
		const owner = { email: 'owner@example.com', firstName: 'E2E', lastName: 'Owner', password: 'E2e-Owner-Passw0rd' };
		let r = await this.request('POST', '/rest/owner/setup', owner);
		// routes are mounted one by one while n8n starts: a 404 right after /rest/settings means "not yet"
		for (let i = 0; i < 60 && r.status === 404; i++) {
			await new Promise((resolve) => setTimeout(resolve, 1000));
			r = await this.request('POST', '/rest/owner/setup', owner);
		}
		if (r.status !== 200) throw new Error(`POST /rest/owner/setup answered ${r.status}: ${r.text}`);
		return owner;
	}

	get sessionCookie(): string {
		return this.cookie;
	}

	get browserIdHeader(): string {
		return this.browserId;
	}

	stop(): Promise<void> {
		return new Promise((resolve) => {
			if (this.child.exitCode !== null || this.child.signalCode !== null) return resolve();
			const kill = setTimeout(() => this.child.kill('SIGKILL'), 20_000);
			this.child.once('exit', () => {
				clearTimeout(kill);
				resolve();
			});
			this.child.kill('SIGTERM');
		});
	}
}

/** Token endpoint calls in a stand-in request log, by grant type. */
export function tokenGrants(requests: Array<{ method: string; path: string; body: Buffer }>): string[] {
	return requests
		.filter((r) => r.method === 'POST' && r.path === '/api/v1/users/token')
		.map((r) => new URLSearchParams(r.body.toString('utf8')).get('grant_type') ?? '?');
}
