/**
 * Benchmark (not a test): Video → Get Many with Return All over 10 000 videos on the stand-in,
 * through n8n-core, beside raw undici paging the same server in the same process; then Video →
 * Upload of a 2 GiB file beside curl (scripts/bench-upload.cts); with `--pacing`, the pacing line
 * (scripts/bench-pacing.cts, more than 800 s).
 * Run with `npm run bench` (flags after `--`: `--pacing`, `--pacing-items=N`, `--upload-mib=N`,
 * `--chunk-mib=N`, `--upload-rounds=N` (3), `--n8n-node=PATH` (the Node binary of the upload's n8n
 * process), `--gc-before-upload`, `--no-list`, `--no-upload`).
 */
import { fork } from 'child_process';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

// n8n-core reads these when it is first loaded
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-peertube-bench-'));
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS = 'false';
process.env.N8N_LOG_LEVEL = 'silent';
delete process.env.N8N_SSRF_PROTECTION_ENABLED;

const VIDEOS = 10_000;
const ROUNDS = 7;

function flag(name: string): string | boolean | undefined {
	const arg = process.argv.slice(2).find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
	if (arg === undefined) return undefined;
	return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : true;
}

async function main(): Promise<void> {
	if (!flag('no-list')) await listBench();
	if (!flag('no-upload')) {
		const { uploadBench } = await import('./bench-upload.cjs');
		// exactly 2 GiB (2^31 bytes): the stand-in hashes the file as its chunks arrive
		const size = flag('upload-mib') ? Number(flag('upload-mib')) * 1024 * 1024 : 2 * 1024 * 1024 * 1024;
		const chunk = Number(flag('chunk-mib') ?? 8) * 1024 * 1024;
		// one round is noisy on a small shared machine (curl alone varied 330–500 MiB/s in one hour):
		// several rounds, each with a new stand-in, n8n process and file; the median decides
		const rounds = Math.max(1, Number(flag('upload-rounds') ?? 3));
		const n8nNode = typeof flag('n8n-node') === 'string' ? (flag('n8n-node') as string) : undefined;
		const results = [];
		for (let round = 1; round <= rounds; round++) {
			const result = await uploadBench(size, chunk, Boolean(flag('gc-before-upload')), n8nNode);
			results.push(result);
			process.stdout.write(`Upload round ${round}/${rounds}: ${result.summary}\n`);
		}
		const byRatio = [...results].sort((a, b) => a.ratio - b.ratio);
		const median = byRatio[Math.floor((byRatio.length - 1) / 2)];
		process.stdout.write(`${median.lines.join('\n')}\n`);
		process.stdout.write(
			`  (the round with the median ratio of ${rounds}; ratios ${results.map((r) => r.ratio.toFixed(2)).join(', ')}; target: median >= 0.80)\n`,
		);
		if (!results.every((r) => r.ok) || median.ratio < 0.8) {
			process.stdout.write('UPLOAD BELOW TARGET or not byte-identical\n');
			process.exitCode ||= 2;
		}
	}
	if (flag('pacing')) {
		const { pacingBench } = await import('./bench-pacing.cjs');
		const pacing = await pacingBench(Number(flag('pacing-items') === true ? 1000 : (flag('pacing-items') ?? 1000)));
		process.stdout.write(`${pacing.lines.join('\n')}\n`);
		if (!pacing.ok) {
			process.stdout.write('PACING BELOW TARGET\n');
			process.exitCode ||= 2;
		}
	}
}

async function listBench(): Promise<void> {
	const { request } = await import('undici');
	const { CredentialStore, runNode } = await import('../test/helpers/n8n.cjs');

	// the instance runs in its own process, as PeerTube would: each side gets its own core
	const child = fork(join(__dirname, 'bench-server.cjs'), [String(VIDEOS)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	const ask = async (cmd: string) =>
		await new Promise<{ url: string; lists: number; logins: number; maxRss: number }>((resolve) => {
			child.once('message', (answer) => resolve(answer as never));
			if (cmd) child.send({ cmd });
		});
	const { url } = await ask('');
	const server = {
		url,
		clearRequests: async () => await ask('clear'),
		stats: async () => await ask('stats'),
	};
	const parameters = { resource: 'video', operation: 'getAll', source: 'instance', returnAll: true };


	// cold: no stored token → one login
	const store = new CredentialStore();
	store.set('cred-1', { instanceUrl: server.url, username: 'bench', password: 'bench-pass-phrase' });
	await server.clearRequests();
	const cold = await runNode(parameters, { store });
	if (cold.error) throw cold.error;
	const { logins: coldLogins, lists: coldLists } = await server.stats();
	const token = String(store.get('cred-1').accessToken);
	const rawPaging = async () => {
		let fetched = 0;
		for (let start = 0; ; start += 100) {
			const response = await request(`${server.url}/api/v1/videos?start=${start}&count=100`, {
				headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
			});
			const page = (await response.body.json()) as { total: number; data: unknown[] };
			fetched += page.data.length;
			if (page.data.length === 0 || start + page.data.length >= page.total) break;
		}
		return fetched;
	};

	// one untimed round each way first, so both sides (and the stand-in) are warmed up alike
	await runNode(parameters, { store });
	await rawPaging();

	const n8nTimes: number[] = [];
	const rawTimes: number[] = [];
	let warmLogins = 0;
	let warmLists = 0;
	let items = 0;
	for (let round = 0; round < ROUNDS; round++) {
		await server.clearRequests();
		let started = process.hrtime.bigint();
		const warm = await runNode(parameters, { store });
		n8nTimes.push(Number(process.hrtime.bigint() - started) / 1e6);
		if (warm.error) throw warm.error;
		items = warm.items.length;
		({ logins: warmLogins, lists: warmLists } = await server.stats());

		started = process.hrtime.bigint();
		const fetched = await rawPaging();
		rawTimes.push(Number(process.hrtime.bigint() - started) / 1e6);
		if (fetched !== VIDEOS) throw new Error(`raw paging fetched ${fetched}`);
	}
	// the kernel's high-water mark: exact, and costs nothing while measuring
	const peakRss = process.resourceUsage().maxRSS * 1024;
	const serverRss = (await server.stats()).maxRss;
	child.send({ cmd: 'close' });

	const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
	const n8nMs = median(n8nTimes);
	const rawMs = median(rawTimes);
	const ratio = rawMs / n8nMs;
	const lines = [
		`PeerTube Get Many, Return All over ${VIDEOS} videos (median of ${ROUNDS} rounds, Node ${process.version})`,
		`  items output:                  ${items}`,
		`  list requests (n8n):           ${warmLists} (must be 100)`,
		`  logins with a stored token:    ${warmLogins} (must be 0)`,
		`  logins without a stored token: ${coldLogins} (must be 1; that run made ${coldLists} list requests)`,
		`  wall time, n8n-core node:      ${n8nMs.toFixed(0)} ms   (rounds: ${n8nTimes.map((t) => t.toFixed(0)).join(', ')})`,
		`  wall time, raw undici:         ${rawMs.toFixed(0)} ms   (rounds: ${rawTimes.map((t) => t.toFixed(0)).join(', ')})`,
		`  throughput ratio n8n / raw:    ${ratio.toFixed(2)} (target >= 0.70)`,
		`  peak RSS, n8n-core process:    ${(peakRss / 1024 / 1024).toFixed(0)} MiB (n8n-core, the node, 10 000 output items, and the raw client)`,
		`  peak RSS, stand-in process:    ${(serverRss / 1024 / 1024).toFixed(0)} MiB`,
	];
	process.stdout.write(`${lines.join('\n')}\n`);
	const ok = warmLists === 100 && warmLogins === 0 && coldLogins === 1 && items === VIDEOS;
	if (!ok) {
		process.stdout.write('FAILED: request or login counts are not what they must be\n');
		process.exitCode = 1;
	} else if (ratio < 0.7) {
		process.stdout.write('BELOW TARGET: the node is slower than 0.7 of raw paging\n');
		process.exitCode = 2;
	}
}

main().catch((error) => {
	process.stderr.write(`${(error as Error).stack ?? error}\n`);
	process.exit(1);
});
