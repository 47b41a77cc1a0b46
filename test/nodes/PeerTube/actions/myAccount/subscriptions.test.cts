import { subscribe, subscriptionsOf } from '../../../../../standin/routes/subscriptions.cjs';
import { credentialData, type Instance, run, startInstance, storeWith, USER } from '../../../../helpers/fixture.cjs';

describe('My Account → Get Subscriptions / Subscribe / Unsubscribe', () => {
	let instance: Instance;

	beforeEach(async () => {
		instance = await startInstance();
		instance.server.addRemoteChannel({ name: 'blender_channel', host: 'video.blender.org', displayName: 'Blender' });
	});
	afterEach(async () => await instance.server.close());
	const store = () => storeWith(credentialData(instance.server, USER));
	const host = () => instance.server.hostname;

	it('subscribes to a remote channel by handle: POST with exactly { uri }', async () => {
		const result = await run({ resource: 'myAccount', operation: 'subscribe', channelHandle: '@blender_channel@video.blender.org' }, store());
		expect(result.error).toBeUndefined();
		const posts = instance.server.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/users/me/subscriptions');
		expect(posts.map((r) => JSON.parse(r.body.toString()))).toEqual([{ uri: 'blender_channel@video.blender.org' }]);
		expect(result.items[0].json).toEqual({ subscribed: true, uri: 'blender_channel@video.blender.org' });
		expect(subscriptionsOf(instance.server, 'alice')).toEqual(['blender_channel@video.blender.org']);
	});

	it.each([
		['blender_channel', 'Channel Handle "blender_channel" is not name@host'],
		['a@b@c', 'Channel Handle "a@b@c" is not name@host'],
		['name@https://x.org', 'Channel Handle "name@https://x.org" is not name@host'],
		['={{ " " }}', 'Channel Handle is empty'],
	])('handle %p is refused before any request', async (channelHandle, message) => {
		const result = await run({ resource: 'myAccount', operation: 'subscribe', channelHandle }, store());
		expect(result.error?.message).toContain(message);
		expect(instance.server.requests).toHaveLength(0);
	});

	it('lists subscriptions, simplified by default, all pages', async () => {
		subscribe(instance.server, 'alice', `root_channel@${host()}`);
		subscribe(instance.server, 'alice', 'blender_channel@video.blender.org');
		const result = await run({ resource: 'myAccount', operation: 'getSubscriptions', returnAll: true }, store());
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.handle).sort()).toEqual(['blender_channel@video.blender.org', `root_channel@${host()}`]);
		expect(Object.keys(result.items[0].json).sort()).toEqual(
			['account', 'avatarUrl', 'bannerUrl', 'createdAt', 'description', 'displayName', 'followersCount', 'handle', 'id', 'isLocal', 'name', 'support', 'updatedAt', 'url', 'videosCount'].sort(),
		);
		const lists = instance.server.requests.filter((r) => r.path === '/api/v1/users/me/subscriptions');
		expect(lists.map((r) => r.query)).toEqual([{ sort: '-createdAt', start: '0', count: '100' }]);
	});

	it('Simplify off returns PeerTube\'s channel objects; Search goes as search=', async () => {
		subscribe(instance.server, 'alice', `root_channel@${host()}`);
		const result = await run({ resource: 'myAccount', operation: 'getSubscriptions', returnAll: true, simplify: false, search: 'root' }, store());
		expect(result.items.map((item) => item.json)).toEqual([expect.objectContaining({ name: 'root_channel', ownerAccount: expect.any(Object) })]);
		expect(instance.server.requests.find((r) => r.path === '/api/v1/users/me/subscriptions')?.query.search).toBe('root');
	});

	it('unsubscribes: DELETE /users/me/subscriptions/{name@host}', async () => {
		subscribe(instance.server, 'alice', 'blender_channel@video.blender.org');
		const result = await run({ resource: 'myAccount', operation: 'unsubscribe', channelHandle: 'blender_channel@video.blender.org' }, store());
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual({ unsubscribed: true, uri: 'blender_channel@video.blender.org' });
		const deletes = instance.server.requests.filter((r) => r.method === 'DELETE');
		expect(deletes.map((r) => r.path)).toEqual(['/api/v1/users/me/subscriptions/blender_channel%40video.blender.org']);
		expect(subscriptionsOf(instance.server, 'alice')).toEqual([]);
	});

	it('unsubscribing from a channel one does not follow says so', async () => {
		const result = await run({ resource: 'myAccount', operation: 'unsubscribe', channelHandle: 'blender_channel@video.blender.org' }, store());
		expect(result.error?.message).toBe('The account is not subscribed to blender_channel@video.blender.org: check Channel Handle (Get Subscriptions lists them)');
	});
});
