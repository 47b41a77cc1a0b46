/**
 * The stand-in answers like PeerTube: exact statuses, headers and bodies, checked against
 * /work/shared/peertube/real-6.3.0-captures.md (a real PeerTube 6.3.0) and api-facts-2.md.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';

import { PeerTubeStandin, StandinOptions } from './server.cjs';
import { ADMIN, ALICE, MODERATOR, call, tokenOf } from './testing.cjs';

const DOCS = 'https://docs.joinpeertube.org/api-rest-reference.html#operation/';
const ERRORS = 'https://docs.joinpeertube.org/api-rest-reference.html#section/Errors/';
const RATE_LIMITED = 'Too many requests, please try again later.';

let s: PeerTubeStandin;
async function start(options: StandinOptions = {}): Promise<PeerTubeStandin> {
	s = await PeerTubeStandin.start({ apiRateLimit: false, loginRateLimit: false, ...options });
	s.addUser(ADMIN);
	s.addUser(ALICE);
	s.addUser(MODERATOR);
	return s;
}
afterEach(async () => s?.close());

describe('unknown API routes: the catch-all', () => {
	it.each(['6.3.0', '7.0.0', '8.2.1', '9.0.0'])('answers 400 with an empty JSON body on %s, for unknown paths and methods', async (version) => {
		await start({ serverVersion: version, apiRateLimit: { max: 50, windowMs: 10_000 } });
		for (const [method, path] of [
			['GET', '/api/v1/jobs-nope'],
			['PATCH', '/api/v1/videos/1'],
			['GET', '/api/v1/videos/1/nope'],
			['POST', '/api/v1/config'],
		]) {
			const r = await call(s, method, path);
			expect([method, path, r.status, r.headers['content-type'], r.headers['content-length'], r.text]).toEqual([
				method,
				path,
				400,
				'application/json; charset=utf-8',
				'0',
				'',
			]);
		}
		// Outside any rate-limited router (as /jobs-nope) the limiter neither counts nor answers headers.
		expect((await call(s, 'GET', '/api/v1/jobs-nope')).headers['x-ratelimit-limit']).toBeUndefined();
		expect((await call(s, 'GET', '/api/v1/videos/1/nope')).headers['x-ratelimit-limit']).toBe('50');
	});
});

describe('problem documents as PeerTube 6.3.0 sends them (captured)', () => {
	beforeEach(async () => {
		await start({ serverVersion: '6.3.0' });
	});

	it('an unknown token on a public route → 401 invalid_token with docs and error', async () => {
		const r = await call(s, 'GET', '/api/v1/videos?count=1', { token: 'f'.repeat(40) });
		expect(r.status).toBe(401);
		expect(r.headers['content-type']).toBe('application/problem+json; charset=utf-8');
		expect(r.text).toBe(
			`{"type":"${ERRORS}invalid_token","detail":"Token is invalid","status":401,"docs":"${DOCS}getVideos","code":"invalid_token","error":"Token is invalid"}`,
		);
	});

	it('an unknown token on /users/me → 401 without docs', async () => {
		const r = await call(s, 'GET', '/api/v1/users/me', { token: 'f'.repeat(40) });
		expect(r.text).toBe(`{"type":"${ERRORS}invalid_token","detail":"Token is invalid","status":401,"code":"invalid_token","error":"Token is invalid"}`);
	});

	it('count above 100 → 400 with instance and invalid-params', async () => {
		const r = await call(s, 'GET', '/api/v1/videos?count=101');
		expect(r.text).toBe(
			'{"type":"about:blank","title":"Bad Request","detail":"Incorrect request parameters: count","instance":"/api/v1/videos?count=101","status":400,' +
				'"invalid-params":{"count":{"type":"field","value":"101","msg":"Should have a number count (max: 100)","path":"count","location":"query"}},' +
				`"docs":"${DOCS}getVideos","error":"Incorrect request parameters: count"}`,
		);
	});

	it('the OAuth client for another Host → 403', async () => {
		const r = await call(s, 'GET', '/api/v1/oauth-clients/local', { headers: { host: 'other.example' } });
		expect(r.status).toBe(403);
		expect(r.text).toBe(
			'{"type":"about:blank","title":"Forbidden","detail":"Getting client tokens for host other.example is forbidden","status":403,' +
				`"docs":"${DOCS}getOAuthClient","error":"Getting client tokens for host other.example is forbidden"}`,
		);
	});

	it('a wrong password → 400 invalid_grant', async () => {
		const r = await call(s, 'POST', '/api/v1/users/token', {
			form: { client_id: s.clientId, client_secret: s.clientSecret, grant_type: 'password', username: 'alice', password: 'nope' },
		});
		expect(r.text).toBe(
			`{"type":"${ERRORS}invalid_grant","detail":"Invalid grant: user credentials are invalid","status":400,"docs":"${DOCS}getOAuthToken","code":"invalid_grant","error":"Invalid grant: user credentials are invalid"}`,
		);
	});

	it('jobs as a non-admin → 403 naming right 7 and the path under the router', async () => {
		const r = await call(s, 'GET', '/api/v1/jobs/failed', { token: await tokenOf(s, ALICE) });
		expect(r.text).toBe(
			'{"type":"about:blank","title":"Forbidden","detail":"User alice does not have right 7 to access to /failed.","status":403,' +
				`"docs":"${DOCS}getJobs","error":"User alice does not have right 7 to access to /failed."}`,
		);
	});

	it('an unknown video → 404', async () => {
		const r = await call(s, 'GET', '/api/v1/videos/99999');
		expect(r.text).toBe(`{"type":"about:blank","title":"Not Found","detail":"Video not found","status":404,"docs":"${DOCS}getVideo","error":"Video not found"}`);
	});

	it("updating another user's video → 403; six tags → 400", async () => {
		const [rootVideo] = s.addVideos(1, { channelName: 'root_channel' });
		const token = await tokenOf(s, ALICE);
		const hijack = await call(s, 'PUT', `/api/v1/videos/${rootVideo.id}`, { token, json: { name: 'hijack' } });
		expect(hijack.text).toBe(
			`{"type":"about:blank","title":"Forbidden","detail":"Cannot manage a video of another user.","status":403,"docs":"${DOCS}putVideo","error":"Cannot manage a video of another user."}`,
		);
		const [own] = s.addVideos(1, { channelName: 'alice_channel' });
		const tags = await call(s, 'PUT', `/api/v1/videos/${own.id}`, { token, json: { tags: ['aa', 'bb', 'cc', 'dd', 'ee', 'ff'] } });
		expect(tags.text).toBe(
			`{"type":"about:blank","title":"Bad Request","detail":"Incorrect request parameters: tags","instance":"/api/v1/videos/${own.id}","status":400,` +
				'"invalid-params":{"tags":{"type":"field","value":["aa","bb","cc","dd","ee","ff"],"msg":"Should have an array of up to 5 tags between 2 and 30 characters each","path":"tags","location":"body"}},' +
				`"docs":"${DOCS}putVideo","error":"Incorrect request parameters: tags"}`,
		);
	});

	it('any update of a password-protected video without videoPasswords → 400, nothing changed', async () => {
		const [v] = s.addVideos(1, { channelName: 'alice_channel', privacy: 5, videoPasswords: ['secret-1'], name: 'Kept' });
		const token = await tokenOf(s, ALICE);
		const r = await call(s, 'PUT', `/api/v1/videos/${v.id}`, { token, json: { name: 'Rename' } });
		expect(r.text).toBe(
			`{"type":"about:blank","title":"Bad Request","detail":"Video passwords are missing.","status":400,"docs":"${DOCS}putVideo","error":"Video passwords are missing."}`,
		);
		expect(s.getVideo(v.id)!.name).toBe('Kept');
		const tooLong = await call(s, 'PUT', `/api/v1/videos/${v.id}`, { token, json: { name: 'Rename', videoPasswords: ['x'.repeat(100)] } });
		expect([tooLong.status, tooLong.json.detail]).toEqual([
			400,
			'Invalid video password. Password length should be at least 2 characters and no more than 100 characters.',
		]);
		const ok = await call(s, 'PUT', `/api/v1/videos/${v.id}`, { token, json: { name: 'Rename', videoPasswords: ['x'.repeat(99)] } });
		expect(ok.status).toBe(204);
		expect(s.getVideo(v.id)).toMatchObject({ name: 'Rename', videoPasswords: ['x'.repeat(99)] });
	});
});

describe('problem documents per version', () => {
	it.each([
		['6.3.0', true],
		['7.0.0', false],
		['8.2.1', false],
		['9.0.0', false],
	])('%s: error field present = %s', async (version, hasError) => {
		await start({ serverVersion: version });
		const r = await call(s, 'GET', '/api/v1/videos/99999');
		const expected: Record<string, unknown> = {
			type: 'about:blank',
			title: 'Not Found',
			detail: 'Video not found',
			status: 404,
			docs: `${DOCS}getVideo`,
		};
		if (hasError) expected.error = 'Video not found';
		expect(r.json).toEqual(expected);
	});

	it('a missing token on an authenticated route → 401 unauthorized_request', async () => {
		await start({ serverVersion: '7.0.0' });
		const r = await call(s, 'GET', '/api/v1/users/me');
		expect([r.status, r.json]).toEqual([401, { type: `${ERRORS}unauthorized_request`, detail: 'Token is invalid', status: 401, code: 'unauthorized_request' }]);
	});
});

describe('rate limits', () => {
	const now = () => Math.floor(Date.now() / 1000);

	it('API 429: plain text, Retry-After, epoch-seconds reset; only valid admin/moderator tokens pass, the counter always counts', async () => {
		await start({ apiRateLimit: { max: 3, windowMs: 10_000 } });
		// Logins are under the limited /users router: 3 of the 3 slots.
		const admin = await tokenOf(s, ADMIN);
		const moderator = await tokenOf(s, MODERATOR);
		const alice = await tokenOf(s, ALICE);
		const before = now();
		const over = await call(s, 'GET', '/api/v1/videos', { token: alice });
		expect(over.status).toBe(429);
		expect(over.text).toBe(RATE_LIMITED);
		expect(over.headers['content-type']).toBe('text/html; charset=utf-8');
		expect(over.headers['x-ratelimit-limit']).toBe('3');
		expect(over.headers['x-ratelimit-remaining']).toBe('0');
		const reset = Number(over.headers['x-ratelimit-reset']);
		expect(reset).toBeGreaterThanOrEqual(before);
		expect(reset).toBeLessThanOrEqual(before + 11);
		const retryAfter = Number(over.headers['retry-after']);
		expect(retryAfter).toBeGreaterThanOrEqual(0);
		expect(retryAfter).toBeLessThanOrEqual(10);
		expect((await call(s, 'GET', '/api/v1/videos')).status).toBe(429);
		for (const token of [admin, moderator]) {
			const r = await call(s, 'GET', '/api/v1/videos', { token });
			expect([r.status, r.headers['x-ratelimit-remaining']]).toEqual([200, '0']);
		}
		// A bad token past the limit fails authentication first, as optionalAuthenticate does.
		expect((await call(s, 'GET', '/api/v1/videos', { token: 'f'.repeat(40) })).status).toBe(401);
		// /ping is not under the limiter.
		const ping = await call(s, 'GET', '/api/v1/ping');
		expect([ping.status, ping.text, ping.headers['content-type'], ping.headers['x-ratelimit-limit']]).toEqual([
			200,
			'pong',
			'text/html; charset=utf-8',
			undefined,
		]);
	});

	it('admin requests below the limit count too', async () => {
		await start({ apiRateLimit: { max: 10, windowMs: 10_000 } });
		const admin = await tokenOf(s, ADMIN);
		expect((await call(s, 'GET', '/api/v1/videos', { token: admin })).headers['x-ratelimit-remaining']).toBe('8');
	});

	it('login 429: the same plain text; every token request also counts toward the API limit', async () => {
		await start({ apiRateLimit: { max: 10, windowMs: 10_000 }, loginRateLimit: { max: 2, windowMs: 300_000 } });
		const form = { client_id: s.clientId, client_secret: s.clientSecret, grant_type: 'password', username: 'alice', password: 'alice-password' };
		expect((await call(s, 'POST', '/api/v1/users/token', { form })).status).toBe(200);
		expect((await call(s, 'POST', '/api/v1/users/token', { form: { ...form, password: 'wrong' } })).status).toBe(400);
		const third = await call(s, 'POST', '/api/v1/users/token', { form });
		expect([third.status, third.text, third.headers['content-type'], third.headers['x-ratelimit-limit'], third.headers['x-ratelimit-remaining']]).toEqual([
			429,
			RATE_LIMITED,
			'text/html; charset=utf-8',
			'2',
			'0',
		]);
		expect(Number(third.headers['retry-after'])).toBeGreaterThan(200);
		expect((await call(s, 'GET', '/api/v1/config')).headers['x-ratelimit-remaining']).toBe('6');
	});

	it('an injected 429 looks like a real one; other injected statuses stay problems', async () => {
		await start({ apiRateLimit: { max: 50, windowMs: 10_000 } });
		s.failNext('GET', '/api/v1/videos', 429);
		s.failNext('GET', '/api/v1/config', 429, 1, { 'Retry-After': '7' });
		s.failNext('GET', '/api/v1/users/me', 502);
		const r = await call(s, 'GET', '/api/v1/videos');
		expect([r.status, r.text, r.headers['content-type'], r.headers['retry-after'], r.headers['x-ratelimit-limit'], r.headers['x-ratelimit-remaining']]).toEqual([
			429,
			RATE_LIMITED,
			'text/html; charset=utf-8',
			'10',
			'50',
			'0',
		]);
		expect(Number(r.headers['x-ratelimit-reset'])).toBeGreaterThanOrEqual(now());
		expect((await call(s, 'GET', '/api/v1/config')).headers['retry-after']).toBe('7');
		const bad = await call(s, 'GET', '/api/v1/users/me');
		expect([bad.status, bad.headers['content-type'], bad.json.detail]).toEqual([502, 'application/problem+json; charset=utf-8', 'Injected failure (502)']);
	});
});

describe('resumable upload (uploadx)', () => {
	const bytes = Buffer.from('0123456789');
	let token: string;
	beforeEach(async () => {
		await start({ serverVersion: '6.3.0' });
		token = await tokenOf(s, ALICE);
	});
	const init = (extra: Record<string, unknown> = {}, headers: Record<string, string> = {}, who = token) =>
		call(s, 'POST', '/api/v1/videos/upload-resumable', {
			token: who,
			headers: { 'x-upload-content-length': '10', 'x-upload-content-type': 'video/mp4', ...headers },
			json: { name: 'Clip', channelId: 2, filename: 'clip.mp4', lastModified: 1700000000000, ...extra },
		});
	const pathOf = (location: string) => location.replace(/^\/\/[^/]+/, '');
	const put = (path: string, range: string | undefined, body: Buffer, who = token) =>
		call(s, 'PUT', path, { token: who, headers: { ...(range ? { 'content-range': range } : {}), 'content-type': 'application/octet-stream' }, body });

	it('init: 201 + protocol-relative Location; a probe with nothing received answers bytes=0--1', async () => {
		const r = await init();
		expect([r.status, r.text]).toEqual([201, '']);
		const host = s.url.replace('http://', '');
		expect(r.headers.location).toMatch(new RegExp(`^//${host.replace(/\./g, '\\.')}/api/v1/videos/upload-resumable\\?upload_id=[0-9a-f]{16}(-[0-9a-f]{16}){3}$`));
		const probe = await put(pathOf(r.headers.location as string), 'bytes */10', Buffer.alloc(0));
		expect([probe.status, probe.headers.range, probe.text]).toEqual([308, 'bytes=0--1', '']);
	});

	it('writes each chunk at the start offset it names, 409 only past the declared size, the final PUT creates the video', async () => {
		const path = pathOf((await init()).headers.location as string);
		expect((await put(path, 'bytes 0-5/10', bytes.subarray(0, 6))).headers.range).toBe('bytes=0-5');
		// Going back is allowed: uploadx writes at 2 and the upload now ends at 4.
		const back = await put(path, 'bytes 2-3/10', Buffer.from('XY'));
		expect([back.status, back.headers.range]).toEqual([308, 'bytes=0-3']);
		const conflict = await put(path, 'bytes 8-11/10', Buffer.from('abcd'));
		expect([conflict.status, conflict.headers['content-type'], conflict.text]).toEqual([409, 'application/json', '{"error":{"code":"FileConflict","message":"File conflict"}}']);
		const probe = await put(path, 'bytes */10', Buffer.alloc(0));
		expect([probe.status, probe.headers.range]).toEqual([308, 'bytes=0-3']);
		const done = await put(path, 'bytes 4-9/10', bytes.subarray(4));
		expect(done.status).toBe(200);
		const video = s.getVideo(done.json.video.id)!;
		expect(done.json).toEqual({ video: { id: video.id, shortUUID: video.shortUUID, uuid: video.uuid } });
		const content = Buffer.from('01XY456789');
		expect(video.file).toEqual({ filename: 'clip.mp4', mimetype: 'video/mp4', size: 10, sha256: createHash('sha256').update(content).digest('hex') });
		expect(s.uploadSessions()).toEqual([]);
		const again = await put(path, 'bytes 4-9/10', bytes.subarray(4));
		expect([again.status, again.headers['content-type'], again.text]).toEqual([404, 'application/json', '{"error":{"code":"FileNotFound","message":"Not found"}}']);
	});

	it('re-init of the same upload with bytes → 200 + Range and the same id; without lastModified a new upload', async () => {
		const first = await init();
		const path = pathOf(first.headers.location as string);
		await put(path, 'bytes 0-3/10', bytes.subarray(0, 4));
		const again = await init();
		expect([again.status, again.headers.location, again.headers.range]).toEqual([200, first.headers.location, 'bytes=0-3']);
		const fresh = await init({ lastModified: undefined });
		expect(fresh.status).toBe(201);
		expect(fresh.headers.location).not.toBe(first.headers.location);
		expect(s.uploadSessions().map((u) => u.received).sort()).toEqual([0, 4]);
	});

	it("another user's upload → 403; cancelling an unknown id → 403 (captured on 6.3.0); cancelling one's own → 204", async () => {
		const path = pathOf((await init()).headers.location as string);
		const root = await tokenOf(s, ADMIN);
		const stranger = await put(path, 'bytes 0-3/10', bytes.subarray(0, 4), root);
		expect([stranger.status, stranger.text]).toEqual([403, '{"error":{"code":"Forbidden","message":"Authenticated user is not allowed access"}}']);
		expect((await call(s, 'DELETE', path, { token: root })).status).toBe(403);
		const unknown = await call(s, 'DELETE', '/api/v1/videos/upload-resumable?upload_id=nope', { token });
		expect([unknown.status, unknown.text, unknown.headers['content-type']]).toEqual([403, '', undefined]);
		expect((await call(s, 'DELETE', path, { token })).status).toBe(204);
		expect(s.uploadSessions()).toEqual([]);
	});

	it('init checks: 415 unsupported MIME type, 413 quota_reached, 400 missing passwords — nothing created', async () => {
		const media = await init({}, { 'x-upload-content-type': 'text/plain' });
		expect([media.status, media.json.detail]).toEqual([415, expect.stringMatching(/^This file is not supported\. Please, make sure it is of the following type: \.webm, \.ogv, \.mp4/)]);
		s.addUser({ username: 'carol', password: 'carol-password', videoQuota: 5 });
		const carol = await tokenOf(s, { username: 'carol', password: 'carol-password' });
		const carolChannel = s.findChannel('carol_channel')!.id;
		const quota = await init({ channelId: carolChannel }, {}, carol);
		expect([quota.status, quota.json.code, quota.json.detail]).toEqual([413, 'quota_reached', 'The user video quota is exceeded with this video.']);
		const pw = await init({ privacy: 5 });
		expect([pw.status, pw.json.detail]).toEqual([400, 'Video passwords are missing.']);
		expect(s.uploadSessions()).toEqual([]);
	});

	it('cutUploadAt: the cut chunk keeps the bytes before the cut, the client resumes from Range', async () => {
		const path = pathOf((await init()).headers.location as string);
		s.cutUploadAt(6);
		await expect(put(path, 'bytes 0-9/10', bytes)).rejects.toThrow();
		expect(s.uploadSessions()).toEqual([expect.objectContaining({ received: 6, size: 10 })]);
		const probe = await put(path, 'bytes */10', Buffer.alloc(0));
		expect(probe.headers.range).toBe('bytes=0-5');
		const done = await put(path, 'bytes 6-9/10', bytes.subarray(6));
		expect(done.status).toBe(200);
		expect(s.getVideo(done.json.video.id)!.file!.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
	});

	it('423 FileLocked while another PUT writes the same upload', async () => {
		const path = pathOf((await init()).headers.location as string);
		const slow = http.request(s.url + path, {
			method: 'PUT',
			headers: { authorization: `Bearer ${token}`, 'content-range': 'bytes 0-9/10', 'content-length': '10', 'content-type': 'application/octet-stream' },
		});
		const slowAnswer = new Promise<number>((resolve, reject) => {
			slow.on('response', (res) => {
				res.resume();
				resolve(res.statusCode ?? 0);
			});
			slow.on('error', reject);
		});
		slow.write(bytes.subarray(0, 4));
		await new Promise((resolve) => setTimeout(resolve, 100));
		const locked = await put(path, 'bytes 0-9/10', bytes);
		expect([locked.status, locked.text]).toEqual([423, '{"error":{"code":"FileLocked","message":"File locked"}}']);
		slow.end(bytes.subarray(4));
		expect(await slowAnswer).toBe(200);
	});

	it('503 + Retry-After when a final PUT arrives while the upload is processing', async () => {
		await s.close();
		await start({ uploadProcessingMs: 400 });
		token = await tokenOf(s, ALICE);
		const path = pathOf((await init()).headers.location as string);
		const finalPut = put(path, 'bytes 0-9/10', bytes);
		await new Promise((resolve) => setTimeout(resolve, 100));
		const busy = await put(path, 'bytes */10', Buffer.alloc(0));
		expect([busy.status, busy.headers['retry-after'], busy.json.detail]).toEqual([503, '300', 'The upload is already being processed']);
		expect((await finalPut).status).toBe(200);
	});
});

describe('videos', () => {
	it('GET /videos/:id/passwords for the owner and staff; PUT replaces them', async () => {
		await start({ serverVersion: '6.3.0' });
		const [v] = s.addVideos(1, { channelName: 'alice_channel', privacy: 5, videoPasswords: ['first-pw', 'second-pw'] });
		const [open] = s.addVideos(1, { channelName: 'alice_channel' });
		const alice = await tokenOf(s, ALICE);
		const list = await call(s, 'GET', `/api/v1/videos/${v.uuid}/passwords`, { token: alice });
		expect(list.status).toBe(200);
		expect(list.json).toEqual({
			total: 2,
			data: [
				{ id: expect.any(Number), password: 'first-pw', videoId: v.id, createdAt: expect.any(String), updatedAt: expect.any(String) },
				{ id: expect.any(Number), password: 'second-pw', videoId: v.id, createdAt: expect.any(String), updatedAt: expect.any(String) },
			],
		});
		expect((await call(s, 'GET', `/api/v1/videos/${v.id}/passwords`, { token: await tokenOf(s, MODERATOR) })).status).toBe(200);
		s.addUser({ username: 'dave', password: 'dave-password' });
		const dave = await call(s, 'GET', `/api/v1/videos/${v.id}/passwords`, { token: await tokenOf(s, { username: 'dave', password: 'dave-password' }) });
		expect([dave.status, dave.json.detail]).toEqual([403, 'Cannot manage a video of another user.']);
		const notProtected = await call(s, 'GET', `/api/v1/videos/${open.id}/passwords`, { token: alice });
		expect([notProtected.status, notProtected.json.detail]).toEqual([400, 'Video is not password protected']);
		expect((await call(s, 'PUT', `/api/v1/videos/${v.id}/passwords`, { token: alice, json: { passwords: [] } })).json.detail).toBe(
			'At least one video password is required.',
		);
		expect((await call(s, 'PUT', `/api/v1/videos/${v.id}/passwords`, { token: alice, json: { passwords: ['third-pw'] } })).status).toBe(204);
		expect(s.getVideo(v.id)!.videoPasswords).toEqual(['third-pw']);
	});

	it.each([
		['6.1.0', { commentsEnabled: false }, ['commentsEnabled']],
		['7.0.0', { commentsPolicy: { id: 3, label: 'Requires approval' }, commentsEnabled: true }, ['commentsPolicy', 'commentsEnabled']],
		['8.0.0', { commentsPolicy: { id: 3, label: 'Requires approval' } }, ['commentsPolicy']],
	])('%s: commentsPolicy / commentsEnabled in video details and in updates', async (version, shown, known) => {
		await start({ serverVersion: version });
		const [v] = s.addVideos(1, { channelName: 'alice_channel' });
		const alice = await tokenOf(s, ALICE);
		// Send both: a version that does not know a field ignores it.
		const body = version === '6.1.0' ? { commentsPolicy: 3, commentsEnabled: false } : { commentsPolicy: 3, commentsEnabled: true };
		expect((await call(s, 'PUT', `/api/v1/videos/${v.id}`, { token: alice, json: body })).status).toBe(204);
		const details = (await call(s, 'GET', `/api/v1/videos/${v.id}`)).json;
		expect(Object.keys(details).filter((k) => k === 'commentsPolicy' || k === 'commentsEnabled')).toEqual(known);
		expect({ commentsPolicy: details.commentsPolicy, commentsEnabled: details.commentsEnabled }).toEqual({
			commentsPolicy: undefined,
			commentsEnabled: undefined,
			...shown,
		});
	});

	it('DELETE: the owner or REMOVE_ANY_VIDEO (admin, moderator) → 204; another user → 403; unknown → 404', async () => {
		await start();
		const [a, b] = s.addVideos(2, { channelName: 'alice_channel' });
		const [rootVideo] = s.addVideos(1, { channelName: 'root_channel' });
		const alice = await tokenOf(s, ALICE);
		const forbidden = await call(s, 'DELETE', `/api/v1/videos/${rootVideo.id}`, { token: alice });
		expect([forbidden.status, forbidden.json.detail]).toEqual([403, 'Cannot manage a video of another user.']);
		expect((await call(s, 'DELETE', `/api/v1/videos/${a.uuid}`, { token: alice })).status).toBe(204);
		expect((await call(s, 'DELETE', `/api/v1/videos/${b.shortUUID}`, { token: await tokenOf(s, MODERATOR) })).status).toBe(204);
		expect((await call(s, 'DELETE', `/api/v1/videos/${rootVideo.id}`, { token: await tokenOf(s, ADMIN) })).status).toBe(204);
		expect((await call(s, 'DELETE', `/api/v1/videos/${a.id}`, { token: alice })).status).toBe(404);
		expect(s.getVideo(rootVideo.id)).toBeUndefined();
	});

	it('GET /videos/:id: private, internal and password-protected videos as checkCanSeeVideo', async () => {
		await start({ serverVersion: '7.0.0' });
		const [priv, internal, protectedVideo] = [
			s.addVideos(1, { channelName: 'alice_channel', privacy: 3 })[0],
			s.addVideos(1, { channelName: 'alice_channel', privacy: 4 })[0],
			s.addVideos(1, { channelName: 'alice_channel', privacy: 5, videoPasswords: ['open-sesame'] })[0],
		];
		s.addUser({ username: 'dave', password: 'dave-password' });
		const dave = await tokenOf(s, { username: 'dave', password: 'dave-password' });
		const alice = await tokenOf(s, ALICE);
		const get = async (v: { id: number }, token?: string, password?: string) => {
			const r = await call(s, 'GET', `/api/v1/videos/${v.id}`, { token, headers: password ? { 'x-peertube-video-password': password } : {} });
			return [r.status, r.json.code, r.json.detail];
		};
		expect(await get(priv)).toEqual([401, 'unauthorized_request', 'Token is invalid']);
		expect(await get(priv, dave)).toEqual([403, undefined, 'Cannot fetch information of private/internal/blocked video']);
		expect((await get(priv, alice))[0]).toBe(200);
		expect((await get(priv, await tokenOf(s, MODERATOR)))[0]).toBe(200);
		expect(await get(internal)).toEqual([401, 'unauthorized_request', 'Token is invalid']);
		expect((await get(internal, dave))[0]).toBe(200);
		expect(await get(protectedVideo)).toEqual([403, 'video_requires_password', 'Please provide a password to access this password protected video']);
		expect(await get(protectedVideo, dave)).toEqual([403, 'video_requires_password', 'Please provide a password to access this password protected video']);
		expect((await get(protectedVideo, alice))[0]).toBe(200);
		expect((await get(protectedVideo, undefined, 'open-sesame'))[0]).toBe(200);
		expect(await get(protectedVideo, alice, 'wrong')).toEqual([403, 'incorrect_video_password', 'Incorrect video password. Access to the video is denied.']);
	});

	it('GET /users/me/videos honours search, isLive and channelId only; other filters are ignored', async () => {
		await start();
		const second = s.addChannel({ name: 'alice_second', ownerUsername: 'alice' });
		s.addVideos(2, { channelName: 'alice_channel', name: 'Cats first', category: 1, privacy: 3 });
		s.addVideos(3, { channelName: 'alice_second', name: 'Cats second', category: 2 });
		s.addVideos(1, { channelName: 'alice_second', name: 'Dogs', isLive: true });
		s.addVideos(1, { channelName: 'root_channel', name: 'Cats of root' });
		const alice = await tokenOf(s, ALICE);
		const names = async (query: string) =>
			(await call(s, 'GET', `/api/v1/users/me/videos?${query}`, { token: alice })).json.data.map((v: { name: string }) => v.name).sort();
		expect(await names(`search=cats&isLive=false&channelId=${second.id}`)).toEqual(['Cats second', 'Cats second', 'Cats second']);
		expect(await names('categoryOneOf=1&privacyOneOf=1&nsfw=true&tagsOneOf=x')).toHaveLength(6);
		expect(await names('isLive=true')).toEqual(['Dogs']);
		expect((await call(s, 'GET', '/api/v1/users/me/videos?channelId=999', { token: alice })).status).toBe(404);
	});

	it('state 12 (import failed) exists from 8.0', async () => {
		for (const [version, label] of [
			['7.1.0', 'Unknown'],
			['8.0.0', 'Import failed'],
		]) {
			await start({ serverVersion: version });
			const [v] = s.addVideos(1, { state: 12 });
			const admin = await tokenOf(s, ADMIN);
			expect((await call(s, 'GET', `/api/v1/videos/${v.id}`, { token: admin })).json.state).toEqual({ id: 12, label });
			await s.close();
		}
	});
});

describe('jobs', () => {
	it.each([
		['6.3.0', 'videos-views-stats', 'videos-stats'],
		// @peertube/peertube-types 8.1.3 still lists videos-views-stats; the rename is 9.0 material
		['8.2.1', 'videos-views-stats', 'videos-stats'],
		['9.0.0', 'videos-stats', 'videos-views-stats'],
	])('%s accepts jobType %s and refuses %s (PeerTube’s own job type list)', async (version, known, unknown) => {
		await start({ serverVersion: version });
		s.addJobs(2, { type: known });
		const admin = await tokenOf(s, ADMIN);
		expect((await call(s, 'GET', `/api/v1/jobs?jobType=${known}`, { token: admin })).json.total).toBe(2);
		const bad = await call(s, 'GET', `/api/v1/jobs?jobType=${unknown}`, { token: admin });
		expect([bad.status, bad.json['invalid-params'].jobType.msg]).toEqual([400, 'Should have a valid job type']);
	});

	it('`waiting` lists waiting-children and prioritized jobs too; ?states= is ignored by every release', async () => {
		await start();
		s.addJobs(1, { state: 'waiting' });
		s.addJobs(1, { state: 'waiting-children' });
		s.addJobs(1, { state: 'prioritized' });
		s.addJobs(2, { state: 'failed' });
		const admin = await tokenOf(s, ADMIN);
		expect((await call(s, 'GET', '/api/v1/jobs/waiting', { token: admin })).json.total).toBe(3);
		expect((await call(s, 'GET', '/api/v1/jobs?states=failed', { token: admin })).json.total).toBe(5);
	});
});

describe('versions', () => {
	it('refuses versions it does not play', async () => {
		await expect(PeerTubeStandin.start({ serverVersion: '5.2.0' })).rejects.toThrow(/6\.x, 7\.x, 8\.x or 9\.0/);
	});
});
