/**
 * Video Caption and the Video resource locator in real n8n (`n8n execute`): a caption file fetched
 * with n8n's HTTP Request node is uploaded by a version 2 PeerTube node (Video given By URL), listed
 * by another (By ID), and a version 1 node with the old text Video field still reads the video —
 * the three in one workflow, against the stand-in.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { PeerTubeStandin } from '../../standin/server.cjs';
import { captionsOf } from '../../standin/routes/captions.cjs';
import { CREDENTIAL_ID, CREDENTIAL_NAME, N8nSandbox, describeEachLine, itemsOf, tokenGrants } from './harness.cjs';

const VTT = 'WEBVTT\n\n00:00.000 --> 00:02.000\nBonjour tout le monde\n';
const credentials = { peerTubeApi: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } };

// n8n 2.x only: on 1.x the tier runs what the 1.x scope needs (loading, examples, login and
// token storage, credential test, upload, the error paths of playlists), to keep CI in budget
describeEachLine('captions and the Video locator in real n8n', (line) => {
	let standin: PeerTubeStandin;
	let sandbox: N8nSandbox;
	let files: Server;

	afterEach(async () => {
		await standin?.close();
		await new Promise<void>((resolve) => (files ? files.close(() => resolve()) : resolve()));
		sandbox?.dispose();
	});

	test('HTTP Request → Upload caption (v2, By URL) → Get Many captions (v2, By ID) → Get video (v1 text field)', async () => {
		standin = await PeerTubeStandin.start();
		standin.addUser({ username: 'maker', password: 'Maker-passw0rd-1', role: 'user' });
		const [video] = standin.addVideos(1, { channelName: 'maker_channel', name: 'Talk with captions' });
		files = createServer((req, res) => {
			if (req.url === '/subs/fr.vtt') {
				res.writeHead(200, { 'content-type': 'text/vtt', 'content-length': String(Buffer.byteLength(VTT)) });
				res.end(VTT);
			} else {
				res.writeHead(404).end();
			}
		});
		await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
		const filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;

		sandbox = await N8nSandbox.create('captions', { line });
		await sandbox.importCredential({ instanceUrl: standin.url, username: 'maker', password: 'Maker-passw0rd-1' });
		const workflow = {
			id: 'e2eCaptions0001',
			name: 'Captions e2e',
			active: false,
			settings: { executionOrder: 'v1' },
			nodes: [
				{ id: 'c0000000-0000-4000-8000-000000000001', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
				{
					id: 'c0000000-0000-4000-8000-000000000002',
					name: 'Fetch caption file',
					type: 'n8n-nodes-base.httpRequest',
					typeVersion: 4.2,
					position: [220, 0],
					parameters: { url: `${filesUrl}/subs/fr.vtt`, options: { response: { response: { responseFormat: 'file' } } } },
				},
				{
					id: 'c0000000-0000-4000-8000-000000000003',
					name: 'Upload caption',
					type: 'n8n-nodes-peertube.peerTube',
					typeVersion: 2,
					position: [440, 0],
					credentials,
					parameters: {
						resource: 'videoCaption',
						operation: 'upload',
						videoId: { __rl: true, mode: 'url', value: `${standin.url}/w/${video.shortUUID}` },
						language: 'fr',
					},
				},
				{
					id: 'c0000000-0000-4000-8000-000000000004',
					name: 'List captions',
					type: 'n8n-nodes-peertube.peerTube',
					typeVersion: 2,
					position: [660, 0],
					credentials,
					parameters: { resource: 'videoCaption', operation: 'getAll', videoId: { __rl: true, mode: 'id', value: String(video.id) }, returnAll: true },
				},
				{
					id: 'c0000000-0000-4000-8000-000000000005',
					name: 'Get video (v1)',
					type: 'n8n-nodes-peertube.peerTube',
					typeVersion: 1,
					position: [880, 0],
					credentials,
					parameters: { resource: 'video', operation: 'get', videoId: video.uuid },
				},
			],
			connections: {
				Start: { main: [[{ node: 'Fetch caption file', type: 'main', index: 0 }]] },
				'Fetch caption file': { main: [[{ node: 'Upload caption', type: 'main', index: 0 }]] },
				'Upload caption': { main: [[{ node: 'List captions', type: 'main', index: 0 }]] },
				'List captions': { main: [[{ node: 'Get video (v1)', type: 'main', index: 0 }]] },
			},
		};

		const result = await sandbox.execute(await sandbox.importWorkflow(workflow));
		expect(result.output).not.toMatch(/node has issues|NodeOperationError|NodeApiError/);
		expect(result.code).toBe(0);

		expect(itemsOf(result.run, 'Upload caption')).toEqual([expect.objectContaining({ language: { id: 'fr', label: 'French' } })]);
		expect(itemsOf(result.run, 'List captions')).toEqual([expect.objectContaining({ language: { id: 'fr', label: 'French' } })]);
		expect(itemsOf(result.run, 'Get video (v1)')).toEqual([expect.objectContaining({ uuid: video.uuid, name: 'Talk with captions' })]);

		const put = standin.requests.find((r) => r.method === 'PUT')!;
		expect(put.path).toBe(`/api/v1/videos/${video.shortUUID}/captions/fr`);
		expect(captionsOf(standin, video.id).get('fr')).toEqual(expect.objectContaining({ mimetype: 'text/vtt' }));
		expect(captionsOf(standin, video.id).get('fr')!.data.toString()).toBe(VTT);
		expect(tokenGrants(standin.requests)).toEqual(['password']);
	});
}, ['2.x']);
