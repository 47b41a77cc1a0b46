import { addComment, commentsOf } from '../../../../../standin/routes/comments.cjs';
import { credentialData, type Instance, run, startInstance, storeWith, USER } from '../../../../helpers/fixture.cjs';

describe('Comment → Reply', () => {
	let instance: Instance;
	let video: { id: number; uuid: string };
	let thread: { id: number };

	beforeEach(async () => {
		instance = await startInstance();
		[video] = instance.server.addVideos(1, { channelName: 'root_channel' });
		thread = addComment(instance.server, { videoId: video.id, text: 'Question?', accountName: 'root' });
	});
	afterEach(async () => await instance.server.close());
	const store = () => storeWith(credentialData(instance.server, USER));

	it('answers a comment: POST …/comments/{id} with exactly { text }', async () => {
		const result = await run({ resource: 'comment', operation: 'reply', videoId: video.uuid, commentId: thread.id, text: 'Answer' }, store());
		expect(result.error).toBeUndefined();
		const posts = instance.server.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/api/v1/videos/'));
		expect(posts.map((r) => r.path)).toEqual([`/api/v1/videos/${video.uuid}/comments/${thread.id}`]);
		expect(JSON.parse(posts[0].body.toString())).toEqual({ text: 'Answer' });
		expect(result.items[0].json).toEqual(expect.objectContaining({ text: 'Answer', threadId: thread.id, inReplyToCommentId: thread.id }));
		expect(commentsOf(instance.server)).toHaveLength(2);
	});

	it('a comment of another video is refused by PeerTube', async () => {
		const [other] = instance.server.addVideos(1, { channelName: 'root_channel' });
		const result = await run({ resource: 'comment', operation: 'reply', videoId: String(other.id), commentId: thread.id, text: 'Answer' }, store());
		expect(result.error?.message).toBe('PeerTube rejected the request (HTTP 400): Video comment is not associated to this video.');
		expect(commentsOf(instance.server)).toHaveLength(1);
	});

	it('an unknown comment says so', async () => {
		const result = await run({ resource: 'comment', operation: 'reply', videoId: video.uuid, commentId: 777, text: 'Answer' }, store());
		expect(result.error?.message).toBe('There is no comment 777 on this video, or no such video: check Video and Comment ID');
	});

	it('an empty Comment ID is refused before any request', async () => {
		const result = await run({ resource: 'comment', operation: 'reply', videoId: video.uuid, commentId: 0, text: 'Answer' }, store());
		expect(result.error?.message).toBe('Comment ID must be the numeric ID of a comment (a whole number of at least 1), got "0"');
		expect(instance.server.requests).toHaveLength(0);
	});
});
