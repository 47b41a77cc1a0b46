import { credentialData, type Instance, run, startInstance, storeWith, USER } from '../../../../helpers/fixture.cjs';
import { apiCalls, expectNoSecrets } from './shared.cjs';

describe('Channel → Get Many', () => {
	let instance: Instance;
	beforeEach(async () => {
		instance = await startInstance();
		for (let n = 0; n < 149; n++) instance.server.addChannel({ name: `alice_extra_${String(n).padStart(3, '0')}`, displayName: `Extra ${n}`, ownerUsername: 'alice' });
	});
	afterEach(async () => await instance.server.close());
	const store = () => storeWith(credentialData(instance.server, USER));
	const getAll = (extra: Record<string, unknown>) => ({ resource: 'channel', operation: 'getAll', simplify: false, ...extra });

	it('My Channels with Return All pages by 100 from /accounts/{me}/video-channels, in the default order (newest first)', async () => {
		const result = await run(getAll({ source: 'mine', returnAll: true }), store());
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(150);
		const calls = apiCalls(instance.server);
		expect(calls.map((r) => `${r.method} ${r.path}`)).toEqual([
			'GET /api/v1/users/me',
			'GET /api/v1/accounts/alice/video-channels',
			'GET /api/v1/accounts/alice/video-channels',
		]);
		expect(calls.slice(1).map((r) => r.query)).toEqual([
			{ sort: '-createdAt', start: '0', count: '100' },
			{ sort: '-createdAt', start: '100', count: '100' },
		]);
	});

	it('Account with a Limit, search, sort and stats sends them and stops at the limit', async () => {
		const result = await run(
			getAll({ source: 'account', accountName: 'alice', returnAll: false, limit: 5, sort: '-updatedAt', filters: { search: 'extra_01', withStats: true } }),
			store(),
		);
		expect(result.error).toBeUndefined();
		const calls = apiCalls(instance.server);
		expect(calls).toHaveLength(1);
		expect(calls[0].path).toBe('/api/v1/accounts/alice/video-channels');
		expect(calls[0].query).toEqual({ search: 'extra_01', sort: '-updatedAt', withStats: 'true', start: '0', count: '5' });
		expect(result.items).toHaveLength(5);
		expect(result.items.every((item) => String(item.json.name).includes('extra_01'))).toBe(true);
	});

	it('Instance lists /video-channels, simplified when asked', async () => {
		const result = await run(getAll({ source: 'instance', returnAll: true, simplify: true }), store());
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(151);
		expect(apiCalls(instance.server).map((r) => r.path)).toEqual(['/api/v1/video-channels', '/api/v1/video-channels']);
		expect(result.items[0].json).toEqual(expect.objectContaining({ handle: expect.stringContaining('@'), account: expect.objectContaining({ name: expect.any(String) }) }));
	});

	it('Search with Source Instance is refused (PeerTube\'s /video-channels ignores it) before any request', async () => {
		const result = await run(getAll({ source: 'instance', returnAll: true, filters: { search: 'extra' } }), store(), { continueOnFail: true });
		expect(result.items[0].json.error).toBe('Search works with Source "My Channels" or "Account" only: to search the channels of the instance, use Search → Channels');
		expect(apiCalls(instance.server)).toEqual([]);
	});

	it('an unknown account names the field; a bad one is refused before any request', async () => {
		let result = await run(getAll({ source: 'account', accountName: 'nobody', returnAll: true }), store(), { continueOnFail: true });
		expect(result.items[0].json.error).toBe('There is no account "nobody" on this PeerTube instance: check Account Name');
		expectNoSecrets(instance.server, result);
		instance.server.clearRequests();
		result = await run(getAll({ source: 'account', accountName: 'two words', returnAll: true }), store(), { continueOnFail: true });
		expect(result.items[0].json.error).toBe('Account Name "two words" is not an account name, name@host or account page URL: e.g. alice or alice@videos.example.org');
		expect(apiCalls(instance.server)).toEqual([]);
	});
});
