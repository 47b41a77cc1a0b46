import { execFileSync } from 'child_process';
import { resolve } from 'path';
import type { NodeParameterValueType } from 'n8n-workflow';

import { buildUpdateBody } from '../../../../../nodes/PeerTube/actions/video/update.operation';
import { ADMIN, credentialData, type Instance, run, startInstance, storeWith, USER } from '../../../../helpers/fixture.cjs';
import { parseMultipart } from '../../../../helpers/multipart.cjs';

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

	it('sends a thumbnail from a binary property as multipart: exactly the fields set, and the file', async () => {
		const items = [{ json: {}, binary: { cover: { data: JPEG.toString('base64'), mimeType: 'image/jpeg', fileName: 'cover.jpg' } } }];
		const result = await run(update(String(video.id), { name: 'With a cover', thumbnailBinaryProperty: 'cover' }), store(), { items });
		expect(result.error).toBeUndefined();
		const [put] = puts();
		expect(put.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		const { fields, files } = parseMultipart(put.body, put.headers['content-type']);
		// the complete set: a field the user did not set (privacy, downloadEnabled…) would fail here
		expect(fields).toEqual({ name: 'With a cover' });
		expect(Object.keys(files)).toEqual(['thumbnailfile']);
		expect(files.thumbnailfile).toEqual({ filename: 'cover.jpg', contentType: 'image/jpeg', data: JPEG });
		expect(instance.server.getVideo(video.id)).toEqual(
			expect.objectContaining({ name: 'With a cover', privacy: 1, thumbnail: expect.objectContaining({ mimetype: 'image/jpeg', size: JPEG.length }) }),
		);
	});

	it('multipart with tags, a schedule and both images: PeerTube\'s bracket fields, exactly', async () => {
		const future = new Date(Date.now() + 86400000).toISOString();
		const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
		const items = [
			{
				json: {},
				binary: {
					cover: { data: JPEG.toString('base64'), mimeType: 'image/jpeg', fileName: 'cover.jpg' },
					big: { data: png.toString('base64'), mimeType: 'image/png', fileName: 'big.png' },
				},
			},
		];
		const result = await run(
			update(String(video.id), {
				tags: 'one1, two2',
				nsfw: false,
				scheduleUpdateAt: future,
				scheduleUpdatePrivacy: 2,
				thumbnailBinaryProperty: 'cover',
				previewBinaryProperty: 'big',
			}),
			store(),
			{ items },
		);
		expect(result.error).toBeUndefined();
		const [put] = puts();
		const { fields, files } = parseMultipart(put.body, put.headers['content-type']);
		expect(fields).toEqual({
			'tags[0]': 'one1',
			'tags[1]': 'two2',
			nsfw: 'false',
			'scheduleUpdate[updateAt]': future,
			'scheduleUpdate[privacy]': '2',
		});
		expect(Object.keys(files).sort()).toEqual(['previewfile', 'thumbnailfile']);
		expect(files.previewfile).toEqual({ filename: 'big.png', contentType: 'image/png', data: png });
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
			['one-letter password', { privacy: 5, videoPasswords: 'x' }, /each password must be 2 to 99 characters/],
			['100-character password (PeerTube wants fewer than 100)', { privacy: 5, videoPasswords: 'p'.repeat(100) }, /each password must be 2 to 99 characters/],
			['same password twice', { privacy: 5, videoPasswords: 'same-pass, same-pass' }, /the same password is given twice/],
			['description too short', { description: 'no' }, /Description must be 3 to 10000 characters/],
			['support too short', { support: 'a' }, /Support must be 3 to 1000 characters/],
			['comments policy', { commentsPolicy: 7 }, /Comments Policy "7" is unknown/],
			['category not an id', { category: 'music' }, /Category must be a numeric ID/],
			['language not a code', { language: 'French!' }, /Language "French!" is not a language code/],
			['bad date', { originallyPublishedAt: 'yesterday-ish' }, /Originally Published At "yesterday-ish" is not a date: use e\.g\. 2030-01-01T12:00:00/],
			['date without a zone in a form the node cannot place', { originallyPublishedAt: '01/02/2030 10:00' }, /Originally Published At "01\/02\/2030 10:00" is not a date/],
			['schedule in the past', { scheduleUpdateAt: '2001-01-01T00:00:00Z' }, /Scheduled Update At must be in the future/],
			['scheduled privacy alone', { scheduleUpdatePrivacy: 2 }, /Scheduled Privacy needs Scheduled Update At/],
			['missing binary property', { thumbnailBinaryProperty: 'nope' }, /Thumbnail Binary Field "nope" does not exist on the input item/],
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
			expect(result.error?.message).toMatch(/Thumbnail must be a JPEG, PNG or WebP image \(the binary field "data" is text\/plain\)/);
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

describe('Video → Update: a password-protected video', () => {
	let instance: Instance;
	let video: { id: number; uuid: string; shortUUID: string };
	const PASSWORDS = ['first-secret-pass', 'second-secret-pass'];

	beforeEach(async () => {
		instance = await startInstance();
		[video] = instance.server.addVideos(1, { channelName: 'alice_channel', name: 'Locked video', privacy: 5, videoPasswords: PASSWORDS });
	});
	afterEach(async () => await instance.server.close());

	const store = () => storeWith(credentialData(instance.server, USER));
	const wire = () =>
		instance.server.requests
			.filter((r) => r.path.startsWith(`/api/v1/videos/${video.id}`))
			.map((r) => [r.method, r.path, r.status, r.body.length ? JSON.parse(r.body.toString()) : undefined]);

	it('a rename resends the current passwords, so that only the name changes', async () => {
		const result = await run(update(String(video.id), { name: 'Renamed locked video' }), store());
		expect(result.error).toBeUndefined();
		expect(wire()).toEqual([
			['PUT', `/api/v1/videos/${video.id}`, 400, { name: 'Renamed locked video' }],
			['GET', `/api/v1/videos/${video.id}/passwords`, 200, undefined],
			['PUT', `/api/v1/videos/${video.id}`, 204, { name: 'Renamed locked video', videoPasswords: PASSWORDS }],
			['GET', `/api/v1/videos/${video.id}`, 200, undefined],
		]);
		expect(instance.server.getVideo(video.id)).toEqual(expect.objectContaining({ name: 'Renamed locked video', privacy: 5, videoPasswords: PASSWORDS }));
		// the passwords travel only to PeerTube: never into the output
		expect(JSON.stringify(result.items)).not.toMatch(/secret-pass/);
	});

	it('with a thumbnail (multipart) too: the resent request carries the passwords as fields', async () => {
		const items = [{ json: {}, binary: { data: { data: JPEG.toString('base64'), mimeType: 'image/jpeg', fileName: 'c.jpg' } } }];
		const result = await run(update(String(video.id), { thumbnailBinaryProperty: 'data' }), store(), { items });
		expect(result.error).toBeUndefined();
		const resent = instance.server.requests.filter((r) => r.method === 'PUT').map((r) => parseMultipart(r.body, r.headers['content-type']));
		expect(resent.map((part) => part.fields)).toEqual([{}, { 'videoPasswords[0]': PASSWORDS[0], 'videoPasswords[1]': PASSWORDS[1] }]);
		for (const part of resent) expect(Object.keys(part.files)).toEqual(['thumbnailfile']);
	});

	it('new Video Passwords given by the user are sent as they are, in one request', async () => {
		const result = await run(update(String(video.id), { privacy: 5, videoPasswords: 'brand-new-pass' }), store());
		expect(result.error).toBeUndefined();
		expect(wire().filter(([method]) => method === 'PUT')).toEqual([
			['PUT', `/api/v1/videos/${video.id}`, 204, { privacy: 5, videoPasswords: ['brand-new-pass'] }],
		]);
	});

	it('when the passwords cannot be read, it says exactly that, and nothing changes', async () => {
		instance.server.failNext('GET', `/api/v1/videos/${video.id}/passwords`, 403, 1);
		const result = await run(update(String(video.id), { name: 'Renamed locked video' }), store());
		expect(result.error?.message).toBe(
			"This video is password-protected, and PeerTube requires its passwords with every change; the node tried to resend the current ones but could not read them: only the video's owner may (HTTP 403). Add Privacy \"Password Protected\" and Video Passwords to Update Fields, or use a credential of the video's owner",
		);
		expect(instance.server.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
		expect(instance.server.getVideo(video.id)).toEqual(expect.objectContaining({ name: 'Locked video' }));
	});

	it('Video Passwords typed in the node never reach an error message or the output', async () => {
		const typed = 'typed-in-node-secret';
		instance.server.failNext('PUT', `/api/v1/videos/${video.id}`, 500, 1);
		const result = await run(update(String(video.id), { privacy: 5, videoPasswords: typed }), store());
		expect(result.error?.message).toMatch(/PeerTube failed to answer \(HTTP 500\)/);
		// n8n attaches the node (with its parameters, as the user typed them in the workflow) to
		// errors; everything the node itself produced must be free of the password
		const { node: _node, ...ownFields } = Object.fromEntries(Object.getOwnPropertyNames(result.error).map((k) => [k, (result.error as never)[k]]));
		expect(JSON.stringify({ ownFields, items: result.items })).not.toContain(typed);
	});
});

/** Runs the node's date handling in a child Node process whose own time zone is `hostZone`. */
function convertInHostZone(hostZone: string, fields: Record<string, unknown>, workflowZone: string): { body?: unknown; error?: string; offset: number } {
	// transpile-only require hook for the node's .ts files: the child needs no build step
	const script = `
		const ts = require('typescript');
		const fs = require('fs');
		require.extensions['.ts'] = (m, file) => m._compile(ts.transpileModule(fs.readFileSync(file, 'utf8'), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText, file);
		const { buildUpdateBody } = require(${JSON.stringify(require.resolve('../../../../../nodes/PeerTube/actions/video/update.operation.ts'))});
		const [fields, zone] = JSON.parse(process.argv[1]);
		const offset = new Date('2030-01-01T12:00:00Z').getTimezoneOffset();
		try {
			process.stdout.write(JSON.stringify({ body: buildUpdateBody(fields, (m) => { throw new Error(m); }, Date.parse('2029-01-01T00:00:00Z'), zone), offset }));
		} catch (e) {
			process.stdout.write(JSON.stringify({ error: e.message, offset }));
		}`;
	const out = execFileSync(process.execPath, ['-e', script, JSON.stringify([fields, workflowZone])], {
		env: { ...process.env, TZ: hostZone },
		cwd: resolve(__dirname, '../../../../..'),
		encoding: 'utf8',
	});
	return JSON.parse(out) as { body?: unknown; error?: string; offset: number };
}

describe('Video → Update: dates without an offset are in the workflow\'s time zone, whatever the host\'s', () => {
	describe.each([
		['UTC', 0],
		['Asia/Tokyo', -540],
		['America/New_York', 300],
	])('n8n host running in %s (child process)', (hostZone, hostOffset) => {
		it.each([
			['America/New_York', { originallyPublishedAt: '2030-01-01T12:00:00' }, { originallyPublishedAt: '2030-01-01T17:00:00.000Z' }],
			['Asia/Tokyo', { originallyPublishedAt: '2030-01-01T12:00:00' }, { originallyPublishedAt: '2030-01-01T03:00:00.000Z' }],
			['UTC', { originallyPublishedAt: '2030-01-01' }, { originallyPublishedAt: '2030-01-01T00:00:00.000Z' }],
			['Asia/Tokyo', { originallyPublishedAt: '2030-01-01T12:00:00Z' }, { originallyPublishedAt: '2030-01-01T12:00:00.000Z' }],
			[
				'Europe/Berlin',
				{ scheduleUpdateAt: '2031-07-01T08:30:00', scheduleUpdatePrivacy: 1 },
				{ scheduleUpdate: { updateAt: '2031-07-01T06:30:00.000Z', privacy: 1 } },
			],
		])('workflow zone %s: %j → %j', (workflowZone, fields, body) => {
			const result = convertInHostZone(hostZone, fields, workflowZone);
			// the child really ran in that zone: the test can tell the zones apart
			expect(result.offset).toBe(hostOffset);
			expect(result).toEqual({ body, offset: hostOffset });
		});
	});
});

describe('Video → Update: the workflow\'s time zone setting, through n8n', () => {
	let instance: Instance;
	let video: { id: number };
	beforeAll(async () => {
		instance = await startInstance();
		[video] = instance.server.addVideos(1, { channelName: 'alice_channel', name: 'Dated video' });
	});
	afterAll(async () => await instance.server.close());
	const store = () => storeWith(credentialData(instance.server, USER));
	const lastPutBody = () => JSON.parse(instance.server.requests.filter((r) => r.method === 'PUT').pop()!.body.toString());

	it.each([
		['America/New_York', '2030-01-01T12:00:00', '2030-01-01T17:00:00.000Z'],
		['Asia/Tokyo', '2030-01-01T12:00:00', '2030-01-01T03:00:00.000Z'],
		['Europe/Berlin', '2030-07-01T12:00:00', '2030-07-01T10:00:00.000Z'],
		['America/New_York', '2030-01-01T12:00:00Z', '2030-01-01T12:00:00.000Z'],
		['Asia/Tokyo', '2030-01-01T12:00:00-05:00', '2030-01-01T17:00:00.000Z'],
	])('workflow time zone %s: Originally Published At %s is sent as %s', async (workflowZone, given, sent) => {
		const result = await run(update(String(video.id), { originallyPublishedAt: given }), store(), { timezone: workflowZone });
		expect(result.error).toBeUndefined();
		expect(lastPutBody()).toEqual({ originallyPublishedAt: sent });
	});

	it('Scheduled Update At without an offset: the workflow zone too', async () => {
		const result = await run(update(String(video.id), { scheduleUpdateAt: '2031-06-15T08:30:00', scheduleUpdatePrivacy: 1 }), store(), {
			timezone: 'Asia/Tokyo',
		});
		expect(result.error).toBeUndefined();
		expect(lastPutBody()).toEqual({ scheduleUpdate: { updateAt: '2031-06-14T23:30:00.000Z', privacy: 1 } });
	});

	it('no workflow time zone: n8n\'s instance default (America/New_York unless GENERIC_TIMEZONE says otherwise)', async () => {
		const result = await run(update(String(video.id), { originallyPublishedAt: '2030-01-01T12:00:00' }), store());
		expect(result.error).toBeUndefined();
		expect(lastPutBody()).toEqual({ originallyPublishedAt: '2030-01-01T17:00:00.000Z' });
	});

	it('an unknown workflow time zone is named, nothing sent', async () => {
		const before = instance.server.requests.filter((r) => r.method === 'PUT').length;
		const result = await run(update(String(video.id), { name: 'Whatever name' }), store(), { timezone: 'Mars/Olympus_Mons' });
		expect(result.error?.message).toBe('The workflow\'s time zone "Mars/Olympus_Mons" is unknown: pick one in the workflow settings');
		expect(instance.server.requests.filter((r) => r.method === 'PUT')).toHaveLength(before);
	});
});

describe('Video → Update: what differs by PeerTube version', () => {
	let instance: Instance;
	let video: { id: number };
	afterEach(async () => await instance.server.close());
	const start = async (serverVersion: string) => {
		instance = await startInstance({ serverVersion });
		[video] = instance.server.addVideos(1, { channelName: 'alice_channel', name: 'Versioned video' });
	};
	const store = () => storeWith(credentialData(instance.server, USER));
	const putBodies = () => instance.server.requests.filter((r) => r.method === 'PUT').map((r) => JSON.parse(r.body.toString()));

	it.each([
		['6.1.0', 1, { commentsEnabled: true }],
		['6.1.0', 2, { commentsEnabled: false }],
		['6.2.0', 3, { commentsPolicy: 3 }],
		['7.1.0', 2, { commentsPolicy: 2 }],
		['8.0.0', 1, { commentsPolicy: 1 }],
	])('PeerTube %s, Comments Policy %i → %j (the version read once from /config)', async (version, policy, body) => {
		await start(version);
		const result = await run(update(String(video.id), { commentsPolicy: policy }), store());
		expect(result.error).toBeUndefined();
		expect(putBodies()).toEqual([body]);
		expect(instance.server.count('GET', '/api/v1/config')).toBe(1);
	});

	it('Comments Policy "Requires Approval" on PeerTube 6.1: names the version needed, nothing sent', async () => {
		await start('6.1.0');
		const result = await run(update(String(video.id), { commentsPolicy: 3 }), store());
		expect(result.error?.message).toBe('Comments Policy "Requires Approval" needs PeerTube 6.2 or newer; this instance runs 6.1.0');
		expect(putBodies()).toEqual([]);
	});

	it('without Comments Policy the version is not even read', async () => {
		await start('8.0.0');
		await run(update(String(video.id), { name: 'No version needed' }), store());
		expect(instance.server.count('GET', '/api/v1/config')).toBe(0);
	});
});

describe('Video → Update: Read Back Video option', () => {
	let instance: Instance;
	let video: { id: number; uuid: string };
	beforeEach(async () => {
		instance = await startInstance();
		[video] = instance.server.addVideos(1, { channelName: 'alice_channel', name: 'Read me back' });
	});
	afterEach(async () => await instance.server.close());
	const store = () => storeWith(credentialData(instance.server, USER));
	const videoRequests = () => instance.server.requests.filter((r) => r.path.startsWith('/api/v1/videos/')).map((r) => r.method);

	it('off: one request per item, and the output says which video was updated', async () => {
		const items = [{ json: { id: video.id } }, { json: { id: video.uuid } }];
		const result = await run({ ...update('={{ $json.id }}', { name: 'Not read back' }), options: { readBack: false } }, store(), { items });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual([
			{ id: video.id, updated: true },
			{ id: video.uuid, updated: true },
		]);
		expect(videoRequests()).toEqual(['PUT', 'PUT']);
		expect(instance.server.getVideo(video.id)).toEqual(expect.objectContaining({ name: 'Not read back' }));
	});

	it('on (the default): PUT then GET, the output is the video as it is now', async () => {
		const result = await run(update(String(video.id), { name: 'Read back indeed' }), store());
		expect(videoRequests()).toEqual(['PUT', 'GET']);
		expect(result.items[0].json).toEqual(expect.objectContaining({ id: video.id, name: 'Read back indeed' }));
	});
});
