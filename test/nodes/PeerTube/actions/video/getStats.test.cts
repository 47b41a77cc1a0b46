import { ADMIN, credentialData, type Instance, run, startInstance, storeWith, USER } from '../../../../helpers/fixture.cjs';

describe('Video → Get Stats', () => {
	let instance: Instance;
	let video: { id: number; uuid: string };

	beforeEach(async () => {
		instance = await startInstance();
		[video] = instance.server.addVideos(1, { channelName: 'alice_channel', views: 10, duration: 120 });
	});
	afterEach(async () => await instance.server.close());
	const store = (account: { username: string; password: string } = USER) => storeWith(credentialData(instance.server, account));
	const reads = () => instance.server.requests.filter((r) => r.path.endsWith('/stats/overall'));

	it('reads the overall stats of the owner\'s video', async () => {
		const result = await run({ resource: 'video', operation: 'getStats', videoId: String(video.id) }, store());
		expect(result.error).toBeUndefined();
		expect(reads().map((r) => [r.method, r.path, r.query])).toEqual([['GET', `/api/v1/videos/${video.id}/stats/overall`, {}]]);
		expect(result.items[0].json).toEqual(expect.objectContaining({ totalViewers: 10, averageWatchTime: 60, countries: [] }));
	});

	it('passes the period as ISO dates; one without an offset is in the workflow\'s time zone', async () => {
		const result = await run(
			{ resource: 'video', operation: 'getStats', videoId: String(video.id), options: { startDate: '2026-01-01T00:00:00', endDate: '2026-01-31T00:00:00Z' } },
			store(),
			{ timezone: 'Asia/Tokyo' },
		);
		expect(result.error).toBeUndefined();
		expect(reads()[0].query).toEqual({ startDate: '2025-12-31T15:00:00.000Z', endDate: '2026-01-31T00:00:00.000Z' });
	});

	it('a period that ends before it starts is refused before any request', async () => {
		const result = await run(
			{ resource: 'video', operation: 'getStats', videoId: String(video.id), options: { startDate: '2026-02-01T00:00:00Z', endDate: '2026-01-01T00:00:00Z' } },
			store(),
		);
		expect(result.error?.message).toBe('Start Date (2026-02-01T00:00:00.000Z) is after End Date (2026-01-01T00:00:00.000Z): swap them');
		expect(instance.server.requests).toHaveLength(0);
	});

	it('someone else\'s video: 403 says who can read the stats', async () => {
		const [other] = instance.server.addVideos(1, { channelName: 'root_channel' });
		const result = await run({ resource: 'video', operation: 'getStats', videoId: String(other.id) }, store());
		expect(result.error?.message).toBe("Only the video's owner (or an administrator or moderator) can read its statistics: use their credential");
		const asAdmin = await run({ resource: 'video', operation: 'getStats', videoId: String(video.id) }, store(ADMIN));
		expect(asAdmin.error).toBeUndefined();
	});
});
