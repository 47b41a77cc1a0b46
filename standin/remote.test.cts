import { PeerTubeStandin } from './server.cjs';
import { ADMIN, ALICE, call, tokenOf } from './testing.cjs';

describe('stand-in: remote actors and versions', () => {
	let s: PeerTubeStandin;
	afterEach(async () => s?.close());

	it('atLeast compares the served major.minor', async () => {
		s = await PeerTubeStandin.start({ serverVersion: '6.2.1' });
		expect([s.atLeast(6, 2), s.atLeast(6, 3), s.atLeast(6), s.atLeast(7), s.atLeast(5, 9)]).toEqual([true, false, true, false, true]);
	});

	it('answers 404 for a remote channel until a logged-in search fetches it', async () => {
		s = await PeerTubeStandin.start({ apiRateLimit: false, loginRateLimit: false });
		s.addUser(ADMIN);
		s.addUser(ALICE);
		s.addRemoteChannel({ name: 'space', host: 'Other.Example', displayName: 'Space' });
		expect((await call(s, 'GET', '/api/v1/video-channels/space@other.example')).status).toBe(404);
		expect(() => s.addVideos(1, { channelName: 'space@other.example' })).toThrow(/fetchRemoteActor/);

		// Anonymous search does not fetch (search.remote_uri.anonymous is false by default).
		const anon = await call(s, 'GET', '/api/v1/search/video-channels?search=space%40other.example');
		expect(anon.status).toBe(200);
		expect(anon.json).toEqual({ total: 0, data: [] });
		expect((await call(s, 'GET', '/api/v1/video-channels/space@other.example')).status).toBe(404);

		const token = await tokenOf(s, ALICE);
		const found = await call(s, 'GET', '/api/v1/search/video-channels?search=%40space%40other.example', { token });
		expect(found.status).toBe(200);
		expect(found.json.total).toBe(1);
		expect(found.json.data[0]).toMatchObject({
			name: 'space',
			displayName: 'Space',
			host: 'other.example',
			url: 'https://other.example/video-channels/space',
			isLocal: false,
			ownerAccount: { name: 'space_account', host: 'other.example' },
		});
		expect(found.json.data[0].ownerAccount.userId).toBeUndefined();

		const channel = await call(s, 'GET', '/api/v1/video-channels/space@other.example');
		expect(channel.status).toBe(200);
		expect((await call(s, 'GET', '/api/v1/accounts/space_account@other.example')).status).toBe(200);
		const [video] = s.addVideos(1, { channelName: 'space@other.example', name: 'From afar' });
		expect(video.isLocal).toBe(false);
		const list = await call(s, 'GET', '/api/v1/video-channels/space@other.example/videos');
		expect(list.json.total).toBe(1);
		expect(list.json.data[0]).toMatchObject({ name: 'From afar', isLocal: false, channel: { host: 'other.example' } });
		// The bare name still means a local channel only.
		expect((await call(s, 'GET', '/api/v1/video-channels/space')).status).toBe(404);
	});

	it('fetches by URL and fetches remote accounts', async () => {
		s = await PeerTubeStandin.start({ apiRateLimit: false, loginRateLimit: false });
		s.addUser(ALICE);
		s.addRemoteAccount({ name: 'carol', host: 'far.example' });
		s.addRemoteChannel({ name: 'carol_channel', host: 'far.example', accountName: 'carol' });
		expect((await call(s, 'GET', '/api/v1/accounts/carol@far.example')).status).toBe(404);
		const user = s.findUser('alice')!;
		expect(s.fetchRemoteActor('https://far.example/c/carol_channel/videos', user).channel?.name).toBe('carol_channel');
		const account = await call(s, 'GET', '/api/v1/accounts/carol@far.example/video-channels');
		expect(account.status).toBe(200);
		expect(account.json.data.map((c: { name: string }) => c.name)).toEqual(['carol_channel']);
	});
});
