import { commentsOf } from '../../../../../standin/routes/comments.cjs';
import { credentialData, type Instance, run, startInstance, storeWith, USER } from '../../../../helpers/fixture.cjs';

describe('Comment → Create', () => {
	let instance: Instance;
	let video: { id: number; uuid: string; shortUUID: string };

	beforeEach(async () => {
		instance = await startInstance();
		[video] = instance.server.addVideos(1, { channelName: 'root_channel' });
	});
	afterEach(async () => await instance.server.close());
	const store = () => storeWith(credentialData(instance.server, USER));
	const posts = () => instance.server.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/api/v1/videos/'));

	it('starts a thread: POST …/comment-threads with exactly { text }, the comment as output', async () => {
		const result = await run({ resource: 'comment', operation: 'create', videoId: `${instance.server.url}/w/${video.shortUUID}`, text: 'Nice **video**' }, store());
		expect(result.error).toBeUndefined();
		const [post] = posts();
		expect(post.path).toBe(`/api/v1/videos/${video.shortUUID}/comment-threads`);
		expect(post.headers['content-type']).toMatch(/^application\/json/);
		expect(JSON.parse(post.body.toString())).toEqual({ text: 'Nice **video**' });
		const [stored] = commentsOf(instance.server);
		expect(stored).toEqual(expect.objectContaining({ text: 'Nice **video**', accountName: 'alice', inReplyToCommentId: null, heldForReview: false }));
		expect(result.items.map((item) => item.json)).toEqual([
			expect.objectContaining({ id: stored.id, threadId: stored.id, text: 'Nice **video**', account: expect.objectContaining({ name: 'alice' }) }),
		]);
	});

	it('node version 2: the Video resource locator (By URL) names the video', async () => {
		const videoId = { __rl: true, mode: 'url', value: `${instance.server.url}/w/${video.shortUUID}` };
		const result = await run({ resource: 'comment', operation: 'create', videoId, text: 'Via the locator' }, store(), { typeVersion: 2 });
		expect(result.error).toBeUndefined();
		expect(posts().map((r) => r.path)).toEqual([`/api/v1/videos/${video.shortUUID}/comment-threads`]);
		expect(result.items[0].json).toEqual(expect.objectContaining({ text: 'Via the locator' }));
	});

	it('a video that requires approval holds the comment for review', async () => {
		instance.server.getVideo(video.id)!.commentsPolicy = 3;
		const result = await run({ resource: 'comment', operation: 'create', videoId: String(video.id), text: 'Hello' }, store());
		expect(result.items[0].json).toEqual(expect.objectContaining({ heldForReview: true }));
	});

	it('comments disabled: 409 with a message saying who can change it', async () => {
		instance.server.getVideo(video.id)!.commentsPolicy = 2;
		const result = await run({ resource: 'comment', operation: 'create', videoId: String(video.id), text: 'Hello' }, store());
		expect(result.error?.message).toBe("Comments are disabled on this video: its owner can allow them in the video's settings (Comments Policy)");
		expect(result.error?.httpCode).toBe('409');
		expect(commentsOf(instance.server)).toHaveLength(0);
	});

	it.each([
		// an expression that gives nothing (n8n itself refuses a literally empty required field)
		['={{ "" }}', 'Text is empty: enter the text of the comment'],
		['x'.repeat(10001), 'Text is 10001 characters long; PeerTube accepts at most 10000: shorten it'],
	])('text %#: refused before any request', async (text, message) => {
		const result = await run({ resource: 'comment', operation: 'create', videoId: String(video.id), text }, store());
		expect(result.error?.message).toBe(message);
		expect(instance.server.requests).toHaveLength(0);
	});

	it('10000 characters exactly is accepted', async () => {
		const result = await run({ resource: 'comment', operation: 'create', videoId: String(video.id), text: 'y'.repeat(10000) }, store());
		expect(result.error).toBeUndefined();
		expect(commentsOf(instance.server)[0].text).toHaveLength(10000);
	});

	it('a bad Video is refused before any request', async () => {
		const result = await run({ resource: 'comment', operation: 'create', videoId: 'https://videos.example.org/c/some_channel', text: 'Hello' }, store());
		expect(result.error?.message).toMatch(/is not a video ID, UUID, short UUID or watch page URL/);
		expect(instance.server.requests).toHaveLength(0);
	});

	it('Continue On Fail: each item fails alone', async () => {
		const items = [{ json: { text: 'first' } }, { json: { text: '' } }, { json: { text: 'third' } }];
		const result = await run({ resource: 'comment', operation: 'create', videoId: String(video.id), text: '={{ $json.text }}' }, store(), {
			items,
			continueOnFail: true,
		});
		expect(result.items.map((item) => item.json.text ?? item.json.error)).toEqual(['first', 'Text is empty: enter the text of the comment', 'third']);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(posts()).toHaveLength(2);
	});
});
