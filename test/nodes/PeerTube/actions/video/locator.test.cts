/**
 * The Video field: a resource locator from node version 2 on (From List, By URL, By ID), and
 * workflows saved with version 1 (a plain text field) running unchanged.
 */
import type { INodeProperties } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { PeerTube } from '../../../../../nodes/PeerTube/PeerTube.node';
import { credentialData, type Instance, startInstance, storeWith, USER } from '../../../../helpers/fixture.cjs';
import { byId, byList, byUrl, listSearch, runV2, runWorkflowJson, type WorkflowJson } from './locator.helpers.cjs';

describe('Video resource locator', () => {
	let instance: Instance;
	let video: { id: number; uuid: string; shortUUID: string };

	beforeEach(async () => {
		instance = await startInstance();
		[video] = instance.server.addVideos(1, { channelName: 'alice_channel', name: 'Before' });
	});
	afterEach(async () => await instance.server.close());

	const store = () => storeWith(credentialData(instance.server, USER));
	const apiCalls = () => instance.server.requests.filter((r) => !['/api/v1/oauth-clients/local', '/api/v1/users/token'].includes(r.path));

	describe('a workflow saved with version 1 runs unchanged', () => {
		// exactly what n8n saved for this node before version 2 existed (Video as plain text)
		const savedV1 = (url: string, videoRef: string): WorkflowJson =>
			JSON.parse(`{
				"name": "Retitle a video",
				"nodes": [
					{
						"parameters": {
							"operation": "update",
							"videoId": "${videoRef}",
							"updateFields": { "name": "Renamed by a v1 workflow", "tags": "one1, two2" }
						},
						"id": "0f5cd5b2-6a57-4bd2-9d43-3a2a1f2e9b11",
						"name": "PeerTube",
						"type": "n8n-nodes-peertube.peerTube",
						"typeVersion": 1,
						"position": [440, 300],
						"credentials": { "peerTubeApi": { "id": "cred-1", "name": "PeerTube account" } }
					}
				],
				"connections": {},
				"settings": { "executionOrder": "v1" },
				"meta": { "instanceUrl": "${url}" }
			}`) as WorkflowJson;

		it.each([
			['a watch URL', (url: string) => `${url}/w/${video.shortUUID}`, () => video.shortUUID],
			['a numeric ID', () => String(video.id), () => String(video.id)],
			['a UUID', () => video.uuid, () => video.uuid],
		])('Video → Update with %s', async (_label, ref, expected) => {
			const result = await runWorkflowJson(savedV1(instance.server.url, ref(instance.server.url)), store());
			expect(result.error).toBeUndefined();
			const [put, get] = apiCalls();
			expect([put.method, put.path]).toEqual(['PUT', `/api/v1/videos/${expected()}`]);
			expect(JSON.parse(put.body.toString())).toEqual({ name: 'Renamed by a v1 workflow', tags: ['one1', 'two2'] });
			expect([get.method, get.path]).toEqual(['GET', `/api/v1/videos/${expected()}`]);
			expect(result.items).toHaveLength(1);
			expect(result.items[0].json).toEqual(expect.objectContaining({ id: video.id, name: 'Renamed by a v1 workflow' }));
		});

		it('a version 1 Video that is no video still gets its version 1 message', async () => {
			const result = await runWorkflowJson(savedV1(instance.server.url, 'not a video'), store());
			expect(result.error?.message).toBe('Video "not a video" is not a video ID, UUID, short UUID or watch page URL');
			expect(instance.server.requests).toHaveLength(0);
		});
	});

	describe('the description', () => {
		const node = new PeerTube();
		const properties = node.description.properties;
		const videoFields = properties.filter((p) => p.name === 'videoId');

		it('defaults to version 2 and keeps version 1', () => {
			expect(node.description.version).toEqual([1, 2]);
			expect(node.description.defaultVersion).toBe(2);
		});

		it('every operation that takes a video has a locator in version 2 and the text field in version 1', () => {
			const locators = videoFields.filter((p) => p.type === 'resourceLocator');
			const texts = videoFields.filter((p) => p.type === 'string');
			expect(locators.length).toBeGreaterThanOrEqual(7);
			expect(texts).toHaveLength(locators.length);
			for (const locator of locators) {
				const { '@version': version, ...show } = locator.displayOptions!.show!;
				expect(version).toEqual([{ _cnd: { gte: 2 } }]);
				const twin = texts.find((t) => JSON.stringify({ ...t.displayOptions!.show, '@version': undefined }) === JSON.stringify({ ...show, '@version': undefined }));
				expect([show, twin?.displayOptions?.show?.['@version']]).toEqual([show, [1]]);
				expect(locator.modes!.map((m) => m.name)).toEqual(['list', 'url', 'id']);
			}
			const operationsWithVideo = locators.map((l) => `${l.displayOptions!.show!.resource}:${l.displayOptions!.show!.operation}`);
			expect(operationsWithVideo).toEqual(
				expect.arrayContaining(['video:get', 'video:update', 'video:delete', 'videoCaption:getAll', 'videoCaption:upload', 'videoCaption:delete', 'videoCaption:generate']),
			);
		});

		it('n8n resolves a version 1 node to the text field and a version 2 node to the locator', () => {
			const resolve = (typeVersion: number, videoId?: unknown) =>
				NodeHelpers.getNodeParameters(
					properties,
					{ resource: 'video', operation: 'get', ...(videoId === undefined ? {} : { videoId }) } as never,
					true,
					false,
					{ typeVersion } as never,
					node.description,
				)!;
			expect(resolve(1, 'https://x.org/w/abc').videoId).toBe('https://x.org/w/abc');
			expect(resolve(1).videoId).toBe('');
			expect(resolve(2).videoId).toEqual({ __rl: true, mode: 'list', value: '' });
			expect(resolve(2, byUrl('https://x.org/w/abc')).videoId).toEqual(byUrl('https://x.org/w/abc'));
		});

		const regexOf = (mode: string) => {
			const locator = videoFields.find((p) => p.type === 'resourceLocator') as INodeProperties;
			const validation = locator.modes!.find((m) => m.name === mode)!.validation![0] as unknown as { properties: { regex: string } };
			return new RegExp(`^${validation.properties.regex}$`);
		};

		it.each([
			['https://videos.example.org/w/9c9de5e8-0a1e-484a-b099-e80766180a6d', true],
			['https://videos.example.org/w/kkGMgK9ZtnKfYAgnEtQxbv', true],
			['http://127.0.0.1:9000/videos/watch/9c9de5e8-0a1e-484a-b099-e80766180a6d?start=30s', true],
			['https://videos.example.org/videos/embed/kkGMgK9ZtnKfYAgnEtQxbv', true],
			['https://videos.example.org/c/my_channel', false],
			['videos.example.org/w/kkGMgK9ZtnKfYAgnEtQxbv', false],
			['https://videos.example.org/w/', false],
		])('By URL accepts %s: %s', (value, ok) => expect(regexOf('url').test(value)).toBe(ok));

		it.each([
			['42', true],
			['9c9de5e8-0a1e-484a-b099-e80766180a6d', true],
			['kkGMgK9ZtnKfYAgnEtQxbv', true],
			['0', false],
			['-3', false],
			['my video', false],
			['https://videos.example.org/w/kkGMgK9ZtnKfYAgnEtQxbv', false],
		])('By ID accepts %s: %s', (value, ok) => expect(regexOf('id').test(value)).toBe(ok));
	});

	describe('version 2', () => {
		const get = (videoId: unknown) => ({ resource: 'video', operation: 'get', videoId: videoId as never });

		it.each([
			['From List (the UUID the list gives)', () => byList(video.uuid), () => video.uuid],
			['By URL /w/ short UUID', (url: string) => byUrl(`${url}/w/${video.shortUUID}`), () => video.shortUUID],
			['By URL /videos/watch/ UUID', (url: string) => byUrl(`${url}/videos/watch/${video.uuid}`), () => video.uuid],
			['By URL embed', (url: string) => byUrl(`${url}/videos/embed/${video.shortUUID}`), () => video.shortUUID],
			['By ID numeric', () => byId(video.id), () => String(video.id)],
			['By ID UUID (upper case)', () => byId(video.uuid.toUpperCase()), () => video.uuid],
			['By ID short UUID', () => byId(video.shortUUID), () => video.shortUUID],
		])('Video → Get %s', async (_label, given, expected) => {
			const result = await runV2(get(given(instance.server.url)), store());
			expect(result.error).toBeUndefined();
			expect(apiCalls().map((r) => `${r.method} ${r.path}`)).toEqual([`GET /api/v1/videos/${expected()}`]);
			expect(result.items[0].json).toEqual(expect.objectContaining({ id: video.id, uuid: video.uuid }));
		});

		it('an empty From List says what to do, before any request', async () => {
			const result = await runV2(get(byList('')), store());
			expect(result.error?.message).toMatch(/^The 'PeerTube' node has issues:\n\s*- Parameter "Video" is required\.$/);
			expect(instance.server.requests).toHaveLength(0);
		});

		it('By URL with a page that is no video is refused with the mode\'s message, before any request', async () => {
			const result = await runV2(get(byUrl(`${instance.server.url}/c/alice_channel`)), store());
			expect(result.error?.message).toMatch(/^The 'PeerTube' node has issues:\n\s*- Not a PeerTube video URL: use a watch page \(…\/w\/…, …\/videos\/watch\/…\) or embed \(…\/videos\/embed\/…\) address$/);
			expect(instance.server.requests).toHaveLength(0);
		});

		it('By ID with a value that is no ID is refused with the mode\'s message, before any request', async () => {
			const result = await runV2(get(byId('my video')), store());
			expect(result.error?.message).toMatch(/^The 'PeerTube' node has issues:\n\s*- Not a video ID: use the numeric ID, the UUID or the short UUID of the video$/);
			expect(instance.server.requests).toHaveLength(0);
		});

		it('an expression that gives no video ID is refused per item with the field\'s message', async () => {
			const items = [{ json: { v: 'my video' } }];
			const result = await runV2(get(byId('={{ $json.v }}')), store(), { items });
			expect(result.error?.message).toBe('Video ID "my video" is not a numeric ID, UUID or short UUID');
			const viaUrl = await runV2(get(byUrl('={{ $json.v }}')), store(), { items: [{ json: { v: 'https://x.org/c/chan' } }] });
			expect(viaUrl.error?.message).toBe('Video URL "https://x.org/c/chan" is not a PeerTube watch page (…/w/…, …/videos/watch/…) or embed (…/videos/embed/…) URL');
			expect(instance.server.requests).toHaveLength(0);
		});

		it('an expression in By ID is resolved per item', async () => {
			const [second] = instance.server.addVideos(1, { channelName: 'alice_channel' });
			const items = [{ json: { v: video.uuid } }, { json: { v: second.id } }];
			const result = await runV2(get(byId('={{ $json.v }}')), store(), { items });
			expect(result.error).toBeUndefined();
			expect(result.items.map((i) => i.json.id)).toEqual([video.id, second.id]);
		});
	});

	describe('From List: searchVideos', () => {
		it('lists the account\'s own videos, newest first, with their watch URLs', async () => {
			instance.server.addVideos(2, (i) => ({ channelName: 'alice_channel', name: `Mine ${i}`, privacy: i === 0 ? 3 : 1 }));
			instance.server.addVideos(1, { channelName: 'root_channel', name: 'Not mine' });
			const result = await listSearch('searchVideos', store(), { resource: 'video', operation: 'get' });
			const [list] = apiCalls();
			expect([list.method, list.path, list.query]).toEqual(['GET', '/api/v1/users/me/videos', { start: '0', count: '50', sort: '-createdAt' }]);
			expect(result.paginationToken).toBeUndefined();
			expect(result.results.map((r) => r.name).sort()).toEqual(['Before', 'Mine 0', 'Mine 1']);
			const mine = instance.server.getVideo(video.id)!;
			expect(result.results).toContainEqual({ name: 'Before', value: mine.uuid, url: `${instance.server.url}/w/${mine.shortUUID}` });
		});

		it('sends the typed text as PeerTube\'s search', async () => {
			instance.server.addVideos(3, (i) => ({ channelName: 'alice_channel', name: i === 1 ? 'Holiday in Spain' : `Other ${i}` }));
			const result = await listSearch('searchVideos', store(), { resource: 'video', operation: 'get' }, '  holiday ');
			expect(apiCalls()[0].query).toEqual({ start: '0', count: '50', sort: '-createdAt', search: 'holiday' });
			expect(result.results.map((r) => r.name)).toEqual(['Holiday in Spain']);
		});

		it('pages with a token: 120 videos take 3 requests of 50', async () => {
			instance.server.addVideos(119, { channelName: 'alice_channel' });
			const names: string[] = [];
			let token: string | undefined;
			let pages = 0;
			do {
				const page = await listSearch('searchVideos', store(), { resource: 'video', operation: 'get' }, undefined, token);
				names.push(...page.results.map((r) => String(r.value)));
				token = page.paginationToken;
				pages++;
			} while (token !== undefined && pages < 10);
			expect(pages).toBe(3);
			expect(new Set(names).size).toBe(120);
			expect(apiCalls().map((r) => r.query.start)).toEqual(['0', '50', '100']);
		});
	});
});
