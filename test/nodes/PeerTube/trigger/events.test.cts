/**
 * Each event of the PeerTube Trigger against the stand-in: the list it polls (request log), what
 * it emits after the baseline, and the rights or inputs it refuses with a clear message.
 */
import type { PollState } from '../../../../nodes/PeerTube/trigger/poll';
import { addAbuse } from '../../../../standin/routes/abuses.cjs';
import { addComment, deleteComment } from '../../../../standin/routes/comments.cjs';
import { addNotification, notificationsOf } from '../../../../standin/routes/notifications.cjs';
import { addRegistration } from '../../../../standin/routes/registrations.cjs';
import { subscribe } from '../../../../standin/routes/subscriptions.cjs';
import { ADMIN, credentialData, type Instance, startInstance, storeWith, USER } from '../../../helpers/fixture.cjs';
import { names, TriggerHarness } from '../../../helpers/poll.cjs';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const MODERATOR = { username: 'mod', password: 'M0derator-pass-phrase', role: 'moderator' as const };

describe('PeerTube Trigger events', () => {
	let instance: Instance;
	afterEach(async () => await instance?.server.close());

	const gets = (path: string | RegExp) =>
		instance.server.requests.filter((r) => r.method === 'GET' && (typeof path === 'string' ? r.path === path : path.test(r.path)));
	const asUser = (parameters: Record<string, unknown>, account: { username: string; password: string } = USER) =>
		new TriggerHarness(parameters as never, storeWith(credentialData(instance.server, account)));

	describe('New Video', () => {
		beforeEach(async () => {
			instance = await startInstance();
			instance.server.addChannel({ name: 'other_channel', ownerUsername: ADMIN.username });
			instance.server.addVideos(2, (i) => ({ channelName: 'alice_channel', publishedAt: at(i), name: `alice old ${i}` }));
			instance.server.addVideos(2, (i) => ({ channelName: 'other_channel', publishedAt: at(i), name: `other old ${i}` }));
		});

		it('in a channel: polls the channel list and emits only its videos', async () => {
			const harness = asUser({ event: 'newVideo', source: 'channel', channel: 'alice_channel', simplify: false });
			expect((await harness.poll()).items).toBeNull();
			instance.server.addVideos(1, { channelName: 'other_channel', publishedAt: at(10), name: 'other new' });
			instance.server.addVideos(1, { channelName: 'alice_channel', publishedAt: at(11), name: 'alice new' });
			expect(names(await harness.poll())).toEqual(['alice new']);
			expect(gets('/api/v1/video-channels/alice_channel/videos').map((r) => r.query.sort)).toEqual(['-publishedAt', '-publishedAt']);
		});

		it('by an account', async () => {
			const harness = asUser({ event: 'newVideo', source: 'account', account: '@root', simplify: false });
			await harness.poll();
			instance.server.addVideos(1, { channelName: 'other_channel', publishedAt: at(10), name: 'other new' });
			instance.server.addVideos(1, { channelName: 'alice_channel', publishedAt: at(11), name: 'alice new' });
			expect(names(await harness.poll())).toEqual(['other new']);
			expect(gets('/api/v1/accounts/root/videos')).toHaveLength(2);
		});

		it("a channel page URL on the instance's own host names the local channel; another host stays name@host", async () => {
			const local = asUser({ event: 'newVideo', source: 'channel', channel: `${instance.server.url}/c/alice_channel/videos`, simplify: false });
			expect((await local.poll()).error).toBeUndefined();
			expect(gets('/api/v1/video-channels/alice_channel/videos')).toHaveLength(1);
			const remote = asUser({ event: 'newVideo', source: 'channel', channel: 'https://elsewhere.example/c/their_channel', simplify: false });
			const result = await remote.poll();
			expect(gets('/api/v1/video-channels/their_channel%40elsewhere.example/videos')).toHaveLength(1);
			expect(result.error?.message).toMatch(/The channel "their_channel@elsewhere.example" was not found/);
		});

		it('from my subscriptions', async () => {
			expect(subscribe(instance.server, USER.username, `other_channel@${instance.server.hostname}`)).toBe(true);
			const harness = asUser({ event: 'newVideo', source: 'subscriptions', simplify: false });
			await harness.poll();
			instance.server.addVideos(1, { channelName: 'alice_channel', publishedAt: at(10), name: 'alice new' });
			instance.server.addVideos(1, { channelName: 'other_channel', publishedAt: at(11), name: 'other new' });
			expect(names(await harness.poll())).toEqual(['other new']);
			expect(gets('/api/v1/users/me/subscriptions/videos').map((r) => r.query.sort)).toEqual(['-publishedAt', '-publishedAt']);
		});

		it('among my videos: every privacy and state, by creation time', async () => {
			const harness = asUser({ event: 'newVideo', source: 'mine', simplify: false });
			await harness.poll();
			instance.server.addVideos(1, { channelName: 'alice_channel', createdAt: at(20), publishedAt: at(20), name: 'private', privacy: 3, state: 2 });
			instance.server.addVideos(1, { channelName: 'other_channel', createdAt: at(21), publishedAt: at(21), name: 'not mine' });
			expect(names(await harness.poll())).toEqual(['private']);
			expect(gets('/api/v1/users/me/videos').map((r) => r.query.sort)).toEqual(['-createdAt', '-createdAt']);
		});

		it('an unknown channel is named in the error and nothing is stored', async () => {
			const harness = asUser({ event: 'newVideo', source: 'channel', channel: 'nope_channel' });
			const result = await harness.poll();
			expect(result.error?.message).toBe(
				'The channel "nope_channel" was not found on this PeerTube instance: check the Channel field (a remote one needs name@host and must be known to the instance)',
			);
			expect(harness.staticData).toEqual({});
		});

		it('a channel field that is no channel is refused before any request', async () => {
			const harness = asUser({ event: 'newVideo', source: 'channel', channel: 'two words' });
			instance.server.clearRequests();
			const result = await harness.poll();
			expect(result.error?.message).toBe('Channel "two words" is not a channel: give its name (e.g. my_channel), name@host, or its page URL');
			expect(instance.server.requests.filter((r) => r.path !== '/api/v1/users/token' && r.path !== '/api/v1/oauth-clients/local')).toHaveLength(0);
		});
	});

	describe('Video Published', () => {
		beforeEach(async () => {
			instance = await startInstance();
		});

		it('emits a video once, when it reaches the Published state (publishedAt moves)', async () => {
			const [ready] = instance.server.addVideos(1, { channelName: 'alice_channel', publishedAt: at(0), name: 'ready' });
			const [processing] = instance.server.addVideos(1, { channelName: 'alice_channel', publishedAt: at(1), name: 'processing', state: 2, waitTranscoding: true });
			void ready;
			const harness = asUser({ event: 'videoPublished', simplify: true });
			expect((await harness.poll()).items).toBeNull();
			expect(((harness.staticData.peerTubePoll as PollState).seen).map(([id]) => id)).not.toContain(String(processing.id));
			// still transcoding: nothing
			expect((await harness.poll()).items).toBeNull();
			// transcoding done: PeerTube sets state 1 and publishedAt = now
			processing.state = 1;
			processing.publishedAt = at(30);
			const result = await harness.poll();
			expect(result.items).toHaveLength(1);
			expect(result.items![0].json).toMatchObject({ name: 'processing', stateId: 1, state: 'Published' });
			expect((await harness.poll()).items).toBeNull();
			expect(gets('/api/v1/users/me/videos').every((r) => r.query.sort === '-publishedAt')).toBe(true);
		});

		it('Fetch Test Event skips videos that are not watchable yet', async () => {
			instance.server.addVideos(1, { channelName: 'alice_channel', publishedAt: at(0), name: 'watchable' });
			instance.server.addVideos(1, { channelName: 'alice_channel', publishedAt: at(1), name: 'transcoding', state: 2 });
			const harness = asUser({ event: 'videoPublished', simplify: false });
			const result = await harness.poll('manual');
			expect(names(result)).toEqual(['watchable']);
			expect(gets('/api/v1/users/me/videos').map((r) => r.query)).toEqual([{ sort: '-publishedAt', start: '0', count: '100' }]);
			expect(harness.staticData).toEqual({});
		});

		it('a private video is not published; it is when made public', async () => {
			const harness = asUser({ event: 'videoPublished', simplify: false });
			await harness.poll();
			const [video] = instance.server.addVideos(1, { channelName: 'alice_channel', publishedAt: at(5), name: 'scheduled', privacy: 3 });
			expect((await harness.poll()).items).toBeNull();
			video.privacy = 1;
			video.publishedAt = at(60);
			expect(names(await harness.poll())).toEqual(['scheduled']);
			expect((await harness.poll()).items).toBeNull();
		});
	});

	describe('New Comment', () => {
		let video: { id: number; uuid: string };
		beforeEach(async () => {
			instance = await startInstance({ serverVersion: '6.3.0' });
			[video] = instance.server.addVideos(1, { channelName: 'alice_channel', name: 'mine' });
			addComment(instance.server, { videoId: video.id, text: 'before', accountName: 'root', createdAt: at(0) });
		});

		it('on my videos: comments and replies, oldest first', async () => {
			const harness = asUser({ event: 'newComment', commentsOn: 'myVideos' });
			expect((await harness.poll()).items).toBeNull();
			const first = addComment(instance.server, { videoId: video.id, text: 'hello', accountName: 'root', createdAt: at(5) });
			addComment(instance.server, { videoId: video.id, text: 'reply', accountName: 'alice', inReplyTo: first.id, createdAt: at(6) });
			expect(names(await harness.poll(), 'text')).toEqual(['hello', 'reply']);
			expect((await harness.poll()).items).toBeNull();
			expect(gets('/api/v1/users/me/videos/comments').map((r) => r.query.sort)).toEqual(['-createdAt', '-createdAt', '-createdAt']);
		});

		it('on one video: new threads; a deleted comment is not emitted', async () => {
			const harness = asUser({ event: 'newComment', commentsOn: 'video', videoId: `https://videos.example.org/w/${video.uuid}` });
			await harness.poll();
			const gone = addComment(instance.server, { videoId: video.id, text: 'spam', accountName: 'root', createdAt: at(5) });
			addComment(instance.server, { videoId: video.id, text: 'kept', accountName: 'root', createdAt: at(6) });
			deleteComment(instance.server, gone.id);
			expect(names(await harness.poll(), 'text')).toEqual(['kept']);
			expect(gets(`/api/v1/videos/${video.uuid}/comment-threads`)).toHaveLength(2);
		});

		it('on an unknown video: the message names the video', async () => {
			const harness = asUser({ event: 'newComment', commentsOn: 'video', videoId: '9999' });
			const result = await harness.poll();
			expect(result.error?.message).toBe('The video "9999" was not found on this PeerTube instance: check the Video field');
			expect(harness.staticData).toEqual({});
		});

		it('on my videos needs PeerTube 6.2: older instances get a clear message', async () => {
			await instance.server.close();
			instance = await startInstance({ serverVersion: '6.1.0' });
			const harness = asUser({ event: 'newComment', commentsOn: 'myVideos' });
			const result = await harness.poll();
			expect(result.error?.message).toBe('New Comment on my videos needs PeerTube 6.2 or newer; this instance runs 6.1.0');
			expect(harness.staticData).toEqual({});
		});
	});

	describe('New Notification', () => {
		it('filters by type on the server from 7.1 and marks the emitted ones as read', async () => {
			instance = await startInstance({ serverVersion: '7.1.0' });
			addNotification(instance.server, { username: USER.username, type: 2, createdAt: at(0) });
			const harness = asUser({ event: 'newNotification', notificationTypes: [6, 2], markAsRead: true });
			expect((await harness.poll()).items).toBeNull();
			const a = addNotification(instance.server, { username: USER.username, type: 6, createdAt: at(5) });
			addNotification(instance.server, { username: USER.username, type: 10, createdAt: at(6) });
			const b = addNotification(instance.server, { username: USER.username, type: 2, createdAt: at(7) });
			const result = await harness.poll();
			expect(names(result, 'id')).toEqual([a.id, b.id]);
			const lists = gets('/api/v1/users/me/notifications');
			expect(lists.map((r) => r.query.typeOneOf)).toEqual([
				['2', '6'],
				['2', '6'],
			]);
			const reads = instance.server.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/users/me/notifications/read');
			expect(reads.map((r) => JSON.parse(r.body.toString()))).toEqual([{ ids: [a.id, b.id] }]);
			expect(notificationsOf(instance.server, USER.username).filter((n) => n.read).map((n) => n.id)).toEqual([a.id, b.id]);
			expect((await harness.poll()).items).toBeNull();
		});

		it('filters on the client before 7.1 (typeOneOf unknown there)', async () => {
			instance = await startInstance({ serverVersion: '6.3.0' });
			const harness = asUser({ event: 'newNotification', notificationTypes: [6] });
			await harness.poll();
			addNotification(instance.server, { username: USER.username, type: 10, createdAt: at(5) });
			const wanted = addNotification(instance.server, { username: USER.username, type: 6, createdAt: at(6) });
			expect(names(await harness.poll(), 'id')).toEqual([wanted.id]);
			expect(gets('/api/v1/users/me/notifications').every((r) => r.query.typeOneOf === undefined)).toBe(true);
			expect(instance.server.requests.some((r) => r.method === 'POST')).toBe(true); // the login only
			expect(instance.server.requests.filter((r) => r.path === '/api/v1/users/me/notifications/read')).toHaveLength(0);
		});
	});

	describe('Job Failed', () => {
		beforeEach(async () => {
			instance = await startInstance();
			instance.server.addJobs(2, (i) => ({ state: 'failed', createdAt: at(i) }));
		});

		it('emits each failed job once, by failure time, read from /jobs/failed', async () => {
			const harness = asUser({ event: 'jobFailed' }, ADMIN);
			await harness.poll();
			// created long before, failed now: still caught (the list is read a day below the floor)
			const [late] = instance.server.addJobs(1, { state: 'failed', createdAt: at(-120), finishedOn: at(30), type: 'video-import' });
			const [fresh] = instance.server.addJobs(1, { state: 'failed', createdAt: at(29), finishedOn: at(29) });
			instance.server.addJobs(1, { state: 'completed', createdAt: at(31) });
			const result = await harness.poll();
			expect(names(result, 'id')).toEqual([fresh.id, late.id]);
			expect((await harness.poll()).items).toBeNull();
			expect(gets('/api/v1/jobs/failed').map((r) => r.query.sort)).toEqual(['-createdAt', '-createdAt', '-createdAt']);
		});

		it('a non-administrator gets a message saying which account is needed', async () => {
			const harness = asUser({ event: 'jobFailed' });
			const result = await harness.poll();
			expect(result.error?.message).toBe(
				"Job Failed needs an administrator account (PeerTube right Manage Jobs): the credential's account does not have it — use a credential of an administrator",
			);
			expect(harness.staticData).toEqual({});
		});
	});

	describe('New Abuse Report and New Registration Request', () => {
		beforeEach(async () => {
			instance = await startInstance();
			instance.server.addUser(MODERATOR);
			instance.server.addVideos(1, { channelName: 'alice_channel', name: 'reported' });
		});

		it('a moderator gets each new abuse report once', async () => {
			addAbuse(instance.server, { reporter: 'root', reason: 'old report', videoId: 1, createdAt: at(0) });
			const harness = asUser({ event: 'newAbuse' }, MODERATOR);
			await harness.poll();
			addAbuse(instance.server, { reporter: 'root', reason: 'spam video', videoId: 1, createdAt: at(5) });
			addAbuse(instance.server, { reporter: 'root', reason: 'rude account', accountName: 'alice', createdAt: at(6) });
			const result = await harness.poll();
			expect(names(result, 'reason')).toEqual(['spam video', 'rude account']);
			expect(result.items![0].json).toMatchObject({ state: { id: 1, label: 'Pending' }, video: { name: 'reported' } });
			expect(gets('/api/v1/abuses').map((r) => r.query.sort)).toEqual(['-createdAt', '-createdAt']);
		});

		it('a plain user asking for abuse reports is told what right is needed', async () => {
			const result = await asUser({ event: 'newAbuse' }).poll();
			expect(result.error?.message).toMatch(/^New Abuse Report needs an administrator or moderator account \(PeerTube right Manage Abuses\)/);
		});

		it('a moderator gets each new registration request once', async () => {
			addRegistration(instance.server, { username: 'early', createdAt: at(0) });
			const harness = asUser({ event: 'newRegistration' }, MODERATOR);
			await harness.poll();
			addRegistration(instance.server, { username: 'newcomer', registrationReason: 'I make films', createdAt: at(5) });
			const result = await harness.poll();
			expect(names(result, 'username')).toEqual(['newcomer']);
			expect(result.items![0].json).toMatchObject({ state: { id: 1, label: 'Pending' }, registrationReason: 'I make films' });
			expect((await harness.poll()).items).toBeNull();
			expect(gets('/api/v1/users/registrations')).toHaveLength(3);
		});

		it('a plain user asking for registrations is told what right is needed', async () => {
			const result = await asUser({ event: 'newRegistration' }).poll();
			expect(result.error?.message).toMatch(/^New Registration Request needs an administrator or moderator account \(PeerTube right Manage Registrations\)/);
		});
	});
});
