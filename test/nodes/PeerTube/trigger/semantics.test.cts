/**
 * The polling semantics every event shares, shown on New Video (instance, local videos):
 * baseline, Fetch Test Event, exactly-once and oldest-first emission, paging back to the
 * baseline, equal timestamps, deletions, bounded state, failed polls, bounded requests.
 */
import { MAX_PAGES, MAX_SEEN, type PollState } from '../../../../nodes/PeerTube/trigger/poll';
import { type Ctx, HttpError } from '../../../../standin/http.cjs';
import { PeerTubeStandin } from '../../../../standin/server.cjs';
import { credentialData, type Instance, startInstance, storeWith, USER } from '../../../helpers/fixture.cjs';
import { names, TriggerHarness } from '../../../helpers/poll.cjs';

const LIST = '/api/v1/videos';
const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

describe('PeerTube Trigger: polling semantics (New Video, instance local)', () => {
	let instance: Instance;
	let harness: TriggerHarness;

	beforeEach(async () => {
		instance = await startInstance();
		harness = new TriggerHarness({ event: 'newVideo', source: 'instanceLocal', simplify: false }, storeWith(credentialData(instance.server, USER)));
		// what exists before activation
		instance.server.addVideos(3, (i) => ({ channelName: 'alice_channel', name: `old ${i}`, publishedAt: at(i) }));
	});
	afterEach(async () => await instance.server.close());

	const listCalls = () => instance.server.requests.filter((r) => r.method === 'GET' && r.path === LIST);
	const state = () => harness.staticData.peerTubePoll as PollState;
	const addVideos = (n: number, minute: (i: number) => number, prefix = 'new') =>
		instance.server.addVideos(n, (i) => ({ channelName: 'alice_channel', name: `${prefix} ${i}`, publishedAt: at(minute(i)) }));

	it('records a baseline on the first poll and emits nothing', async () => {
		const first = await harness.poll();
		expect(first.error).toBeUndefined();
		expect(first.items).toBeNull();
		expect(listCalls().map((r) => r.query)).toEqual([{ sort: '-publishedAt', isLocal: 'true', start: '0', count: '100' }]);
		// the floor trails the newest time by the window (60 s): ids at or above it are kept
		expect(state().floor).toBe(Date.parse(at(2)) - 60_000);
		expect(state().seen.map(([id]) => id).sort()).toEqual(['2', '3']);

		const second = await harness.poll();
		expect(second.items).toBeNull();
		expect(instance.server.logins()).toHaveLength(1);
	});

	it('Fetch Test Event returns the most recent item with one request and leaves the state alone', async () => {
		const result = await harness.poll('manual');
		expect(result.error).toBeUndefined();
		expect(names(result)).toEqual(['old 2']);
		expect(listCalls().map((r) => r.query)).toEqual([{ sort: '-publishedAt', isLocal: 'true', start: '0', count: '1' }]);
		expect(harness.staticData).toEqual({});
		// and activation afterwards still starts with a baseline
		expect((await harness.poll()).items).toBeNull();
	});

	it('Fetch Test Event on an empty list says so', async () => {
		for (const video of [...instance.server.videos.values()]) instance.server.removeVideo(video);
		const result = await harness.poll('manual');
		expect(result.error?.message).toBe('No New Video event found on this PeerTube instance yet');
	});

	it('emits each new item once, oldest first', async () => {
		await harness.poll();
		addVideos(3, (i) => 10 + (2 - i)); // created newest first, to show the output is sorted
		const second = await harness.poll();
		expect(names(second)).toEqual(['new 2', 'new 1', 'new 0']);
		const third = await harness.poll();
		expect(third.items).toBeNull();
		addVideos(1, () => 20, 'later');
		expect(names(await harness.poll())).toEqual(['later 0']);
		expect((await harness.poll()).items).toBeNull();
	});

	it('pages back to the baseline when more than one page of items arrived', async () => {
		await harness.poll();
		instance.server.clearRequests();
		addVideos(250, (i) => 100 + i);
		const result = await harness.poll();
		expect(result.items).toHaveLength(250);
		expect(names(result)).toEqual(Array.from({ length: 250 }, (_, i) => `new ${i}`));
		// three pages: 0–99, 100–199, 200–252 (the last one reaches the baseline items)
		expect(listCalls().map((r) => [r.query.start, r.query.count])).toEqual([
			['0', '100'],
			['100', '100'],
			['200', '100'],
		]);
		expect((await harness.poll()).items).toBeNull();
	});

	it('keeps the ids at the boundary timestamp: items sharing it are emitted once', async () => {
		// three items at the same minute before activation, then two more at that very minute
		addVideos(3, () => 50, 'same-before');
		await harness.poll();
		addVideos(2, () => 50, 'same-after');
		const result = await harness.poll();
		expect(names(result)).toEqual(['same-after 0', 'same-after 1']);
		expect((await harness.poll()).items).toBeNull();
	});

	it('still finds new items when the newest item seen was deleted between polls', async () => {
		const [newest] = addVideos(1, () => 30, 'boundary');
		await harness.poll();
		instance.server.removeVideo(newest);
		addVideos(2, (i) => 31 + i);
		expect(names(await harness.poll())).toEqual(['new 0', 'new 1']);
		// and a deletion of an older item does not re-emit anything
		instance.server.removeVideo(instance.server.getVideo(1)!);
		expect((await harness.poll()).items).toBeNull();
	});

	it('catches an item that shows up late with a time just below the newest one seen', async () => {
		await harness.poll();
		addVideos(1, () => 100, 'first');
		expect(names(await harness.poll())).toEqual(['first 0']);
		// committed after the previous poll, but stamped 30 s earlier (within the window)
		instance.server.addVideos(1, { channelName: 'alice_channel', name: 'late', publishedAt: new Date(T0 + 100 * 60_000 - 30_000).toISOString() });
		expect(names(await harness.poll())).toEqual(['late']);
		expect((await harness.poll()).items).toBeNull();
	});

	it('keeps the stored state bounded whatever arrives', async () => {
		await harness.poll();
		// 600 items within the same minute: more ids than the state keeps
		addVideos(600, (i) => 200 + i / 1000);
		const result = await harness.poll();
		expect(result.items).toHaveLength(600);
		expect(state().seen.length).toBeLessThanOrEqual(MAX_SEEN);
		expect(JSON.stringify(harness.staticData).length).toBeLessThan(20_000);
		// the floor rose: nothing is emitted twice
		expect((await harness.poll()).items).toBeNull();
		addVideos(1, () => 300, 'after');
		expect(names(await harness.poll())).toEqual(['after 0']);
	});

	it('reads at most MAX_PAGES pages per poll (PeerTube rate limit)', async () => {
		await harness.poll();
		instance.server.clearRequests();
		addVideos(MAX_PAGES * 100 + 150, (i) => 1000 + i);
		const result = await harness.poll();
		expect(listCalls()).toHaveLength(MAX_PAGES);
		// the newest MAX_PAGES pages are emitted, oldest of them first
		expect(result.items).toHaveLength(MAX_PAGES * 100);
		expect(names(result)[0]).toBe('new 150');
		expect((await harness.poll()).items).toBeNull();
	});

	it('a failed poll leaves the state unchanged and the next poll recovers everything', async () => {
		await harness.poll();
		const before = structuredClone(harness.staticData);
		addVideos(150, (i) => 100 + i);
		// PeerTube is down: the list request fails, and so do the transport's two retries
		instance.server.clearRequests();
		instance.server.failNext('GET', LIST, 503, 3);
		const failed = await harness.poll();
		expect(failed.error?.message).toMatch(/PeerTube failed to answer \(HTTP 503\)/);
		expect(listCalls()).toHaveLength(3);
		expect(harness.staticData).toEqual(before);

		const recovered = await harness.poll();
		expect(recovered.items).toHaveLength(150);
		expect(names(recovered)[0]).toBe('new 0');
		expect((await harness.poll()).items).toBeNull();
	});

	it('a poll failing on its second page stores nothing: the next poll emits all of them once', async () => {
		await harness.poll();
		const before = structuredClone(harness.staticData);
		addVideos(150, (i) => 100 + i);
		// the instance answers the first page, then fails on the second one (and on its retries)
		const server = instance.server;
		const dispatch = server.dispatch.bind(server);
		let failing = true;
		server.dispatch = async (ctx: Ctx) => {
			if (failing && ctx.path === LIST && ctx.query.start?.[0] === '100') throw new HttpError(503, 'Service unavailable');
			return await dispatch(ctx);
		};
		server.clearRequests();
		const failed = await harness.poll();
		expect(failed.error?.message).toMatch(/PeerTube failed to answer \(HTTP 503\)/);
		expect(listCalls().map((r) => r.query.start)).toEqual(['0', '100', '100', '100']);
		expect(harness.staticData).toEqual(before);

		failing = false;
		const recovered = await harness.poll();
		expect(names(recovered)).toEqual(Array.from({ length: 150 }, (_, i) => `new ${i}`));
		expect((await harness.poll()).items).toBeNull();
	});

	it("stays under PeerTube's rate limit (50 requests / 10 s) on a poll of the most pages", async () => {
		// a stand-in with PeerTube's own limiter on, for a plain user (not exempt)
		const limited = await PeerTubeStandin.start({ loginRateLimit: false });
		try {
			limited.addUser(USER);
			const h = new TriggerHarness({ event: 'newVideo', source: 'instanceLocal', simplify: false }, storeWith(credentialData(limited, USER)));
			await h.poll();
			limited.addVideos(MAX_PAGES * 100 + 50, (i) => ({ channelName: 'alice_channel', publishedAt: at(100 + i) }));
			const result = await h.poll();
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(MAX_PAGES * 100);
			expect(limited.requests.filter((r) => r.status === 429)).toHaveLength(0);
			expect(limited.requests.length).toBeLessThanOrEqual(MAX_PAGES + 1 + 2);
		} finally {
			await limited.close();
		}
	});

	it('starts a new baseline when the event changes', async () => {
		await harness.poll();
		harness.setParameters({ event: 'newVideo', source: 'instanceAll', simplify: false });
		addVideos(2, (i) => 100 + i);
		// another list: its first poll is a baseline, not a flood of "new" items
		expect((await harness.poll()).items).toBeNull();
		addVideos(1, () => 200, 'after');
		expect(names(await harness.poll())).toEqual(['after 0']);
	});

	it('Simplify gives the documented subset with absolute URLs', async () => {
		harness.setParameters({ event: 'newVideo', source: 'instanceLocal' });
		const result = await harness.poll('manual');
		const video = result.items![0].json;
		expect(video.name).toBe('old 2');
		expect(Object.keys(video)).toContain('thumbnailUrl');
		expect(String(video.thumbnailUrl)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/lazy-static\/thumbnails\//);
	});
});
