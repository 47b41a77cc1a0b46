import type { NodeParameterValueType } from 'n8n-workflow';

import { buildUpdateBody } from '../../../../../nodes/PeerTube/actions/video/update.operation';
import { ADMIN, credentialData, type Instance, run, startInstance, storeWith, USER } from '../../../../helpers/fixture';

const update = (videoId: NodeParameterValueType, updateFields: Record<string, unknown>) => ({
	resource: 'video',
	operation: 'update',
	videoId,
	updateFields: updateFields as NodeParameterValueType,
});

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);

describe('Video → Update', () => {
	let instance: Instance;
	let video: { id: number; uuid: string; shortUUID: string };

	beforeEach(async () => {
		instance = await startInstance();
		[video] = instance.server.addVideos(1, {
			channelName: 'alice_channel',
			name: 'Original name',
			description: 'Original description',
			tags: ['old1', 'old2'],
			privacy: 1,
			category: 1,
			nsfw: false,
		});
	});
	afterEach(async () => await instance.server.close());

	const store = () => storeWith(credentialData(instance.server, USER));
	const puts = () => instance.server.requests.filter((r) => r.method === 'PUT');

	it('sends exactly the fields the user set, and nothing else changes on the video', async () => {
		const before = structuredClone(instance.server.getVideo(video.id)) as Record<string, unknown>;
		const result = await run(update(String(video.id), { name: 'A better name', tags: 'cats, music' }), store());

		expect(result.error).toBeUndefined();
		const [put] = puts();
		expect(put.path).toBe(`/api/v1/videos/${video.id}`);
		expect(put.headers['content-type']).toMatch(/^application\/json/);
		expect(JSON.parse(put.body.toString())).toEqual({ name: 'A better name', tags: ['cats', 'music'] });
		expect(put.status).toBe(204);

		const after = instance.server.getVideo(video.id) as Record<string, unknown>;
		for (const key of Object.keys(before)) {
			if (['name', 'tags', 'updatedAt'].includes(key)) continue;
			expect([key, after[key]]).toEqual([key, before[key]]);
		}
		// the PUT answers 204: the output is the video read back after it
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toEqual(expect.objectContaining({ id: video.id, name: 'A better name', tags: ['cats', 'music'] }));
		expect(instance.server.requests.filter((r) => r.method === 'GET' && r.path === `/api/v1/videos/${video.id}`)).toHaveLength(1);
	});

	it.each([
		['UUID', (v: typeof video) => v.uuid, (v: typeof video) => v.uuid],
		['short UUID', (v: typeof video) => v.shortUUID, (v: typeof video) => v.shortUUID],
		['watch URL /w/', (v: typeof video, url: string) => `${url}/w/${v.shortUUID}`, (v: typeof video) => v.shortUUID],
		['watch URL /videos/watch/', (v: typeof video, url: string) => `${url}/videos/watch/${v.uuid}`, (v: typeof video) => v.uuid],
	])('finds the video by %s', async (_label, given, expected) => {
		const result = await run(update(given(video, instance.server.url), { nsfw: true }), store());
		expect(result.error).toBeUndefined();
		expect(puts()[0].path).toBe(`/api/v1/videos/${expected(video)}`);
		expect(instance.server.getVideo(video.id)).toEqual(expect.objectContaining({ nsfw: true }));
	});

	it('sends every field in PeerTube\'s form', async () => {
		const future = new Date(Date.now() + 86400000).toISOString();
		const channels = instance.server.addChannel({ name: 'alice_second', ownerUsername: 'alice' });
		const result = await run(
			update(String(video.id), {
				name: 'Full update',
				description: 'A long enough description',
				privacy: 2,
				category: 3,
				licence: 2,
				language: 'fr',
				tags: 'one1,two2',
				support: 'Please support',
				nsfw: true,
				commentsPolicy: 3,
				downloadEnabled: false,
				waitTranscoding: true,
				originallyPublishedAt: '2020-05-01T10:00:00.000Z',
				channelId: channels.id,
				scheduleUpdateAt: future,
				scheduleUpdatePrivacy: 1,
			}),
			store(),
		);
		expect(result.error).toBeUndefined();
		expect(JSON.parse(puts()[0].body.toString())).toEqual({
			name: 'Full update',
			description: 'A long enough description',
			privacy: 2,
			category: 3,
			licence: 2,
			language: 'fr',
			tags: ['one1', 'two2'],
			support: 'Please support',
			nsfw: true,
			commentsPolicy: 3,
			downloadEnabled: false,
			waitTranscoding: true,
			originallyPublishedAt: '2020-05-01T10:00:00.000Z',
			channelId: channels.id,
			scheduleUpdate: { updateAt: future, privacy: 1 },
		});
	});

	it('password-protects a video with its passwords', async () => {
		const result = await run(update(String(video.id), { privacy: 5, videoPasswords: 'first-pass, second-pass' }), store());
		expect(result.error).toBeUndefined();
		expect(JSON.parse(puts()[0].body.toString())).toEqual({ privacy: 5, videoPasswords: ['first-pass', 'second-pass'] });
	});

	it('sends a thumbnail from a binary property as multipart, with the other fields', async () => {
		const items = [{ json: {}, binary: { cover: { data: JPEG.toString('base64'), mimeType: 'image/jpeg', fileName: 'cover.jpg' } } }];
		const result = await run(update(String(video.id), { name: 'With a cover', thumbnailBinaryProperty: 'cover' }), store(), { items });
		expect(result.error).toBeUndefined();
		const [put] = puts();
		expect(put.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		const body = put.body.toString('latin1');
		expect(body).toContain('name="name"\r\n\r\nWith a cover\r\n');
		expect(body).toContain('name="thumbnailfile"; filename="cover.jpg"\r\nContent-Type: image/jpeg\r\n\r\n');
		expect(put.body.includes(JPEG)).toBe(true);
		expect(instance.server.getVideo(video.id)).toEqual(
			expect.objectContaining({ name: 'With a cover', thumbnail: expect.objectContaining({ mimetype: 'image/jpeg', size: JPEG.length }) }),
		);
	});

	describe('invalid input is refused before any request, naming the field', () => {
		it.each([
			['empty Update Fields', {}, /Update Fields is empty: add at least one field/],
			['name too short', { name: 'ab' }, /Name must be 3 to 120 characters long \(it has 2\)/],
			['name too long', { name: 'x'.repeat(121) }, /Name must be 3 to 120 characters/],
			['no tag', { tags: ' , ' }, /Tags must hold 1 to 5 comma-separated tags \(got 0\)/],
			['six tags', { tags: 'a1,b2,c3,d4,e5,f6' }, /Tags must hold 1 to 5 comma-separated tags \(got 6\)/],
			['one-letter tag', { tags: 'ok,x' }, /Tags: "x" must be 2 to 30 characters long/],
			['31-letter tag', { tags: 'y'.repeat(31) }, /Tags: "y{31}" must be 2 to 30 characters long/],
			['unknown privacy', { privacy: 9 }, /Privacy "9" is unknown/],
			['password protected without passwords', { privacy: 5 }, /Password Protected" needs Video Passwords/],
			['passwords without that privacy', { videoPasswords: 'secret-1' }, /Video Passwords only apply with Privacy set to "Password Protected"/],
			['one-letter password', { privacy: 5, videoPasswords: 'x' }, /each password must be 2 to 100 characters/],
			['description too short', { description: 'no' }, /Description must be 3 to 10000 characters/],
			['support too short', { support: 'a' }, /Support must be 3 to 1000 characters/],
			['comments policy', { commentsPolicy: 7 }, /Comments Policy "7" is unknown/],
			['category not an id', { category: 'music' }, /Category must be a numeric ID/],
			['language not a code', { language: 'French!' }, /Language "French!" is not a language code/],
			['bad date', { originallyPublishedAt: 'yesterday-ish' }, /Originally Published At "yesterday-ish" is not a date/],
			['schedule in the past', { scheduleUpdateAt: '2001-01-01T00:00:00Z' }, /Scheduled Update At must be in the future/],
			['scheduled privacy alone', { scheduleUpdatePrivacy: 2 }, /Scheduled Privacy needs Scheduled Update At/],
			['missing binary property', { thumbnailBinaryProperty: 'nope' }, /Thumbnail Binary Property "nope" does not exist on the input item/],
		])('%s', async (_label, fields, message) => {
			const result = await run(update(String(video.id), fields), store());
			expect(result.error?.message).toMatch(message);
			expect(instance.server.requests).toHaveLength(0);
		});

		it.each([
			['', /Parameter "Video" is required/],
			['={{ $json.missing }}', /Video is empty/],
			['not a video', /Video "not a video" is not a video ID, UUID, short UUID or watch page URL/],
			['https://videos.example.org/w/p/abc', /is not a video ID/],
		])('video id %j', async (videoId, message) => {
			const result = await run(update(videoId, { name: 'Whatever' }), store());
			expect(result.error?.message).toMatch(message);
			expect(instance.server.requests).toHaveLength(0);
		});

		it('a binary that is not an image', async () => {
			const items = [{ json: {}, binary: { data: { data: Buffer.from('hello').toString('base64'), mimeType: 'text/plain', fileName: 'a.txt' } } }];
			const result = await run(update(String(video.id), { thumbnailBinaryProperty: 'data' }), store(), { items });
			expect(result.error?.message).toMatch(/Thumbnail must be a JPEG, PNG or WebP image \(the binary property "data" is text\/plain\)/);
			expect(instance.server.requests).toHaveLength(0);
		});
	});

	it('an unknown video says so, and nothing is changed', async () => {
		const result = await run(update('999999', { name: 'Whatever' }), store());
		expect(result.error?.message).toBe('There is no video "999999" on this PeerTube instance: check Video');
		expect(instance.server.getVideo(video.id)).toEqual(expect.objectContaining({ name: 'Original name' }));
	});

	it('a video of someone else is refused with a clear message', async () => {
		const [other] = instance.server.addVideos(1, { channelName: 'root_channel', name: 'Root video' });
		const result = await run(update(String(other.id), { name: 'Hijacked' }), store());
		expect(result.error?.message).toMatch(/does not own this video/);
		expect(instance.server.getVideo(other.id)).toEqual(expect.objectContaining({ name: 'Root video' }));
	});

	it('PeerTube\'s own validation errors surface with detail and field', async () => {
		// a category that passes our checks but the instance does not know
		const result = await run(update(String(video.id), { category: 999 }), store());
		expect(result.error?.message).toMatch(/PeerTube rejected the request \(HTTP 400\)/);
		expect(result.error?.description).toMatch(/category/);
	});

	it('with Continue On Fail, a bad item becomes an error item and the others go on', async () => {
		const [second] = instance.server.addVideos(1, { channelName: 'alice_channel', name: 'Second' });
		const items = [{ json: { id: video.id, name: 'First fixed' } }, { json: { id: video.id, name: 'x' } }, { json: { id: second.id, name: 'Second fixed' } }];
		const result = await run(update('={{ $json.id }}', { name: '={{ $json.name }}' }), store(), { items, continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		expect(result.items[0].json.name).toBe('First fixed');
		expect(result.items[1].json.error).toMatch(/Name must be 3 to 120 characters/);
		expect(result.items[2].json.name).toBe('Second fixed');
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(puts()).toHaveLength(2);
	});

	it('an admin may update any video', async () => {
		const result = await run(update(String(video.id), { name: 'Moderated' }), storeWith(credentialData(instance.server, ADMIN)));
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.name).toBe('Moderated');
	});
});

describe('buildUpdateBody', () => {
	const fail = (message: string): never => {
		throw new Error(message);
	};
	it('keeps false and zero-like values the user set', () => {
		expect(buildUpdateBody({ nsfw: false, downloadEnabled: false }, fail)).toEqual({ nsfw: false, downloadEnabled: false });
	});
	it('ignores empty option fields left at their default', () => {
		expect(buildUpdateBody({ category: '', licence: '', language: '', channelId: '' }, fail)).toEqual({});
	});
});
