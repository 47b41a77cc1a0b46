import { credentialData, type Instance, run, startInstance, storeWith, USER } from '../../../../helpers/fixture.cjs';

describe('Instance → Get Config / Get About / Get Stats', () => {
	let instance: Instance;

	beforeEach(async () => {
		instance = await startInstance({ serverVersion: '6.3.0' });
		instance.server.addVideos(2, { channelName: 'alice_channel' });
	});
	afterEach(async () => await instance.server.close());
	const store = () => storeWith(credentialData(instance.server, USER));
	const apiReads = () => instance.server.requests.filter((r) => r.path.startsWith('/api/v1/') && r.path !== '/api/v1/users/token' && !r.path.startsWith('/api/v1/oauth-clients'));

	it.each([
		['getConfig', '/api/v1/config', { serverVersion: '6.3.0' }],
		['getAbout', '/api/v1/config/about', { instance: expect.objectContaining({ name: 'PeerTube stand-in' }) }],
		['getStats', '/api/v1/server/stats', { totalLocalVideos: 2, totalUsers: 2 }],
	])('%s: one GET %s, PeerTube\'s answer as the output', async (operation, path, expected) => {
		const result = await run({ resource: 'instance', operation }, store());
		expect(result.error).toBeUndefined();
		expect(apiReads().map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${path}`]);
		expect(apiReads()[0].query).toEqual({});
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toEqual(expect.objectContaining(expected));
	});

	it('a server error is retried, then reported with the status', async () => {
		instance.server.failNext('GET', '/api/v1/server/stats', 503, 3);
		const result = await run({ resource: 'instance', operation: 'getStats' }, store());
		expect(result.error?.message).toBe('PeerTube failed to answer (HTTP 503): Injected failure (503)');
		expect(instance.server.count('GET', '/api/v1/server/stats')).toBe(3);
	});
});
