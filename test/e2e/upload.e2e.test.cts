/**
 * Video → Upload in real n8n (2.x: filesystem binary data mode, n8n's default there): n8n's HTTP
 * Request node downloads a file, the PeerTube node uploads it with Wait Until Published, then a
 * PeerTube Update changes it. The workflow is examples/4-upload-from-url.json plus the Update.
 */
import { createHash, randomBytes } from 'crypto';
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';

import { PeerTubeStandin } from '../../standin/server.cjs';
import { N8nSandbox, describeEachLine, itemsOf, readExample, tokenGrants } from './harness.cjs';

const MINUTE = 60_000;
const SIZE = 3 * 1024 * 1024 + 123; // several chunks at the stand-in's 1 MiB hint

describeEachLine(
	'Video → Upload in real n8n',
	(line) => {
		let standin: PeerTubeStandin;
		let sandbox: N8nSandbox;
		let files: Server;

		afterEach(async () => {
			await standin?.close();
			sandbox?.dispose();
			await new Promise((resolve) => files?.close(resolve));
		});

		test('downloads a file with HTTP Request, uploads it (Wait Until Published), updates it', async () => {
			const bytes = randomBytes(SIZE);
			const sha256 = createHash('sha256').update(bytes).digest('hex');
			// the stand-in serves no media files (/static answers 404): a plain file server plays the source
			files = createServer((req, res) => {
				if (req.url !== '/media/spring-concert.mp4') return void res.writeHead(404).end();
				res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(bytes.length) }).end(bytes);
			});
			await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
			const fileUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}/media/spring-concert.mp4`;

			standin = await PeerTubeStandin.start({ maxChunkSize: 1024 * 1024 });
			standin.addUser({ username: 'alice', password: 'alice-pass-phrase', role: 'user' });
			// the stand-in keeps uploads "To transcode": play the transcoder on the second read
			const server = standin as unknown as { formatVideoDetails: (v: { state: number; file?: unknown }) => Record<string, unknown> };
			const format = server.formatVideoDetails.bind(standin);
			let reads = 0;
			server.formatVideoDetails = (v) => {
				if (v.file && v.state === 2 && ++reads >= 2) v.state = 1;
				const json = format(v);
				if (v.file && v.state === 1) json.files = [{ resolution: { id: 720, label: '720p' }, size: SIZE }];
				return json;
			};

			sandbox = await N8nSandbox.create('upload', { line });
			await sandbox.importCredential({ instanceUrl: standin.url, username: 'alice', password: 'alice-pass-phrase' });
			const workflow = readExample('4-upload-from-url.json');
			const source = workflow.nodes.find((n: { name: string }) => n.name === 'Video to publish');
			source.parameters.assignments.assignments[0].value = fileUrl;
			// then an Update of the uploaded video
			workflow.nodes.push({
				id: '00000000-0000-4000-8000-0000000000e1',
				name: 'Rename',
				type: 'n8n-nodes-peertube.peerTube',
				typeVersion: 2,
				position: [880, 200],
				parameters: {
					resource: 'video',
					operation: 'update',
					videoId: { __rl: true, mode: 'id', value: '={{ $json.uuid }}' },
					updateFields: { name: '={{ $json.name + " (full recording)" }}' },
				},
				credentials: { peerTubeApi: { id: 'ptDemoCredential', name: 'PeerTube demo (local stand-in)' } },
			});
			workflow.connections['Upload to PeerTube'].main[0].push({ node: 'Rename', type: 'main', index: 0 });

			const result = await sandbox.execute(await sandbox.importWorkflow(workflow));
			expect(result.run?.data.resultData.error).toBeUndefined();
			expect(result.code).toBe(0);

			// byte-identical on the stand-in, one video, no session left, chunks of the hint
			const videos = [...standin.videos.values()];
			expect(videos).toHaveLength(1);
			expect(videos[0].file?.sha256).toBe(sha256);
			expect(videos[0].file?.filename).toBe('spring-concert.mp4');
			expect(standin.uploadSessions()).toHaveLength(0);
			const puts = standin.requests.filter((r) => r.method === 'PUT' && r.path === '/api/v1/videos/upload-resumable');
			expect(puts.map((r) => r.headers['content-range'])).toEqual([
				`bytes 0-1048575/${SIZE}`,
				`bytes 1048576-2097151/${SIZE}`,
				`bytes 2097152-3145727/${SIZE}`,
				`bytes 3145728-${SIZE - 1}/${SIZE}`,
			]);

			const uploaded = itemsOf(result.run, 'Upload to PeerTube');
			expect(uploaded).toHaveLength(1);
			expect(uploaded[0]).toMatchObject({ uuid: videos[0].uuid, name: 'Spring concert', state: 'Published', stateId: 1 });
			const announcement = itemsOf(result.run, 'Compose announcement');
			expect(announcement[0].announcement).toBe(`New video: Spring concert\n${uploaded[0].url}`);
			expect(announcement[0].state).toBe('Published');
			const renamed = itemsOf(result.run, 'Rename');
			expect(renamed[0].name).toBe('Spring concert (full recording)');
			expect(videos[0].name).toBe('Spring concert (full recording)');
			// one login for the whole run
			expect(tokenGrants(standin.requests)).toEqual(['password']);
		}, 5 * MINUTE);
	},
	['2.x'],
);
