import { credentialData, type Instance, run, startInstance, storeWith, USER } from '../../../../helpers/fixture.cjs';

describe('My Account → Get', () => {
	let instance: Instance;

	beforeEach(async () => {
		instance = await startInstance();
		const [old, recent] = instance.server.addVideos(2, (k) => ({ channelName: 'alice_channel', createdAt: k === 0 ? '2020-01-01T00:00:00Z' : new Date() }));
		instance.server.getVideo(old.id)!.file = { filename: 'a.mp4', mimetype: 'video/mp4', size: 1000, sha256: 'x' };
		instance.server.getVideo(recent.id)!.file = { filename: 'b.mp4', mimetype: 'video/mp4', size: 234, sha256: 'y' };
		instance.server.addVideos(1, { channelName: 'root_channel' });
	});
	afterEach(async () => await instance.server.close());

	it('the account with its quota used, in total and over the last 24 hours', async () => {
		const result = await run({ resource: 'myAccount', operation: 'get' }, storeWith(credentialData(instance.server, USER)));
		expect(result.error).toBeUndefined();
		const reads = instance.server.requests.filter((r) => r.path.startsWith('/api/v1/users/me'));
		expect(reads.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/v1/users/me', 'GET /api/v1/users/me/video-quota-used']);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toEqual(
			expect.objectContaining({ username: 'alice', videoQuota: -1, videoQuotaDaily: -1, videoQuotaUsed: 1234, videoQuotaUsedDaily: 234 }),
		);
	});

	it('a failure of the quota read fails the item with its message', async () => {
		instance.server.failNext('GET', '/api/v1/users/me/video-quota-used', 403);
		const result = await run({ resource: 'myAccount', operation: 'get' }, storeWith(credentialData(instance.server, USER)));
		expect(result.error?.message).toBe("PeerTube refused this action for the credential's account: Injected failure (403)");
	});
});
