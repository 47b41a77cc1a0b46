/**
 * The n8n side of the upload benchmark, in its own process (started with --expose-gc) so that its
 * memory is measured alone: stores a file of the asked size in n8n's filesystem binary data, then
 * runs Video → Upload through n8n-core while sampling its RSS. Answers over IPC.
 */
import { createHash, randomBytes } from 'crypto';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { constants, PerformanceObserver } from 'perf_hooks';
import { Readable } from 'stream';

process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-peertube-bench-upload-'));
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS = 'false';
process.env.N8N_LOG_LEVEL = 'silent';
delete process.env.N8N_SSRF_PROTECTION_ENABLED;

const BLOCK = 1024 * 1024;

async function main(): Promise<void> {
	const { url, size, username, password, forceGc } = JSON.parse(process.argv[2]) as {
		url: string;
		size: number;
		username: string;
		password: string;
		forceGc?: boolean;
	};
	const { Container } = await import('@n8n/di');
	const { BinaryDataService } = await import('n8n-core');
	const { CredentialStore, runNode } = await import('../test/helpers/n8n.cjs');

	// the file, written through n8n's own binary data service (filesystem mode), as a node would
	const service = Container.get(BinaryDataService);
	await service.init();
	(service as unknown as { mode: string }).mode = 'filesystem-v2';
	const base = randomBytes(BLOCK);
	const hash = createHash('sha256');
	let written = 0;
	const source = new Readable({
		read() {
			if (written >= size) {
				this.push(null);
				return;
			}
			const block = Buffer.from(base);
			block.writeBigUInt64BE(BigInt(written), 0); // every block differs
			const piece = block.subarray(0, Math.min(BLOCK, size - written));
			written += piece.length;
			hash.update(piece);
			this.push(piece);
		},
	});
	const binary = await service.store({ type: 'execution', workflowId: 'wf-test', executionId: 'exec-test' } as never, source, {
		data: '',
		mimeType: 'video/mp4',
		fileName: 'bench-2GiB.mp4',
	});
	const sha256 = hash.digest('hex');
	const filePath = service.getPath(binary.id!);

	const store = new CredentialStore();
	store.set('cred-1', { instanceUrl: url, username, password });
	// warm up n8n-core and log in (not measured): one Get Many of nothing
	await runNode({ resource: 'video', operation: 'getAll', source: 'mine', returnAll: false, limit: 1 }, { store });

	// No forced collection before the timed upload unless asked (--gc-before-upload): after a forced
	// full GC, V8 sets this small process's old-generation limit at about 1.6x its 38 MB heap, and the
	// file reads (external memory) then start a full marking at almost every chunk (measured: 50
	// mark-compacts in a 512 MiB upload instead of 2), a state of this harness, not of the node.
	if (forceGc) (globalThis as { gc?: () => void }).gc?.();
	await new Promise((resolve) => setTimeout(resolve, 200));
	const baseline = process.memoryUsage.rss();
	const maxRssBefore = process.resourceUsage().maxRSS * 1024;
	let peak = baseline;
	const sampler = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage.rss());
	}, 10);
	// garbage collections during the upload: full (mark-compact) ones show the external-memory
	// pressure of the file reads, the cause of the slow runs
	const gc = { full: 0, scavenges: 0, ms: 0 };
	const gcObserver = new PerformanceObserver((list) => {
		for (const entry of list.getEntries()) {
			const kind = (entry as unknown as { detail?: { kind?: number } }).detail?.kind;
			if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) gc.full++;
			if (kind === constants.NODE_PERFORMANCE_GC_MINOR) gc.scavenges++;
			gc.ms += entry.duration;
		}
	});
	gcObserver.observe({ entryTypes: ['gc'] });
	const cpuBefore = process.cpuUsage();
	const started = process.hrtime.bigint();
	const result = await runNode(
		{ resource: 'video', operation: 'upload', name: 'Bench upload', options: {} },
		{ store, items: [{ json: {}, binary: { data: binary } }] },
	);
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	const cpu = process.cpuUsage(cpuBefore);
	clearInterval(sampler);
	await new Promise((resolve) => setImmediate(resolve));
	gcObserver.disconnect();
	peak = Math.max(peak, process.memoryUsage.rss());
	const maxRssAfter = process.resourceUsage().maxRSS * 1024;
	// the kernel's high-water mark catches spikes the sampler missed, when it rose during the upload
	if (maxRssAfter > maxRssBefore) peak = Math.max(peak, maxRssAfter);
	process.send?.({
		ms,
		cpuMs: (cpu.user + cpu.system) / 1000,
		userMs: cpu.user / 1000,
		nodeVersion: process.version,
		gc,
		baseline,
		peak,
		sha256,
		filePath,
		error: result.error?.message,
		video: result.items[0]?.json?.uuid,
		token: String(store.get('cred-1').accessToken ?? ''),
	});
}

main().catch((error) => {
	process.send?.({ error: String((error as Error).stack ?? error) });
});
