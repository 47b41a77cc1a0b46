import { addPlaylist } from '../../../../../standin/routes/playlists.cjs';
import { searchPlaylistsSource, setSearchIndex } from '../../../../../standin/routes/search.cjs';
import { credentialData, type Instance, run, startInstance, storeWith, USER } from '../../../../helpers/fixture.cjs';

describe('Search → Videos / Channels / Playlists', () => {
	let instance: Instance;

	beforeEach(async () => {
		instance = await startInstance();
		instance.server.addVideos(150, (k) => ({
			channelName: 'alice_channel',
			name: k % 3 === 0 ? `Blender tutorial ${k}` : `Other ${k}`,
			duration: k,
			tags: k % 2 === 0 ? ['3d'] : ['art'],
			publishedAt: Date.UTC(2025, 0, 1) + k * 60_000,
		}));
		instance.server.addRemoteChannel({ name: 'blender_channel', host: 'video.blender.org', displayName: 'Blender' });
	});
	afterEach(async () => await instance.server.close());
	const store = () => storeWith(credentialData(instance.server, USER));
	const reads = (path: string) => instance.server.requests.filter((r) => r.path === path);

	it('videos: Search Term, target, filters and sort go over the wire; Return All pages with count=100', async () => {
		const result = await run(
			{
				resource: 'search',
				operation: 'videos',
				search: 'blender',
				searchTarget: 'local',
				sort: '-publishedAt',
				returnAll: true,
				filters: { durationMin: 3, durationMax: 140, tagsOneOf: '3d, art', nsfw: 'false', startDate: '2025-01-01T00:00:00Z' },
			},
			store(),
		);
		expect(result.error).toBeUndefined();
		// k in 3..140 divisible by 3 → 46 videos
		expect(result.items).toHaveLength(46);
		expect(reads('/api/v1/search/videos').map((r) => r.query)).toEqual([
			{
				sort: '-publishedAt',
				search: 'blender',
				startDate: '2025-01-01T00:00:00.000Z',
				durationMin: '3',
				durationMax: '140',
				tagsOneOf: ['3d', 'art'],
				nsfw: 'false',
				searchTarget: 'local',
				start: '0',
				count: '100',
			},
		]);
		// Simplify is on by default: the documented subset
		expect(result.items[0].json).toEqual(expect.objectContaining({ name: 'Blender tutorial 138', duration: 138, channel: expect.objectContaining({ name: 'alice_channel' }) }));
		expect(result.items[0].json).not.toHaveProperty('truncatedDescription');
	});

	it("videos: Published After without an offset is in the workflow's time zone, not the host's", async () => {
		const result = await run(
			{ resource: 'search', operation: 'videos', search: 'x', returnAll: false, limit: 1, filters: { startDate: '2025-06-01T09:00:00', endDate: '2025-06-02' } },
			store(),
			{ timezone: 'America/New_York' },
		);
		expect(result.error).toBeUndefined();
		expect(reads('/api/v1/search/videos')[0].query).toEqual(expect.objectContaining({ startDate: '2025-06-01T13:00:00.000Z', endDate: '2025-06-02T04:00:00.000Z' }));
	});

	it('videos: 150 matches with Return All → 2 requests; Limit 120 → 2 requests asking 100 then 20', async () => {
		const all = await run({ resource: 'search', operation: 'videos', search: '', returnAll: true, simplify: false }, store());
		expect(all.items).toHaveLength(150);
		expect(reads('/api/v1/search/videos').map((r) => [r.query.start, r.query.count])).toEqual([['0', '100'], ['100', '100']]);
		instance.server.clearRequests();
		const some = await run({ resource: 'search', operation: 'videos', returnAll: false, limit: 120, simplify: false }, store());
		expect(some.items).toHaveLength(120);
		expect(reads('/api/v1/search/videos').map((r) => [r.query.start, r.query.count])).toEqual([['0', '100'], ['100', '20']]);
		expect(some.items[0].json).toHaveProperty('truncatedDescription');
	});

	it('Search Target "Search Index" on an instance without one: a clear message', async () => {
		const result = await run({ resource: 'search', operation: 'videos', search: 'x', searchTarget: 'search-index', returnAll: true }, store());
		expect(result.error?.message).toMatch(/^This instance has no search index enabled, so Search Target "Search Index" is refused/);
		expect(reads('/api/v1/search/videos')).toHaveLength(1);
	});

	it('Search Index enabled: the index may report a capped total; paging stops at it', async () => {
		setSearchIndex(instance.server, { enabled: true, totalCap: 1 });
		instance.server.addChannel({ name: 'blender_fans', ownerUsername: 'root' });
		const result = await run({ resource: 'search', operation: 'channels', search: 'blender', searchTarget: 'search-index', returnAll: true }, store());
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(reads('/api/v1/search/video-channels').map((r) => r.query.searchTarget)).toEqual(['search-index']);
	});

	it('channels: a handle fetches the remote channel for a logged-in user (simplified)', async () => {
		const result = await run({ resource: 'search', operation: 'channels', search: 'blender_channel@video.blender.org', returnAll: true }, store());
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.handle)).toEqual(['blender_channel@video.blender.org']);
		expect(reads('/api/v1/search/video-channels')[0].query).toEqual({ sort: '-match', search: 'blender_channel@video.blender.org', start: '0', count: '100' });
	});

	it('channels: Handles and Host filters', async () => {
		const result = await run(
			{ resource: 'search', operation: 'channels', search: 'channel', returnAll: true, filters: { handles: 'alice_channel, root_channel', host: instance.server.hostname } },
			store(),
		);
		expect(result.items.map((item) => item.json.name).sort()).toEqual(['alice_channel', 'root_channel']);
		expect(reads('/api/v1/search/video-channels')[0].query).toEqual(
			expect.objectContaining({ handles: ['alice_channel', 'root_channel'], host: instance.server.hostname }),
		);
	});

	it('playlists: search, UUIDs and host; public playlists only', async () => {
		const playlist = (id: number, privacy: number) => ({
			id,
			uuid: `00000000-0000-4000-8000-00000000000${id}`,
			shortUUID: `short${id}`,
			displayName: `Blender list ${id}`,
			privacy: { id: privacy, label: privacy === 1 ? 'Public' : 'Private' },
			createdAt: '2025-01-01T00:00:00.000Z',
			ownerAccount: { name: 'alice', host: instance.server.hostname },
		});
		searchPlaylistsSource(instance.server, () => [playlist(1, 1), playlist(2, 3), playlist(3, 1)]);
		const result = await run(
			{ resource: 'search', operation: 'playlists', search: 'blender', returnAll: true, simplify: false, filters: { uuids: '00000000-0000-4000-8000-000000000001, 00000000-0000-4000-8000-000000000002' } },
			store(),
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.id)).toEqual([1]);
		expect(reads('/api/v1/search/video-playlists')[0].query.uuids).toEqual(['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002']);
	});

	it('playlists: the stand-in\'s playlists (public, regular ones), simplified', async () => {
		const shown = addPlaylist(instance.server, { ownerUsername: 'alice', displayName: 'Blender favourites', privacy: 1, channelName: 'alice_channel' });
		addPlaylist(instance.server, { ownerUsername: 'alice', displayName: 'Blender secrets', privacy: 3 });
		addPlaylist(instance.server, { ownerUsername: 'alice', displayName: 'Cooking', privacy: 1, channelName: 'alice_channel' });
		const result = await run({ resource: 'search', operation: 'playlists', search: 'blender', returnAll: true }, store());
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.json.uuid, item.json.displayName, item.json.privacy])).toEqual([[shown.uuid, 'Blender favourites', 'Public']]);
	});

	it.each([
		[{ filters: { host: 'https://video.blender.org/' } }, 'Host "https://video.blender.org/" is not a host name'],
		[{ filters: { uuids: 'not-a-uuid' } }, 'UUIDs must be UUIDs or short UUIDs, separated by commas: "not-a-uuid" is not'],
		[{ filters: { durationMin: 100, durationMax: 10 } }, 'Duration Min (100 s) is more than Duration Max (10 s): swap them'],
		[{ filters: { startDate: 'yesterday' } }, 'Published After "yesterday" is not a date'],
		[{ returnAll: false, limit: 0 }, 'Limit must be a whole number of at least 1 (got 0)'],
	])('bad input %#: refused before any request', async (extra, message) => {
		const result = await run({ resource: 'search', operation: 'videos', search: 'x', returnAll: true, ...extra }, store());
		expect(result.error?.message).toContain(message);
		expect(instance.server.requests).toHaveLength(0);
	});

	it('a bad handle in the channel filters is refused before any request', async () => {
		const result = await run({ resource: 'search', operation: 'channels', returnAll: true, filters: { handles: 'a@b@c' } }, store());
		expect(result.error?.message).toBe('Handles must be name or name@host, separated by commas: "a@b@c" is not');
		expect(instance.server.requests).toHaveLength(0);
	});
});
