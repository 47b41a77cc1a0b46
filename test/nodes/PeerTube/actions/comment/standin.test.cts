/**
 * The stand-in's comment, notification and subscription routes over HTTP, for what the node's
 * operations do not reach (the Trigger polls the first two lists): PeerTube's paging, sorting,
 * rights and version gates.
 */
import { PeerTubeStandin } from '../../../../../standin/server.cjs';
import { addComment, deleteComment } from '../../../../../standin/routes/comments.cjs';
import { addNotification, deleteNotification } from '../../../../../standin/routes/notifications.cjs';
import { subscribe } from '../../../../../standin/routes/subscriptions.cjs';

async function start(serverVersion: string) {
	const s = await PeerTubeStandin.start({ apiRateLimit: false, loginRateLimit: false, serverVersion });
	s.addUser({ username: 'alice', password: 'alice-password', role: 'user' });
	s.addUser({ username: 'bob', password: 'bob-password', role: 'user' });
	return s;
}

async function token(s: PeerTubeStandin, username: string, password: string): Promise<string> {
	const body = new URLSearchParams({ client_id: s.clientId, client_secret: s.clientSecret, grant_type: 'password', username, password });
	const r = await fetch(`${s.url}/api/v1/users/token`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
	return ((await r.json()) as { access_token: string }).access_token;
}

async function api(s: PeerTubeStandin, tok: string | undefined, method: string, path: string, json?: unknown) {
	const r = await fetch(`${s.url}/api/v1${path}`, {
		method,
		headers: { ...(tok ? { authorization: `Bearer ${tok}` } : {}), ...(json ? { 'content-type': 'application/json' } : {}) },
		body: json ? JSON.stringify(json) : undefined,
	});
	const text = await r.text();
	return { status: r.status, text, json: text ? (JSON.parse(text) as any) : undefined };
}

describe('stand-in: comments on my videos, notifications, subscriptions', () => {
	let s: PeerTubeStandin;
	afterEach(async () => await s.close());

	it('GET /users/me/videos/comments (6.2+): comments on the user\'s videos only, newest first, paged, no deleted ones', async () => {
		s = await start('6.2.0');
		const [mine] = s.addVideos(1, { channelName: 'alice_channel', name: 'Mine' });
		const [theirs] = s.addVideos(1, { channelName: 'bob_channel' });
		const a = addComment(s, { videoId: mine.id, text: 'one', accountName: 'bob', createdAt: '2025-01-01T00:00:00Z' });
		const b = addComment(s, { videoId: mine.id, text: 'two', accountName: 'bob', inReplyTo: a.id, createdAt: '2025-01-01T00:00:00Z' });
		const c = addComment(s, { videoId: mine.id, text: 'three', accountName: 'remote@peertube.example', createdAt: '2025-01-03T00:00:00Z' });
		addComment(s, { videoId: theirs.id, text: 'elsewhere', accountName: 'alice' });
		const tok = await token(s, 'alice', 'alice-password');
		const page1 = await api(s, tok, 'GET', '/users/me/videos/comments?count=2');
		expect(page1.status).toBe(200);
		expect(page1.json.total).toBe(3);
		// same createdAt: the higher id first (PeerTube orders by createdAt then id, same direction)
		expect(page1.json.data.map((x: { id: number }) => x.id)).toEqual([c.id, b.id]);
		expect(page1.json.data[0]).toEqual(
			expect.objectContaining({ text: 'three', video: { id: mine.id, uuid: mine.uuid, name: 'Mine' }, account: expect.objectContaining({ name: 'remote', host: 'peertube.example' }) }),
		);
		const page2 = await api(s, tok, 'GET', '/users/me/videos/comments?count=2&start=2');
		expect(page2.json.data.map((x: { id: number }) => x.id)).toEqual([a.id]);
		deleteComment(s, c.id);
		expect((await api(s, tok, 'GET', '/users/me/videos/comments')).json.data.map((x: { id: number }) => x.id)).toEqual([b.id, a.id]);
		const bad = await api(s, tok, 'GET', '/users/me/videos/comments?count=101');
		expect(bad.status).toBe(400);
		expect(bad.json['invalid-params'].count.msg).toBe('Should have a number count (max: 100)');
	});

	it('before 6.2 the comments-on-my-videos list and approval are PeerTube\'s catch-all (400, empty body)', async () => {
		s = await start('6.1.0');
		const [video] = s.addVideos(1, { channelName: 'alice_channel', commentsPolicy: 1 });
		const c = addComment(s, { videoId: video.id, text: 'x', accountName: 'bob' });
		const tok = await token(s, 'alice', 'alice-password');
		for (const [method, path] of [
			['GET', '/users/me/videos/comments'],
			['POST', `/videos/${video.id}/comments/${c.id}/approve`],
		]) {
			const r = await api(s, tok, method, path);
			expect([path, r.status, r.text]).toEqual([path, 400, '']);
		}
	});

	it('a held comment is seen by its author and the video owner only', async () => {
		s = await start('7.0.0');
		s.addUser({ username: 'carol', password: 'carol-password', role: 'user' });
		const [video] = s.addVideos(1, { channelName: 'alice_channel', commentsPolicy: 3 });
		addComment(s, { videoId: video.id, text: 'held', accountName: 'bob' });
		const seenBy = async (user?: string) => {
			const tok = user ? await token(s, user, `${user}-password`) : undefined;
			return (await api(s, tok, 'GET', `/videos/${video.id}/comment-threads`)).json.total;
		};
		expect([await seenBy('alice'), await seenBy('bob'), await seenBy('carol'), await seenBy()]).toEqual([1, 1, 0, 0]);
	});

	it('notifications: unread filter, typeOneOf from 7.1 only (ignored before), read marks only one\'s own', async () => {
		for (const version of ['7.0.0', '7.1.0']) {
			s = await start(version);
			addNotification(s, { username: 'alice', type: 1, createdAt: '2025-01-01T00:00:00Z' });
			const gone = addNotification(s, { username: 'alice', type: 2, createdAt: '2025-01-02T00:00:00Z' });
			const newest = addNotification(s, { username: 'alice', type: 2, read: true, createdAt: '2025-01-03T00:00:00Z', comment: { id: 9 } });
			const bobs = addNotification(s, { username: 'bob', type: 2 });
			const tok = await token(s, 'alice', 'alice-password');
			const typed = await api(s, tok, 'GET', '/users/me/notifications?typeOneOf=1');
			expect([version, typed.json.total]).toEqual([version, version === '7.1.0' ? 1 : 3]);
			const all = await api(s, tok, 'GET', '/users/me/notifications');
			expect(all.json.data[0]).toEqual(expect.objectContaining({ id: newest.id, type: 2, read: true, comment: { id: 9 } }));
			expect((await api(s, tok, 'GET', '/users/me/notifications?unread=true')).json.total).toBe(2);
			deleteNotification(s, gone.id);
			expect((await api(s, tok, 'GET', '/users/me/notifications?unread=true')).json.total).toBe(1);
			expect((await api(s, tok, 'POST', '/users/me/notifications/read', { ids: [] })).json['invalid-params'].ids.msg).toBe(
				'Should have a valid array of notification ids',
			);
			expect((await api(s, tok, 'POST', '/users/me/notifications/read', { ids: [bobs.id] })).status).toBe(204);
			const bobTok = await token(s, 'bob', 'bob-password');
			expect((await api(s, bobTok, 'GET', '/users/me/notifications?unread=true')).json.total).toBe(1);
			await s.close();
		}
		s = await start('7.1.0');
	});

	it('subscriptions: 204 for any valid handle, only existing channels become subscriptions; videos of subscriptions', async () => {
		s = await start('7.1.0');
		s.addRemoteChannel({ name: 'news', host: 'tube.example' });
		const [v] = s.addVideos(1, { channelName: 'bob_channel', name: 'From Bob' });
		s.addVideos(1, { channelName: 'alice_channel', name: 'Own' });
		const tok = await token(s, 'alice', 'alice-password');
		expect((await api(s, tok, 'POST', '/users/me/subscriptions', { uri: 'nobody@nowhere.example' })).status).toBe(204);
		const bad = await api(s, tok, 'POST', '/users/me/subscriptions', { uri: 'no-at-sign' });
		expect([bad.status, bad.json['invalid-params'].uri.msg]).toEqual([400, 'Should have a valid URI to follow (username@domain)']);
		subscribe(s, 'alice', `bob_channel@${s.hostname}`);
		expect((await api(s, tok, 'POST', '/users/me/subscriptions', { uri: 'news@tube.example' })).status).toBe(204);
		const list = await api(s, tok, 'GET', '/users/me/subscriptions?sort=channelUpdatedAt');
		expect(list.json.data.map((c: { name: string }) => c.name).sort()).toEqual(['bob_channel', 'news']);
		const exist = await api(s, tok, 'GET', `/users/me/subscriptions/exist?uris=news@tube.example&uris=nobody@nowhere.example`);
		expect(exist.json).toEqual({ 'news@tube.example': true, 'nobody@nowhere.example': false });
		const videos = await api(s, tok, 'GET', '/users/me/subscriptions/videos');
		expect(videos.json.data.map((x: { id: number }) => x.id)).toEqual([v.id]);
		expect((await api(s, tok, 'DELETE', '/users/me/subscriptions/nobody@nowhere.example')).json.detail).toBe('Subscription nobody@nowhere.example not found.');
	});
});
