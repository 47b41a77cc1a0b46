/**
 * n8n in queue mode (main + 2 workers, PostgreSQL, Redis): many executions of a PeerTube workflow
 * at once on one credential, run by the workers, and what PeerTube sees of the logins; a Video →
 * Upload run by a worker with binary data in n8n's database, byte-identical on the stand-in.
 */
import { createCipheriv, createHash } from 'crypto';
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';

import { PeerTubeStandin } from '../../standin/server.cjs';
import { QueueCluster } from './queue.cjs';
import { tokenGrants } from './harness.cjs';

const PASSWORD = 'Queue-Passw0rd-5150';
const CREDENTIAL_ID = 'ptQueueCredential';
const WORKFLOW_ID = 'ptQueueWebhookWf';
const RUNS = 20;
const UPLOAD_WORKFLOW_ID = 'ptQueueUploadWf';
const CHUNK = 1024 * 1024; // the stand-in's maxChunkSize hint: the upload takes several chunks
const SIZE = 4 * CHUNK + 4321; // 5 chunks, the last one short
const FILE_NAME = 'queue-upload.mp4';

/** Deterministic pseudo-random bytes (AES-256-CTR keystream of a fixed seed): known content, no pattern. */
function pseudoRandomBytes(size: number, seed: string): Buffer {
	const key = createHash('sha256').update(seed).digest();
	const cipher = createCipheriv('aes-256-ctr', key, Buffer.alloc(16));
	return Buffer.concat([cipher.update(Buffer.alloc(size)), cipher.final()]);
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

const workflow = {
	id: WORKFLOW_ID,
	name: 'PeerTube in queue mode',
	active: false,
	nodes: [
		{
			id: 'b0000000-0000-4000-8000-000000000001',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: 'b0000000-0000-4000-8000-0000000000aa',
			parameters: { httpMethod: 'POST', path: 'peertube-queue', responseMode: 'lastNode', responseData: 'allEntries', options: {} },
		},
		{
			id: 'b0000000-0000-4000-8000-000000000002',
			name: 'List videos',
			type: 'n8n-nodes-peertube.peerTube',
			typeVersion: 1,
			position: [240, 0],
			parameters: { resource: 'video', operation: 'getAll', source: 'instance', returnAll: false, limit: 5 },
			credentials: { peerTubeApi: { id: CREDENTIAL_ID, name: 'PeerTube (queue)' } },
		},
	],
	connections: { Webhook: { main: [[{ node: 'List videos', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
};

/** Webhook → HTTP Request (downloads the file, n8n stores it as binary data) → PeerTube Video → Upload. */
const uploadWorkflow = (fileUrl: string) => ({
	id: UPLOAD_WORKFLOW_ID,
	name: 'PeerTube upload in queue mode',
	active: false,
	nodes: [
		{
			id: 'b0000000-0000-4000-8000-000000000011',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: 'b0000000-0000-4000-8000-0000000000bb',
			parameters: { httpMethod: 'POST', path: 'peertube-queue-upload', responseMode: 'lastNode', responseData: 'firstEntryJson', options: {} },
		},
		{
			id: 'b0000000-0000-4000-8000-000000000012',
			name: 'Download',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			position: [240, 0],
			parameters: { url: fileUrl, options: { response: { response: { responseFormat: 'file' } } } },
		},
		{
			id: 'b0000000-0000-4000-8000-000000000013',
			name: 'Upload',
			type: 'n8n-nodes-peertube.peerTube',
			typeVersion: 2,
			position: [480, 0],
			parameters: {
				resource: 'video',
				operation: 'upload',
				binaryPropertyName: 'data',
				name: 'Uploaded by a worker',
				additionalFields: { privacy: 1 },
				options: {},
			},
			credentials: { peerTubeApi: { id: CREDENTIAL_ID, name: 'PeerTube (queue)' } },
		},
	],
	connections: {
		Webhook: { main: [[{ node: 'Download', type: 'main', index: 0 }]] },
		Download: { main: [[{ node: 'Upload', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
});

async function fire(cluster: QueueCluster, n: number): Promise<Array<{ status: number; names: string[] }>> {
	return await Promise.all(
		Array.from({ length: n }, async (_, i) => {
			const res = await fetch(`${cluster.mainUrl}/webhook/peertube-queue`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ run: i }),
			});
			const text = await res.text();
			let names: string[] = [];
			try {
				names = (JSON.parse(text) as Array<{ name: string }>).map((v) => v.name);
			} catch {
				names = [text.slice(0, 300)];
			}
			return { status: res.status, names };
		}),
	);
}

/** 200, or the status with the start of the answer (n8n's error) to show why a run failed. */
const outcomes = (results: Array<{ status: number; names: string[] }>) =>
	results.map((r) => (r.status === 200 ? 200 : `${r.status}: ${r.names.join(', ').slice(0, 300)}`));

/** What PeerTube answered to the token and failed requests, and the workers' error lines. */
function failureContext(standin: PeerTubeStandin, cluster: QueueCluster): string {
	const token = standin.requests
		.filter((r) => r.path === '/api/v1/users/token')
		.map((r) => `${new URLSearchParams(r.body.toString('utf8')).get('grant_type')} → ${r.status}`);
	const failed = standin.requests.filter((r) => r.status >= 400 && r.path !== '/api/v1/users/token').map((r) => `${r.method} ${r.path} → ${r.status}`);
	const errors = cluster
		.workers()
		.flatMap((w) => w.log().split('\n').filter((line) => /error|fail/i.test(line)).slice(-15).map((line) => `${w.name}: ${line.slice(0, 400)}`));
	return [`token requests: ${token.join(', ')}`, `failed requests: ${failed.join(', ') || 'none'}`, ...errors].join('\n');
}

const startedOn = (log: string) => (log.match(/Worker started execution/g) ?? []).length;

describe('queue mode: main + 2 workers, PostgreSQL, Redis', () => {
	let standin: PeerTubeStandin;
	let cluster: QueueCluster;
	let disposed = false;
	/** when the logins of the first test were over */
	let loggedInAt = 0;
	let files: Server | undefined;
	const fileBytes = pseudoRandomBytes(SIZE, 'n8n-nodes-peertube queue upload');
	const fileDownloads: string[] = [];

	beforeAll(async () => {
		// the stand-in serves no media: a plain file server plays the source of the upload
		const server = createServer((req, res) => {
			fileDownloads.push(`${req.method} ${req.url}`);
			if (req.url !== `/media/${FILE_NAME}`) return void res.writeHead(404).end();
			res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(SIZE) }).end(fileBytes);
		});
		files = server;
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const fileUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/media/${FILE_NAME}`;

		// the API limiter is off so the counts below are exact; the login limiter (15 / 5 min) stays on:
		// a login storm would show as failures. The chunk size hint makes the upload take 5 chunks.
		standin = await PeerTubeStandin.start({ apiRateLimit: false, maxChunkSize: CHUNK });
		standin.addUser({ username: 'publisher', password: PASSWORD, role: 'user' });
		standin.addVideos(7, (i) => ({ name: `Queued video ${i + 1}`, channelName: 'publisher_channel' }));
		cluster = new QueueCluster('queue');
		await cluster.init();
		await cluster.importJson('credentials', [
			{ id: CREDENTIAL_ID, name: 'PeerTube (queue)', type: 'peerTubeApi', data: { instanceUrl: standin.url, username: 'publisher', password: PASSWORD } },
		]);
		await cluster.importJson('workflow', workflow);
		await cluster.cli(['publish:workflow', `--id=${WORKFLOW_ID}`]);
		await cluster.importJson('workflow', uploadWorkflow(fileUrl));
		await cluster.cli(['publish:workflow', `--id=${UPLOAD_WORKFLOW_ID}`]);
		await cluster.startMain();
		await Promise.all([cluster.startWorker('worker-1'), cluster.startWorker('worker-2')]);
	}, 600_000);

	afterAll(async () => {
		if (!disposed) await cluster?.dispose();
		await standin?.close();
		await new Promise((resolve) => (files ? files.close(resolve) : resolve(undefined)));
	}, 120_000);

	test(`${RUNS} executions at once on one credential: all succeed on the workers, at most 2 logins`, async () => {
		const results = await fire(cluster, RUNS);
		expect(outcomes(results)).toEqual(Array(RUNS).fill(200));
		for (const r of results) expect(r.names).toHaveLength(5);
		expect(results[0].names.every((name) => /^Queued video \d$/.test(name))).toBe(true);

		// the workers ran them, not the main process
		const perWorker = cluster.workers().map((w) => startedOn(w.log()));
		expect(perWorker.reduce((a, b) => a + b, 0)).toBe(RUNS);
		expect(startedOn(cluster.logOf('main'))).toBe(0);

		loggedInAt = Date.now();
		const grants = tokenGrants(standin.requests);
		expect(grants.filter((g) => g === 'password').length).toBeGreaterThanOrEqual(1);
		expect(grants.length).toBeLessThanOrEqual(2);
		expect(standin.requests.filter((r) => r.status === 429)).toHaveLength(0);

		// the session was saved in n8n's credential store (PostgreSQL), encrypted, for the next runs
		const [stored] = await cluster.exportCredentials();
		expect(standin.issuedTokens().accessTokens).toContain(stored.data.accessToken);
		console.info(`queue mode, ${RUNS} runs at once: per worker ${perWorker.join(' + ')}, token requests: ${grants.join(', ')}`);
	}, 300_000);

	test('later executions reuse the stored token: no login at all', async () => {
		standin.clearRequests();
		const results = await fire(cluster, 5);
		expect(outcomes(results)).toEqual(Array(5).fill(200));
		expect(standin.logins()).toHaveLength(0);
	}, 300_000);

	test('Video → Upload run by a worker, binary data in the database: byte-identical on the stand-in', async () => {
		standin.clearRequests();
		fileDownloads.length = 0;
		const videosBefore = new Set(standin.videos.keys());
		const started = Date.now();
		const res = await fetch(`${cluster.mainUrl}/webhook/peertube-queue-upload`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{}',
		});
		const text = await res.text();
		const ms = Date.now() - started;
		expect({ status: res.status, body: res.status === 200 ? '' : text.slice(0, 2000) }).toEqual({ status: 200, body: '' });
		const output = JSON.parse(text) as { uuid: string; name: string };
		expect(fileDownloads).toEqual([`GET /media/${FILE_NAME}`]);

		// one execution, successful, run by exactly one worker and not by main
		const executions = cluster.query(`select id, status, mode from execution_entity where "workflowId" = '${UPLOAD_WORKFLOW_ID}'`);
		expect(executions).toHaveLength(1);
		const [[executionId, status, mode]] = executions;
		expect({ status, mode }).toEqual({ status: 'success', mode: 'webhook' });
		const ranIt = (log: string) => log.includes(`Worker started execution ${executionId} (`) && log.includes(`Worker finished execution ${executionId} (`);
		const runners = cluster.workers().filter((w) => ranIt(w.log()));
		expect(runners).toHaveLength(1);
		expect(cluster.logOf('main')).not.toContain(`Worker started execution ${executionId} (`);

		// n8n kept the downloaded file in PostgreSQL (database mode), for this execution, as served
		const stored = cluster.query(
			`select "fileSize", encode(sha256(data), 'hex'), "mimeType", "fileName" from binary_data where "sourceType" = 'execution' and "sourceId" = '${executionId}'`,
		);
		expect(stored).toEqual([[String(SIZE), sha256(fileBytes), 'video/mp4', FILE_NAME]]);

		// the stand-in: one upload session, the bytes identical, contiguous chunks of the hint
		const inits = standin.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/videos/upload-resumable');
		expect(inits.map((r) => r.status)).toEqual([201]);
		const puts = standin.requests.filter((r) => r.method === 'PUT' && r.path === '/api/v1/videos/upload-resumable');
		expect(new Set(puts.map((r) => String(r.query.upload_id))).size).toBe(1);
		expect(puts.map((r) => r.status)).toEqual([308, 308, 308, 308, 200]);
		const ranges = puts.map((r) => {
			const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(String(r.headers['content-range']));
			expect(match).not.toBeNull();
			const [start, end, total] = match!.slice(1).map(Number);
			expect(r.body.length).toBe(end - start + 1);
			return { start, end, total };
		});
		ranges.forEach((range, i) => {
			expect(range.total).toBe(SIZE);
			expect(range.start).toBe(i === 0 ? 0 : ranges[i - 1].end + 1);
			expect(range.end - range.start + 1).toBe(i < ranges.length - 1 ? CHUNK : SIZE - 4 * CHUNK);
		});
		expect(ranges[ranges.length - 1].end).toBe(SIZE - 1);
		expect(sha256(Buffer.concat(puts.map((r) => r.body)))).toBe(sha256(fileBytes));
		expect(standin.uploadSessions()).toHaveLength(0);

		const videos = [...standin.videos.values()].filter((v) => !videosBefore.has(v.id));
		expect(videos).toHaveLength(1);
		expect(videos[0].file).toEqual({ filename: FILE_NAME, mimetype: 'video/mp4', size: SIZE, sha256: sha256(fileBytes) });
		expect(output).toMatchObject({ uuid: videos[0].uuid, name: 'Uploaded by a worker' });

		// the token stored by the earlier runs is used: no login, no refresh
		expect(tokenGrants(standin.requests)).toEqual([]);
		expect(standin.requests.filter((r) => r.status === 401 || r.status === 429)).toHaveLength(0);
		console.info(
			`queue mode upload: ${(SIZE / CHUNK).toFixed(2)} MiB in ${puts.length} chunks by ${runners[0].name}, execution ${executionId}, webhook answered in ${ms} ms`,
		);
	}, 300_000);

	test(`the access token expiring while ${RUNS} executions run: no login storm`, async () => {
		// For 15 s after a login, a worker hands its fresh session to executions presenting an older
		// token (credentials/sharedLogin.ts). A real PeerTube token lives 24 h, so that session is
		// still good; the stand-in below expires even tokens issued seconds ago, which would make the
		// worker hand out a dead one. Expire them only once that window is over, as in real life.
		const wait = loggedInAt + 16_000 - Date.now();
		if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
		standin.expireAccessTokens();
		standin.clearRequests();
		const results = await fire(cluster, RUNS);
		if (results.some((r) => r.status !== 200)) console.error(failureContext(standin, cluster));
		expect(outcomes(results)).toEqual(Array(RUNS).fill(200));
		const grants = tokenGrants(standin.requests);
		const passwordLogins = grants.filter((g) => g === 'password').length;
		const refreshes = grants.filter((g) => g === 'refresh_token').length;
		expect(passwordLogins).toBeLessThanOrEqual(2);
		// one refresh per worker at most; a worker whose refresh token was rotated by the other falls back once
		expect(refreshes).toBeLessThanOrEqual(2);
		expect(refreshes + passwordLogins).toBeGreaterThanOrEqual(1);
		console.info(`queue mode, expiry during ${RUNS} runs: ${refreshes} refresh(es), ${passwordLogins} password login(s)`);
	}, 300_000);

	test('stopping the cluster leaves no database and no Redis keys behind', async () => {
		await cluster.dispose();
		disposed = true;
		expect(cluster.leftovers()).toEqual({ database: false, redisKeys: 0 });
	}, 120_000);
});
