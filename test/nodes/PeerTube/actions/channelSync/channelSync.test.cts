import { ADMIN, credentialData, type Instance, run, startInstance, storeWith, USER } from '../../../../helpers/fixture.cjs';
import { channelSyncState } from '../../../../../standin/routes/channelSyncs.cjs';
import { apiCalls, expectNoSecrets, jsonBody, rl, writes } from '../channel/shared.cjs';

const YT = 'https://www.youtube.com/@alice_cooks';

describe('Channel Sync', () => {
	let instance: Instance;
	beforeEach(async () => {
		instance = await startInstance();
		channelSyncState(instance.server).enabled = true;
	});
	afterEach(async () => await instance.server.close());
	const store = (account: { username: string; password: string } = USER) => storeWith(credentialData(instance.server, account));
	const create = (channel: unknown, externalChannelUrl = YT) => ({
		resource: 'channelSync',
		operation: 'create',
		channel: channel as never,
		externalChannelUrl,
	});

	describe('Create', () => {
		it('resolves the channel handle to its ID and posts exactly externalChannelUrl and videoChannelId', async () => {
			const channelId = instance.server.findChannel('alice_channel')!.id;
			const result = await run(create(rl('alice_channel')), store());
			expect(result.error).toBeUndefined();
			expect(apiCalls(instance.server).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/v1/video-channels/alice_channel', 'POST /api/v1/video-channel-syncs']);
			expect(jsonBody(writes(instance.server)[0])).toEqual({ externalChannelUrl: YT, videoChannelId: channelId });
			expect(result.items[0].json).toEqual(
				expect.objectContaining({ id: 1, externalChannelUrl: YT, state: { id: 1, label: 'Waiting first run' }, lastSyncAt: null, channel: expect.objectContaining({ name: 'alice_channel' }) }),
			);
		});

		it('a numeric channel ID goes as is, without a lookup', async () => {
			const channelId = instance.server.findChannel('alice_channel')!.id;
			const result = await run(create(rl(String(channelId), 'handle')), store());
			expect(result.error).toBeUndefined();
			expect(apiCalls(instance.server).map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/v1/video-channel-syncs']);
		});

		it('disabled synchronisation says so and who can enable it', async () => {
			channelSyncState(instance.server).enabled = false;
			const result = await run(create(rl('5', 'handle')), store(), { continueOnFail: true });
			expect(result.items[0].json.error).toMatch(/^Channel synchronisation is disabled on this PeerTube instance: an administrator can enable it in Administration → Configuration/);
			expect(result.items[0].json.error).toMatch(/import\.video_channel_synchronization\.enabled/);
			expect(writes(instance.server).map((r) => r.status)).toEqual([403]);
			expect(channelSyncState(instance.server).syncs.size).toBe(0);
			expectNoSecrets(instance.server, result);
		});

		it.each([
			['an empty URL', '={{ "" }}', 'External Channel URL is empty: give the URL of the channel to mirror'],
			['not a URL', 'youtube alice', 'External Channel URL "youtube alice" is not an http(s) URL: give the full address, e.g. https://www.youtube.com/@my_channel'],
			['ftp', 'ftp://example.org/alice', 'External Channel URL "ftp://example.org/alice" is not an http(s) URL: give the full address, e.g. https://www.youtube.com/@my_channel'],
		])('%s is refused before any request', async (_label, url, message) => {
			const result = await run(create(rl('alice_channel'), url), store(), { continueOnFail: true });
			expect(result.items[0].json.error).toBe(message);
			expect(apiCalls(instance.server)).toEqual([]);
		});

		it('someone else\'s channel is refused by PeerTube (403)', async () => {
			const result = await run(create(rl('root_channel')), store(), { continueOnFail: true });
			expect(String(result.items[0].json.error)).toMatch(/PeerTube refused this action for the credential's account: Only a user with sufficient right/);
			expect(channelSyncState(instance.server).syncs.size).toBe(0);
		});
	});

	describe('Get Many, Delete, Sync Now', () => {
		const addSyncs = async (n: number) => {
			for (let k = 0; k < n; k++) {
				const result = await run(create(rl('alice_channel'), `${YT}${k}`), store());
				expect(result.error).toBeUndefined();
			}
			instance.server.clearRequests();
		};

		it('Get Many lists /accounts/{me}/video-channel-syncs, paging with Return All', async () => {
			channelSyncState(instance.server).maxPerUser = 300;
			const channelId = instance.server.findChannel('alice_channel')!.id;
			const st = channelSyncState(instance.server);
			for (let k = 0; k < 205; k++) st.syncs.set(st.nextId, { id: st.nextId++, externalChannelUrl: `${YT}${k}`, channelId, state: 3, createdAt: new Date(Date.now() - k).toISOString(), lastSyncAt: null });
			const result = await run({ resource: 'channelSync', operation: 'getAll', returnAll: true, sort: 'createdAt' }, store());
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(205);
			const calls = apiCalls(instance.server);
			expect(calls.map((r) => r.path)).toEqual(['/api/v1/users/me', ...Array(3).fill('/api/v1/accounts/alice/video-channel-syncs')]);
			expect(calls.slice(1).map((r) => r.query)).toEqual([0, 100, 200].map((start) => ({ sort: 'createdAt', start: String(start), count: '100' })));
		});

		it('Get Many with a Limit stops there', async () => {
			await addSyncs(3);
			const result = await run({ resource: 'channelSync', operation: 'getAll', returnAll: false, limit: 2 }, store());
			expect(result.items).toHaveLength(2);
			expect(apiCalls(instance.server)[1].query).toEqual({ sort: '-createdAt', start: '0', count: '2' });
		});

		it('Delete answers { deleted: true, id } and the sync is gone', async () => {
			await addSyncs(1);
			const result = await run({ resource: 'channelSync', operation: 'delete', syncId: 1 }, store());
			expect(result.error).toBeUndefined();
			expect(writes(instance.server).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['DELETE /api/v1/video-channel-syncs/1 204']);
			expect(result.items[0].json).toEqual({ deleted: true, id: 1 });
			expect(channelSyncState(instance.server).syncs.size).toBe(0);
		});

		it('Delete of an unknown sync names the field; a bad ID is refused before any request', async () => {
			let result = await run({ resource: 'channelSync', operation: 'delete', syncId: 42 }, store(), { continueOnFail: true });
			expect(result.items[0].json.error).toBe('There is no channel sync 42 on this PeerTube instance: check Channel Sync ID');
			instance.server.clearRequests();
			result = await run({ resource: 'channelSync', operation: 'delete', syncId: 0 }, store(), { continueOnFail: true });
			expect(result.items[0].json.error).toBe('Channel Sync ID must be a whole number of at least 1 (got "0")');
			expect(apiCalls(instance.server)).toEqual([]);
		});

		it('Sync Now imports the external channel into the sync\'s channel, naming the sync', async () => {
			await addSyncs(2);
			const result = await run({ resource: 'channelSync', operation: 'syncNow', syncId: 2 }, store());
			expect(result.error).toBeUndefined();
			const [post] = writes(instance.server);
			expect([post.method, post.path, post.status]).toEqual(['POST', '/api/v1/video-channels/alice_channel/import-videos', 204]);
			expect(jsonBody(post)).toEqual({ externalChannelUrl: `${YT}1`, videoChannelSyncId: 2 });
			expect(result.items[0].json).toEqual({ id: 2, channel: 'alice_channel', externalChannelUrl: `${YT}1`, importStarted: true });
			expect(channelSyncState(instance.server).imports).toEqual([{ channelId: instance.server.findChannel('alice_channel')!.id, externalChannelUrl: `${YT}1`, videoChannelSyncId: 2 }]);
			expect(instance.server.count('POST', /\/video-channel-syncs\/\d+\/sync$/)).toBe(0);
		});

		it('Sync Now of a sync that is not yours says so and sends nothing', async () => {
			await addSyncs(1);
			const result = await run({ resource: 'channelSync', operation: 'syncNow', syncId: 1 }, store(ADMIN), { continueOnFail: true });
			expect(result.items[0].json.error).toBe('Channel sync 1 is not one of your channel syncs: check Channel Sync ID (Channel Sync → Get Many lists them)');
			expect(writes(instance.server)).toEqual([]);
		});

		it('deleting the channel takes its syncs along (stand-in cascade)', async () => {
			instance.server.addChannel({ name: 'mirror', ownerUsername: 'alice' });
			const created = await run(create(rl('mirror')), store());
			expect(created.error).toBeUndefined();
			await run({ resource: 'channel', operation: 'delete', channel: rl('mirror') }, store());
			expect(channelSyncState(instance.server).syncs.size).toBe(0);
		});

		it('Sync Now with HTTP import disabled says who can enable it', async () => {
			await addSyncs(1);
			channelSyncState(instance.server).httpImportEnabled = false;
			const result = await run({ resource: 'channelSync', operation: 'syncNow', syncId: 1 }, store(), { continueOnFail: true });
			expect(result.items[0].json.error).toMatch(/^Importing videos is disabled on this PeerTube instance \(HTTP import is off\): an administrator can enable it/);
			expect(channelSyncState(instance.server).imports).toEqual([]);
			expectNoSecrets(instance.server, result);
		});
	});
});
