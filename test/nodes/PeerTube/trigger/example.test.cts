/**
 * examples/5-new-video-post.json: its trigger parameters poll the demo channel, and the fields its
 * Set node reads ($json.name, $json.url, $json.channel.displayName) are in the trigger's output.
 */
import * as fs from 'fs';
import * as path from 'path';

import { credentialData, type Instance, startInstance, storeWith, USER } from '../../../helpers/fixture.cjs';
import { TriggerHarness } from '../../../helpers/poll.cjs';

const example = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../examples/5-new-video-post.json'), 'utf8'));
const triggerNode = example.nodes.find((n: { type: string }) => n.type === 'n8n-nodes-peertube.peerTubeTrigger');
const setNode = example.nodes.find((n: { type: string }) => n.type === 'n8n-nodes-base.set');

describe('example 5: new video on my channel → compose a post', () => {
	let instance: Instance;
	beforeEach(async () => {
		instance = await startInstance();
		instance.server.addChannel({ name: 'alice_cooking', displayName: "Alice's kitchen", ownerUsername: USER.username });
		instance.server.addVideos(1, { channelName: 'alice_cooking', name: 'Old recipe', publishedAt: '2026-01-01T00:00:00.000Z' });
	});
	afterEach(async () => await instance.server.close());

	it('the trigger emits the new video with the fields the Set node uses', async () => {
		expect(example.connections[triggerNode.name].main[0][0].node).toBe(setNode.name);
		const harness = new TriggerHarness(triggerNode.parameters, storeWith(credentialData(instance.server, USER)));
		expect((await harness.poll()).items).toBeNull();
		instance.server.addVideos(1, { channelName: 'alice_cooking', name: 'Lemon tart', publishedAt: '2026-01-02T00:00:00.000Z' });
		instance.server.addVideos(1, { channelName: 'alice_channel', name: 'Not this channel', publishedAt: '2026-01-03T00:00:00.000Z' });
		const result = await harness.poll();
		expect(result.items).toHaveLength(1);
		const video = result.items![0].json as { name: string; url: string; channel: { displayName: string } };
		expect(video.name).toBe('Lemon tart');
		expect(video.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/videos\/watch\//);
		expect(video.channel.displayName).toBe("Alice's kitchen");
		const expressions = setNode.parameters.assignments.assignments.map((a: { value: string }) => a.value).join(' ');
		for (const field of ['$json.name', '$json.url', '$json.channel.displayName']) expect(expressions).toContain(field);
		expect(instance.server.count('GET', '/api/v1/video-channels/alice_cooking/videos')).toBe(2);
	});
});
