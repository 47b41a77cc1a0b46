import { credentialData, type Instance, run, startInstance, storeWith, USER } from '../../../../helpers/fixture.cjs';
import { apiCalls, expectNoSecrets, rl } from './shared.cjs';

describe('Channel → Get', () => {
	let instance: Instance;
	beforeEach(async () => (instance = await startInstance()));
	afterEach(async () => await instance.server.close());
	const store = () => storeWith(credentialData(instance.server, USER));
	const get = (channel: unknown, simplify = false) => ({ resource: 'channel', operation: 'get', channel: channel as never, simplify });

	it.each([
		['From List (a handle)', () => rl('root_channel')],
		['By Handle name@host', () => rl(`root_channel@${instance.server.hostname}`, 'handle')],
		['By URL /c/', () => rl(`${instance.server.url}/c/root_channel`, 'url')],
		['By URL /video-channels/', () => rl(`${instance.server.url}/video-channels/root_channel/videos`, 'url')],
	])('finds the channel %s with one GET', async (_label, value) => {
		const result = await run(get(value()), store());
		expect(result.error).toBeUndefined();
		expect(apiCalls(instance.server).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/v1/video-channels/root_channel']);
		expect(result.items[0].json).toEqual(expect.objectContaining({ name: 'root_channel', displayName: 'Main root channel' }));
	});

	it('a numeric ID of one of your channels is looked up in /users/me', async () => {
		const id = instance.server.findChannel('alice_channel')!.id;
		const result = await run(get(rl(String(id), 'handle')), store());
		expect(result.error).toBeUndefined();
		expect(apiCalls(instance.server).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/v1/users/me', 'GET /api/v1/video-channels/alice_channel']);
	});

	it('a numeric ID of someone else\'s channel is refused with what to give instead', async () => {
		const id = instance.server.findChannel('root_channel')!.id;
		const result = await run(get(rl(String(id), 'handle')), store(), { continueOnFail: true });
		expect(result.items[0].json.error).toBe(`Channel ID ${id} is not one of your channels: give the channel's handle (name or name@host) or its page URL instead`);
	});

	it('simplified output keeps the documented keys', async () => {
		const result = await run(get(rl('alice_channel'), true), store());
		expect(result.items[0].json).toEqual({
			id: expect.any(Number),
			name: 'alice_channel',
			handle: `alice_channel@${instance.server.hostname}`,
			displayName: 'Main alice channel',
			url: `${instance.server.baseUrl}/video-channels/alice_channel`,
			description: null,
			support: null,
			isLocal: true,
			createdAt: expect.any(String),
			updatedAt: expect.any(String),
			account: { id: expect.any(Number), name: 'alice', handle: `alice@${instance.server.hostname}`, displayName: 'alice', url: `${instance.server.baseUrl}/accounts/alice` },
			followersCount: 0,
			videosCount: null,
			avatarUrl: null,
			bannerUrl: null,
		});
	});

	it('an unknown channel names the field; a text that is no handle is refused before any request', async () => {
		let result = await run(get(rl('nobody_here', 'handle')), store(), { continueOnFail: true });
		expect(result.items[0].json.error).toBe('There is no channel "nobody_here" on this PeerTube instance: check Channel');
		expectNoSecrets(instance.server, result);
		instance.server.clearRequests();
		result = await run(get(rl('https://example.org/watch/xyz', 'handle')), store(), { continueOnFail: true });
		expect(result.items[0].json.error).toBe('Channel "https://example.org/watch/xyz" is not a channel handle (name or name@host), channel page URL or numeric ID');
		expect(apiCalls(instance.server)).toEqual([]);
	});
});
