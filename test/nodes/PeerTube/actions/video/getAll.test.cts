import type { Video } from '@peertube/peertube-types';

import { description as videoGetAllDescription, filterNotApplying } from '../../../../../nodes/PeerTube/actions/video/getAll.operation';
import { credentialData, type Instance, run, startInstance, storeWith, USER, videoGetAll } from '../../../../helpers/fixture.cjs';

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

	describe('each source is offered, and sent, only the filters its PeerTube route honours', () => {
		const ALL_COMMON = {
			search: 'cats',
			sort: '-views',
			categoryOneOf: [1],
			languageOneOf: ['en'],
			tagsOneOf: 'music',
			tagsAllOf: 'a1',
			isLocal: true,
			isLive: true,
			nsfw: 'false',
		};
		const COMMON_QUERY = {
			search: 'cats',
			sort: '-views',
			categoryOneOf: '1',
			languageOneOf: 'en',
			tagsOneOf: 'music',
			tagsAllOf: 'a1',
			isLocal: 'true',
			isLive: 'true',
			nsfw: 'false',
			start: '0',
			count: '100',
		};

		it.each([
			['Channel', { source: 'channel', channelHandle: 'alice_channel' }, '/api/v1/video-channels/alice_channel/videos'],
			['Account', { source: 'account', accountName: 'alice' }, '/api/v1/accounts/alice/videos'],
			['My Subscriptions', { source: 'subscriptions' }, '/api/v1/users/me/subscriptions/videos'],
		])('%s: every common filter', async (_label, source, path) => {
			await run(videoGetAll({ ...source, filters: ALL_COMMON }), store());
			const lists = listRequests(instance, path);
			expect(lists).toHaveLength(1);
			expect(lists[0].query).toEqual(COMMON_QUERY);
		});

		it('My Videos: Search, Sort, Live Only and Channel (a channel of mine, by ID), nothing else', async () => {
			const second = instance.server.addChannel({ name: 'alice_second', ownerUsername: 'alice' });
			instance.server.addVideos(2, { channelName: 'alice_channel', name: 'Cats first' });
			instance.server.addVideos(3, { channelName: 'alice_second', name: 'Cats second' });
			const result = await run(
				videoGetAll({ source: 'myVideos', filters: { search: 'cats', sort: 'name', isLive: false, channelId: second.id } }),
				store(),
			);
			const [request] = listRequests(instance, '/api/v1/users/me/videos');
			expect(request.query).toEqual({ search: 'cats', sort: 'name', channelId: String(second.id), start: '0', count: '100' });
			expect(result.error).toBeUndefined();
			expect(result.items.map((item) => item.json.name)).toEqual(['Cats second', 'Cats second', 'Cats second']);
		});

		it('a filter the editor hides for the source is not sent (n8n drops it)', async () => {
			await run(videoGetAll({ source: 'myVideos', filters: { search: 'cats', categoryOneOf: [1], nsfw: 'true' } }), store());
			expect(listRequests(instance, '/api/v1/users/me/videos')[0].query).toEqual({ search: 'cats', start: '0', count: '100' });
		});

		it('the editor shows My Videos only its filters, and the channel filter only for My Videos', () => {
			const description = videoGetAllDescription as unknown as Array<{ name: string; options?: Array<{ name: string; displayOptions?: { show?: Record<string, unknown> } }> }>;
			const filters = description.find((property) => property.name === 'filters')!.options!;
			const shownFor = (source: string) =>
				filters
					.filter((option) => {
						const sources = option.displayOptions?.show?.['/source'] as string[] | undefined;
						return sources === undefined || sources.includes(source);
					})
					.map((option) => option.name)
					.sort();
			expect(shownFor('myVideos')).toEqual(['channelId', 'isLive', 'search', 'sort']);
			for (const source of ['instance', 'channel', 'account', 'subscriptions']) {
				expect(shownFor(source)).toEqual(
					['categoryOneOf', 'include', 'isLive', 'isLocal', 'languageOneOf', 'nsfw', 'privacyOneOf', 'search', 'sort', 'tagsAllOf', 'tagsOneOf'],
				);
			}
		});

		// With Source set by an expression, n8n cannot tell which filters are shown and passes them all:
		// the node refuses one the source's route would ignore. (Through n8n, a Source expression is
		// refused earlier today by required fields of Playlist → Get Many, which shares the name
		// `source`; hence the direct check of the rule here.)
		it.each([
			['myVideos', { categoryOneOf: [1] }, 'Filter "Category" does not apply to Source "My Videos": PeerTube\'s list for that source ignores it (My Videos can filter by Search, Sort, Live Only and Channel). Remove the filter or change the source'],
			['myVideos', { tagsOneOf: 'music' }, /^Filter "Tags \(One Of\)" does not apply to Source "My Videos"/],
			['myVideos', { nsfw: 'true' }, /^Filter "NSFW" does not apply/],
			['myVideos', { privacyOneOf: [3] }, /^Filter "Privacy" does not apply/],
			['myVideos', { isLocal: true }, /^Filter "Local Only" does not apply/],
			['myVideos', { include: [1] }, /^Filter "Include" does not apply/],
			['instance', { channelId: 3 }, /^Filter "Channel" does not apply to Source "Instance": it only applies to My Videos/],
			['subscriptions', { channelId: 3 }, /^Filter "Channel" does not apply to Source "My Subscriptions"/],
		])('Source %s with %j: refused with a message', (source, filters, message) => {
			const text = filterNotApplying(source, filters as never);
			if (typeof message === 'string') expect(text).toBe(message);
			else expect(text).toMatch(message);
		});

		it.each([
			['myVideos', { search: 'a', sort: 'name', isLive: true, channelId: 2, nsfw: 'both', isLocal: false, tagsOneOf: '', categoryOneOf: [] }],
			['instance', { search: 'a', categoryOneOf: [1], tagsOneOf: 'x', nsfw: 'false', isLocal: true, privacyOneOf: [1], include: [1], channelId: '' }],
		])('Source %s with %j: accepted (unset values do not count)', (source, filters) => {
			expect(filterNotApplying(source, filters as never)).toBeUndefined();
		});
	});

	it('lists My Subscriptions (the videos of subscribed channels), authenticated', async () => {
		instance.server.addVideos(2, { channelName: 'root_channel' });
		const result = await run(videoGetAll({ source: 'subscriptions', returnAll: false, limit: 5 }), store());
		const [request] = listRequests(instance, '/api/v1/users/me/subscriptions/videos');
		expect(request.query).toEqual({ start: '0', count: '5' });
		expect(request.headers.authorization).toMatch(/^Bearer /);
		expect(result.error).toBeUndefined();
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
		// a local name is not searched for on other instances
		expect(instance.server.requests.filter((r) => r.path.startsWith('/api/v1/search'))).toHaveLength(0);
	});

	describe('channels and accounts of other instances', () => {
		it.each([
			['channel page URL', 'channel', 'https://peertube.other.example/c/music_channel/videos', '/api/v1/video-channels/music_channel%40peertube.other.example/videos'],
			['channel handle', 'channel', 'music_channel@peertube.other.example', '/api/v1/video-channels/music_channel%40peertube.other.example/videos'],
			['account page URL', 'account', 'https://peertube.other.example/a/bob/video-channels', '/api/v1/accounts/bob%40peertube.other.example/videos'],
			['account /accounts/ URL', 'account', 'https://peertube.other.example/accounts/bob', '/api/v1/accounts/bob%40peertube.other.example/videos'],
		])('a %s on another host keeps the host: name@host', async (_label, source, value, wirePath) => {
			if (source === 'channel') instance.server.addRemoteChannel({ name: 'music_channel', host: 'peertube.other.example' });
			else instance.server.addRemoteAccount({ name: 'bob', host: 'peertube.other.example' });
			const parameters = source === 'channel' ? { source, channelHandle: value } : { source, accountName: value };
			await run(videoGetAll(parameters), store());
			const lists = instance.server.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/videos'));
			expect(lists.length).toBeGreaterThanOrEqual(1);
			// the handle is one path segment: its @ percent-encoded
			for (const request of lists) expect(request.path).toBe(wirePath);
		});

		it('a channel page URL on the instance\'s own host is the local channel', async () => {
			instance.server.addVideos(2, { channelName: 'alice_channel' });
			const own = new URL(instance.server.url).host;
			const result = await run(videoGetAll({ source: 'channel', channelHandle: `http://${own}/c/alice_channel/videos` }), store());
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(2);
			expect(listRequests(instance, '/api/v1/video-channels/alice_channel/videos')).toHaveLength(1);
		});

		it.each(['channel', 'account'] as const)(
			'a remote %s the instance has never seen: the node makes it fetch it (search as a logged-in user), then lists it',
			async (kind) => {
				const host = 'peertube.other.example';
				if (kind === 'channel') instance.server.addRemoteChannel({ name: 'music_channel', host });
				else instance.server.addRemoteAccount({ name: 'bob', host });
				const handle = kind === 'channel' ? `music_channel@${host}` : `bob@${host}`;
				const parameters = kind === 'channel' ? { source: 'channel', channelHandle: handle } : { source: 'account', accountName: handle };
				const result = await run(videoGetAll(parameters), store());
				expect(result.error).toBeUndefined();
				const encoded = encodeURIComponent(handle);
				const path = kind === 'channel' ? `/api/v1/video-channels/${encoded}/videos` : `/api/v1/accounts/${encoded}/videos`;
				const relevant = instance.server.requests
					.filter((r) => r.path === path || r.path === '/api/v1/search/video-channels')
					.map((r) => [r.method, r.path, r.status]);
				expect(relevant).toEqual([
					['GET', path, 404],
					['GET', '/api/v1/search/video-channels', 200],
					['GET', path, 200],
				]);
				const [search] = instance.server.requests.filter((r) => r.path === '/api/v1/search/video-channels');
				expect(search.query).toEqual({ search: handle });
				expect(search.headers.authorization).toMatch(/^Bearer /);
			},
		);

		it('a remote channel that cannot be fetched: one search, one retry, and a message that says so', async () => {
			const result = await run(videoGetAll({ source: 'channel', channelHandle: 'ghost@nowhere.example' }), store());
			expect(result.error?.message).toBe(
				'There is no channel "ghost@nowhere.example" on this PeerTube instance, and the instance could not fetch it from nowhere.example (the node asked it to, through its search): check Channel Handle, and that nowhere.example is up and federates with this instance',
			);
			const path = '/api/v1/video-channels/ghost%40nowhere.example/videos';
			expect(instance.server.requests.filter((r) => r.path === path)).toHaveLength(2);
			expect(instance.server.requests.filter((r) => r.path === '/api/v1/search/video-channels')).toHaveLength(1);
		});
	});

	it.each([
		[{ source: 'channel', channelHandle: '' }, /^Channel Handle is empty: enter the channel name/],
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
