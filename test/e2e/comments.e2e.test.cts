/**
 * Comments and subscriptions in real n8n (`n8n execute`) against the PeerTube stand-in: a workflow
 * lists the comment threads of a video and replies to the newest one; another searches a remote
 * channel by its handle and subscribes to what it found.
 */
import { PeerTubeStandin } from '../../standin/server.cjs';
import { addComment, commentsOf } from '../../standin/routes/comments.cjs';
import { subscriptionsOf } from '../../standin/routes/subscriptions.cjs';
import { N8nSandbox, itemsOf, tokenGrants, describeEachLine, chainWorkflow, peerTubeNode } from './harness.cjs';

const PASSWORD = 'Comment-Passw0rd-42';

// n8n 2.x only: on 1.x the tier runs what the 1.x scope needs (loading, examples, login and
// token storage, credential test, upload, the error paths of playlists), to keep CI in budget
describeEachLine('comments and subscriptions in real n8n', (line) => {
	let standin: PeerTubeStandin;
	let sandbox: N8nSandbox;

	beforeEach(async () => {
		standin = await PeerTubeStandin.start();
		standin.addUser({ username: 'moderator', password: PASSWORD, role: 'user' });
		standin.addUser({ username: 'viewer', password: 'Viewer-Passw0rd-1', role: 'user' });
		sandbox = await N8nSandbox.create('comments', { line });
		await sandbox.importCredential({ instanceUrl: standin.url, username: 'moderator', password: PASSWORD });
	});
	afterEach(async () => {
		await standin?.close();
		sandbox?.dispose();
	});

	test('lists the threads of a video and replies to the newest one', async () => {
		const [video] = standin.addVideos(1, { channelName: 'moderator_channel', name: 'Release notes' });
		const older = addComment(standin, { videoId: video.id, text: 'First!', accountName: 'viewer', createdAt: '2025-01-01T00:00:00Z' });
		const newest = addComment(standin, { videoId: video.id, text: 'When is the next release?', accountName: 'viewer', createdAt: '2025-01-02T00:00:00Z' });
		const wf = chainWorkflow('ptE2eCommentReply', [
			peerTubeNode(2, 'Get threads', { resource: 'comment', operation: 'getAll', videoId: video.uuid, returnAll: false, limit: 1 }, 240, 1),
			peerTubeNode(
				3,
				'Reply',
				{ resource: 'comment', operation: 'reply', videoId: video.uuid, commentId: '={{ $json.id }}', text: '=Thanks {{ $json.account.name }}, next month!' },
				480,
				1,
			),
		]);
		const result = await sandbox.execute(await sandbox.importWorkflow(wf));
		expect(result.code).toBe(0);

		expect(itemsOf(result.run, 'Get threads').map((c) => c.id)).toEqual([newest.id]);
		const replies = itemsOf(result.run, 'Reply');
		expect(replies).toHaveLength(1);
		expect(replies[0]).toEqual(expect.objectContaining({ text: 'Thanks viewer, next month!', inReplyToCommentId: newest.id, threadId: newest.id }));

		// on the wire: one page of threads, one reply with exactly { text }, one login
		const lists = standin.requests.filter((r) => r.path === `/api/v1/videos/${video.uuid}/comment-threads`);
		expect(lists.map((r) => r.query)).toEqual([{ sort: '-createdAt', start: '0', count: '1' }]);
		const posts = standin.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/api/v1/videos/'));
		expect(posts.map((r) => [r.path, JSON.parse(r.body.toString('utf8'))])).toEqual([
			[`/api/v1/videos/${video.uuid}/comments/${newest.id}`, { text: 'Thanks viewer, next month!' }],
		]);
		expect(commentsOf(standin).filter((c) => c.inReplyToCommentId === older.id)).toEqual([]);
		expect(tokenGrants(standin.requests)).toEqual(['password']);
	});

	test('searches a remote channel by handle and subscribes to it', async () => {
		standin.addRemoteChannel({ name: 'blender_channel', host: 'video.blender.org', displayName: 'Blender' });
		const wf = chainWorkflow('ptE2eSearchSubscribe', [
			peerTubeNode(2, 'Find channel', { resource: 'search', operation: 'channels', search: 'blender_channel@video.blender.org', returnAll: true }, 240, 1),
			peerTubeNode(3, 'Subscribe', { resource: 'myAccount', operation: 'subscribe', channelHandle: '={{ $json.handle }}' }, 480, 1),
		]);
		const result = await sandbox.execute(await sandbox.importWorkflow(wf));
		expect(result.code).toBe(0);
		expect(itemsOf(result.run, 'Find channel').map((c) => c.handle)).toEqual(['blender_channel@video.blender.org']);
		expect(itemsOf(result.run, 'Subscribe')).toEqual([{ subscribed: true, uri: 'blender_channel@video.blender.org' }]);
		const posts = standin.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/users/me/subscriptions');
		expect(posts.map((r) => JSON.parse(r.body.toString('utf8')))).toEqual([{ uri: 'blender_channel@video.blender.org' }]);
		expect(subscriptionsOf(standin, 'moderator')).toEqual(['blender_channel@video.blender.org']);
	});
}, ['2.x']);
