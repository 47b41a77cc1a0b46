import { addComment, commentsOf } from '../../../../../standin/routes/comments.cjs';
import { ADMIN, credentialData, type Instance, run, startInstance, storeWith, USER } from '../../../../helpers/fixture.cjs';

describe('Comment → Delete', () => {
	let instance: Instance;
	let video: { id: number; uuid: string };

	beforeEach(async () => {
		instance = await startInstance();
		instance.server.addUser({ username: 'carol', password: 'C4rol-pass-phrase', role: 'user' });
		[video] = instance.server.addVideos(1, { channelName: 'root_channel' });
	});
	afterEach(async () => await instance.server.close());
	const as = (account: { username: string; password: string }) => storeWith(credentialData(instance.server, account));

	it('deletes its author\'s comment: DELETE …/comments/{id}, output { deleted: true, id }', async () => {
		const mine = addComment(instance.server, { videoId: video.id, text: 'oops', accountName: 'alice' });
		const result = await run({ resource: 'comment', operation: 'delete', videoId: String(video.id), commentId: mine.id }, as(USER));
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual([{ deleted: true, id: mine.id }]);
		const deletes = instance.server.requests.filter((r) => r.method === 'DELETE');
		expect(deletes.map((r) => [r.path, r.body.length])).toEqual([[`/api/v1/videos/${video.id}/comments/${mine.id}`, 0]]);
		expect(commentsOf(instance.server)[0].deletedAt).not.toBeNull();
	});

	it('the video\'s owner may delete any comment on it', async () => {
		const theirs = addComment(instance.server, { videoId: video.id, text: 'spam', accountName: 'alice' });
		const result = await run({ resource: 'comment', operation: 'delete', videoId: String(video.id), commentId: theirs.id }, as(ADMIN));
		expect(result.items[0].json).toEqual({ deleted: true, id: theirs.id });
	});

	it('someone else\'s comment on someone else\'s video: 403 with who can do it', async () => {
		const theirs = addComment(instance.server, { videoId: video.id, text: 'mine', accountName: 'alice' });
		const result = await run({ resource: 'comment', operation: 'delete', videoId: String(video.id), commentId: theirs.id }, as({ username: 'carol', password: 'C4rol-pass-phrase' }));
		expect(result.error?.message).toBe(`Comment ${theirs.id} can only be deleted by its author, the video's owner or a moderator: use one of their credentials`);
		expect(commentsOf(instance.server)[0].deletedAt).toBeNull();
	});

	it('an already deleted comment: 409 says so', async () => {
		const mine = addComment(instance.server, { videoId: video.id, text: 'oops', accountName: 'alice' });
		await run({ resource: 'comment', operation: 'delete', videoId: String(video.id), commentId: mine.id }, as(USER));
		const again = await run({ resource: 'comment', operation: 'delete', videoId: String(video.id), commentId: mine.id }, as(USER));
		expect(again.error?.message).toBe(`Comment ${mine.id} is already deleted`);
	});

	it('a bad Comment ID is refused before any request', async () => {
		const result = await run({ resource: 'comment', operation: 'delete', videoId: String(video.id), commentId: -1 }, as(USER));
		expect(result.error?.message).toMatch(/^Comment ID must be the numeric ID of a comment/);
		expect(instance.server.requests).toHaveLength(0);
	});
});
