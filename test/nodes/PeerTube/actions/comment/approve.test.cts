import { addComment, commentsOf } from '../../../../../standin/routes/comments.cjs';
import { credentialData, type Instance, run, startInstance, storeWith, USER } from '../../../../helpers/fixture.cjs';

describe('Comment → Approve', () => {
	let instance: Instance;
	let video: { id: number; uuid: string };

	async function start(serverVersion: string): Promise<void> {
		instance = await startInstance({ serverVersion });
		[video] = instance.server.addVideos(1, { channelName: 'alice_channel', commentsPolicy: 3 });
	}
	afterEach(async () => await instance.server.close());
	const store = () => storeWith(credentialData(instance.server, USER));

	it('approves a held comment (PeerTube 6.2+): POST …/approve with no body, output { approved: true, id }', async () => {
		await start('6.2.0');
		const held = addComment(instance.server, { videoId: video.id, text: 'please', accountName: 'root' });
		expect(held.heldForReview).toBe(true);
		const result = await run({ resource: 'comment', operation: 'approve', videoId: String(video.id), commentId: held.id }, store());
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual([{ approved: true, id: held.id }]);
		const posts = instance.server.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/api/v1/videos/'));
		expect(posts.map((r) => [r.path, r.body.length])).toEqual([[`/api/v1/videos/${video.id}/comments/${held.id}/approve`, 0]]);
		expect(commentsOf(instance.server)[0].heldForReview).toBe(false);
		// the version is read once from /config
		expect(instance.server.count('GET', '/api/v1/config')).toBe(1);
	});

	it('PeerTube 6.0.3: the version gate says what is needed, nothing is posted', async () => {
		await start('6.0.3');
		const held = addComment(instance.server, { videoId: video.id, text: 'please', accountName: 'root' });
		const result = await run({ resource: 'comment', operation: 'approve', videoId: String(video.id), commentId: held.id }, store());
		expect(result.error?.message).toBe('Comment approval needs PeerTube 6.2 or newer; this instance runs 6.0.3');
		expect(instance.server.count('POST', /approve$/)).toBe(0);
		expect(commentsOf(instance.server)[0].heldForReview).toBe(true);
	});

	it('a comment that is not held: PeerTube\'s 400 detail is passed on', async () => {
		await start('7.0.0');
		const shown = addComment(instance.server, { videoId: video.id, text: 'fine', accountName: 'alice' });
		const result = await run({ resource: 'comment', operation: 'approve', videoId: String(video.id), commentId: shown.id }, store());
		expect(result.error?.message).toBe('PeerTube rejected the request (HTTP 400): This comment is not held for review');
	});

	it('a bad Comment ID is refused before any request (not even the version read)', async () => {
		await start('7.0.0');
		const result = await run({ resource: 'comment', operation: 'approve', videoId: String(video.id), commentId: 'x' }, store());
		expect(result.error?.message).toMatch(/^Comment ID must be the numeric ID of a comment/);
		expect(instance.server.requests).toHaveLength(0);
	});
});
