import type { VideoComment } from '@peertube/peertube-types';

import { addComment, deleteComment } from '../../../../../standin/routes/comments.cjs';
import { credentialData, type Instance, run, startInstance, storeWith, USER } from '../../../../helpers/fixture.cjs';

describe('Comment → Get Many', () => {
	let instance: Instance;
	let video: { id: number; uuid: string };

	beforeEach(async () => {
		instance = await startInstance();
		[video] = instance.server.addVideos(1, { channelName: 'alice_channel', name: 'Commented' });
	});
	afterEach(async () => await instance.server.close());
	const store = () => storeWith(credentialData(instance.server, USER));
	const threadReads = () => instance.server.requests.filter((r) => r.path === `/api/v1/videos/${video.uuid}/comment-threads`);

	function seed(n: number): void {
		for (let k = 0; k < n; k++) {
			addComment(instance.server, { videoId: video.id, text: `thread ${k}`, accountName: 'root', createdAt: Date.UTC(2025, 0, 1, 0, k) });
		}
	}

	it('lists the threads of a video, newest first, with the Limit', async () => {
		seed(3);
		const result = await run({ resource: 'comment', operation: 'getAll', videoId: video.uuid, returnAll: false, limit: 2 }, store());
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => (item.json as unknown as VideoComment).text)).toEqual(['thread 2', 'thread 1']);
		expect(threadReads().map((r) => r.query)).toEqual([{ sort: '-createdAt', start: '0', count: '2' }]);
		expect(threadReads()[0].method).toBe('GET');
	});

	it('Return All pages with count=100 and stops at total (250 threads → 3 requests)', async () => {
		seed(250);
		const result = await run({ resource: 'comment', operation: 'getAll', videoId: video.uuid, returnAll: true, sort: 'createdAt' }, store());
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(250);
		expect((result.items[0].json as unknown as VideoComment).text).toBe('thread 0');
		expect(threadReads().map((r) => [r.query.start, r.query.count, r.query.sort])).toEqual([
			['0', '100', 'createdAt'],
			['100', '100', 'createdAt'],
			['200', '100', 'createdAt'],
		]);
		expect(new Set(result.items.map((item) => item.json.id)).size).toBe(250);
	});

	it('counts replies, and lists deleted threads emptied (PeerTube has no deletedAt filter on threads)', async () => {
		const thread = addComment(instance.server, { videoId: video.id, text: 'first', accountName: 'root', createdAt: '2025-01-01T00:00:00Z' });
		addComment(instance.server, { videoId: video.id, text: 'an answer', accountName: 'alice', inReplyTo: thread.id });
		deleteComment(instance.server, thread.id);
		const lonely = addComment(instance.server, { videoId: video.id, text: 'gone', accountName: 'root', createdAt: '2025-01-02T00:00:00Z' });
		deleteComment(instance.server, lonely.id);
		const result = await run({ resource: 'comment', operation: 'getAll', videoId: video.uuid, returnAll: true }, store());
		expect(result.items.map((item) => item.json)).toEqual([
			expect.objectContaining({ id: lonely.id, isDeleted: true, text: '', account: null, totalReplies: 0 }),
			expect.objectContaining({ id: thread.id, isDeleted: true, text: '', account: null, totalReplies: 1, totalRepliesFromVideoAuthor: 1 }),
		]);
	});

	it('comments disabled: an empty list, no error', async () => {
		seed(2);
		instance.server.getVideo(video.id)!.commentsPolicy = 2;
		const result = await run({ resource: 'comment', operation: 'getAll', videoId: video.uuid, returnAll: true }, store());
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([]);
	});

	it('an unknown video says so', async () => {
		const result = await run({ resource: 'comment', operation: 'getAll', videoId: '424242', returnAll: true }, store());
		expect(result.error?.message).toBe('There is no video "424242" on this PeerTube instance: check Video');
	});

	it('a bad Limit is refused before any request', async () => {
		const result = await run({ resource: 'comment', operation: 'getAll', videoId: video.uuid, returnAll: false, limit: 0 }, store());
		expect(result.error?.message).toBe('Limit must be a whole number of at least 1 (got 0)');
		expect(instance.server.requests).toHaveLength(0);
	});
});
