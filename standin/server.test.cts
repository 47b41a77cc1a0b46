import { PeerTubeStandin, StandinUser, seedDemo, totp } from './server.cjs';
import { base32Encode } from './totp.cjs';
import { parseMultipart, fieldsToObject } from './multipart.cjs';
import { ADMIN, ALICE, call, type Json, login, MODERATOR, multipart, tokenOf } from './testing.cjs';

// the same role as in the stand-in's other tests (testing.cts: a moderator named bob)
const BOB = MODERATOR;

describe('PeerTubeStandin', () => {
	let s: PeerTubeStandin;
	let alice: StandinUser;

	beforeEach(async () => {
		s = await PeerTubeStandin.start({ apiRateLimit: false, loginRateLimit: false });
		s.addUser(ADMIN);
		alice = s.addUser(ALICE);
		s.addUser(BOB);
	});
	afterEach(async () => await s.close());

	describe('detection and errors', () => {
		it('answers HTML with og:platform outside the API, nodeinfo, and the catch-all 400 inside it', async () => {
			const [v] = s.addVideos(1, { channelName: 'alice_channel', name: 'Watch me' });
			for (const p of ['/', `/w/${v.shortUUID}`, `/videos/watch/${v.uuid}`]) {
				const r = await call(s, 'GET', p);
				expect(r.status).toBe(200);
				expect(r.headers['content-type']).toMatch(/^text\/html/);
				expect(r.text).toContain('<meta property="og:platform" content="PeerTube">');
			}
			const wk = await call(s, 'GET', '/.well-known/nodeinfo');
			const href = wk.json.links[0].href as string;
			expect(href).toBe(`${s.url}/nodeinfo/2.0.json`);
			expect((await call(s, 'GET', '/nodeinfo/2.0.json')).json.software.name).toBe('peertube');

			const nf = await call(s, 'GET', '/api/v1/nope');
			expect(nf.status).toBe(400);
			expect(nf.headers['content-type']).toBe('application/json; charset=utf-8');
			expect(nf.headers['x-powered-by']).toBe('PeerTube');
			expect(nf.text).toBe('');
		});

		it('serves config and the constant maps', async () => {
			const cfg = await call(s, 'GET', '/api/v1/config');
			expect(cfg.json.serverVersion).toBe('7.0.0');
			expect(cfg.json.client.videos.resumableUpload.maxChunkSize).toBe(100 * 1024 * 1024);
			expect((await call(s, 'GET', '/api/v1/videos/categories')).json['1']).toBe('Music');
			expect((await call(s, 'GET', '/api/v1/videos/licences')).json['7']).toBe('Public Domain Dedication');
			expect((await call(s, 'GET', '/api/v1/videos/languages')).json.fr).toBe('French');
			expect((await call(s, 'GET', '/api/v1/videos/privacies')).json['5']).toBe('Password protected');
		});
	});

	describe('login', () => {
		it('gives the local client only to the configured host', async () => {
			const ok = await call(s, 'GET', '/api/v1/oauth-clients/local');
			expect(ok.json).toEqual({ client_id: s.clientId, client_secret: s.clientSecret });
			expect(s.clientId).toHaveLength(32);
			const other = await call(s, 'GET', '/api/v1/oauth-clients/local', { headers: { host: 'proxy.example' } });
			expect(other.status).toBe(403);
			expect(other.json.detail).toBe('Getting client tokens for host proxy.example is forbidden');
			expect(other.json.code).toBeUndefined();
		});

		it('issues tokens for the password grant and rejects what PeerTube rejects', async () => {
			const ok = await login(s, 'alice', 'alice-password');
			expect(ok.json).toEqual({
				token_type: 'Bearer',
				access_token: expect.stringMatching(/^[0-9a-f]{40}$/),
				refresh_token: expect.stringMatching(/^[0-9a-f]{40}$/),
				expires_in: 86400,
				refresh_token_expires_in: 1209600,
			});
			const asJson = await call(s, 'POST', '/api/v1/users/token', {
				json: { client_id: s.clientId, client_secret: s.clientSecret, grant_type: 'password', username: 'alice', password: 'alice-password' },
			});
			expect([asJson.status, asJson.json.code]).toEqual([400, 'invalid_request']);
			const badClient = await call(s, 'POST', '/api/v1/users/token', {
				form: { client_id: 'x'.repeat(32), client_secret: s.clientSecret, grant_type: 'password', username: 'alice', password: 'alice-password' },
			});
			expect([badClient.status, badClient.json.code]).toEqual([400, 'invalid_client']);
			const wrong = await login(s, 'alice', 'nope-nope');
			expect([wrong.status, wrong.json.code, wrong.json.detail]).toEqual([400, 'invalid_grant', 'Invalid grant: user credentials are invalid']);
			expect((await login(s, 'ghost', 'whatever')).json.code).toBe('invalid_grant');
			const grant = await call(s, 'POST', '/api/v1/users/token', {
				form: { client_id: s.clientId, client_secret: s.clientSecret, grant_type: 'client_credentials' },
			});
			expect(grant.json.code).toBe('unsupported_grant_type');

			s.addUser({ username: 'blocked', password: 'password1', blocked: true });
			s.addUser({ username: 'waiting', password: 'password1', waitingForApproval: true });
			s.addUser({ username: 'unverified', password: 'password1', emailVerified: false });
			expect((await login(s, 'blocked', 'password1')).json.code).toBe('account_blocked');
			expect((await login(s, 'waiting', 'password1')).json.code).toBe('account_waiting_for_approval');
			expect((await login(s, 'unverified', 'password1')).json.code).toBe('email_not_verified');
		});

		it('asks for and checks a TOTP code on two-factor accounts', async () => {
			const secret = base32Encode(Buffer.from('two-factor-secret-1234'));
			s.addUser({ username: 'carol', password: 'carol-password', twoFactorSecret: secret });
			const missing = await login(s, 'carol', 'carol-password');
			expect([missing.status, missing.json.code, missing.headers['x-peertube-otp']]).toEqual([401, 'missing_two_factor', 'required; app']);
			const bad = await login(s, 'carol', 'carol-password', { 'x-peertube-otp': totp(secret, Date.now() - 5 * 30_000) });
			expect([bad.status, bad.json.code]).toEqual([400, 'invalid_two_factor']);
			expect((await login(s, 'carol', 'carol-password', { 'x-peertube-otp': totp(secret) })).status).toBe(200);
			expect((await login(s, 'carol', 'carol-password', { 'x-peertube-otp': totp(secret, Date.now() - 30_000) })).status).toBe(200);
		});

		it('computes RFC 6238 codes', () => {
			const secret = base32Encode(Buffer.from('12345678901234567890'));
			expect(secret).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
			expect(totp(secret, 59_000)).toBe('287082');
			expect(totp(secret, 1111111109_000)).toBe('081804');
		});

		it('rotates on refresh and honours expiry and revocation', async () => {
			const first = (await login(s, 'alice', 'alice-password')).json;
			const refresh = (rt: string) =>
				call(s, 'POST', '/api/v1/users/token', {
					form: { client_id: s.clientId, client_secret: s.clientSecret, grant_type: 'refresh_token', refresh_token: rt },
				});
			const second = await refresh(first.refresh_token);
			expect(second.status).toBe(200);
			expect(second.json.access_token).not.toBe(first.access_token);
			expect((await refresh(first.refresh_token)).json.code).toBe('invalid_grant');
			const old = await call(s, 'GET', '/api/v1/users/me', { token: first.access_token });
			expect([old.status, old.json.code]).toEqual([401, 'invalid_token']);
			expect((await call(s, 'GET', '/api/v1/users/me', { token: second.json.access_token })).status).toBe(200);

			s.expireAccessTokens();
			expect((await call(s, 'GET', '/api/v1/users/me', { token: second.json.access_token })).status).toBe(401);
			// a bad token fails even on a public route
			expect((await call(s, 'GET', '/api/v1/videos', { token: second.json.access_token })).status).toBe(401);
			expect((await call(s, 'GET', '/api/v1/users/me')).json.code).toBe('unauthorized_request');

			s.revokeRefreshTokens();
			expect((await refresh(second.json.refresh_token)).json.code).toBe('invalid_grant');
			const issued = s.issuedTokens();
			expect(issued.accessTokens).toEqual([first.access_token, second.json.access_token]);
			expect(issued.refreshTokens).toContain(second.json.refresh_token);
		});

		it('expires access tokens by the clock', async () => {
			const short = await PeerTubeStandin.start({ accessTokenLifetime: 0 });
			try {
				short.addUser(ALICE);
				const t = (await login(short, 'alice', 'alice-password')).json;
				expect(t.expires_in).toBe(0);
				expect((await call(short, 'GET', '/api/v1/users/me', { token: t.access_token })).status).toBe(401);
			} finally {
				await short.close();
			}
		});
	});

	describe('users and lists', () => {
		it('describes the logged-in user', async () => {
			const me = (await call(s, 'GET', '/api/v1/users/me', { token: await tokenOf(s, ALICE) })).json;
			expect(me).toEqual(
				expect.objectContaining({
					id: alice.id,
					username: 'alice',
					email: 'alice@example.com',
					role: { id: 2, label: 'User' },
					blocked: false,
					emailVerified: true,
					account: expect.objectContaining({ name: 'alice', displayName: 'alice' }),
				}),
			);
			expect(me.videoChannels.map((c: Json) => c.name)).toEqual(['alice_channel']);
			const root = (await call(s, 'GET', '/api/v1/users/me', { token: await tokenOf(s, ADMIN) })).json;
			expect(root.role).toEqual({ id: 0, label: 'Administrator' });
		});

		it('pages, sorts, filters and validates video lists', async () => {
			s.addVideos(30, (i) => ({
				channelName: i % 2 ? 'alice_channel' : 'root_channel',
				name: `Clip ${String(i).padStart(2, '0')}`,
				tags: i % 3 === 0 ? ['Cats', 'music'] : i % 3 === 1 ? ['music'] : [],
				category: i < 10 ? 1 : 2,
				language: i < 5 ? 'fr' : 'en',
				privacy: i >= 25 ? 3 : 1,
				nsfw: i === 4,
				isLocal: i !== 6,
			}));
			const page = await call(s, 'GET', '/api/v1/videos?start=0&count=10');
			expect(page.json.total).toBe(25);
			expect(page.json.data).toHaveLength(10);
			expect(page.json.data[0]).toEqual(
				expect.objectContaining({
					name: 'Clip 24',
					privacy: { id: 1, label: 'Public' },
					category: { id: 2, label: 'Films' },
					language: { id: 'en', label: 'English' },
					state: { id: 1, label: 'Published' },
					channel: expect.objectContaining({ name: 'root_channel', host: `127.0.0.1:${s.port}` }),
					uuid: expect.stringMatching(/^[0-9a-f-]{36}$/),
				}),
			);
			const byName = await call(s, 'GET', '/api/v1/videos?sort=name&count=2&start=1');
			expect(byName.json.data.map((v: Json) => v.name)).toEqual(['Clip 01', 'Clip 02']);
			const names = async (q: string) => (await call(s, 'GET', `/api/v1/videos?count=100&${q}`)).json.data.map((v: Json) => v.name).sort();
			expect(await names('tagsOneOf=cats')).toHaveLength(9);
			expect(await names('tagsAllOf=cats&tagsAllOf=music')).toHaveLength(9);
			expect(await names('tagsOneOf=cats&tagsOneOf=music')).toHaveLength(17);
			expect(await names('categoryOneOf=1&languageOneOf=fr&nsfw=false')).toEqual(['Clip 00', 'Clip 01', 'Clip 02', 'Clip 03']);
			expect(await names('isLocal=false')).toEqual(['Clip 06']);
			expect(await names('search=CLIP 1')).toHaveLength(10);
			const skip = await call(s, 'GET', '/api/v1/videos?skipCount=true&count=3');
			expect(skip.json.total).toBeUndefined();
			expect(skip.json.data).toHaveLength(3);

			const tooMany = await call(s, 'GET', '/api/v1/videos?count=101');
			expect(tooMany.status).toBe(400);
			expect(tooMany.json['invalid-params'].count).toEqual(expect.objectContaining({ msg: expect.any(String), path: 'count', location: 'query', value: '101' }));
			expect((await call(s, 'GET', '/api/v1/videos?count=0')).status).toBe(400);
			expect((await call(s, 'GET', '/api/v1/videos?sort=-color')).json['invalid-params'].sort).toBeDefined();

			expect((await call(s, 'GET', '/api/v1/video-channels/alice_channel/videos?count=100')).json.total).toBe(12);
			expect((await call(s, 'GET', `/api/v1/video-channels/alice_channel@127.0.0.1:${s.port}/videos`)).status).toBe(200);
			expect((await call(s, 'GET', '/api/v1/video-channels/nobody_channel/videos')).status).toBe(404);
			expect((await call(s, 'GET', '/api/v1/accounts/alice/videos')).json.total).toBe(12);
			expect((await call(s, 'GET', '/api/v1/accounts/ghost/videos')).status).toBe(404);
			const mine = await call(s, 'GET', '/api/v1/users/me/videos?count=100', { token: await tokenOf(s, ALICE) });
			expect(mine.json.total).toBe(15);
			expect((await call(s, 'GET', '/api/v1/videos?privacyOneOf=3')).status).toBe(401);
			const staff = await call(s, 'GET', '/api/v1/videos?privacyOneOf=3', { token: await tokenOf(s, ADMIN) });
			expect(staff.json.total).toBe(5);
		});

		it('gets a video by id, uuid or short uuid', async () => {
			const [v] = s.addVideos(1, { channelName: 'alice_channel', tags: ['one', 'two'], commentsPolicy: 2 });
			for (const id of [String(v.id), v.uuid, v.shortUUID]) {
				const r = await call(s, 'GET', `/api/v1/videos/${id}`);
				expect(r.json).toEqual(
					expect.objectContaining({ id: v.id, uuid: v.uuid, shortUUID: v.shortUUID, tags: ['one', 'two'], commentsPolicy: { id: 2, label: 'Disabled' }, commentsEnabled: false, files: [] }),
				);
			}
			expect(s.getVideo(v.shortUUID)).toBe(v);
			const missing = await call(s, 'GET', '/api/v1/videos/999999');
			expect([missing.status, missing.json.detail]).toEqual([404, 'Video not found']);
		});
	});

	describe('video update', () => {
		it('changes only the sent fields and answers 204', async () => {
			const [v] = s.addVideos(1, { channelName: 'alice_channel', name: 'Before', tags: ['a1', 'b2'], category: 1 });
			const before = structuredClone(v);
			const token = await tokenOf(s, ALICE);
			const r = await call(s, 'PUT', `/api/v1/videos/${v.uuid}`, { token, json: { name: 'After', tags: ['c3'] } });
			expect([r.status, r.text]).toEqual([204, '']);
			const after = s.getVideo(v.id)!;
			expect(after).toEqual({ ...before, name: 'After', tags: ['c3'], updatedAt: expect.any(String) });
			expect(after.updatedAt > before.updatedAt).toBe(true);
		});

		it('rejects invalid fields with invalid-params and changes nothing', async () => {
			const [v] = s.addVideos(1, { channelName: 'alice_channel' });
			const before = structuredClone(v);
			const token = await tokenOf(s, ALICE);
			const r = await call(s, 'PUT', `/api/v1/videos/${v.id}`, {
				token,
				json: { name: 'ok name', tags: ['x'], category: 99, privacy: 5, originallyPublishedAt: 'yesterday' },
			});
			expect(r.status).toBe(400);
			expect(Object.keys(r.json['invalid-params']).sort()).toEqual(['category', 'originallyPublishedAt', 'tags']);
			expect(r.json['invalid-params'].tags).toEqual(expect.objectContaining({ path: 'tags', location: 'body', value: ['x'] }));
			const pw = await call(s, 'PUT', `/api/v1/videos/${v.id}`, { token, json: { privacy: 5 } });
			expect(pw.status).toBe(400);
			expect(s.getVideo(v.id)).toEqual(before);
		});

		it('lets only the owner or staff update', async () => {
			const [v] = s.addVideos(1, { channelName: 'root_channel' });
			expect((await call(s, 'PUT', `/api/v1/videos/${v.id}`, { json: { name: 'x'.repeat(5) } })).status).toBe(401);
			expect((await call(s, 'PUT', `/api/v1/videos/${v.id}`, { token: await tokenOf(s, ALICE), json: { nsfw: true } })).status).toBe(403);
			expect((await call(s, 'PUT', `/api/v1/videos/${v.id}`, { token: await tokenOf(s, BOB), json: { nsfw: true } })).status).toBe(204);
			expect(s.getVideo(v.id)!.nsfw).toBe(true);
			const own = s.addChannel({ name: 'alice_two', ownerUsername: 'alice' });
			const [mine] = s.addVideos(1, { channelName: 'alice_channel' });
			const aliceToken = await tokenOf(s, ALICE);
			expect((await call(s, 'PUT', `/api/v1/videos/${mine.id}`, { token: aliceToken, json: { channelId: own.id } })).status).toBe(204);
			expect((await call(s, 'PUT', `/api/v1/videos/${mine.id}`, { token: aliceToken, json: { channelId: 1 } })).status).toBe(400);
			expect(s.getVideo(mine.id)!.channelId).toBe(own.id);
		});

		it('parses multipart fields, arrays, nested objects and image files', async () => {
			const [v] = s.addVideos(1, { channelName: 'alice_channel' });
			const future = new Date(Date.now() + 86_400_000).toISOString();
			const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
			const mp = multipart([
				{ name: 'name', value: 'From a form' },
				{ name: 'tags[]', value: 'one' },
				{ name: 'tags[]', value: 'two' },
				{ name: 'nsfw', value: 'true' },
				{ name: 'category', value: '4' },
				{ name: 'scheduleUpdate[updateAt]', value: future },
				{ name: 'scheduleUpdate[privacy]', value: '1' },
				{ name: 'thumbnailfile', value: jpeg, filename: 'thumb.jpg', type: 'image/jpeg' },
			]);
			const token = await tokenOf(s, ALICE);
			const r = await call(s, 'PUT', `/api/v1/videos/${v.id}`, { token, body: mp.body, headers: { 'content-type': mp.contentType } });
			expect(r.status).toBe(204);
			expect(s.getVideo(v.id)).toEqual(
				expect.objectContaining({
					name: 'From a form',
					tags: ['one', 'two'],
					nsfw: true,
					category: 4,
					scheduledUpdate: { updateAt: future, privacy: 1 },
					thumbnail: { filename: 'thumb.jpg', mimetype: 'image/jpeg', size: jpeg.length },
				}),
			);
			const indexed = multipart([{ name: 'tags[0]', value: 'aa' }, { name: 'tags[1]', value: 'bb' }]);
			await call(s, 'PUT', `/api/v1/videos/${v.id}`, { token, body: indexed.body, headers: { 'content-type': indexed.contentType } });
			expect(s.getVideo(v.id)!.tags).toEqual(['aa', 'bb']);
			// a lone plain `tags` field stays a string, which PeerTube rejects
			const lone = multipart([{ name: 'tags', value: 'solo' }]);
			const bad = await call(s, 'PUT', `/api/v1/videos/${v.id}`, { token, body: lone.body, headers: { 'content-type': lone.contentType } });
			expect(bad.status).toBe(400);
			const notImage = multipart([{ name: 'previewfile', value: 'hello', filename: 'a.txt', type: 'text/plain' }]);
			const bad2 = await call(s, 'PUT', `/api/v1/videos/${v.id}`, { token, body: notImage.body, headers: { 'content-type': notImage.contentType } });
			expect(Object.keys(bad2.json['invalid-params'])).toEqual(['previewfile']);
		});

		it('builds append-field style objects', () => {
			const mp = multipart([
				{ name: 'a', value: '1' },
				{ name: 'a', value: '2' },
				{ name: 'b[x][]', value: 'y' },
				{ name: 'c', value: 'é' },
			]);
			const parsed = parseMultipart(mp.body, mp.contentType);
			expect(fieldsToObject(parsed.fields)).toEqual({ a: ['1', '2'], b: { x: ['y'] }, c: 'é' });
		});
	});

	describe('jobs', () => {
		it('lists jobs by path state for admins only', async () => {
			s.addJobs(3, { state: 'failed', type: 'video-import' });
			s.addJobs(4, { state: 'completed' });
			const admin = await tokenOf(s, ADMIN);
			const failed = await call(s, 'GET', '/api/v1/jobs/failed?count=2', { token: admin });
			expect(failed.json.total).toBe(3);
			expect(failed.json.data).toHaveLength(2);
			expect(failed.json.data[0]).toEqual(
				expect.objectContaining({ state: 'failed', type: 'video-import', error: expect.any(String), createdAt: expect.any(String), finishedOn: expect.any(String) }),
			);
			expect(failed.json.data[0].createdAt > failed.json.data[1].createdAt).toBe(true);
			expect((await call(s, 'GET', '/api/v1/jobs', { token: admin })).json.total).toBe(7);
			expect((await call(s, 'GET', '/api/v1/jobs/?jobType=video-import', { token: admin })).json.total).toBe(3);
			// PeerTube 7 ignores ?states=
			expect((await call(s, 'GET', '/api/v1/jobs?states=failed', { token: admin })).json.total).toBe(7);
			expect((await call(s, 'GET', '/api/v1/jobs/broken', { token: admin })).status).toBe(400);
			expect((await call(s, 'GET', '/api/v1/jobs/failed', { token: await tokenOf(s, BOB) })).status).toBe(403);
			expect((await call(s, 'GET', '/api/v1/jobs/failed', { token: await tokenOf(s, ALICE) })).status).toBe(403);
			expect((await call(s, 'POST', '/api/v1/jobs/pause', { token: admin })).status).toBe(204);
			expect((await call(s, 'POST', '/api/v1/jobs/resume', { token: admin })).status).toBe(204);
		});

		it('lists jobs by query states in the develop-only form', async () => {
			const q = await PeerTubeStandin.start({ jobsApi: 'develop-query-form', serverVersion: '8.0.0' });
			try {
				q.addUser(ADMIN);
				q.addJobs(2, { state: 'failed' });
				q.addJobs(1, { state: 'active' });
				q.addJobs(1, { state: 'waiting' });
				const admin = await tokenOf(q, ADMIN);
				expect((await call(q, 'GET', '/api/v1/config')).json.serverVersion).toBe('8.0.0');
				expect((await call(q, 'GET', '/api/v1/jobs?states=failed,active', { token: admin })).json.total).toBe(3);
				const pathForm = await call(q, 'GET', '/api/v1/jobs/failed', { token: admin });
				expect([pathForm.status, pathForm.text]).toEqual([400, '']);
			} finally {
				await q.close();
			}
		});
	});

	describe('resumable upload', () => {
		const init = (token: string, extra: Json = {}, headers: Record<string, string> = {}) =>
			call(s, 'POST', '/api/v1/videos/upload-resumable', {
				token,
				headers: { 'x-upload-content-length': '10', 'x-upload-content-type': 'video/mp4', ...headers },
				json: { name: 'Uploaded clip', channelId: 2, filename: 'clip.mp4', ...extra },
			});

		it('takes chunks, resumes, and creates the video', async () => {
			const token = await tokenOf(s, ALICE);
			const created = await init(token, { tags: ['up'] });
			expect(created.status).toBe(201);
			const location = created.headers.location as string;
			const host = s.url.replace(/^http:/, '');
			expect(location).toMatch(new RegExp(`^${host}/api/v1/videos/upload-resumable\\?upload_id=`));
			const path = location.slice(host.length);
			const put = (range: string, body: Buffer) =>
				call(s, 'PUT', path, { token, headers: { 'content-range': range, 'content-type': 'application/octet-stream' }, body });

			const first = await put('bytes 0-3/10', Buffer.from('abcd'));
			expect([first.status, first.headers.range]).toEqual([308, 'bytes=0-3']);
			expect((await put('bytes 8-11/10', Buffer.from('ghij'))).status).toBe(409);
			const probe = await put('bytes */10', Buffer.alloc(0));
			expect([probe.status, probe.headers.range]).toEqual([308, 'bytes=0-3']);
			const done = await put('bytes 4-9/10', Buffer.from('efghij'));
			expect(done.status).toBe(200);
			const video = s.getVideo(done.json.video.uuid)!;
			expect(done.json.video).toEqual({ id: video.id, uuid: video.uuid, shortUUID: video.shortUUID });
			expect(video).toEqual(
				expect.objectContaining({ name: 'Uploaded clip', tags: ['up'], state: 2, file: expect.objectContaining({ filename: 'clip.mp4', size: 10 }) }),
			);
			expect(s.getVideo(video.id)!.channelId).toBe(2);
		});

		it('refuses non-video types, strangers and unknown ids, and cancels', async () => {
			const token = await tokenOf(s, ALICE);
			expect((await init(token, {}, { 'x-upload-content-type': 'text/plain' })).status).toBe(415);
			expect((await init(token, { name: 'x' })).json['invalid-params'].name).toBeDefined();
			expect((await init(token, { filename: undefined })).json['invalid-params'].filename).toBeDefined();
			expect((await init(token, { channelId: 1 })).status).toBe(400);
			const created = await init(token);
			const path = (created.headers.location as string).slice(s.url.length - 'http:'.length);
			expect((await call(s, 'PUT', '/api/v1/videos/upload-resumable?upload_id=nope', { token, headers: { 'content-range': 'bytes */10' } })).status).toBe(404);
			expect((await call(s, 'DELETE', path, { token })).status).toBe(204);
			expect((await call(s, 'PUT', path, { token, headers: { 'content-range': 'bytes */10' } })).status).toBe(404);
		});
	});

	describe('limits, injected failures and the request log', () => {
		it('limits logins and API calls per IP, exempting staff tokens', async () => {
			const limited = await PeerTubeStandin.start({ loginRateLimit: { max: 2, windowMs: 60_000 }, apiRateLimit: { max: 4, windowMs: 60_000 } });
			try {
				limited.addUser(ADMIN);
				const admin = await tokenOf(limited, ADMIN);
				await login(limited, 'root', 'wrong-password');
				const third = await login(limited, 'root', 'admin-password');
				expect(third.status).toBe(429);
				expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
				expect(third.headers['x-ratelimit-limit']).toBe('2');
				expect(third.headers['x-ratelimit-remaining']).toBe('0');
				// 3 API slots used by the logins: one more, then 429 — but not for the admin
				expect((await call(limited, 'GET', '/api/v1/config')).status).toBe(200);
				const over = await call(limited, 'GET', '/api/v1/config');
				expect([over.status, over.headers['retry-after'] !== undefined]).toEqual([429, true]);
				expect((await call(limited, 'GET', '/api/v1/config', { token: admin })).status).toBe(200);
			} finally {
				await limited.close();
			}
		});

		it('injects failures and records every request', async () => {
			s.failNext('GET', '/api/v1/videos', 503, 2);
			s.failNext('get', /^\/api\/v1\/config$/, 429, 1, { 'Retry-After': '7' });
			expect((await call(s, 'GET', '/api/v1/videos')).status).toBe(503);
			expect((await call(s, 'GET', '/api/v1/videos')).status).toBe(503);
			expect((await call(s, 'GET', '/api/v1/videos')).status).toBe(200);
			const limited = await call(s, 'GET', '/api/v1/config');
			expect([limited.status, limited.headers['retry-after'], limited.text]).toEqual([429, '7', 'Too many requests, please try again later.']);
			expect((await call(s, 'GET', '/api/v1/config')).status).toBe(200);

			await login(s, 'alice', 'alice-password');
			expect(s.requests.map((r) => [r.method, r.path, r.status])).toEqual([
				['GET', '/api/v1/videos', 503],
				['GET', '/api/v1/videos', 503],
				['GET', '/api/v1/videos', 200],
				['GET', '/api/v1/config', 429],
				['GET', '/api/v1/config', 200],
				['POST', '/api/v1/users/token', 200],
			]);
			expect(s.count('GET', '/api/v1/videos')).toBe(3);
			expect(s.count('GET', /config/)).toBe(2);
			const [tokenReq] = s.logins();
			expect(new URLSearchParams(tokenReq.body.toString()).get('username')).toBe('alice');
			expect(tokenReq.headers['content-type']).toBe('application/x-www-form-urlencoded');
			s.clearRequests();
			await call(s, 'GET', '/api/v1/videos?tagsOneOf=a&tagsOneOf=b&count=5');
			expect(s.requests[0].query).toEqual({ tagsOneOf: ['a', 'b'], count: '5' });
		});
	});

	describe('demo and scale', () => {
		it('seeds a demo instance', async () => {
			const demo = await PeerTubeStandin.start();
			try {
				const { users } = seedDemo(demo);
				expect(users.map((u) => [u.username, u.role])).toEqual([['root', 'admin'], ['alice', 'user']]);
				const token = await tokenOf(demo, users[0]);
				const jobs = await call(demo, 'GET', '/api/v1/jobs/failed', { token });
				expect(jobs.json.total).toBeGreaterThan(0);
				const all = await call(demo, 'GET', '/api/v1/users/me/videos?count=100', { token: await tokenOf(demo, users[1]) });
				expect(all.json.total).toBeGreaterThan(15);
			} finally {
				await demo.close();
			}
		});

		// Speed belongs in `npm run bench` (timed assertions flake on a loaded machine): this checks
		// that 10 000 videos page completely and without duplicates.
		it('creates and pages 10 000 videos', async () => {
			s.addVideos(10_000, { channelName: 'alice_channel' });
			const seen = new Set<number>();
			for (let start = 0; start < 10_000; start += 100) {
				const page = await call(s, 'GET', `/api/v1/videos?start=${start}&count=100&sort=-publishedAt`);
				expect(page.json.total).toBe(10_000);
				for (const v of page.json.data) seen.add(v.id);
			}
			expect(seen.size).toBe(10_000);
		});
	});
});
