/**
 * Video → Replace File through n8n-core with real binary data, against the stand-in's
 * `/videos/{id}/source/replace-resumable` (standin/routes/replaceFile.cts): the bytes on the wire,
 * what becomes of the video, the instance's refusals and a cut connection. The last block checks the
 * stand-in's route itself over plain HTTP (what the node does not reach: validation, repeated final
 * chunk, the VideoSource shape per version). PeerTube before 6.0 (no route) is not modelled.
 */
import type { IncomingMessage, ServerResponse } from 'http';

import type { NodeParameterValueType } from 'n8n-workflow';

import { videoItem, type BinaryMode } from '../../../../helpers/binary.cjs';
import { ADMIN, credentialData, run, startInstance, storeWith, USER, type Instance } from '../../../../helpers/fixture.cjs';
import { inputFileUpdatedAtOf, setVideoFileUpdateEnabled, videoSourcesOf } from '../../../../../standin/routes/replaceFile.cjs';
import type { RecordedRequest, StandinVideo } from '../../../../../standin/server.cjs';
import { call, login } from '../../../../../standin/testing.cjs';
import { resetPacing } from '../../../../../nodes/PeerTube/transport/pacing';

const CHUNK = 256 * 1024;
const SIZE = 3 * CHUNK + 777; // four chunks, the last one short
const OLD_FILE = { filename: 'first cut.mp4', mimetype: 'video/mp4', size: 1234, sha256: 'f'.repeat(64) };

let instance: Instance;

afterEach(async () => {
	await instance?.server.close();
	resetPacing();
});

const store = (account: { username: string; password: string } = USER) => storeWith(credentialData(instance.server, account));
const replace = (videoId: string, extra: Record<string, NodeParameterValueType> = {}) => ({
	resource: 'video',
	operation: 'replaceFile',
	videoId: { __rl: true, mode: 'id', value: videoId },
	...extra,
});
const replacePath = (video: StandinVideo) => `/api/v1/videos/${video.uuid}/source/replace-resumable`;
const replaceRequests = (method?: string): RecordedRequest[] =>
	instance.server.requests.filter((r) => /\/source\/replace-resumable$/.test(r.path) && (!method || r.method === method));
const contentRanges = () => replaceRequests('PUT').map((r) => String(r.headers['content-range']));
const uploadIds = () => new Set(replaceRequests('PUT').map((r) => String(r.query.upload_id)));
/** API requests other than the login and the config read, as "METHOD path". */
const wire = () =>
	instance.server.requests
		.filter((r) => r.path.startsWith('/api/v1/') && !['/api/v1/oauth-clients/local', '/api/v1/users/token', '/api/v1/config'].includes(r.path))
		.map((r) => `${r.method} ${r.path}`);

/** Runs `action` when the n-th request matching the filter reaches the stand-in (before it is handled). */
function onRequest(filter: (req: IncomingMessage) => boolean, nth: number, action: () => void): void {
	const server = instance.server as unknown as { handle: (req: IncomingMessage, res: ServerResponse) => Promise<void> };
	const original = server.handle.bind(server);
	let seen = 0;
	server.handle = async (req, res) => {
		if (filter(req) && ++seen === nth) action();
		return await original(req, res);
	};
}

const isReplacePut = (req: IncomingMessage) => req.method === 'PUT' && /\/source\/replace-resumable\?/.test(req.url ?? '');
const isReplacePost = (req: IncomingMessage) => req.method === 'POST' && /\/source\/replace-resumable$/.test(req.url ?? '');

/** A published video of alice's that was uploaded once (it has a file and a source). */
function aliceVideo(overrides: Partial<StandinVideo> = {}): StandinVideo {
	const [video] = instance.server.addVideos(1, { channelName: 'alice_channel', name: 'Keynote', ...overrides });
	video.file = { ...OLD_FILE };
	return video;
}

describe.each<BinaryMode>(['default', 'filesystem'])('Video → Replace File, %s binary data mode', (mode) => {
	beforeEach(async () => {
		instance = await startInstance({ maxChunkSize: CHUNK, serverVersion: '7.1.0' });
		setVideoFileUpdateEnabled(instance.server, true);
	});

	it('replaces the file byte for byte: one init, contiguous chunks of the instance size, one upload, the video back to transcoding', async () => {
		const video = aliceVideo();
		const before = video.updatedAt;
		const { item, sha256 } = await videoItem(mode, SIZE, { fileName: 'new cut.mp4' });
		const result = await run(replace(String(video.id)), store(), { items: [item] });
		expect(result.error).toBeUndefined();

		// the file PeerTube now has
		expect(video.file).toEqual({ filename: 'new cut.mp4', mimetype: 'video/mp4', size: SIZE, sha256 });
		expect(instance.server.videos.size).toBe(1);
		// what went over the wire: the checks, the init, the chunks, the read-back
		expect(wire()).toEqual([
			`GET /api/v1/videos/${video.id}`,
			'GET /api/v1/users/me',
			`POST ${replacePath(video)}`,
			...Array(4).fill(`PUT ${replacePath(video)}`),
			`GET /api/v1/videos/${video.uuid}`,
		]);
		// init: exactly the file name, the two upload headers, JSON
		const [init] = replaceRequests('POST');
		expect(JSON.parse(init.body.toString())).toEqual({ filename: 'new cut.mp4' });
		expect([init.headers['x-upload-content-length'], init.headers['x-upload-content-type'], init.headers['content-type'], init.status]).toEqual([
			String(SIZE),
			'video/mp4',
			'application/json',
			201,
		]);
		// chunks: contiguous, the instance's chunk size, one upload id (the one the Location named)
		expect(contentRanges()).toEqual([
			`bytes 0-${CHUNK - 1}/${SIZE}`,
			`bytes ${CHUNK}-${2 * CHUNK - 1}/${SIZE}`,
			`bytes ${2 * CHUNK}-${3 * CHUNK - 1}/${SIZE}`,
			`bytes ${3 * CHUNK}-${SIZE - 1}/${SIZE}`,
		]);
		expect(replaceRequests('PUT').map((r) => r.status)).toEqual([308, 308, 308, 200]);
		expect(replaceRequests('PUT').every((r) => r.headers['content-type'] === 'application/octet-stream')).toBe(true);
		expect(uploadIds().size).toBe(1);
		expect(replaceRequests('DELETE')).toHaveLength(0);
		// the video: to transcode again, inputFileUpdatedAt and updatedAt now, a new source
		expect(video.state).toBe(2);
		expect(video.updatedAt > before).toBe(true);
		expect(inputFileUpdatedAtOf(instance.server, video.id)).toBe(video.updatedAt);
		expect(videoSourcesOf(instance.server, video.id).map((s) => [s.inputFilename, s.size])).toEqual([
			['first cut.mp4', OLD_FILE.size],
			['new cut.mp4', SIZE],
		]);
		// output: the video read back after the replace
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ uuid: video.uuid, name: 'Keynote', state: { id: 2, label: 'To transcode' } });
		expect(instance.server.logins()).toHaveLength(1);
	});

	it.each([
		['inside a chunk (the server keeps the bytes before the cut)', CHUNK + 4321],
		['at a chunk boundary', 2 * CHUNK],
	])('a connection cut %s: asks the server, continues from its Range, one upload, the file intact', async (_label, cutAt) => {
		const video = aliceVideo();
		const { item, sha256 } = await videoItem(mode, SIZE, { fileName: 'new cut.mp4' });
		instance.server.cutUploadAt(cutAt);
		const result = await run(replace(String(video.id)), store(), { items: [item] });
		expect(result.error).toBeUndefined();
		expect(video.file?.sha256).toBe(sha256);
		expect(replaceRequests('POST')).toHaveLength(1);
		expect(uploadIds().size).toBe(1);
		const ranges = contentRanges();
		expect(ranges.filter((r) => r.startsWith('bytes 0-'))).toHaveLength(1);
		// the probe, then the rest from exactly where the server stopped
		const probeIndex = ranges.indexOf(`bytes */${SIZE}`);
		expect(probeIndex).toBeGreaterThan(0);
		const chunkEnd = Math.min(SIZE, (Math.floor(cutAt / CHUNK) + 1) * CHUNK);
		expect(ranges[probeIndex + 1]).toBe(`bytes ${cutAt}-${chunkEnd - 1}/${SIZE}`);
		expect(replaceRequests('DELETE')).toHaveLength(0);
		// replaced once
		expect(videoSourcesOf(instance.server, video.id)).toHaveLength(2);
	});
});

describe('Video → Replace File: the answer of the last chunk is lost', () => {
	it('PeerTube replaced the file; the probe meets its checks again (409, the upload deleted), then 404: the node finds the new source', async () => {
		instance = await startInstance({ serverVersion: '7.1.0' });
		setVideoFileUpdateEnabled(instance.server, true);
		const video = aliceVideo();
		// the stand-in processes the last chunk, then the connection drops before the answer
		const server = instance.server as unknown as { handle: (req: IncomingMessage, res: ServerResponse) => Promise<void> };
		const original = server.handle.bind(server);
		let dropped = false;
		server.handle = async (req, res) => {
			if (!dropped && isReplacePut(req) && !String(req.headers['content-range']).includes('*')) {
				dropped = true;
				res.writeHead = (() => res) as never;
				res.end = (() => {
					req.socket.destroy();
					return res;
				}) as never;
			}
			return await original(req, res);
		};
		const { item, sha256 } = await videoItem('default', 3000, { fileName: 'new cut.mp4' });
		const result = await run(replace(String(video.id)), store(), { items: [item] });
		expect(result.error).toBeUndefined();
		expect(video.file?.sha256).toBe(sha256);
		expect(
			instance.server.requests.filter((r) => /\/source(\/replace-resumable)?$/.test(r.path)).map((r) => [r.method, r.status, r.headers['content-range']]),
		).toEqual([
			['POST', 201, undefined],
			['PUT', 200, 'bytes 0-2999/3000'],
			['PUT', 409, 'bytes */3000'],
			['PUT', 404, 'bytes */3000'],
			['GET', 200, undefined],
		]);
		expect(videoSourcesOf(instance.server, video.id)).toHaveLength(2);
		expect(result.items[0].json).toMatchObject({ uuid: video.uuid, state: { id: 2 } });
	});
});

describe('Video → Replace File: a refused last chunk whose answer is lost', () => {
	it('is not taken for a success: the old source is still the latest, the node says the session is gone', async () => {
		instance = await startInstance({ serverVersion: '7.1.0' });
		setVideoFileUpdateEnabled(instance.server, true);
		const video = aliceVideo();
		const server = instance.server as unknown as { handle: (req: IncomingMessage, res: ServerResponse) => Promise<void> };
		const original = server.handle.bind(server);
		let dropped = false;
		server.handle = async (req, res) => {
			if (!dropped && isReplacePut(req) && !String(req.headers['content-range']).includes('*')) {
				dropped = true;
				// the administrator turns replacing off while the last chunk travels: PeerTube refuses
				// it and deletes the upload; then the answer is lost
				setVideoFileUpdateEnabled(instance.server, false);
				res.writeHead = (() => res) as never;
				res.end = (() => {
					req.socket.destroy();
					return res;
				}) as never;
			}
			return await original(req, res);
		};
		const { item } = await videoItem('default', 3000, { fileName: 'new cut.mp4' });
		const result = await run(replace(String(video.id)), store(), { items: [item] });
		expect(result.error?.message).toMatch(/The upload session of "new cut.mp4" no longer exists on PeerTube/);
		expect(video.file).toEqual(OLD_FILE);
		expect(videoSourcesOf(instance.server, video.id)).toHaveLength(1);
		// the recovery looked at the video (its input file date had not moved), not at the old source
		expect(instance.server.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/source'))).toHaveLength(0);
	});
});

describe('Video → Replace File: refusals', () => {
	beforeEach(async () => {
		instance = await startInstance({ maxChunkSize: CHUNK, serverVersion: '7.1.0' });
		setVideoFileUpdateEnabled(instance.server, true);
	});

	it('an instance that does not allow it (its /config says so, PeerTube\'s default): a clear message, nothing sent', async () => {
		setVideoFileUpdateEnabled(instance.server, false);
		const video = aliceVideo();
		const { item } = await videoItem('default', 3000);
		const result = await run(replace(String(video.id)), store(), { items: [item] });
		expect(result.error?.message).toBe(
			'This PeerTube instance does not allow replacing the file of a video (the administrator disabled video_file.update): upload it as a new video instead, or ask the administrator to enable it',
		);
		expect(replaceRequests()).toHaveLength(0);
		expect(video.file).toEqual(OLD_FILE);
	});

	it('an instance that stops allowing it after /config was read: PeerTube\'s 403 is named, no chunk sent', async () => {
		const video = aliceVideo();
		onRequest(isReplacePost, 1, () => setVideoFileUpdateEnabled(instance.server, false));
		const { item } = await videoItem('default', 3000);
		const result = await run(replace(String(video.id)), store(), { items: [item] });
		expect(result.error?.message).toBe(
			"PeerTube refused to replace the file: the administrator disabled replacing video files, or the credential's account does not own this video. Use a credential of the video's owner, or upload the file as a new video (PeerTube: Updating the file of an existing video is not allowed on this instance)",
		);
		const [init] = replaceRequests('POST');
		expect(init.status).toBe(403);
		expect(replaceRequests('PUT')).toHaveLength(0);
		expect(video.file).toEqual(OLD_FILE);
	});

	it('a video of another user: 403, named, no chunk sent', async () => {
		const [video] = instance.server.addVideos(1, { channelName: 'root_channel' });
		const { item } = await videoItem('default', 3000);
		const result = await run(replace(String(video.id)), store(), { items: [item] });
		expect(result.error?.message).toMatch(/^PeerTube refused to replace the file: .*\(PeerTube: Cannot manage a video of another user\.\)$/);
		expect(replaceRequests().map((r) => [r.method, r.status])).toEqual([['POST', 403]]);
	});

	it('an administrator may replace the file of a user\'s video', async () => {
		const video = aliceVideo();
		const { item, sha256 } = await videoItem('default', 3000);
		const result = await run(replace(String(video.id)), store(ADMIN), { items: [item] });
		expect(result.error).toBeUndefined();
		expect(video.file?.sha256).toBe(sha256);
	});

	it('a video still waiting for transcoding: 409, the message says to retry later', async () => {
		const video = aliceVideo({ state: 2 });
		const { item } = await videoItem('default', 3000);
		const result = await run(replace(String(video.id)), store(), { items: [item] });
		expect(result.error?.message).toBe(
			'PeerTube cannot replace the file right now: the video is still being transcoded or edited. Retry later (e.g. with Wait Until Published on the step that created it) (PeerTube: Cannot edit video that is already waiting for transcoding/edition)',
		);
		expect(replaceRequests().map((r) => [r.method, r.status])).toEqual([['POST', 409]]);
	});

	it('a quota the file does not fit in: refused before any byte', async () => {
		const user = instance.server.findUser('alice')!;
		user.videoQuota = OLD_FILE.size + 1000;
		const video = aliceVideo();
		const { item } = await videoItem('default', 3000);
		const result = await run(replace(String(video.id)), store(), { items: [item] });
		expect(result.error?.message).toMatch(/^The video quota of the PeerTube account is exhausted: "holiday clip\.mp4" is 2\.9 KiB/);
		expect(replaceRequests()).toHaveLength(0);
	});

	it('refused on the last chunk (the instance stopped allowing it meanwhile): the upload is cancelled, the video keeps its file', async () => {
		const video = aliceVideo();
		const { item } = await videoItem('default', SIZE);
		onRequest(isReplacePut, 4, () => setVideoFileUpdateEnabled(instance.server, false));
		const result = await run(replace(String(video.id)), store(), { items: [item] });
		expect(result.error?.message).toMatch(
			/^PeerTube refused the video: Updating the file of an existing video is not allowed on this instance\. The upload was cancelled on the server \(upload id [0-9a-f-]+\); run the node again to retry\.$/,
		);
		expect(replaceRequests('PUT').map((r) => r.status)).toEqual([308, 308, 308, 403]);
		expect(replaceRequests('DELETE')).toHaveLength(1);
		expect(instance.server.uploadSessions()).toHaveLength(0);
		expect(video.file).toEqual(OLD_FILE);
		expect(video.state).toBe(1);
		expect(videoSourcesOf(instance.server, video.id)).toHaveLength(1);
		expect(inputFileUpdatedAtOf(instance.server, video.id)).toBeNull();
	});

	it('an unknown video: the Video field is named, nothing sent', async () => {
		const { item } = await videoItem('default', 3000);
		const result = await run(replace('987654'), store(), { items: [item] });
		expect(result.error?.message).toBe('There is no video "987654" on this PeerTube instance: check Video');
		expect(replaceRequests()).toHaveLength(0);
	});

	it('a file type the instance does not accept: refused before sending', async () => {
		const video = aliceVideo();
		const { item } = await videoItem('default', 3000, { fileName: 'slides.pdf', mimeType: 'application/pdf' });
		const result = await run(replace(String(video.id)), store(), { items: [item] });
		expect(result.error?.message).toMatch(/^This PeerTube instance does not accept \.pdf files \("slides\.pdf"\)/);
		expect(replaceRequests()).toHaveLength(0);
	});
});

describe('Video → Replace File on 8.1+: PeerTube checks the quota of the video\'s owner', () => {
	it('an administrator replacing a user\'s file over that user\'s quota: the instance\'s 413 is reported', async () => {
		instance = await startInstance({ serverVersion: '8.2.1' });
		setVideoFileUpdateEnabled(instance.server, true);
		instance.server.findUser('alice')!.videoQuota = OLD_FILE.size + 1000;
		const video = aliceVideo();
		const { item } = await videoItem('default', 3000);
		// the node checks the credential's own quota (the administrator's: unlimited), PeerTube alice's
		const result = await run(replace(String(video.id)), store(ADMIN), { items: [item] });
		expect(result.error?.message).toMatch(/^The video quota of the PeerTube account is exhausted: .*\(The user video quota is exceeded with this video\.\)/);
		expect(replaceRequests().map((r) => [r.method, r.status])).toEqual([['POST', 413]]);
		expect(video.file).toEqual(OLD_FILE);
	});
});

// ---------------------------------------------------------------------------------------------
// The stand-in's route itself, over plain HTTP

describe('stand-in: /videos/{id}/source/replace-resumable', () => {
	let token: string;

	async function start(version: string, enabled = true) {
		instance = await startInstance({ serverVersion: version });
		setVideoFileUpdateEnabled(instance.server, enabled);
		token = (await login(instance.server, USER.username, USER.password)).json.access_token as string;
	}

	const init = (video: StandinVideo | string, body: unknown = { filename: 'b.mp4' }, headers: Record<string, string> = {}) =>
		call(instance.server, 'POST', `/api/v1/videos/${typeof video === 'string' ? video : video.uuid}/source/replace-resumable`, {
			token,
			json: body,
			headers: { 'x-upload-content-length': '10', 'x-upload-content-type': 'video/mp4', ...headers },
		});
	const put = (video: StandinVideo, location: string, data: Buffer, range: string) =>
		call(instance.server, 'PUT', `/api/v1/videos/${video.uuid}/source/replace-resumable?${location.split('?')[1]}`, {
			token,
			body: data,
			headers: { 'content-type': 'application/octet-stream', 'content-range': range },
		});

	it('/config reports video_file.update.enabled as the instance has it; off by default', async () => {
		await start('6.0.3', false);
		expect((await call(instance.server, 'GET', '/api/v1/config')).json.videoFile).toEqual({ update: { enabled: false } });
		setVideoFileUpdateEnabled(instance.server, true);
		expect((await call(instance.server, 'GET', '/api/v1/config')).json.videoFile).toEqual({ update: { enabled: true } });
	});

	it('disabled: 403 with PeerTube\'s problem, before the video is even looked up (6.3 keeps `error`, 7.0 drops it)', async () => {
		await start('6.3.0', false);
		const r = await init('987654');
		expect([r.status, r.headers['content-type']]).toEqual([403, 'application/problem+json; charset=utf-8']);
		expect(r.json).toEqual({
			type: 'about:blank',
			title: 'Forbidden',
			detail: 'Updating the file of an existing video is not allowed on this instance',
			status: 403,
			error: 'Updating the file of an existing video is not allowed on this instance',
		});
		await instance.server.close();
		await start('7.1.0', false);
		expect((await init('987654')).json).toEqual({
			type: 'about:blank',
			title: 'Forbidden',
			detail: 'Updating the file of an existing video is not allowed on this instance',
			status: 403,
		});
	});

	it('init checks in PeerTube\'s order: fields, the video, the right, the state, the MIME type', async () => {
		await start('8.2.1');
		const [mine] = instance.server.addVideos(1, { channelName: 'alice_channel' });
		const [root] = instance.server.addVideos(1, { channelName: 'root_channel' });
		const [live] = instance.server.addVideos(1, { channelName: 'alice_channel', isLive: true });
		const [importing] = instance.server.addVideos(1, { channelName: 'alice_channel', state: 3 });
		const missing = await init(mine, {}, { 'x-upload-content-length': 'ten' });
		expect([missing.status, missing.json['invalid-params']]).toEqual([
			400,
			{
				filename: { type: 'field', msg: 'Invalid value', path: 'filename', location: 'body' },
				'x-upload-content-length': { type: 'field', value: 'ten', msg: 'Invalid value', path: 'x-upload-content-length', location: 'headers' },
			},
		]);
		expect([(await init('987654')).status, (await init('987654')).json.detail]).toEqual([404, 'Video not found']);
		const other = await init(root);
		// setupUploadResumableRoutes declares no openapi operation: no `docs`
		expect([other.status, other.json.detail, 'docs' in other.json]).toEqual([403, 'Cannot manage a video of another user.', false]);
		expect([(await init(live)).status, (await init(live)).json.detail]).toEqual([400, 'Cannot edit a live video']);
		expect([(await init(importing)).status, (await init(importing)).json.detail]).toEqual([400, 'Video state is not compatible with edition']);
		expect((await init(mine, { filename: 'a.pdf' }, { 'x-upload-content-type': 'application/pdf' })).status).toBe(415);
		const ok = await init(mine);
		expect([ok.status, ok.text]).toEqual([201, '']);
		// uploadx's Location: the request's own path, upload_id in its query, protocol-relative
		expect(ok.headers.location).toMatch(new RegExp(`^//127\\.0\\.0\\.1:\\d+/api/v1/videos/${mine.uuid}/source/replace-resumable\\?upload_id=[0-9a-f-]+$`));
	});

	it('the last chunk answers 200 with the new VideoSource; a repeated last chunk runs the checks again (409, then the upload is gone) before 9.0', async () => {
		await start('7.1.0');
		const [video] = instance.server.addVideos(1, { channelName: 'alice_channel' });
		const { headers } = await init(video);
		const bytes = Buffer.from('0123456789');
		expect((await put(video, String(headers.location), bytes.subarray(0, 4), 'bytes 0-3/10')).headers.range).toBe('bytes=0-3');
		const last = await put(video, String(headers.location), bytes.subarray(4), 'bytes 4-9/10');
		expect([last.status, last.headers['content-type']]).toEqual([200, 'application/json; charset=utf-8']);
		expect(last.json).toEqual({
			filename: 'b.mp4',
			inputFilename: 'b.mp4',
			fileUrl: null,
			fileDownloadUrl: null,
			resolution: { id: null, label: null },
			size: 10,
			width: null,
			height: null,
			fps: null,
			metadata: null,
			createdAt: inputFileUpdatedAtOf(instance.server, video.id),
		});
		expect(video.state).toBe(2);
		// uploadx keeps the completed upload: PeerTube's checks run again, the video is to transcode now
		const again = await put(video, String(headers.location), Buffer.alloc(0), 'bytes */10');
		expect([again.status, again.json.detail]).toEqual([409, 'Cannot edit video that is already waiting for transcoding/edition']);
		// …and a refusal there deletes the upload (the validator's cleanup)
		expect((await put(video, String(headers.location), Buffer.alloc(0), 'bytes */10')).json).toEqual({ error: { code: 'FileNotFound', message: 'Not found' } });
		expect(videoSourcesOf(instance.server, video.id)).toHaveLength(1);
		// GET /source: the latest one
		expect((await call(instance.server, 'GET', `/api/v1/videos/${video.id}/source`, { token })).json.inputFilename).toBe('b.mp4');
	});

	it('9.0 (develop): a repeated last chunk meets the kept upload session: 503 + Retry-After', async () => {
		await start('9.0.0');
		const [video] = instance.server.addVideos(1, { channelName: 'alice_channel' });
		const { headers } = await init(video);
		expect((await put(video, String(headers.location), Buffer.alloc(10, 1), 'bytes 0-9/10')).status).toBe(200);
		const again = await put(video, String(headers.location), Buffer.alloc(0), 'bytes */10');
		expect([again.status, again.headers['retry-after'], again.json.detail]).toEqual([503, '300', 'The upload is already being processed']);
	});

	it.each([
		['6.0.3', { filename: 'b.mp4' }],
		['8.2.1', { inputFilename: 'b.mp4', fileDownloadUrl: null, resolution: { id: null, label: null }, size: 10, width: null, height: null, fps: null, metadata: null }],
	])('the VideoSource on %s', async (version, expected) => {
		await start(version);
		const [video] = instance.server.addVideos(1, { channelName: 'alice_channel' });
		expect((await call(instance.server, 'GET', `/api/v1/videos/${video.id}/source`, { token })).json.detail).toBe('Video source not found');
		const { headers } = await init(video);
		const last = await put(video, String(headers.location), Buffer.alloc(10, 2), 'bytes 0-9/10');
		expect(last.json).toEqual({ ...expected, createdAt: inputFileUpdatedAtOf(instance.server, video.id) });
	});

	it('a cancelled replace leaves the video as it was', async () => {
		await start('6.3.0');
		const [video] = instance.server.addVideos(1, { channelName: 'alice_channel' });
		video.file = { ...OLD_FILE };
		const { headers } = await init(video);
		expect((await put(video, String(headers.location), Buffer.alloc(4, 3), 'bytes 0-3/10')).status).toBe(308);
		const cancel = await call(instance.server, 'DELETE', `/api/v1/videos/${video.uuid}/source/replace-resumable?${String(headers.location).split('?')[1]}`, { token });
		expect(cancel.status).toBe(204);
		expect(instance.server.uploadSessions()).toEqual([]);
		expect([video.file, video.state, inputFileUpdatedAtOf(instance.server, video.id)]).toEqual([OLD_FILE, 1, null]);
	});
});
