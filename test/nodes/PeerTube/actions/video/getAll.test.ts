import type { Video } from '@peertube/peertube-types';

import { credentialData, type Instance, run, startInstance, storeWith, USER, videoGetAll } from '../../../../helpers/fixture';

const listRequests = (instance: Instance, path = '/api/v1/videos') => instance.server.requests.filter((r) => r.method === 'GET' && r.path === path);

describe('Video → Get Many', () => {
	let instance: Instance;

	beforeEach(async () => {
		instance = await startInstance();
	});
	afterEach(async () => await instance.server.close());

	const store = () => storeWith(credentialData(instance.server, USER));

	describe('paging: count=100, stops at total or Limit, no wasted request', () => {
		it.each([
			[0, 1, []],
			[1, 1, [0]],
			[100, 1, [0]],
			[101, 2, [0, 100]],
			[250, 3, [0, 100, 200]],
		])('Return All over %i videos → %i list request(s)', async (videos, requests, starts) => {
			instance.server.addVideos(videos);
			const result = await run(videoGetAll(), store());
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(videos);
			const lists = listRequests(instance);
			expect(lists).toHaveLength(requests);
			expect(lists.map((r) => Number(r.query.start))).toEqual(requests === 1 && videos === 0 ? [0] : starts);
			for (const request of lists) expect(request.query.count).toBe('100');
			// every video once, in the server's order
			expect(new Set(result.items.map((item) => item.json.id)).size).toBe(videos);
		});

		it.each([
			[7, 250, [[0, 7]], 7],
			[150, 250, [[0, 100], [100, 50]], 150],
			[150, 120, [[0, 100], [100, 50]], 120],
			[100, 250, [[0, 100]], 100],
		])('Limit %i over %i videos', async (limit, videos, pages, expected) => {
			instance.server.addVideos(videos);
			const result = await run(videoGetAll({ returnAll: false, limit }), store());
			expect(result.items).toHaveLength(expected);
			expect(listRequests(instance).map((r) => [Number(r.query.start), Number(r.query.count)])).toEqual(pages);
		});
	});

	it('outputs one item per video, as PeerTube lists it, each paired with its input item', async () => {
		instance.server.addVideos(3, (i) => ({ name: `Video number ${i}` }));
		const result = await run(videoGetAll({ returnAll: false, limit: 2 }), store(), { items: [{ json: { a: 1 } }, { json: { a: 2 } }] });
		expect(result.items).toHaveLength(4);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 1 }, { item: 1 }]);
		// PeerTube's own type for list items (types only, from @peertube/peertube-types)
		const video = result.items[0].json as unknown as Video;
		expect(video).toEqual(expect.objectContaining({ id: expect.any(Number), uuid: expect.any(String), name: expect.stringMatching(/^Video number/) }));
		expect(video.channel.name).toEqual(expect.any(String));
		expect(video.privacy.id).toBe(1);
	});

	it('sends every filter the way PeerTube expects it', async () => {
		instance.server.addVideos(5);
		await run(
			videoGetAll({
				filters: {
					search: 'cats',
					sort: '-views',
					categoryOneOf: [1, 3],
					languageOneOf: ['en', 'fr'],
					tagsOneOf: 'music, live ,',
					tagsAllOf: 'a1,b2',
					isLocal: true,
					isLive: true,
					nsfw: 'false',
					privacyOneOf: [1, 2],
					include: [1, 2],
				},
			}),
			storeWith(credentialData(instance.server, { username: 'root', password: 'Adm1n-pass-phrase' })),
		);
		const [request] = listRequests(instance);
		expect(request.query).toEqual({
			search: 'cats',
			sort: '-views',
			categoryOneOf: ['1', '3'],
			languageOneOf: ['en', 'fr'],
			tagsOneOf: ['music', 'live'],
			tagsAllOf: ['a1', 'b2'],
			isLocal: 'true',
			isLive: 'true',
			nsfw: 'false',
			privacyOneOf: ['1', '2'],
			include: '3',
			start: '0',
			count: '100',
		});
	});

	it('sends no filter the user did not set', async () => {
		instance.server.addVideos(2);
		await run(videoGetAll({ filters: { nsfw: 'both', isLocal: false, tagsOneOf: '' } }), store());
		expect(listRequests(instance)[0].query).toEqual({ start: '0', count: '100' });
	});

	it('filters really apply on the instance (search, tags, category)', async () => {
		instance.server.addVideos(6, (i) => ({ name: i < 2 ? `Cats ${i}` : `Dogs ${i}`, tags: i % 2 ? ['music'] : ['talk'], category: i < 3 ? 1 : 2 }));
		const result = await run(videoGetAll({ filters: { search: 'cats', tagsOneOf: 'music' } }), store());
		expect(result.items.map((item) => item.json.name)).toEqual(['Cats 1']);
	});

	it.each([
		['channel name', 'alice_channel'],
		['@channel name', '@alice_channel'],
		['channel page URL', (url: string) => `${url}/c/alice_channel/videos`],
	])('lists a channel given as %s', async (_label, handle) => {
		instance.server.addVideos(3, { channelName: 'alice_channel' });
		instance.server.addVideos(2, { channelName: 'root_channel' });
		const channelHandle = typeof handle === 'function' ? handle(instance.server.url) : handle;
		const result = await run(videoGetAll({ source: 'channel', channelHandle }), store());
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		expect(listRequests(instance, '/api/v1/video-channels/alice_channel/videos')).toHaveLength(1);
	});

	it('lists an account', async () => {
		instance.server.addVideos(2, { channelName: 'alice_channel' });
		instance.server.addVideos(4, { channelName: 'root_channel' });
		const result = await run(videoGetAll({ source: 'account', accountName: 'root' }), store());
		expect(result.items).toHaveLength(4);
		expect(listRequests(instance, '/api/v1/accounts/root/videos')).toHaveLength(1);
	});

	it('lists My Videos of every privacy, authenticated', async () => {
		instance.server.addVideos(2, { channelName: 'alice_channel', privacy: 3 });
		instance.server.addVideos(1, { channelName: 'alice_channel', privacy: 1 });
		instance.server.addVideos(5, { channelName: 'root_channel' });
		const result = await run(videoGetAll({ source: 'myVideos' }), store());
		expect(result.items).toHaveLength(3);
		const [request] = listRequests(instance, '/api/v1/users/me/videos');
		expect(request.headers.authorization).toMatch(/^Bearer /);
	});

	it('an unknown channel says so', async () => {
		const result = await run(videoGetAll({ source: 'channel', channelHandle: 'nope_channel' }), store());
		expect(result.error?.message).toBe('There is no channel "nope_channel" on this PeerTube instance: check Channel Handle');
	});

	it.each([
		[{ source: 'channel', channelHandle: '' }, /Parameter "Channel Handle" is required/],
		[{ source: 'channel', channelHandle: '={{ $json.nothing }}' }, /Channel Handle is empty/],
		[{ source: 'channel', channelHandle: 'two words' }, /Channel Handle "two words" is not a channel name/],
		[{ source: 'account', accountName: '={{ "" }}' }, /Account Name is empty/],
		[{ filters: { tagsOneOf: 'a1,b2,c3,d4,e5,f6' } }, /Tags \(One Of\) has 6 tags: PeerTube accepts at most 5/],
		[{ returnAll: false, limit: 0 }, /Limit must be a whole number of at least 1/],
	])('rejects %j before any list request', async (parameters, message) => {
		const result = await run(videoGetAll(parameters as never), store());
		expect(result.error?.message).toMatch(message);
		expect(instance.server.requests.filter((r) => r.path.endsWith('/videos'))).toHaveLength(0);
	});
});
