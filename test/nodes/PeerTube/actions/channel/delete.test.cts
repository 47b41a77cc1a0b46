import { credentialData, type Instance, run, startInstance, storeWith, USER } from '../../../../helpers/fixture.cjs';
import { expectNoSecrets, rl, writes } from './shared.cjs';

describe('Channel → Delete', () => {
	let instance: Instance;
	beforeEach(async () => (instance = await startInstance()));
	afterEach(async () => await instance.server.close());
	const store = () => storeWith(credentialData(instance.server, USER));
	const del = (channel: string) => ({ resource: 'channel', operation: 'delete', channel: rl(channel) });

	it('DELETEs the channel with its videos and answers { deleted: true, id }', async () => {
		instance.server.addChannel({ name: 'second_one', ownerUsername: 'alice' });
		instance.server.addVideos(2, { channelName: 'second_one' });
		const result = await run(del('second_one'), store());
		expect(result.error).toBeUndefined();
		expect(writes(instance.server).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['DELETE /api/v1/video-channels/second_one 204']);
		expect(writes(instance.server)[0].body.length).toBe(0);
		expect(result.items.map((item) => item.json)).toEqual([{ deleted: true, id: 'second_one' }]);
		expect(instance.server.findChannel('second_one')).toBeUndefined();
		expect(instance.server.videos.size).toBe(0);
	});

	it('the last channel of an account: PeerTube\'s 409 with what to do', async () => {
		const result = await run(del('alice_channel'), store(), { continueOnFail: true });
		expect(result.items[0].json.error).toBe('Channel "alice_channel" is the last channel of its account, and PeerTube keeps at least one: create another channel first');
		expect(writes(instance.server).map((r) => r.status)).toEqual([409]);
		expect(instance.server.findChannel('alice_channel')).toBeDefined();
		expectNoSecrets(instance.server, result);
	});

	it('someone else\'s channel is refused (403) and stays', async () => {
		instance.server.addChannel({ name: 'root_second', ownerUsername: 'root' });
		const result = await run(del('root_second'), store(), { continueOnFail: true });
		expect(String(result.items[0].json.error)).toMatch(/does not own this channel/);
		expect(instance.server.findChannel('root_second')).toBeDefined();
	});

	it('an empty Channel is refused before any request', async () => {
		const result = await run({ resource: 'channel', operation: 'delete', channel: rl('={{ "" }}', 'handle') }, store(), { continueOnFail: true });
		expect(result.items[0].json.error).toBe('Channel is empty: pick a channel, or give its handle (e.g. my_channel), page URL or numeric ID');
		expect(writes(instance.server)).toEqual([]);
	});
});
