import { CHANNEL_URL_REGEX, PLAYLIST_URL_REGEX, localHandle, locatorValue, parseChannelRef, parsePlaylistId } from '../../../../nodes/PeerTube/helpers/locators';
import { credentialData, type Instance, startInstance, storeWith, USER } from '../../../helpers/fixture.cjs';
import { addPlaylist } from '../../../../standin/routes/playlists.cjs';
import { uuidToShort } from '../../../../standin/data.cjs';
import { listSearch } from '../actions/video/locator.helpers.cjs';

const UUID = '9c9de5e8-0a1e-484a-b099-e80766180a6d';

describe('Channel and playlist locators', () => {
	it.each([
		['my_channel', { handle: 'my_channel' }],
		['@my_channel', { handle: 'my_channel' }],
		['news@video.blender.org', { handle: 'news@video.blender.org' }],
		['12', { id: 12 }],
		['https://videos.example.org/c/news/videos', { handle: 'news' }],
		['https://other.example.org/video-channels/news', { handle: 'news@other.example.org' }],
		['news@videos.example.org', { handle: 'news' }],
	])('channel %s', (text, expected) => {
		expect(parseChannelRef(text, 'videos.example.org')).toEqual(expected);
	});

	it.each(['', '0', 'two words', 'https://videos.example.org/w/abc', 'a/b'])('not a channel: %j', (text) => {
		expect(parseChannelRef(text, 'videos.example.org')).toBeUndefined();
	});

	it.each([
		['12', '12'],
		[UUID.toUpperCase(), UUID],
		['kBvWMnztb6ovkDVgmJbxRH', 'kBvWMnztb6ovkDVgmJbxRH'],
		['https://videos.example.org/w/p/kBvWMnztb6ovkDVgmJbxRH', 'kBvWMnztb6ovkDVgmJbxRH'],
		[`https://videos.example.org/videos/watch/playlist/${UUID}`, UUID],
		[`https://videos.example.org/video-playlists/${UUID}`, UUID],
		[`https://videos.example.org/my-library/video-playlists/${UUID}?x=1`, UUID],
	])('playlist %s', (text, expected) => {
		expect(parsePlaylistId(text)).toBe(expected);
	});

	it.each(['', '0', 'hello', 'https://videos.example.org/w/kBvWMnztb6ovkDVgmJbxRH', 'https://videos.example.org/c/news'])('not a playlist: %j', (text) => {
		expect(parsePlaylistId(text)).toBeUndefined();
	});

	it('URL modes validate what their parser accepts', () => {
		expect(new RegExp(CHANNEL_URL_REGEX).test('https://videos.example.org/c/news/videos')).toBe(true);
		expect(new RegExp(CHANNEL_URL_REGEX).test('https://videos.example.org/w/abc')).toBe(false);
		expect(new RegExp(PLAYLIST_URL_REGEX).test('https://videos.example.org/w/p/kBvWMnztb6ovkDVgmJbxRH')).toBe(true);
		expect(new RegExp(PLAYLIST_URL_REGEX).test('https://videos.example.org/w/kBvWMnztb6ovkDVgmJbxRH')).toBe(false);
	});

	it('locator values: the stored object or a plain string; own-host handles become local', () => {
		expect(locatorValue({ __rl: true, mode: 'url', value: ' x ' })).toEqual({ mode: 'url', value: 'x' });
		expect(locatorValue('plain')).toEqual({ mode: '', value: 'plain' });
		expect(localHandle('a@Videos.Example.org', 'videos.example.org')).toBe('a');
		expect(localHandle('a@other.org', 'videos.example.org')).toBe('a@other.org');
	});
});

describe('List searches (From List) through n8n-core', () => {
	let instance: Instance;
	beforeEach(async () => (instance = await startInstance()));
	afterEach(async () => await instance.server.close());
	const store = () => storeWith(credentialData(instance.server, USER));
	const apiCalls = () => instance.server.requests.filter((r) => r.path.startsWith('/api/v1/') && r.path !== '/api/v1/users/token' && r.path !== '/api/v1/oauth-clients/local');

	it('searchMyChannels: the credential\'s channels from one /users/me, filtered by name or display name', async () => {
		instance.server.addChannel({ name: 'alice_music', displayName: 'Music by Alice', ownerUsername: 'alice' });
		let result = await listSearch('searchMyChannels', store(), { resource: 'channel', operation: 'update' });
		expect(result.results.map((r) => r.value)).toEqual(['alice_channel', 'alice_music']);
		expect(result.results[1]).toEqual({ name: 'Music by Alice (alice_music)', value: 'alice_music', url: `${instance.server.baseUrl}/video-channels/alice_music` });
		result = await listSearch('searchMyChannels', store(), { resource: 'channel', operation: 'update' }, 'MUSIC');
		expect(result.results.map((r) => r.value)).toEqual(['alice_music']);
		expect(apiCalls().map((r) => r.path)).toEqual(['/api/v1/users/me', '/api/v1/users/me']);
	});

	it('searchChannels: the instance\'s channels, 50 per page with a pagination token; a filter goes to /search/video-channels', async () => {
		for (let k = 0; k < 60; k++) instance.server.addChannel({ name: `topic_${String(k).padStart(2, '0')}`, ownerUsername: 'root' });
		const first = await listSearch('searchChannels', store(), { resource: 'channel', operation: 'get' });
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toBe('50');
		const second = await listSearch('searchChannels', store(), { resource: 'channel', operation: 'get' }, undefined, first.paginationToken as string);
		expect(second.results).toHaveLength(12);
		expect(second.paginationToken).toBeUndefined();
		const found = await listSearch('searchChannels', store(), { resource: 'channel', operation: 'get' }, 'topic_07');
		expect(found.results.map((r) => r.value)).toEqual(['topic_07']);
		expect(apiCalls().map((r) => [r.path, r.query])).toEqual([
			['/api/v1/video-channels', { start: '0', count: '50', sort: 'name' }],
			['/api/v1/video-channels', { start: '50', count: '50', sort: 'name' }],
			['/api/v1/search/video-channels', { start: '0', count: '50', search: 'topic_07', searchTarget: 'local' }],
		]);
	});

	it('searchMyPlaylists: own playlists (private too) by short UUID, PeerTube\'s search', async () => {
		const p = addPlaylist(instance.server, { ownerUsername: 'alice', displayName: 'Road trip', privacy: 3 });
		addPlaylist(instance.server, { ownerUsername: 'alice', displayName: 'Other', privacy: 3 });
		addPlaylist(instance.server, { ownerUsername: 'root', displayName: 'Road trip of root', privacy: 1 });
		const result = await listSearch('searchMyPlaylists', store(), { resource: 'playlist', operation: 'get' }, 'road');
		expect(result.results).toEqual([{ name: 'Road trip (Private)', value: uuidToShort(p.uuid), url: `${instance.server.baseUrl}/video-playlists/${p.uuid}` }]);
		expect(apiCalls().map((r) => [r.path, r.query])).toEqual([
			['/api/v1/users/me', {}],
			['/api/v1/accounts/alice/video-playlists', { start: '0', count: '50', sort: 'displayName', search: 'road' }],
		]);
	});
});
