import type { NodeParameterValueType } from 'n8n-workflow';

import { ADMIN, credentialData, type Instance, run, startInstance, storeWith, USER } from '../../../../helpers/fixture.cjs';
import { byId, byList, byUrl, runV2 } from './locator.helpers.cjs';

const del = (videoId: NodeParameterValueType) => ({ resource: 'video', operation: 'delete', videoId });

describe('Video → Delete', () => {
	let instance: Instance;
	let video: { id: number; uuid: string; shortUUID: string };
	let other: { id: number; uuid: string; shortUUID: string };

	beforeEach(async () => {
		instance = await startInstance();
		[video, other] = instance.server.addVideos(2, { channelName: 'alice_channel' });
	});
	afterEach(async () => await instance.server.close());

	const store = () => storeWith(credentialData(instance.server, USER));
	const deletes = () => instance.server.requests.filter((r) => r.method === 'DELETE');

	it('deletes the video and answers { deleted: true, id }', async () => {
		const result = await runV2(del(byId(video.id)), store());
		expect(result.error).toBeUndefined();
		expect(deletes()).toHaveLength(1);
		expect(deletes()[0]).toEqual(expect.objectContaining({ path: `/api/v1/videos/${video.id}`, query: {}, status: 204 }));
		expect(deletes()[0].body).toHaveLength(0);
		expect(result.items).toEqual([{ json: { deleted: true, id: video.id }, pairedItem: { item: 0 } }]);
		expect(instance.server.getVideo(video.id)).toBeUndefined();
		expect(instance.server.getVideo(other.id)).toBeDefined();
	});

	it.each([
		['From List (UUID)', (v: typeof video) => byList(v.uuid), (v: typeof video) => v.uuid],
		['By URL /w/short', (v: typeof video, url: string) => byUrl(`${url}/w/${v.shortUUID}`), (v: typeof video) => v.shortUUID],
		['By URL embed', (v: typeof video, url: string) => byUrl(`${url}/videos/embed/${v.uuid}`), (v: typeof video) => v.uuid],
		['By ID short UUID', (v: typeof video) => byId(v.shortUUID), (v: typeof video) => v.shortUUID],
	])('finds the video %s', async (_label, given, expected) => {
		const result = await runV2(del(given(video, instance.server.url)), store());
		expect(result.error).toBeUndefined();
		expect(deletes().map((r) => r.path)).toEqual([`/api/v1/videos/${expected(video)}`]);
		expect(result.items[0].json).toEqual({ deleted: true, id: expected(video) });
		expect(instance.server.getVideo(video.id)).toBeUndefined();
	});

	it('still takes the plain text Video of version 1 workflows', async () => {
		const result = await run(del(`${instance.server.url}/videos/watch/${video.uuid}`), store());
		expect(result.error).toBeUndefined();
		expect(deletes().map((r) => r.path)).toEqual([`/api/v1/videos/${video.uuid}`]);
		expect(result.items[0].json).toEqual({ deleted: true, id: video.uuid });
	});

	it('an unknown video says so, and nothing is deleted', async () => {
		const result = await runV2(del(byId(999999)), store());
		expect(result.error?.message).toBe('There is no video "999999" on this PeerTube instance: check Video');
		expect(deletes()[0].status).toBe(404);
		expect(instance.server.videos.size).toBe(2);
	});

	it("another user's video: 403 with what is missing, and the video stays", async () => {
		const [adminVideo] = instance.server.addVideos(1, { channelName: 'root_channel' });
		const result = await runV2(del(byId(adminVideo.id)), store());
		expect(result.error?.message).toMatch(/PeerTube refused to delete this video: the credential's account does not own it/);
		expect(result.error?.httpCode).toBe('403');
		expect(instance.server.getVideo(adminVideo.id)).toBeDefined();
	});

	it('an administrator may delete any video', async () => {
		const result = await runV2(del(byId(video.id)), storeWith(credentialData(instance.server, ADMIN)));
		expect(result.error).toBeUndefined();
		expect(instance.server.getVideo(video.id)).toBeUndefined();
	});

	it('a value that is no video is refused before any request', async () => {
		const result = await run(del('https://videos.example.org/c/some_channel'), store());
		expect(result.error?.message).toBe('Video "https://videos.example.org/c/some_channel" is not a video ID, UUID, short UUID or watch page URL');
		expect(instance.server.requests).toHaveLength(0);
	});

	it('Continue On Fail: one output item per input item, errors in place, paired', async () => {
		const items = [{ json: { id: video.id } }, { json: { id: 999999 } }, { json: { id: other.uuid } }];
		const result = await runV2(del({ __rl: true, mode: 'id', value: '={{ $json.id }}' }), store(), { items, continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual([
			{ deleted: true, id: video.id },
			{ error: 'There is no video "999999" on this PeerTube instance: check Video', description: 'Video not found' },
			{ deleted: true, id: other.uuid },
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(instance.server.videos.size).toBe(0);
		expect(instance.server.logins()).toHaveLength(1);
	});
});
