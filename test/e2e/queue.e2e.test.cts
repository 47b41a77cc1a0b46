/**
 * n8n in queue mode (main + 2 workers, PostgreSQL, Redis): many executions of a PeerTube workflow
 * at once on one credential, run by the workers, and what PeerTube sees of the logins.
 */
import { PeerTubeStandin } from '../../standin/server.cjs';
import { QueueCluster } from './queue.cjs';
import { tokenGrants } from './harness.cjs';

const PASSWORD = 'Queue-Passw0rd-5150';
const CREDENTIAL_ID = 'ptQueueCredential';
const WORKFLOW_ID = 'ptQueueWebhookWf';
const RUNS = 20;

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

const startedOn = (log: string) => (log.match(/Worker started execution/g) ?? []).length;

describe('queue mode: main + 2 workers, PostgreSQL, Redis', () => {
	let standin: PeerTubeStandin;
	let cluster: QueueCluster;
	let disposed = false;

	beforeAll(async () => {
		// the API limiter is off so the counts below are exact; the login limiter (15 / 5 min) stays on:
		// a login storm would show as failures
		standin = await PeerTubeStandin.start({ apiRateLimit: false });
		standin.addUser({ username: 'publisher', password: PASSWORD, role: 'user' });
		standin.addVideos(7, (i) => ({ name: `Queued video ${i + 1}`, channelName: 'publisher_channel' }));
		cluster = new QueueCluster('queue');
		await cluster.init();
		await cluster.importJson('credentials', [
			{ id: CREDENTIAL_ID, name: 'PeerTube (queue)', type: 'peerTubeApi', data: { instanceUrl: standin.url, username: 'publisher', password: PASSWORD } },
		]);
		await cluster.importJson('workflow', workflow);
		await cluster.cli(['publish:workflow', `--id=${WORKFLOW_ID}`]);
		await cluster.startMain();
		await Promise.all([cluster.startWorker('worker-1'), cluster.startWorker('worker-2')]);
	}, 600_000);

	afterAll(async () => {
		if (!disposed) await cluster?.dispose();
		await standin?.close();
	}, 120_000);

	test(`${RUNS} executions at once on one credential: all succeed on the workers, at most 2 logins`, async () => {
		const results = await fire(cluster, RUNS);
		expect(results.map((r) => r.status)).toEqual(Array(RUNS).fill(200));
		for (const r of results) expect(r.names).toHaveLength(5);
		expect(results[0].names.every((name) => /^Queued video \d$/.test(name))).toBe(true);

		// the workers ran them, not the main process
		const perWorker = cluster.workers().map((w) => startedOn(w.log()));
		expect(perWorker.reduce((a, b) => a + b, 0)).toBe(RUNS);
		expect(startedOn(cluster.logOf('main'))).toBe(0);

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
		expect(results.map((r) => r.status)).toEqual(Array(5).fill(200));
		expect(standin.logins()).toHaveLength(0);
	}, 300_000);

	test(`the access token expiring while ${RUNS} executions run: no login storm`, async () => {
		standin.expireAccessTokens();
		standin.clearRequests();
		const results = await fire(cluster, RUNS);
		expect(results.map((r) => r.status)).toEqual(Array(RUNS).fill(200));
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
