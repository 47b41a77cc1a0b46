import type { NodeParameterValueType } from 'n8n-workflow';

import { parseMultipart } from '../../../../../standin/multipart.cjs';
import { completeImport, importsOf, setImportsEnabled } from '../../../../../standin/routes/imports.cjs';
import { credentialData, type Instance, startInstance, storeWith, USER } from '../../../../helpers/fixture.cjs';
import { runNode } from '../../../../helpers/n8n.cjs';
import { runV2 } from './locator.helpers.cjs';

const TARGET = 'https://media.example.org/talks/opening-keynote.mp4';
const MAGNET = 'magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567&dn=talk';
const TORRENT = Buffer.from('d8:announce35:udp://tracker.example.org:1337/announce4:infod4:name8:talk.mp4ee');

const imp = (extra: Record<string, unknown> = {}) => ({ resource: 'video', operation: 'import', source: 'url', targetUrl: TARGET, ...extra }) as Record<string, NodeParameterValueType>;
const torrentItem = (data = TORRENT, fileName = 'talk.torrent', mimeType = 'application/x-bittorrent') => ({
	json: {},
	binary: { data: { data: data.toString('base64'), mimeType, fileName } },
});

describe('Video → Import', () => {
	let instance: Instance;
	let aliceChannelId: number;

	const start = async (serverVersion = '7.0.0') => {
		instance = await startInstance({ serverVersion });
		aliceChannelId = [...instance.server.channels.values()].find((c) => c.name === 'alice_channel')!.id;
	};
	afterEach(async () => await instance.server.close());

	const store = () => storeWith(credentialData(instance.server, USER));
	const apiCalls = () => instance.server.requests.filter((r) => !['/api/v1/oauth-clients/local', '/api/v1/users/token'].includes(r.path));
	const calls = () => apiCalls().map((r) => `${r.method} ${r.path}`);
	const post = () => apiCalls().find((r) => r.method === 'POST' && r.path === '/api/v1/videos/imports')!;

	describe('sources', () => {
		beforeEach(async () => await start());

		it('from a URL: JSON with targetUrl and the account\'s first channel; outputs the pending import', async () => {
			const result = await runV2(imp(), store());
			expect(result.error).toBeUndefined();
			expect(calls()).toEqual(['GET /api/v1/users/me', 'POST /api/v1/videos/imports']);
			expect(post().headers['content-type']).toMatch(/^application\/json/);
			expect(JSON.parse(post().body.toString())).toEqual({ targetUrl: TARGET, channelId: aliceChannelId });
			const [record] = [...importsOf(instance.server).values()];
			expect(result.items).toEqual([
				{
					json: expect.objectContaining({ id: record.id, targetUrl: TARGET, magnetUri: null, state: { id: 1, label: 'Pending' }, video: expect.objectContaining({ name: 'opening-keynote.mp4' }) }),
					pairedItem: { item: 0 },
				},
			]);
			expect(instance.server.getVideo(record.videoId)).toEqual(expect.objectContaining({ state: 3, channelId: aliceChannelId }));
		});

		it('with a channel by handle and metadata: the exact body', async () => {
			const second = instance.server.addChannel({ name: 'alice_talks', ownerUsername: 'alice' });
			const result = await runV2(
				imp({
					channel: { __rl: true, mode: 'handle', value: 'alice_talks' },
					additionalFields: { name: 'Opening keynote', tags: 'talk, keynote', privacy: 2, category: 13, language: 'en', nsfw: false, description: 'The opening talk', waitTranscoding: true },
				}),
				store(),
			);
			expect(result.error).toBeUndefined();
			expect(calls()).toEqual(['GET /api/v1/video-channels/alice_talks', 'POST /api/v1/videos/imports']);
			expect(JSON.parse(post().body.toString())).toEqual({
				name: 'Opening keynote',
				description: 'The opening talk',
				tags: ['talk', 'keynote'],
				privacy: 2,
				category: 13,
				language: 'en',
				nsfw: false,
				waitTranscoding: true,
				targetUrl: TARGET,
				channelId: second.id,
			});
			// Simplify (version 2's default) flattens the import's video: privacy as a label beside its ID
			expect(result.items[0].json.video).toEqual(expect.objectContaining({ name: 'Opening keynote', privacy: 'Unlisted', privacyId: 2 }));
		});

		it("Originally Published At without an offset is in the workflow's time zone (as in Update and Upload)", async () => {
			const result = await runNode(imp({ additionalFields: { originallyPublishedAt: '2020-03-01T10:00:00' } }), { store: store(), timezone: 'Europe/Berlin', typeVersion: 2 });
			expect(result.error).toBeUndefined();
			expect(JSON.parse(post().body.toString())).toEqual(expect.objectContaining({ originallyPublishedAt: '2020-03-01T09:00:00.000Z' }));
		});

		it('from a magnet URI', async () => {
			const result = await runV2(imp({ source: 'magnet', magnetUri: MAGNET, channel: { __rl: true, mode: 'handle', value: String(aliceChannelId) } }), store());
			expect(result.error).toBeUndefined();
			expect(calls()).toEqual(['POST /api/v1/videos/imports']);
			expect(JSON.parse(post().body.toString())).toEqual({ magnetUri: MAGNET, channelId: aliceChannelId });
			expect(result.items[0].json).toEqual(expect.objectContaining({ magnetUri: MAGNET, targetUrl: null }));
		});

		it('from a torrent file: multipart with torrentfile and the fields', async () => {
			const result = await runV2(imp({ source: 'torrent', additionalFields: { name: 'From a torrent', tags: 'p2p' } }), store(), { items: [torrentItem()] });
			expect(result.error).toBeUndefined();
			const form = parseMultipart(post().body, String(post().headers['content-type']));
			expect(form.fields).toEqual([
				['name', 'From a torrent'],
				['tags[0]', 'p2p'],
				['channelId', String(aliceChannelId)],
			]);
			expect(form.files.map((f) => [f.field, f.filename, f.mimetype, f.data.equals(TORRENT)])).toEqual([['torrentfile', 'talk.torrent', 'application/x-bittorrent', true]]);
			expect(result.items[0].json).toEqual(expect.objectContaining({ torrentName: 'talk.torrent', state: { id: 1, label: 'Pending' } }));
		});

		it.each([
			['an empty Target URL from an expression', imp({ targetUrl: '={{ "" }}' }), undefined, 'Target URL is empty: give the http(s) address of the video to import'],
			['an ftp Target URL', imp({ targetUrl: 'ftp://example.org/a.mp4' }), undefined, 'Target URL "ftp://example.org/a.mp4" is not an http(s) address: give the full address, starting with https:// or http://'],
			['a magnet that is none', imp({ source: 'magnet', magnetUri: 'https://x.org/a' }), undefined, 'Magnet URI must start with "magnet:?" (got "https://x.org/a")'],
			['no torrent binary', imp({ source: 'torrent' }), [{ json: {} }], 'Input Binary Field "data" does not exist on the input item: check the name, or read the .torrent file with a node before'],
			['a torrent that is a video', imp({ source: 'torrent' }), [torrentItem(TORRENT, 'talk.mp4', 'video/mp4')], 'The torrent file must be a .torrent file; "talk.mp4" is video/mp4: check Input Binary Field'],
			['a torrent over 200 KB', imp({ source: 'torrent' }), [torrentItem(Buffer.alloc(200 * 1024 + 1, 1))], 'The torrent file is 204801 bytes; PeerTube accepts at most 204800 bytes (200 KB)'],
			['a name too short', imp({ additionalFields: { name: 'ab' } }), undefined, 'Name must be 3 to 120 characters long (it has 2)'],
			['Max Wait 0', imp({ options: { waitUntilFinished: true, waitTimeout: '={{ 0 }}' } }), undefined, 'Max Wait (Seconds) must be at least 1 (got 0)'],
		])('%s is refused before any request', async (_label, parameters, items, message) => {
			const result = await runV2(parameters, store(), { items });
			expect(result.error?.message).toBe(message);
			expect(instance.server.requests).toHaveLength(0);
		});

		it('a channel that is not the account\'s: PeerTube\'s refusal, nothing imported', async () => {
			const rootChannel = [...instance.server.channels.values()].find((c) => c.name === 'root_channel')!;
			const result = await runV2(imp({ channel: { __rl: true, mode: 'handle', value: String(rootChannel.id) } }), store());
			expect(result.error?.message).toBe('PeerTube rejected the request (HTTP 400): Unknown video "video channel" for this account.');
			expect(importsOf(instance.server).size).toBe(0);
		});
	});

	describe('the instance refuses', () => {
		beforeEach(async () => await start());

		it('HTTP import disabled: 409 says who can change it', async () => {
			setImportsEnabled(instance.server, { http: false });
			const result = await runV2(imp(), store());
			expect(result.error?.message).toBe(
				'Importing from a URL is disabled on this PeerTube instance (import.videos.http.enabled): an administrator must enable it, or download the file and use Video → Upload',
			);
			expect(result.error?.httpCode).toBe('409');
			expect(importsOf(instance.server).size).toBe(0);
			expect(instance.server.videos.size).toBe(0);
		});

		it('torrent import disabled: 409 for magnets and torrent files', async () => {
			setImportsEnabled(instance.server, { torrent: false });
			const message =
				'Importing from a torrent or magnet URI is disabled on this PeerTube instance (import.videos.torrent.enabled): an administrator must enable it, or use another source';
			expect((await runV2(imp({ source: 'magnet', magnetUri: MAGNET }), store())).error?.message).toBe(message);
			expect((await runV2(imp({ source: 'torrent' }), store(), { items: [torrentItem()] })).error?.message).toBe(message);
			expect(importsOf(instance.server).size).toBe(0);
		});

		it('a Target URL on a private address: PeerTube\'s SSRF refusal explained', async () => {
			const result = await runV2(imp({ targetUrl: 'http://192.168.1.20/video.mp4' }), store());
			expect(result.error?.message).toMatch(/^PeerTube refused to fetch Target URL: its host is a private or local address/);
			expect(result.error?.httpCode).toBe('403');
			expect(importsOf(instance.server).size).toBe(0);
		});

		it('Generate Transcription on PeerTube 6.1: the version it needs, nothing sent', async () => {
			await instance.server.close();
			await start('6.1.0');
			const result = await runV2(imp({ additionalFields: { generateTranscription: true } }), store());
			expect(result.error?.message).toBe('Generate Transcription on import needs PeerTube 6.2 or newer; this instance runs 6.1.0');
			expect(calls()).toEqual(['GET /api/v1/config']);
		});

		it('Continue On Fail: each item its import or its error, paired', async () => {
			const items = [{ json: { url: TARGET } }, { json: { url: 'http://127.0.0.1/x.mp4' } }, { json: { url: `${TARGET}?2` } }];
			const result = await runV2(imp({ targetUrl: '={{ $json.url }}' }), store(), { items, continueOnFail: true });
			expect(result.items.map((i) => i.json.targetUrl ?? String(i.json.error).slice(0, 37))).toEqual([TARGET, 'PeerTube refused to fetch Target URL:', `${TARGET}?2`]);
			expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(importsOf(instance.server).size).toBe(2);
		});
	});

	describe('Wait Until Finished', () => {
		const waiting = (extra: Record<string, unknown> = {}) => imp({ options: { waitUntilFinished: true, ...extra } });
		const polls = () => apiCalls().filter((r) => r.path === '/api/v1/users/me/videos/imports');

		it('polls the import until it succeeded, then outputs it', async () => {
			await start();
			const timer = setTimeout(() => completeImport(instance.server, 1, 'success'), 1500);
			const result = await runV2(waiting(), store());
			clearTimeout(timer);
			expect(result.error).toBeUndefined();
			expect(result.items[0].json).toEqual(expect.objectContaining({ id: 1, state: { id: 2, label: 'Success' }, error: null }));
			expect(polls().length).toBeGreaterThanOrEqual(1);
			expect(polls().length).toBeLessThanOrEqual(3);
			expect(polls()[0].query).toEqual({ id: '1', start: '0', count: '20', sort: '-createdAt' });
			// one GET /users/me for the channel, the import, the polls: nothing else
			expect(calls().slice(0, 2)).toEqual(['GET /api/v1/users/me', 'POST /api/v1/videos/imports']);
			expect(calls().length).toBe(2 + polls().length);
		});

		it('a failed import fails the item with PeerTube\'s reason (video left at state 12 on 8.0+)', async () => {
			await start('8.0.0');
			const timer = setTimeout(() => completeImport(instance.server, 1, 'failed', 'Cannot download the file: HTTP 404'), 300);
			const result = await runV2(waiting(), store());
			clearTimeout(timer);
			expect(result.error?.message).toBe('The import 1 ended as "Failed" on PeerTube: Cannot download the file: HTTP 404');
			expect(instance.server.getVideo(importsOf(instance.server).get(1)!.videoId)?.state).toBe(12);
		});

		it('an import still running at Max Wait: says it goes on, after a bounded number of polls', async () => {
			await start();
			const result = await runV2(waiting({ waitTimeout: 2 }), store());
			expect(result.error?.message).toBe(
				'The import 1 did not finish within 2 s (PeerTube says: Pending). It goes on on PeerTube: raise Max Wait, or look at it later (My Library → Imports)',
			);
			expect(polls().length).toBeGreaterThanOrEqual(1);
			expect(polls().length).toBeLessThanOrEqual(2);
			expect(importsOf(instance.server).get(1)!.state).toBe(1);
		});
	});
});
