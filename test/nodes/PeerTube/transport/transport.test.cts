import { credentialData, type Instance, run, startInstance, storeWith, USER, videoGetAll } from '../../../helpers/fixture.cjs';

describe('transport: retries and errors', () => {
	let instance: Instance;
	const store = () => storeWith(credentialData(instance.server, USER));
	const requestsTo = (method: string, path: string) => instance.server.requests.filter((r) => r.method === method && r.path === path);

	afterEach(async () => await instance.server.close());

	describe('429: waits Retry-After, then sends again', () => {
		beforeEach(async () => {
			instance = await startInstance();
			instance.server.addVideos(3, { channelName: 'alice_channel' });
		});

		it('honours Retry-After on a read', async () => {
			instance.server.failNext('GET', '/api/v1/videos', 429, 1, { 'Retry-After': '1' });
			const result = await run(videoGetAll(), store());
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(3);
			const lists = requestsTo('GET', '/api/v1/videos');
			expect(lists.map((r) => r.status)).toEqual([429, 200]);
			expect(lists[1].at - lists[0].at).toBeGreaterThanOrEqual(950);
		});

		it('retries a write on 429 (PeerTube did nothing), but only then', async () => {
			const [video] = instance.server.addVideos(1, { channelName: 'alice_channel' });
			instance.server.failNext('PUT', `/api/v1/videos/${video.id}`, 429, 1, { 'Retry-After': '0' });
			const result = await run({ resource: 'video', operation: 'update', videoId: String(video.id), updateFields: { name: 'After 429' } }, store());
			expect(result.error).toBeUndefined();
			expect(requestsTo('PUT', `/api/v1/videos/${video.id}`).map((r) => r.status)).toEqual([429, 204]);
		});

		it('gives up after 3 retries and says so', async () => {
			instance.server.failNext('GET', '/api/v1/videos', 429, 10, { 'Retry-After': '0' });
			const result = await run(videoGetAll(), store());
			expect(result.error?.message).toMatch(/PeerTube's rate limit was hit and did not clear after 3 retries/);
			expect(requestsTo('GET', '/api/v1/videos')).toHaveLength(4);
		});

		it('does not sleep for an unreasonable Retry-After: fails at once and says when to retry', async () => {
			instance.server.failNext('GET', '/api/v1/videos', 429, 1, { 'Retry-After': '600' });
			const result = await run(videoGetAll(), store());
			expect(result.error?.message).toMatch(/PeerTube asks to retry in 600 s/);
			expect(requestsTo('GET', '/api/v1/videos')).toHaveLength(1);
		});
	});

	it('Return All over 1 000 videos against an instance allowing 4 requests/s: the 429s it meets are waited out and every page arrives', async () => {
		instance = await startInstance({ apiRateLimit: { max: 4, windowMs: 1000 } });
		instance.server.addVideos(1000);
		const result = await run(videoGetAll(), store());
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1000);
		const lists = requestsTo('GET', '/api/v1/videos');
		expect(lists.filter((r) => r.status === 200)).toHaveLength(10);
		// every 429 was followed by the same page again, so no page was lost or repeated
		expect(lists.filter((r) => r.status === 200).map((r) => Number(r.query.start))).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900]);
		expect(lists.filter((r) => r.status !== 200 && r.status !== 429)).toHaveLength(0);
	});

	describe('5xx', () => {
		beforeEach(async () => {
			instance = await startInstance();
			instance.server.addVideos(2, { channelName: 'alice_channel' });
		});

		it('retries a read a bounded number of times', async () => {
			instance.server.failNext('GET', '/api/v1/videos', 502, 2);
			const result = await run(videoGetAll(), store());
			expect(result.error).toBeUndefined();
			expect(requestsTo('GET', '/api/v1/videos').map((r) => r.status)).toEqual([502, 502, 200]);
		});

		it('reports a read that keeps failing', async () => {
			instance.server.failNext('GET', '/api/v1/videos', 503, 5);
			const result = await run(videoGetAll(), store());
			expect(result.error?.message).toMatch(/^PeerTube failed to answer \(HTTP 503\)/);
			expect(result.error?.httpCode).toBe('503');
			expect(requestsTo('GET', '/api/v1/videos')).toHaveLength(3);
		});

		it('never retries a write blindly', async () => {
			const [video] = instance.server.addVideos(1, { channelName: 'alice_channel' });
			instance.server.failNext('PUT', `/api/v1/videos/${video.id}`, 500, 1);
			const result = await run({ resource: 'video', operation: 'update', videoId: String(video.id), updateFields: { name: 'Maybe' } }, store());
			expect(result.error?.message).toMatch(/PeerTube failed to answer \(HTTP 500\)/);
			expect(requestsTo('PUT', `/api/v1/videos/${video.id}`)).toHaveLength(1);
		});
	});

	it('PeerTube\'s RFC 7807 detail and code reach the user', async () => {
		instance = await startInstance();
		const result = await run(videoGetAll({ returnAll: false, limit: 5, filters: { sort: '-trendingNope' } }), store());
		expect(result.error?.message).toMatch(/^PeerTube rejected the request \(HTTP 400\)/);
		expect(result.error?.description).toMatch(/sort: /);
		expect(result.error?.httpCode).toBe('400');
	});

	it('with Continue On Fail, Get Many turns a failing item into an error item and goes on', async () => {
		instance = await startInstance();
		instance.server.addVideos(2, { channelName: 'alice_channel' });
		const items = [{ json: { channel: 'alice_channel' } }, { json: { channel: 'missing_channel' } }, { json: { channel: 'alice_channel' } }];
		const result = await run(videoGetAll({ source: 'channel', channelHandle: '={{ $json.channel }}' }), store(), { items, continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 1 }, { item: 2 }, { item: 2 }]);
		expect(result.items[2].json.error).toBe('There is no channel "missing_channel" on this PeerTube instance: check Channel Handle');
	});
});
