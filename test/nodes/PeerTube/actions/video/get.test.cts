import type { VideoDetails } from '@peertube/peertube-types';

import { credentialData, type Instance, run, startInstance, storeWith, USER } from '../../../../helpers/fixture.cjs';

describe('Video → Get', () => {
	let instance: Instance;
	let video: { id: number; uuid: string; shortUUID: string };

	beforeEach(async () => {
		instance = await startInstance();
		[video] = instance.server.addVideos(1, { channelName: 'alice_channel', name: 'Details please', tags: ['cats', 'music'], description: 'All of it' });
	});
	afterEach(async () => await instance.server.close());
	const store = () => storeWith(credentialData(instance.server, USER));

	it.each([
		['numeric ID', (v: typeof video) => String(v.id), (v: typeof video) => String(v.id)],
		['UUID', (v: typeof video) => v.uuid, (v: typeof video) => v.uuid],
		['watch URL', (v: typeof video, url: string) => `${url}/w/${v.shortUUID}`, (v: typeof video) => v.shortUUID],
	])('reads one video with its details, given its %s', async (_label, given, expected) => {
		const result = await run({ resource: 'video', operation: 'get', videoId: given(video, instance.server.url) }, store());
		expect(result.error).toBeUndefined();
		const details = result.items[0].json as unknown as VideoDetails;
		expect(details).toEqual(expect.objectContaining({ id: video.id, name: 'Details please', tags: ['cats', 'music'], description: 'All of it' }));
		const reads = instance.server.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/api/v1/videos/'));
		expect(reads.map((r) => r.path)).toEqual([`/api/v1/videos/${expected(video)}`]);
	});

	it('one output item per input item, paired', async () => {
		const items = [{ json: { id: video.id } }, { json: { id: video.id } }];
		const result = await run({ resource: 'video', operation: 'get', videoId: '={{ $json.id }}' }, store(), { items });
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('an unknown video says so', async () => {
		const result = await run({ resource: 'video', operation: 'get', videoId: '424242' }, store());
		expect(result.error?.message).toBe('There is no video "424242" on this PeerTube instance: check Video');
	});

	it('a value that is no video id is refused before any request', async () => {
		const result = await run({ resource: 'video', operation: 'get', videoId: 'https://videos.example.org/c/some_channel' }, store());
		expect(result.error?.message).toMatch(/is not a video ID, UUID, short UUID or watch page URL/);
		expect(instance.server.requests).toHaveLength(0);
	});
});
