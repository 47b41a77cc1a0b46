import { ADMIN, credentialData, type Instance, run, startInstance, storeWith, USER } from '../../../../helpers/fixture.cjs';
import { channelState } from '../../../../../standin/routes/channels.cjs';
import { apiCalls, expectNoSecrets, jsonBody, writes } from './shared.cjs';

const create = (name: string, displayName: string, extra: Record<string, unknown> = {}) => ({
	resource: 'channel',
	operation: 'create',
	name,
	displayName,
	...extra,
});

describe('Channel → Create', () => {
	let instance: Instance;
	beforeEach(async () => (instance = await startInstance()));
	afterEach(async () => await instance.server.close());
	const store = (account: { username: string; password: string } = USER) => storeWith(credentialData(instance.server, account));

	it('posts exactly name, displayName and the added fields, then reads the channel back', async () => {
		const result = await run(
			create('cooking_show', 'Cooking Show', { additionalFields: { description: 'Recipes every week', support: 'Tip jar at example.org' }, simplify: false }),
			store(),
		);
		expect(result.error).toBeUndefined();
		const [post] = writes(instance.server);
		expect([post.method, post.path]).toEqual(['POST', '/api/v1/video-channels']);
		expect(jsonBody(post)).toEqual({ name: 'cooking_show', displayName: 'Cooking Show', description: 'Recipes every week', support: 'Tip jar at example.org' });
		expect(post.status).toBe(200);
		expect(apiCalls(instance.server).map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/v1/video-channels', 'GET /api/v1/video-channels/cooking_show']);
		expect(result.items[0].json).toEqual(
			expect.objectContaining({ name: 'cooking_show', displayName: 'Cooking Show', description: 'Recipes every week', ownerAccount: expect.objectContaining({ name: 'alice' }) }),
		);
		expect(instance.server.findChannel('cooking_show')).toEqual(expect.objectContaining({ support: 'Tip jar at example.org' }));
	});

	it('simplifies the output by default', async () => {
		const result = await run(create('simple_one', 'Simple'), store());
		expect(result.error).toBeUndefined();
		const json = result.items[0].json;
		expect(Object.keys(json).sort()).toEqual(
			['account', 'avatarUrl', 'bannerUrl', 'createdAt', 'description', 'displayName', 'followersCount', 'handle', 'id', 'isLocal', 'name', 'support', 'updatedAt', 'url', 'videosCount'].sort(),
		);
		expect(json).toEqual(expect.objectContaining({ name: 'simple_one', handle: `simple_one@${instance.server.hostname}`, account: expect.objectContaining({ name: 'alice' }) }));
	});

	describe('bad input is refused before any request', () => {
		it.each([
			['upper case', 'Cooking', 'Cooking', /Name "Cooking" is not allowed: use lowercase letters, digits and _/],
			['a space', 'my channel', 'x', /Name "my channel" is not allowed/],
			['ending with a dot', 'abc.', 'x', /Name "abc\." is not allowed/],
			['empty name (from an expression)', '={{ "" }}', 'x', /Name must be 1 to 50 characters long \(it has 0\)/],
			['51 characters', 'a'.repeat(51), 'x', /Name must be 1 to 50 characters long \(it has 51\)/],
			['empty display name', 'good_name', '  ', /Display Name must be 1 to 120 characters long \(it has 0\)/],
			['121-character display name', 'good_name', 'x'.repeat(121), /Display Name must be 1 to 120 characters long \(it has 121\)/],
		])('%s', async (_label, name, displayName, message) => {
			const result = await run(create(name, displayName), store(), { continueOnFail: true });
			expect(String(result.items[0].json.error)).toMatch(message);
			expect(apiCalls(instance.server)).toEqual([]);
		});

		it('a description of 2 characters', async () => {
			const result = await run(create('good_name', 'Good', { additionalFields: { description: 'ab' } }), store(), { continueOnFail: true });
			expect(String(result.items[0].json.error)).toMatch(/Description must be 3 to 1000 characters long \(it has 2\)/);
			expect(apiCalls(instance.server)).toEqual([]);
		});
	});

	it('a name that exists (an account) or existed (a deleted channel) answers 409 with a message saying to choose another', async () => {
		instance.server.addChannel({ name: 'to_delete', ownerUsername: 'alice' });
		await run({ resource: 'channel', operation: 'delete', channel: { __rl: true, mode: 'handle', value: 'to_delete' } }, store());
		for (const name of ['root', 'to_delete', 'alice_channel']) {
			instance.server.clearRequests();
			const result = await run(create(name, 'Taken'), store(), { continueOnFail: true });
			expect(String(result.items[0].json.error)).toBe(`A channel or account named "${name}" exists, or existed, on this instance: PeerTube never reuses a name, choose another Name`);
			expect(writes(instance.server).map((r) => r.status)).toEqual([409]);
			expectNoSecrets(instance.server, result);
		}
	});

	it('the per-user channel limit is PeerTube\'s 400 with its detail', async () => {
		channelState(instance.server).maxPerUser = 1;
		const result = await run(create('one_more', 'One more'), store(), { continueOnFail: true });
		expect(String(result.items[0].json.error)).toMatch(/You cannot create more than 1 channels/);
		expect(instance.server.findChannel('one_more')).toBeUndefined();
		expectNoSecrets(instance.server, result);
	});

	it('an administrator creates the channel for their own account', async () => {
		const result = await run(create('admin_news', 'Admin news', { simplify: false }), store(ADMIN));
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual(expect.objectContaining({ ownerAccount: expect.objectContaining({ name: 'root' }) }));
	});
});
