import { ADMIN, credentialData, type Instance, run, startInstance, storeWith, USER } from '../../../../helpers/fixture.cjs';
import { apiCalls, expectNoSecrets, jsonBody, rl, writes } from './shared.cjs';

describe('Channel → Update', () => {
	let instance: Instance;
	beforeEach(async () => {
		instance = await startInstance();
		instance.server.addVideos(2, { channelName: 'alice_channel', support: 'old support' });
	});
	afterEach(async () => await instance.server.close());
	const store = (account: { username: string; password: string } = USER) => storeWith(credentialData(instance.server, account));
	const update = (channel: string, updateFields: Record<string, unknown>) => ({
		resource: 'channel',
		operation: 'update',
		channel: rl(channel),
		updateFields: updateFields as never,
		simplify: false,
	});

	it('PUTs only the given fields and returns the channel read back', async () => {
		const result = await run(update('alice_channel', { displayName: 'Alice cooks', description: 'Weekly recipes' }), store());
		expect(result.error).toBeUndefined();
		const [put] = writes(instance.server);
		expect([put.method, put.path, put.status]).toEqual(['PUT', '/api/v1/video-channels/alice_channel', 204]);
		expect(jsonBody(put)).toEqual({ displayName: 'Alice cooks', description: 'Weekly recipes' });
		expect(result.items[0].json).toEqual(expect.objectContaining({ name: 'alice_channel', displayName: 'Alice cooks', description: 'Weekly recipes', support: null }));
	});

	it('support with Apply to All Videos sends bulkVideosSupportUpdate and the videos change', async () => {
		const result = await run(update('alice_channel', { support: 'New tip jar', bulkVideosSupportUpdate: true }), store());
		expect(result.error).toBeUndefined();
		expect(jsonBody(writes(instance.server)[0])).toEqual({ support: 'New tip jar', bulkVideosSupportUpdate: true });
		expect([...instance.server.videos.values()].map((v) => v.support)).toEqual(['New tip jar', 'New tip jar']);
	});

	it.each([
		['nothing to change', {}, 'Update Fields is empty: add at least one field to change'],
		['bulk without support', { bulkVideosSupportUpdate: true }, 'Apply Support to All Videos needs Support: add the Support field too, or remove this option'],
		['a 2-character support', { support: 'ab' }, 'Support must be 3 to 1000 characters long (it has 2)'],
		['a 121-character display name', { displayName: 'y'.repeat(121) }, 'Display Name must be 1 to 120 characters long (it has 121)'],
	])('%s is refused before any request', async (_label, fields, message) => {
		const result = await run(update('alice_channel', fields), store(), { continueOnFail: true });
		expect(result.items[0].json.error).toBe(message);
		expect(apiCalls(instance.server)).toEqual([]);
	});

	it('another user\'s channel: PeerTube\'s 403 becomes a message about ownership; an admin may', async () => {
		let result = await run(update('root_channel', { displayName: 'Hijack' }), store(), { continueOnFail: true });
		expect(String(result.items[0].json.error)).toMatch(/does not own this channel/);
		expect(writes(instance.server).map((r) => r.status)).toEqual([403]);
		expect(instance.server.findChannel('root_channel')!.displayName).toBe('Main root channel');
		expectNoSecrets(instance.server, result);
		result = await run(update('alice_channel', { displayName: 'Moderated' }), store(ADMIN));
		expect(result.error).toBeUndefined();
		expect(instance.server.findChannel('alice_channel')!.displayName).toBe('Moderated');
	});
});
