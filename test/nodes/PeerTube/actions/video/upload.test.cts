/**
 * Video → Upload through n8n-core with real binary data (default and filesystem modes) against the
 * stand-in's resumable upload: bytes on the wire, faults, and every bad input.
 */
import type { IncomingMessage, ServerResponse } from 'http';

import type { IDataObject, INodeExecutionData, NodeParameterValueType } from 'n8n-workflow';

import { imageBinary, videoItem, type BinaryMode } from '../../../../helpers/binary.cjs';
import { credentialData, run, startInstance, storeWith, USER, type Instance } from '../../../../helpers/fixture.cjs';
import type { RecordedRequest } from '../../../../../standin/server.cjs';
import { resetPacing } from '../../../../../nodes/PeerTube/transport/pacing';

const CHUNK = 256 * 1024;
const SIZE = 4 * CHUNK + 1000; // five chunks, the last one short
const UPLOAD_PATH = '/api/v1/videos/upload-resumable';

let instance: Instance;

afterEach(async () => {
	await instance?.server.close();
	resetPacing();
});

function store() {
	return storeWith(credentialData(instance.server, USER));
}

function upload(extra: Record<string, NodeParameterValueType> = {}): Record<string, NodeParameterValueType> {
	return { resource: 'video', operation: 'upload', ...extra };
}

function uploadRequests(method?: string): RecordedRequest[] {
	return instance.server.requests.filter((r) => r.path === UPLOAD_PATH && (!method || r.method === method));
}

function contentRanges(): string[] {
	return uploadRequests('PUT').map((r) => String(r.headers['content-range']));
}

function uploadIds(): Set<string> {
	return new Set(uploadRequests('PUT').map((r) => String(r.query.upload_id)));
}

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

const isChunkPut = (req: IncomingMessage) => req.method === 'PUT' && (req.url ?? '').startsWith(UPLOAD_PATH) && !String(req.headers['content-range']).includes('*');

function storedVideos() {
	return [...instance.server.videos.values()];
}

function leakCheck(result: { items: INodeExecutionData[]; error?: Error & { description?: string | null } }) {
	const text = JSON.stringify({ items: result.items, message: result.error?.message, description: result.error?.description });
	expect(text).not.toContain(USER.password);
	const token = (instance.server.issuedTokens().accessTokens as string[]).find((t) => text.includes(t));
	expect(token).toBeUndefined();
}

describe.each<BinaryMode>(['default', 'filesystem'])('Video → Upload, %s binary data mode', (mode) => {
	beforeEach(async () => {
		instance = await startInstance({ maxChunkSize: CHUNK });
	});

	it('uploads the file byte for byte in chunks of the instance size, with the metadata, and outputs the video', async () => {
		const { item, sha256 } = await videoItem(mode, SIZE);
		const result = await run(
			upload({ additionalFields: { privacy: 2, tags: 'holiday, sea', description: 'A day at the sea', nsfw: false } }),
			store(),
			{ items: [item] },
		);
		expect(result.error).toBeUndefined();
		const videos = storedVideos();
		expect(videos).toHaveLength(1);
		expect(videos[0].file?.sha256).toBe(sha256);
		expect(videos[0].file?.size).toBe(SIZE);
		// init: exact JSON body and headers
		const [init] = uploadRequests('POST');
		expect(JSON.parse(init.body.toString())).toEqual({
			name: 'holiday clip',
			channelId: instance.server.findChannel('alice_channel')!.id,
			filename: 'holiday clip.mp4',
			privacy: 2,
			tags: ['holiday', 'sea'],
			description: 'A day at the sea',
			nsfw: false,
		});
		expect(init.headers['x-upload-content-length']).toBe(String(SIZE));
		expect(init.headers['x-upload-content-type']).toBe('video/mp4');
		// chunks: exactly the instance's chunk size, in order, one upload id
		expect(contentRanges()).toEqual([
			`bytes 0-${CHUNK - 1}/${SIZE}`,
			`bytes ${CHUNK}-${2 * CHUNK - 1}/${SIZE}`,
			`bytes ${2 * CHUNK}-${3 * CHUNK - 1}/${SIZE}`,
			`bytes ${3 * CHUNK}-${4 * CHUNK - 1}/${SIZE}`,
			`bytes ${4 * CHUNK}-${SIZE - 1}/${SIZE}`,
		]);
		expect(uploadIds().size).toBe(1);
		expect(uploadRequests('PUT').every((r) => r.headers['content-type'] === 'application/octet-stream')).toBe(true);
		// output: the video read back, paired with its item
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ uuid: videos[0].uuid, name: 'holiday clip', privacy: { id: 2 } });
		expect(instance.server.logins()).toHaveLength(1);
	});

	it('continues from the server\'s Range after a 5xx on a chunk: no restart from byte 0, one video, one upload', async () => {
		const { item, sha256 } = await videoItem(mode, SIZE);
		onRequest(isChunkPut, 3, () => instance.server.failNext('PUT', UPLOAD_PATH, 502, 1));
		const result = await run(upload(), store(), { items: [item] });
		expect(result.error).toBeUndefined();
		expect(storedVideos()).toHaveLength(1);
		expect(storedVideos()[0].file?.sha256).toBe(sha256);
		expect(uploadRequests('POST')).toHaveLength(1);
		expect(uploadIds().size).toBe(1);
		const ranges = contentRanges();
		// the failed chunk, then the probe, then the same chunk again
		expect(ranges.filter((r) => r.startsWith('bytes 0-'))).toHaveLength(1);
		const all = uploadRequests('PUT').map((r) => [r.status, String(r.headers['content-range'])]);
		expect(all).toContainEqual([502, `bytes ${2 * CHUNK}-${3 * CHUNK - 1}/${SIZE}`]);
		expect(all).toContainEqual([308, `bytes */${SIZE}`]);
		expect(uploadRequests('DELETE')).toHaveLength(0);
	});

	it.each([
		['inside a chunk (the server keeps the bytes before the cut)', 2 * CHUNK + 1234],
		['at a chunk boundary', 3 * CHUNK],
	])('a connection cut %s: asks the server, continues from its Range, one video, one upload session', async (_label, cutAt) => {
		const { item, sha256 } = await videoItem(mode, SIZE);
		instance.server.cutUploadAt(cutAt);
		const result = await run(upload(), store(), { items: [item] });
		expect(result.error).toBeUndefined();
		expect(storedVideos()).toHaveLength(1);
		expect(storedVideos()[0].file?.sha256).toBe(sha256);
		expect(uploadRequests('POST')).toHaveLength(1);
		expect(uploadIds().size).toBe(1);
		expect(instance.server.uploadSessions()).toHaveLength(0);
		const ranges = contentRanges();
		expect(ranges.filter((r) => r.startsWith('bytes 0-'))).toHaveLength(1);
		// the probe, then the rest from exactly where the server stopped
		const probeIndex = ranges.indexOf(`bytes */${SIZE}`);
		expect(probeIndex).toBeGreaterThan(0);
		const chunkEnd = Math.min(SIZE, (Math.floor(cutAt / CHUNK) + 1) * CHUNK);
		expect(ranges[probeIndex + 1]).toBe(`bytes ${cutAt}-${chunkEnd - 1}/${SIZE}`);
		expect(uploadRequests('DELETE')).toHaveLength(0);
	});

	it('waits on a 429 mid-upload and continues the same upload', async () => {
		const { item, sha256 } = await videoItem(mode, SIZE);
		onRequest(isChunkPut, 2, () => instance.server.failNext('PUT', UPLOAD_PATH, 429, 1, { 'Retry-After': '1' }));
		const result = await run(upload(), store(), { items: [item] });
		expect(result.error).toBeUndefined();
		expect(storedVideos()).toHaveLength(1);
		expect(storedVideos()[0].file?.sha256).toBe(sha256);
		expect(uploadRequests('PUT').filter((r) => r.status === 429)).toHaveLength(1);
		expect(uploadIds().size).toBe(1);
		expect(uploadRequests('POST')).toHaveLength(1);
	});

	it('refreshes an access token that expires mid-upload once (no password login) and continues the same upload', async () => {
		const { item, sha256 } = await videoItem(mode, SIZE);
		onRequest(isChunkPut, 3, () => instance.server.expireAccessTokens());
		const result = await run(upload(), store(), { items: [item] });
		expect(result.error).toBeUndefined();
		expect(storedVideos()).toHaveLength(1);
		expect(storedVideos()[0].file?.sha256).toBe(sha256);
		const grants = instance.server.logins().map((r) => new URLSearchParams(r.body.toString()).get('grant_type'));
		// the first login of the run, then exactly one refresh
		expect(grants).toEqual(['password', 'refresh_token']);
		expect(uploadIds().size).toBe(1);
		expect(uploadRequests('PUT').filter((r) => r.status === 401)).toHaveLength(1);
	});

	it('waits on a 503 with Retry-After on the last chunk, then finishes with one video', async () => {
		const { item, sha256 } = await videoItem(mode, SIZE);
		onRequest(isChunkPut, 5, () => instance.server.failNext('PUT', UPLOAD_PATH, 503, 1, { 'Retry-After': '1' }));
		const result = await run(upload(), store(), { items: [item] });
		expect(result.error).toBeUndefined();
		expect(storedVideos()).toHaveLength(1);
		expect(storedVideos()[0].file?.sha256).toBe(sha256);
		expect(uploadRequests('PUT').filter((r) => r.status === 503)).toHaveLength(1);
		expect(uploadIds().size).toBe(1);
	});

	it('cancels the upload session on the server when the last chunk is refused, and says so', async () => {
		const { item } = await videoItem(mode, SIZE);
		onRequest(isChunkPut, 5, () => instance.server.failNext('PUT', UPLOAD_PATH, 422, 1));
		const result = await run(upload(), store(), { items: [item] });
		expect(result.error?.message).toMatch(/could not read "holiday clip\.mp4" as a video.*The upload was cancelled on the server/s);
		expect(uploadRequests('DELETE')).toHaveLength(1);
		expect(uploadRequests('DELETE')[0].query.upload_id).toBe([...uploadIds()][0]);
		expect(instance.server.uploads.size).toBe(0);
		expect(storedVideos()).toHaveLength(0);
		leakCheck(result);
	});

	it('gives up after a bounded number of failed resumes, cancels the session, and names the problem', async () => {
		const { item } = await videoItem(mode, SIZE);
		onRequest(isChunkPut, 2, () => instance.server.failNext('PUT', UPLOAD_PATH, 500, 100));
		const result = await run(upload(), store(), { items: [item] });
		expect(result.error?.message).toMatch(/failed after 5 attempts to resume at byte 262144 of 1049576 \(HTTP 500.*The upload was cancelled on the server/s);
		expect(uploadRequests('POST')).toHaveLength(1);
		expect(uploadIds().size).toBe(1);
		expect(uploadRequests('PUT').length).toBeLessThanOrEqual(1 + 6 * 2);
		expect(uploadRequests('DELETE')).toHaveLength(1);
		expect(storedVideos()).toHaveLength(0);
	}, 60_000);

	it('sends thumbnail and preview images with a multipart init', async () => {
		const thumb = await imageBinary(mode, 'thumb.png');
		const { item } = await videoItem(mode, 5000, {}, { thumb });
		const result = await run(upload({ name: 'With a thumbnail', additionalFields: { thumbnailBinaryProperty: 'thumb' } }), store(), { items: [item] });
		expect(result.error).toBeUndefined();
		const [init] = uploadRequests('POST');
		expect(String(init.headers['content-type'])).toMatch(/^multipart\/form-data; boundary=/);
		const text = init.body.toString('latin1');
		expect(text).toMatch(/name="thumbnailfile"; filename="thumb\.png"/);
		expect(text).toMatch(/name="name"\r\n\r\nWith a thumbnail\r\n/);
		expect(text).toMatch(/name="filename"\r\n\r\nholiday clip\.mp4\r\n/);
		expect(storedVideos()[0].thumbnail).toBeDefined();
	});
});

describe('Video → Upload: channel', () => {
	beforeEach(async () => {
		instance = await startInstance({ maxChunkSize: CHUNK });
	});

	it('uses the account\'s first channel when Channel is empty, and the picked one otherwise', async () => {
		const second = instance.server.addChannel({ name: 'alice_second', ownerUsername: 'alice' });
		const { item } = await videoItem('default', 3000);
		await run(upload(), store(), { items: [item] });
		await run(upload({ channel: { __rl: true, mode: 'list', value: 'alice_second' } }), store(), { items: [item] });
		await run(upload({ channel: { __rl: true, mode: 'handle', value: String(second.id) } }), store(), { items: [item] });
		const bodies = uploadRequests('POST').map((r) => JSON.parse(r.body.toString()) as IDataObject);
		expect(bodies.map((b) => b.channelId)).toEqual([instance.server.findChannel('alice_channel')!.id, second.id, second.id]);
	});

	it('an unknown channel handle: clear message, no byte sent', async () => {
		const { item } = await videoItem('default', 3000);
		const result = await run(upload({ channel: { __rl: true, mode: 'handle', value: 'no_such_channel' } }), store(), { items: [item] });
		expect(result.error?.message).toBe('There is no channel "no_such_channel" on this PeerTube instance: check Channel');
		expect(uploadRequests()).toHaveLength(0);
	});

	it('a channel ID that is not one of the account\'s: clear message, no byte sent', async () => {
		const { item } = await videoItem('default', 3000);
		const result = await run(upload({ channel: { __rl: true, mode: 'handle', value: '999' } }), store(), { items: [item] });
		expect(result.error?.message).toMatch(/^Channel ID 999 is not one of your channels \(alice_channel = \d+\): pick one from the list$/);
		expect(uploadRequests()).toHaveLength(0);
	});
});

describe('Video → Upload: bad input, each a clear message and nothing sent', () => {
	beforeEach(async () => {
		instance = await startInstance({ maxChunkSize: CHUNK });
	});

	async function expectRefused(parameters: Record<string, NodeParameterValueType>, item: INodeExecutionData, message: RegExp | string) {
		const result = await run(upload(parameters), store(), { items: [item] });
		if (typeof message === 'string') expect(result.error?.message).toBe(message);
		else expect(result.error?.message).toMatch(message);
		expect(uploadRequests()).toHaveLength(0);
		expect(storedVideos()).toHaveLength(0);
		leakCheck(result);
	}

	it('a missing binary property', async () => {
		const { item } = await videoItem('default', 100);
		await expectRefused({ binaryPropertyName: 'video' }, item, 'The input item has no binary field "video" (it has: data): set Input Binary Field, or add the file with a node before (e.g. HTTP Request or Read/Write Files from Disk)');
	});

	it('an item without binary data', async () => {
		await expectRefused({}, { json: {} }, /has no binary field "data" \(it has no binary data at all\)/);
	});

	it('a file type the instance does not list', async () => {
		const { item } = await videoItem('filesystem', 100, { fileName: 'notes.txt', mimeType: 'text/plain' });
		await expectRefused({}, item, /^This PeerTube instance does not accept \.txt files \("notes\.txt"\); it accepts \.webm, .*\.mp4.*: Convert the video first|^This PeerTube instance does not accept \.txt files/);
	});

	it('a file name that gives no title', async () => {
		const { item } = await videoItem('default', 100, { fileName: 'ab.mp4' });
		await expectRefused({}, item, 'Name must be 3 to 120 characters long (it has 2): the file name "ab.mp4" gives no usable title; set Name');
	});

	it('Video Passwords without Password Protected, and a password never echoed', async () => {
		const { item } = await videoItem('default', 100);
		await expectRefused(
			{ additionalFields: { videoPasswords: 'Secret-Video-Pass' } },
			item,
			'Video Passwords only apply with Privacy set to "Password Protected": set Privacy too, or remove Video Passwords',
		);
	});

	it('an empty file', async () => {
		const { item } = await videoItem('filesystem', 0);
		await expectRefused({}, item, 'The binary field "data" is empty (0 bytes): there is no video to upload; check Input Binary Field');
	});

	it('a thumbnail that is not an image', async () => {
		const { item } = await videoItem('default', 100);
		await expectRefused({ additionalFields: { thumbnailBinaryProperty: 'data' } }, item, 'Thumbnail must be a JPEG, PNG or WebP image (the binary field "data" is video/mp4): give the field holding the image');
	});
});

describe('Video → Upload: the instance refuses', () => {
	it('a MIME type the instance rejects (415): names the type, no video', async () => {
		instance = await startInstance({ maxChunkSize: CHUNK });
		const { item } = await videoItem('default', 3000, { fileName: 'clip.mp4', mimeType: 'text/plain' });
		const result = await run(upload(), store(), { items: [item] });
		expect(result.error?.message).toMatch(/^PeerTube does not accept this type of file \(text\/plain, "clip\.mp4"\)/);
		expect(uploadRequests('PUT')).toHaveLength(0);
		expect(storedVideos()).toHaveLength(0);
	});

	it('a quota the file does not fit in: refused before any byte, naming what is left', async () => {
		instance = await startInstance({ maxChunkSize: CHUNK });
		const user = instance.server.findUser('alice') as unknown as IDataObject;
		user.videoQuota = 10_000;
		const { item } = await videoItem('default', 20_000);
		const result = await run(upload(), store(), { items: [item] });
		expect(result.error?.message).toMatch(/^The video quota of the PeerTube account is exhausted: "holiday clip\.mp4" is 19\.5 KiB, and 9\.8 KiB of the 9\.8 KiB quota are left/);
		expect(uploadRequests()).toHaveLength(0);
	});

	it('the 413 quota answer of the instance, when it did not tell beforehand', async () => {
		instance = await startInstance({ maxChunkSize: CHUNK });
		instance.server.failNext('POST', UPLOAD_PATH, 413, 1);
		const { item } = await videoItem('default', 3000);
		const result = await run(upload(), store(), { items: [item] });
		expect(result.error?.message).toMatch(/^The video quota of the PeerTube account is exhausted: "holiday clip\.mp4" \(2\.9 KiB\) does not fit/);
		expect(uploadRequests('PUT')).toHaveLength(0);
	});
});

describe('Video → Upload: Wait Until Published', () => {
	beforeEach(async () => {
		instance = await startInstance({ maxChunkSize: CHUNK });
	});

	function publishOnRead(nth: number, state: number, files = true) {
		// the stand-in keeps uploads at "To transcode": play the transcoder on the n-th read
		const server = instance.server as unknown as { formatVideoDetails: (v: { id: number; state: number }) => IDataObject };
		const original = server.formatVideoDetails.bind(server);
		let reads = 0;
		server.formatVideoDetails = (v) => {
			if (++reads >= nth) v.state = state;
			const json = original(v);
			if (reads >= nth && files && state === 1) json.files = [{ resolution: { id: 720 }, size: 1 }];
			return json;
		};
	}

	it('polls the video until it is watchable and outputs the final state', async () => {
		publishOnRead(3, 1);
		const { item } = await videoItem('filesystem', 3000);
		const result = await run(upload({ options: { waitUntilPublished: true } }), store(), { items: [item] });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.state).toEqual({ id: 1, label: 'Published' });
		expect(instance.server.count('GET', /^\/api\/v1\/videos\/[0-9a-f-]{36}$/)).toBe(3);
	}, 30_000);

	it('stops with a clear error when PeerTube fails to transcode', async () => {
		publishOnRead(2, 7);
		const { item } = await videoItem('default', 3000);
		const result = await run(upload({ options: { waitUntilPublished: true } }), store(), { items: [item] });
		expect(result.error?.message).toMatch(/^PeerTube could not publish video [0-9a-f-]{36}: .* \(state 7\)$/);
	}, 30_000);

	it('without the option, reads the video back once', async () => {
		const { item } = await videoItem('default', 3000);
		const result = await run(upload(), store(), { items: [item] });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.state).toMatchObject({ id: 2 });
		expect(instance.server.count('GET', /^\/api\/v1\/videos\/[0-9a-f-]{36}$/)).toBe(1);
	});
});
