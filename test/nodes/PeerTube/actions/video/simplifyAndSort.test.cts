/**
 * Node version 2's Simplify on the Video operations that output videos (Get, Get Many, Update,
 * Upload, Replace File, Import's video) and Video → Get Many's own Sort parameter; version 1
 * workflows (released without either) run unchanged: PeerTube's full object, Sort read from Filters.
 */
import type { IDataObject, INodeProperties, NodeParameterValueType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { PeerTube } from '../../../../../nodes/PeerTube/PeerTube.node';
import { simplifyVideo } from '../../../../../nodes/PeerTube/helpers/simplify';
import { resetPacing } from '../../../../../nodes/PeerTube/transport/pacing';
import { setImportsEnabled } from '../../../../../standin/routes/imports.cjs';
import { setVideoFileUpdateEnabled } from '../../../../../standin/routes/replaceFile.cjs';
import type { StandinVideo } from '../../../../../standin/server.cjs';
import { videoItem } from '../../../../helpers/binary.cjs';
import { credentialData, type Instance, run, startInstance, storeWith, USER, videoGetAll } from '../../../../helpers/fixture.cjs';
import { byId, runV2, runWorkflowJson, type WorkflowJson } from './locator.helpers.cjs';

/** The documented subset (README → Simplify, helpers/simplify.ts), in its order. */
const SIMPLE_KEYS = [
	'id',
	'uuid',
	'shortUUID',
	'name',
	'url',
	'privacy',
	'privacyId',
	'state',
	'stateId',
	'duration',
	'isLive',
	'publishedAt',
	'createdAt',
	'updatedAt',
	'originallyPublishedAt',
	'channel',
	'account',
	'views',
	'likes',
	'dislikes',
	'comments',
	'thumbnailUrl',
];

const OPERATIONS = ['get', 'getAll', 'update', 'upload', 'replaceFile', 'import'];

let instance: Instance;
afterEach(async () => {
	await instance?.server.close();
	resetPacing();
});

const store = () => storeWith(credentialData(instance.server, USER));
const details = (video: StandinVideo) => (instance.server as unknown as { formatVideoDetails(v: StandinVideo): IDataObject }).formatVideoDetails(video);
const listed = (video: StandinVideo) => (instance.server as unknown as { formatVideo(v: StandinVideo): IDataObject }).formatVideo(video);
/** What the stand-in's API would answer for the video, simplified as the node does. */
const simplified = (full: IDataObject) => simplifyVideo(JSON.parse(JSON.stringify(full)) as IDataObject, instance.server.url);
const videoLists = (path = '/api/v1/videos') => instance.server.requests.filter((r) => r.method === 'GET' && r.path === path);

/** A workflow saved with node version 1 (before Simplify and the separate Sort existed), as n8n exports it. */
const savedV1 = (parameters: Record<string, unknown>): WorkflowJson =>
	JSON.parse(`{
		"name": "Saved with version 1",
		"nodes": [
			{
				"parameters": ${JSON.stringify(parameters)},
				"id": "0f5cd5b2-6a57-4bd2-9d43-3a2a1f2e9b12",
				"name": "PeerTube",
				"type": "n8n-nodes-peertube.peerTube",
				"typeVersion": 1,
				"position": [440, 300],
				"credentials": { "peerTubeApi": { "id": "cred-1", "name": "PeerTube account" } }
			}
		],
		"connections": {},
		"settings": { "executionOrder": "v1" }
	}`) as WorkflowJson;

describe('the description', () => {
	const node = new PeerTube();
	const properties = node.description.properties;
	const resolve = (typeVersion: number, parameters: Record<string, unknown>) =>
		NodeHelpers.getNodeParameters(properties, parameters as never, true, false, { typeVersion } as never, node.description)!;

	it.each(OPERATIONS)('Video → %s: Simplify, on by default, from version 2 only', (operation) => {
		const simplify = properties.filter((p) => p.name === 'simplify' && (p.displayOptions?.show?.operation as string[] | undefined)?.includes(operation) && (p.displayOptions?.show?.resource as string[]).includes('video'));
		expect(simplify).toHaveLength(1);
		expect([simplify[0].displayName, simplify[0].type, simplify[0].default]).toEqual(['Simplify', 'boolean', true]);
		expect(simplify[0].description).toMatch(/^Whether to return /);
		expect(simplify[0].displayOptions!.show!['@version']).toEqual([{ _cnd: { gte: 2 } }]);
		expect(resolve(2, { resource: 'video', operation }).simplify).toBe(true);
		expect('simplify' in resolve(1, { resource: 'video', operation })).toBe(false);
	});

	it.each(['delete', 'rate', 'getStats'])('Video → %s outputs no video: no Simplify', (operation) => {
		expect('simplify' in resolve(2, { resource: 'video', operation })).toBe(false);
	});

	it('Video → Get Many: version 2 has Sort as its own parameter below Filters, version 1 keeps it in Filters', () => {
		const getAll = properties.filter((p) => (p.displayOptions?.show?.resource as string[] | undefined)?.includes('video') && (p.displayOptions?.show?.operation as string[] | undefined)?.includes('getAll'));
		const names = getAll.map((p) => p.name);
		const sort = getAll.find((p) => p.name === 'sort')!;
		expect(names.indexOf('sort')).toBe(names.indexOf('filters') + 1);
		expect([sort.type, sort.default, sort.displayOptions!.show!['@version']]).toEqual(['options', '-publishedAt', [{ _cnd: { gte: 2 } }]]);
		const filterSort = (getAll.find((p) => p.name === 'filters')!.options as INodeProperties[]).find((o) => o.name === 'sort')!;
		expect(filterSort.displayOptions!.show!['@version']).toEqual([1]);
		expect(resolve(2, { resource: 'video', operation: 'getAll' }).sort).toBe('-publishedAt');
		expect('sort' in resolve(1, { resource: 'video', operation: 'getAll' })).toBe(false);
		// a version 1 node keeps its Sort filter; version 2 drops one left in Filters
		expect((resolve(1, { resource: 'video', operation: 'getAll', filters: { sort: 'name' } }).filters as IDataObject).sort).toBe('name');
		expect((resolve(2, { resource: 'video', operation: 'getAll', filters: { sort: 'name', search: 'x' } }).filters as IDataObject).sort).toBeUndefined();
	});

	it.each(['channel', 'playlist'])('%s → Get Many: Sort is its own parameter, right below Filters, and no longer a filter', (resource) => {
		const getAll = properties.filter((p) => (p.displayOptions?.show?.resource as string[] | undefined)?.includes(resource) && (p.displayOptions?.show?.operation as string[] | undefined)?.includes('getAll'));
		const names = getAll.map((p) => p.name);
		expect(names.indexOf('sort')).toBe(names.indexOf('filters') + 1);
		expect(names.slice(-2)).toEqual(['sort', 'simplify']);
		expect((getAll.find((p) => p.name === 'filters')!.options as INodeProperties[]).map((o) => o.name)).not.toContain('sort');
		expect(resolve(1, { resource, operation: 'getAll' }).sort).toBe('-createdAt');
		expect(resolve(2, { resource, operation: 'getAll' }).sort).toBe('-createdAt');
	});
});

describe('Video → Get and Get Many', () => {
	let video: StandinVideo;
	beforeEach(async () => {
		instance = await startInstance();
		[video] = instance.server.addVideos(1, { channelName: 'alice_channel', name: 'Simple', description: 'Long text', tags: ['one1'] });
	});

	it('Get, version 2 default: exactly the documented subset, URLs absolute', async () => {
		const result = await runV2({ resource: 'video', operation: 'get', videoId: byId(video.id) }, store());
		expect(result.error).toBeUndefined();
		const json = result.items[0].json;
		expect(Object.keys(json)).toEqual(SIMPLE_KEYS);
		expect(json).toEqual(simplified(details(video)));
		expect(json).toEqual(expect.objectContaining({ id: video.id, name: 'Simple', privacy: 'Public', privacyId: 1, thumbnailUrl: `${instance.server.url}/lazy-static/thumbnails/${video.uuid}.jpg` }));
		expect(json.channel).toEqual(expect.objectContaining({ name: 'alice_channel', handle: expect.stringMatching(/^alice_channel@/) }));
	});

	it('Get, version 2 with Simplify off: PeerTube\'s full object', async () => {
		const result = await runV2({ resource: 'video', operation: 'get', videoId: byId(video.id), simplify: false }, store());
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual(JSON.parse(JSON.stringify(details(video))));
		expect(result.items[0].json).toEqual(expect.objectContaining({ description: 'Long text', tags: ['one1'], privacy: { id: 1, label: 'Public' } }));
	});

	it('Get Many, version 2 default: each video simplified; Simplify off: the list objects as PeerTube sends them', async () => {
		instance.server.addVideos(2, { channelName: 'root_channel' });
		const simple = await run(videoGetAll(), store(), { typeVersion: 2 });
		expect(simple.error).toBeUndefined();
		expect(simple.items).toHaveLength(3);
		for (const item of simple.items) {
			expect(Object.keys(item.json)).toEqual(SIMPLE_KEYS);
			expect(item.json).toEqual(simplified(listed(instance.server.getVideo(Number(item.json.id))!)));
		}
		const full = await run(videoGetAll({ simplify: false }), store(), { typeVersion: 2 });
		expect(full.items.map((i) => i.json)).toEqual(simple.items.map((i) => JSON.parse(JSON.stringify(listed(instance.server.getVideo(Number(i.json.id))!)))));
		expect(full.items[0].json).toEqual(expect.objectContaining({ privacy: { id: 1, label: 'Public' }, embedPath: expect.any(String) }));
	});

	it('Get Many, version 2: Sort is sent from its own parameter (default: newest published first)', async () => {
		instance.server.addVideos(3, (i) => ({ channelName: 'root_channel', views: [5, 50, 20][i] }));
		const byDefault = await run(videoGetAll(), store(), { typeVersion: 2 });
		expect(byDefault.error).toBeUndefined();
		expect(videoLists()[0].query).toEqual({ sort: '-publishedAt', start: '0', count: '100' });
		instance.server.clearRequests();
		const byViews = await run(videoGetAll({ sort: '-views', simplify: false }), store(), { typeVersion: 2 });
		expect(videoLists()[0].query).toEqual({ sort: '-views', start: '0', count: '100' });
		const views = byViews.items.map((i) => Number(i.json.views));
		expect(views).toEqual([...views].sort((a, b) => b - a));
		expect(views).toEqual(expect.arrayContaining([50, 20, 5]));
		// My Videos too (its route reads sort)
		instance.server.clearRequests();
		await run(videoGetAll({ source: 'myVideos', sort: 'name', filters: { search: 'simple' } }), store(), { typeVersion: 2 });
		expect(videoLists('/api/v1/users/me/videos')[0].query).toEqual({ search: 'simple', sort: 'name', start: '0', count: '100' });
	});

	it('Get Many, version 2: a Sort left in Filters is not read (n8n drops it, the Sort parameter counts)', async () => {
		await run(videoGetAll({ sort: '-likes', filters: { sort: 'name', search: 'simple' } }), store(), { typeVersion: 2 });
		expect(videoLists()[0].query).toEqual({ search: 'simple', sort: '-likes', start: '0', count: '100' });
	});
});

describe('version 1 workflows run unchanged', () => {
	let video: StandinVideo;
	beforeEach(async () => {
		instance = await startInstance();
		[video] = instance.server.addVideos(1, { channelName: 'alice_channel', name: 'Before', description: 'Long text' });
	});

	it('Video → Get outputs PeerTube\'s full object', async () => {
		const result = await runWorkflowJson(savedV1({ operation: 'get', videoId: video.uuid }), store());
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual(JSON.parse(JSON.stringify(details(video))));
	});

	it('Video → Get Many reads Sort from Filters, and outputs the full list objects', async () => {
		instance.server.addVideos(2, (i) => ({ channelName: 'root_channel', name: ['Zebra', 'Apple'][i] }));
		const result = await runWorkflowJson(savedV1({ operation: 'getAll', source: 'instance', returnAll: true, filters: { sort: 'name', search: '' } }), store());
		expect(result.error).toBeUndefined();
		expect(videoLists()[0].query).toEqual({ sort: 'name', start: '0', count: '100' });
		expect(result.items.map((i) => i.json.name)).toEqual(['Apple', 'Before', 'Zebra']);
		expect(result.items[0].json).toEqual(expect.objectContaining({ privacy: { id: 1, label: 'Public' }, embedPath: expect.any(String) }));
		expect(Object.keys(result.items[0].json)).not.toEqual(SIMPLE_KEYS);
	});

	it('Video → Get Many without a Sort filter sends no sort (PeerTube\'s own order), as released', async () => {
		const result = await runWorkflowJson(savedV1({ operation: 'getAll', source: 'instance', returnAll: true }), store());
		expect(result.error).toBeUndefined();
		expect(videoLists()[0].query).toEqual({ start: '0', count: '100' });
	});

	it('Video → Update outputs the full video read back, even with simplify/sort keys in its parameters', async () => {
		const result = await runWorkflowJson(savedV1({ operation: 'update', videoId: String(video.id), updateFields: { name: 'After' }, simplify: true }), store());
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual(JSON.parse(JSON.stringify(details(video))));
		expect(result.items[0].json).toEqual(expect.objectContaining({ name: 'After', description: 'Long text' }));
	});
});

describe('Video → Update, version 2', () => {
	let video: StandinVideo;
	beforeEach(async () => {
		instance = await startInstance();
		[video] = instance.server.addVideos(1, { channelName: 'alice_channel', name: 'Before' });
	});
	const update = (extra: Record<string, NodeParameterValueType> = {}) => ({ resource: 'video', operation: 'update', videoId: byId(video.uuid), updateFields: { name: 'After' }, ...extra });

	it('default: the video read back, simplified', async () => {
		const result = await runV2(update(), store());
		expect(result.error).toBeUndefined();
		expect(Object.keys(result.items[0].json)).toEqual(SIMPLE_KEYS);
		expect(result.items[0].json).toEqual(simplified(details(video)));
		expect(result.items[0].json.name).toBe('After');
	});

	it('Simplify off: the full video', async () => {
		const result = await runV2(update({ simplify: false }), store());
		expect(result.items[0].json).toEqual(JSON.parse(JSON.stringify(details(video))));
	});

	it('Read Back Video off: { id, updated } whatever Simplify says', async () => {
		const result = await runV2(update({ options: { readBack: false } }), store());
		expect(result.items[0].json).toEqual({ id: video.uuid, updated: true });
	});
});

describe('Video → Upload and Replace File, version 2', () => {
	beforeEach(async () => {
		instance = await startInstance({ maxChunkSize: 256 * 1024, serverVersion: '7.1.0' });
	});
	const uploaded = () => [...instance.server.videos.values()].find((v) => v.name === 'holiday clip')!;

	it('Upload, default: the created video, simplified', async () => {
		const { item } = await videoItem('default', 3000);
		const result = await run({ resource: 'video', operation: 'upload' }, store(), { items: [item], typeVersion: 2 });
		expect(result.error).toBeUndefined();
		expect(Object.keys(result.items[0].json)).toEqual(SIMPLE_KEYS);
		expect(result.items[0].json).toEqual(simplified(details(uploaded())));
		expect(result.items[0].json).toEqual(expect.objectContaining({ name: 'holiday clip', state: 'To transcode', stateId: 2 }));
	});

	it('Upload, Simplify off: the full video', async () => {
		const { item } = await videoItem('default', 3000);
		const result = await run({ resource: 'video', operation: 'upload', simplify: false }, store(), { items: [item], typeVersion: 2 });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual(JSON.parse(JSON.stringify(details(uploaded()))));
		expect(result.items[0].json.state).toEqual({ id: 2, label: 'To transcode' });
	});

	it('Upload, version 1: the full video, as released', async () => {
		const { item } = await videoItem('default', 3000);
		const result = await run({ resource: 'video', operation: 'upload', simplify: true }, store(), { items: [item], typeVersion: 1 });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual(JSON.parse(JSON.stringify(details(uploaded()))));
	});

	it.each([
		['default', {}, true],
		['Simplify off', { simplify: false }, false],
	])('Replace File, %s', async (_label, extra, simple) => {
		setVideoFileUpdateEnabled(instance.server, true);
		const [video] = instance.server.addVideos(1, { channelName: 'alice_channel', name: 'Keynote' });
		const { item } = await videoItem('default', 3000, { fileName: 'new cut.mp4' });
		const result = await runV2({ resource: 'video', operation: 'replaceFile', videoId: byId(video.id), ...extra }, store(), { items: [item] });
		expect(result.error).toBeUndefined();
		const full = JSON.parse(JSON.stringify(details(video))) as IDataObject;
		expect(result.items[0].json).toEqual(simple ? simplified(full) : full);
		if (simple) expect(Object.keys(result.items[0].json)).toEqual(SIMPLE_KEYS);
	});
});

describe('Video → Import, version 2', () => {
	beforeEach(async () => {
		instance = await startInstance({ serverVersion: '7.0.0' });
		setImportsEnabled(instance.server, { http: true, torrent: true });
	});
	const imp = (extra: Record<string, NodeParameterValueType> = {}) => ({
		resource: 'video',
		operation: 'import',
		source: 'url',
		targetUrl: 'https://media.example.org/talks/keynote.mp4',
		additionalFields: { name: 'Keynote' },
		...extra,
	});
	const importedVideo = () => [...instance.server.videos.values()].find((v) => v.name === 'Keynote')!;

	it('default: the import\'s own fields as PeerTube sends them, its video simplified', async () => {
		const result = await runV2(imp(), store());
		expect(result.error).toBeUndefined();
		const json = result.items[0].json;
		expect(json).toEqual(expect.objectContaining({ targetUrl: 'https://media.example.org/talks/keynote.mp4', state: { id: 1, label: 'Pending' } }));
		expect(Object.keys(json.video as IDataObject)).toEqual(SIMPLE_KEYS);
		expect(json.video).toEqual(simplified({ ...listed(importedVideo()), tags: [] }));
		expect(json.video).toEqual(expect.objectContaining({ name: 'Keynote', state: 'To import', stateId: 3 }));
	});

	it('Simplify off: the import as PeerTube sends it, its full video', async () => {
		const result = await runV2(imp({ simplify: false }), store());
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.video).toEqual(JSON.parse(JSON.stringify({ ...listed(importedVideo()), tags: [] })));
	});
});
