import { ratingsOf } from '../../../../../standin/routes/ratings.cjs';
import { credentialData, type Instance, run, startInstance, storeWith, USER } from '../../../../helpers/fixture.cjs';

describe('Video → Rate', () => {
	let instance: Instance;
	let video: { id: number; uuid: string };

	beforeEach(async () => {
		instance = await startInstance();
		[video] = instance.server.addVideos(1, { channelName: 'root_channel', likes: 0, dislikes: 0 });
	});
	afterEach(async () => await instance.server.close());
	const store = () => storeWith(credentialData(instance.server, USER));
	const puts = () => instance.server.requests.filter((r) => r.method === 'PUT');

	it.each([
		['like', 1, 0],
		['dislike', 0, 1],
	])('%s: PUT /videos/{id}/rate with exactly { rating }', async (rating, likes, dislikes) => {
		const result = await run({ resource: 'video', operation: 'rate', videoId: video.uuid, rating }, store());
		expect(result.error).toBeUndefined();
		expect(puts().map((r) => [r.path, JSON.parse(r.body.toString())])).toEqual([[`/api/v1/videos/${video.uuid}/rate`, { rating }]]);
		expect(result.items.map((item) => item.json)).toEqual([{ rated: true, id: video.uuid, rating }]);
		expect(instance.server.getVideo(video.id)).toEqual(expect.objectContaining({ likes, dislikes }));
		expect(ratingsOf(instance.server, video.id).get(instance.user.id)).toBe(rating);
	});

	it('none removes the rating', async () => {
		await run({ resource: 'video', operation: 'rate', videoId: video.uuid, rating: 'like' }, store());
		const result = await run({ resource: 'video', operation: 'rate', videoId: video.uuid, rating: 'none' }, store());
		expect(result.error).toBeUndefined();
		expect(instance.server.getVideo(video.id)).toEqual(expect.objectContaining({ likes: 0, dislikes: 0 }));
		expect(ratingsOf(instance.server, video.id).has(instance.user.id)).toBe(false);
	});

	it('an unknown rating (from an expression) is refused before any request', async () => {
		const result = await run({ resource: 'video', operation: 'rate', videoId: video.uuid, rating: '={{ "love" }}' }, store());
		expect(result.error?.message).toBe('Rating "love" is unknown: use like, dislike or none');
		expect(instance.server.requests).toHaveLength(0);
	});

	it('an unknown video says so', async () => {
		const result = await run({ resource: 'video', operation: 'rate', videoId: '9999', rating: 'like' }, store());
		expect(result.error?.message).toBe('There is no video "9999" on this PeerTube instance: check Video');
	});
});
