import { addComment } from '../../../../../standin/routes/comments.cjs';
import { credentialData, type Instance, run, startInstance, storeWith, USER } from '../../../../helpers/fixture.cjs';

describe('Comment → Get', () => {
	let instance: Instance;
	let video: { id: number; uuid: string };

	beforeEach(async () => {
		instance = await startInstance();
		[video] = instance.server.addVideos(1, { channelName: 'alice_channel' });
	});
	afterEach(async () => await instance.server.close());
	const store = () => storeWith(credentialData(instance.server, USER));

	it('reads a thread with its tree of replies', async () => {
		const thread = addComment(instance.server, { videoId: video.id, text: 'Question?', accountName: 'root', createdAt: '2025-01-01T00:00:00Z' });
		const answer = addComment(instance.server, { videoId: video.id, text: 'Answer', accountName: 'alice', inReplyTo: thread.id, createdAt: '2025-01-01T00:01:00Z' });
		const thanks = addComment(instance.server, { videoId: video.id, text: 'Thanks', accountName: 'root', inReplyTo: answer.id, createdAt: '2025-01-01T00:02:00Z' });
		const result = await run({ resource: 'comment', operation: 'get', videoId: String(video.id), threadId: thread.id }, store());
		expect(result.error).toBeUndefined();
		const tree = result.items[0].json as { comment: { id: number; text: string }; children: { comment: { id: number }; children: { comment: { id: number } }[] }[] };
		expect(tree.comment).toEqual(expect.objectContaining({ id: thread.id, text: 'Question?', threadId: thread.id, inReplyToCommentId: null }));
		expect(tree.children.map((c) => c.comment.id)).toEqual([answer.id]);
		expect(tree.children[0].children.map((c) => c.comment.id)).toEqual([thanks.id]);
		const reads = instance.server.requests.filter((r) => r.path.includes('/comment-threads'));
		expect(reads.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /api/v1/videos/${video.id}/comment-threads/${thread.id}`]);
	});

	it('a reply is not a thread: the message says to use its threadId', async () => {
		const thread = addComment(instance.server, { videoId: video.id, text: 'Question?', accountName: 'root' });
		const reply = addComment(instance.server, { videoId: video.id, text: 'Answer', accountName: 'alice', inReplyTo: thread.id });
		const result = await run({ resource: 'comment', operation: 'get', videoId: String(video.id), threadId: reply.id }, store());
		expect(result.error?.message).toBe(`Comment ${reply.id} is not the start of a thread of this video: use the threadId of the comment, on the video it belongs to`);
	});

	it('an unknown thread says so', async () => {
		const result = await run({ resource: 'comment', operation: 'get', videoId: String(video.id), threadId: 999 }, store());
		expect(result.error?.message).toBe('There is no comment thread 999 on this video, or no such video: check Video and Thread ID');
	});

	it.each([[0], [-3], [1.5], ['abc']])('Thread ID %p is refused before any request', async (threadId) => {
		const result = await run({ resource: 'comment', operation: 'get', videoId: String(video.id), threadId }, store());
		expect(result.error?.message).toMatch(/^Thread ID must be the numeric ID of a comment \(a whole number of at least 1\), got/);
		expect(instance.server.requests).toHaveLength(0);
	});
});
