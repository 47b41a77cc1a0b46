/**
 * Pacing under PeerTube's API rate limit, through n8n-core against the stand-in enforcing it:
 * bulk runs slow down instead of failing, the state is shared by concurrent executions, and
 * administrators (exempt on PeerTube, though the headers still come) are not slowed down.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { ADMIN, credentialData, run, startInstance, storeWith, USER, type Instance } from '../../../helpers/fixture.cjs';
import { configurePacing, paceKey, paceState, resetPacing } from '../../../../nodes/PeerTube/transport/pacing';

let instance: Instance;

afterEach(async () => {
	await instance?.server.close();
	resetPacing();
});

function items(n: number, videoIds: number[]): INodeExecutionData[] {
	return Array.from({ length: n }, (_, i) => ({ json: { id: videoIds[i % videoIds.length] } }));
}

const updateByItem = {
	resource: 'video',
	operation: 'update',
	videoId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
	updateFields: { description: 'Paced description' },
};

function apiAnswers() {
	return instance.server.requests.filter((r) => r.path.startsWith('/api/v1/') && r.path !== '/api/v1/users/token');
}

describe('pacing under the API rate limit', () => {
	it('a bulk Update as a non-moderator under 50 requests / 10 s: every item succeeds, at most one 429', async () => {
		instance = await startInstance({ apiRateLimit: { max: 50, windowMs: 10_000 } });
		const videos = instance.server.addVideos(5, { channelName: 'alice_channel' }).map((v) => v.id);
		const store = storeWith(credentialData(instance.server, USER));
		const started = Date.now();
		const result = await run(updateByItem, store, { items: items(40, videos), continueOnFail: true });
		const elapsed = Date.now() - started;
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(40);
		expect(result.items.filter((item) => item.json.error !== undefined)).toHaveLength(0);
		const answers = apiAnswers();
		// 40 × (PUT + GET), the config read and one role check: more than one window's worth
		expect(answers.length).toBeGreaterThan(50);
		const limited = answers.filter((r) => r.status === 429).length;
		expect(limited).toBeLessThanOrEqual(1);
		// it had to wait for the next window rather than being answered 429
		expect(elapsed).toBeGreaterThan(5_000);
		const state = paceState(paceKey(instance.server.url, USER.username));
		expect(state.exempt).toBe(false);
		expect(state.waits).toBeGreaterThan(0);
	}, 60_000);

	it('two executions at once share one budget per instance and account', async () => {
		instance = await startInstance({ apiRateLimit: { max: 10, windowMs: 1_000 } });
		const videos = instance.server.addVideos(3, { channelName: 'alice_channel' }).map((v) => v.id);
		// one credential store, as n8n has one credential row; logged in before the two runs start
		const store = storeWith(credentialData(instance.server, USER));
		await run({ resource: 'video', operation: 'get', videoId: { __rl: true, mode: 'id', value: String(videos[0]) } }, store);
		instance.server.clearRequests();
		const [a, b] = await Promise.all([
			run(updateByItem, store, { items: items(12, videos), continueOnFail: true }),
			run(updateByItem, store, { items: items(12, videos), continueOnFail: true }),
		]);
		for (const result of [a, b]) {
			expect(result.error).toBeUndefined();
			expect(result.items.filter((item) => item.json.error !== undefined)).toHaveLength(0);
		}
		const answers = apiAnswers();
		expect(answers.length).toBeGreaterThanOrEqual(48);
		expect(answers.filter((r) => r.status === 429).length).toBeLessThanOrEqual(2);
	}, 60_000);

	it('does not slow down an administrator (exempt on PeerTube): it learns the role once', async () => {
		instance = await startInstance({ apiRateLimit: { max: 10, windowMs: 10_000 } });
		const videos = instance.server.addVideos(3).map((v) => v.id);
		const store = storeWith(credentialData(instance.server, ADMIN));
		const started = Date.now();
		const result = await run(updateByItem, store, { items: items(20, videos) });
		const elapsed = Date.now() - started;
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(20);
		const answers = apiAnswers();
		expect(answers.filter((r) => r.status === 429)).toHaveLength(0);
		expect(instance.server.count('GET', '/api/v1/users/me')).toBe(1);
		// 40+ requests past a limit of 10 per 10 s, and no window waited for
		expect(elapsed).toBeLessThan(8_000);
		const state = paceState(paceKey(instance.server.url, ADMIN.username));
		expect(state.exempt).toBe(true);
		expect(state.waits).toBe(0);
	}, 60_000);

	it('with pacing off, the same bulk run meets 429s (the safety net retries them)', async () => {
		configurePacing({ enabled: false });
		instance = await startInstance({ apiRateLimit: { max: 10, windowMs: 1_000 } });
		const videos = instance.server.addVideos(3, { channelName: 'alice_channel' }).map((v) => v.id);
		const store = storeWith(credentialData(instance.server, USER));
		const result = await run(updateByItem, store, { items: items(10, videos), continueOnFail: true });
		expect(result.items).toHaveLength(10);
		expect(apiAnswers().filter((r) => r.status === 429).length).toBeGreaterThan(0);
	}, 60_000);
});
