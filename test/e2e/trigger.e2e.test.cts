/**
 * PeerTube Trigger in real n8n: an active workflow polls the stand-in every minute (the shortest
 * interval n8n offers). Activation records a baseline (no execution for what already exists); a
 * new video and a new comment give exactly one execution each; n8n is restarted and a video added
 * while it was down still gives exactly one execution (the state survived in n8n's database).
 * Takes about five minutes of wall time.
 */
import { PeerTubeStandin } from '../../standin/server.cjs';
import { addComment } from '../../standin/routes/comments.cjs';
import { N8nSandbox, type RunningN8n } from './harness.cjs';

const PASSWORD = 'Trigger-Passw0rd-77';
const CREDENTIAL_ID = 'ptTriggerCredential';
const WORKFLOW_ID = 'ptTriggerWorkflow01';
const OWNER = { email: 'owner@example.com', password: 'E2e-Owner-Passw0rd' };

const trigger = (id: string, name: string, parameters: Record<string, unknown>, x: number) => ({
	id,
	name,
	type: 'n8n-nodes-peertube.peerTubeTrigger',
	typeVersion: 1,
	position: [x, 0],
	parameters: { ...parameters, pollTimes: { item: [{ mode: 'everyMinute' }] } },
	credentials: { peerTubeApi: { id: CREDENTIAL_ID, name: 'PeerTube (trigger)' } },
});

const workflow = {
	id: WORKFLOW_ID,
	name: 'PeerTube Trigger e2e',
	active: false,
	nodes: [
		trigger('c0000000-0000-4000-8000-000000000001', 'New video', { event: 'newVideo', source: 'mine', simplify: true }, 0),
		trigger('c0000000-0000-4000-8000-000000000002', 'New comment', { event: 'newComment', commentsOn: 'myVideos' }, 300),
	],
	connections: {},
	settings: { executionOrder: 'v1' },
};

async function sleepMs(ms: number): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
	const until = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
		await sleepMs(2000);
	}
}

interface ExecutionSummary {
	id: string;
	status: string;
	/** the execution's stored data (n8n's flatted text): enough to see which items it carried */
	data: string;
}

async function executions(n8n: RunningN8n): Promise<ExecutionSummary[]> {
	const list = await n8n.request('GET', `/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: WORKFLOW_ID }))}`);
	if (list.status !== 200) throw new Error(`GET /rest/executions answered ${list.status}: ${list.text}`);
	const results: Array<{ id: string; status: string }> = list.json.data.results ?? list.json.data;
	const out: ExecutionSummary[] = [];
	for (const e of results) {
		const one = await n8n.request('GET', `/rest/executions/${e.id}`);
		out.push({ id: String(e.id), status: e.status, data: String(one.json?.data?.data ?? one.text) });
	}
	return out.sort((a, b) => Number(a.id) - Number(b.id));
}

describe('PeerTube Trigger in real n8n', () => {
	let standin: PeerTubeStandin;
	let sandbox: N8nSandbox;
	let n8n: RunningN8n | undefined;

	beforeAll(async () => {
		standin = await PeerTubeStandin.start({ apiRateLimit: false });
		standin.addUser({ username: 'creator', password: PASSWORD, role: 'user' });
		standin.addUser({ username: 'viewer', password: 'Viewer-Passw0rd-1', role: 'user' });
		const [old] = standin.addVideos(2, (i) => ({ name: `Existing video ${i + 1}`, channelName: 'creator_channel' }));
		addComment(standin, { videoId: old.id, text: 'Existing comment', accountName: 'viewer' });
		sandbox = await N8nSandbox.create('trigger');
		await sandbox.importCredential({ instanceUrl: standin.url, username: 'creator', password: PASSWORD }, CREDENTIAL_ID, 'PeerTube (trigger)');
		await sandbox.importWorkflow(workflow);
		await sandbox.cliOk(['publish:workflow', `--id=${WORKFLOW_ID}`]);
	});

	afterAll(async () => {
		await n8n?.stop();
		await standin?.close();
		sandbox?.dispose();
	});

	const polls = (path: string) => standin.requests.filter((r) => r.method === 'GET' && r.path === path).length;

	it('records a baseline, emits each new item once, and keeps its state across a restart', async () => {
		n8n = await sandbox.start();
		await n8n.setupOwner();
		// activation polls each trigger once: the baseline
		await waitFor('the baseline polls', async () => (polls('/api/v1/users/me/videos') >= 1 && polls('/api/v1/users/me/videos/comments') >= 1 ? true : undefined), 60_000);
		expect(await executions(n8n)).toEqual([]);

		const videoPolls = polls('/api/v1/users/me/videos');
		standin.addVideos(1, { name: 'Fresh video A', channelName: 'creator_channel' });
		addComment(standin, { videoId: 1, text: 'Fresh comment A', accountName: 'viewer' });
		// the next minute's polls find them: one execution each
		const firstTwo = await waitFor('two executions', async () => {
			const list = await executions(n8n!);
			return list.length >= 2 ? list : undefined;
		}, 150_000);
		expect(firstTwo).toHaveLength(2);
		expect(firstTwo.filter((e) => e.data.includes('Fresh video A'))).toHaveLength(1);
		expect(firstTwo.filter((e) => e.data.includes('Fresh comment A'))).toHaveLength(1);
		// nothing from before activation (the comment's execution names its video, which existed)
		expect(firstTwo.some((e) => e.data.includes('Existing comment'))).toBe(false);
		expect(firstTwo.find((e) => e.data.includes('Fresh video A'))!.data).not.toContain('Existing video');
		expect(polls('/api/v1/users/me/videos')).toBeGreaterThan(videoPolls);

		// restart: a video added while n8n is down comes once after it is back
		await n8n.stop();
		n8n = undefined;
		standin.addVideos(1, { name: 'Fresh video B', channelName: 'creator_channel' });
		n8n = await sandbox.start();
		const login = await n8n.request('POST', '/rest/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password });
		expect(login.status).toBe(200);
		const afterRestart = await waitFor('the execution for video B', async () => {
			const list = await executions(n8n!);
			return list.some((e) => e.data.includes('Fresh video B')) ? list : undefined;
		}, 150_000);
		// one more poll cycle: nothing is emitted twice
		const pollsBefore = polls('/api/v1/users/me/videos');
		await waitFor('another poll', async () => (polls('/api/v1/users/me/videos') > pollsBefore + 1 ? true : undefined), 150_000);
		const final = await executions(n8n);
		expect(final).toHaveLength(3);
		expect(afterRestart.filter((e) => e.data.includes('Fresh video B'))).toHaveLength(1);
		expect(final.filter((e) => e.data.includes('Fresh video A'))).toHaveLength(1);
		expect(final.filter((e) => e.data.includes('Fresh comment A'))).toHaveLength(1);
		expect(final.every((e) => e.status === 'success')).toBe(true);
		// one login for the whole test per n8n process at most (the token is stored in the credential)
		expect(standin.logins().length).toBeLessThanOrEqual(2);
	}, 600_000);
});
