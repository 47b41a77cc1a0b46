import type { NodeParameterValueType } from 'n8n-workflow';

import { parseMultipart } from '../../../../../standin/multipart.cjs';
import { addCaption, captionsOf, finishTranscription, isBeingTranscribed, setTranscriptionEnabled } from '../../../../../standin/routes/captions.cjs';
import { ADMIN, credentialData, type Instance, run, startInstance, storeWith, USER } from '../../../../helpers/fixture.cjs';
import { byId, byUrl, runV2 } from '../video/locator.helpers.cjs';

const VTT = 'WEBVTT\n\n00:00.000 --> 00:02.000\nBonjour\n';
const SRT = '1\n00:00:00,000 --> 00:00:02,000\nHello\n';

const binaryItem = (text: string, fileName: string, mimeType: string, property = 'data') => ({
	json: {},
	binary: { [property]: { data: Buffer.from(text).toString('base64'), mimeType, fileName } },
});

describe('Video Caption', () => {
	let instance: Instance;
	let video: { id: number; uuid: string; shortUUID: string };

	const start = async (serverVersion = '7.0.0') => {
		instance = await startInstance({ serverVersion });
		[video] = instance.server.addVideos(1, { channelName: 'alice_channel' });
	};
	afterEach(async () => await instance.server.close());

	const store = () => storeWith(credentialData(instance.server, USER));
	const apiCalls = () => instance.server.requests.filter((r) => !['/api/v1/oauth-clients/local', '/api/v1/users/token'].includes(r.path));
	const calls = () => apiCalls().map((r) => `${r.method} ${r.path}`);

	describe('Get Many', () => {
		beforeEach(async () => await start());
		const getAll = (videoId: NodeParameterValueType, extra: Record<string, NodeParameterValueType> = {}) => ({
			resource: 'videoCaption',
			operation: 'getAll',
			videoId,
			returnAll: true,
			...extra,
		});

		it('lists the captions of a video in one request, one item per caption', async () => {
			addCaption(instance.server, video.id, 'fr', VTT);
			addCaption(instance.server, video.id, 'en', VTT, true);
			const result = await runV2(getAll(byUrl(`${instance.server.url}/w/${video.shortUUID}`)), store());
			expect(result.error).toBeUndefined();
			expect(calls()).toEqual([`GET /api/v1/videos/${video.shortUUID}/captions`]);
			expect(apiCalls()[0].query).toEqual({});
			expect(result.items.map((i) => i.json)).toEqual([
				expect.objectContaining({ language: { id: 'en', label: 'English' }, automaticallyGenerated: true, fileUrl: expect.stringMatching(/en\.vtt$/) }),
				expect.objectContaining({ language: { id: 'fr', label: 'French' }, automaticallyGenerated: false }),
			]);
			expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		});

		it('Limit keeps the first captions, still one request', async () => {
			for (const language of ['de', 'en', 'fr']) addCaption(instance.server, video.id, language, VTT);
			const result = await runV2(getAll(byId(video.id), { returnAll: false, limit: 2 }), store());
			expect(result.items.map((i) => (i.json.language as { id: string }).id)).toEqual(['de', 'en']);
			expect(calls()).toEqual([`GET /api/v1/videos/${video.id}/captions`]);
		});

		it('no caption: no item', async () => {
			const result = await runV2(getAll(byId(video.id)), store());
			expect(result.error).toBeUndefined();
			expect(result.items).toEqual([]);
		});

		it('an unknown video says so', async () => {
			const result = await runV2(getAll(byId(424242)), store());
			expect(result.error?.message).toBe('There is no video "424242" on this PeerTube instance: check Video');
		});

		it('a Limit below 1 is refused before any request', async () => {
			const result = await runV2(getAll(byId(video.id), { returnAll: false, limit: '={{ 0 }}' }), store());
			expect(result.error?.message).toBe('Limit must be a whole number of at least 1 (got 0)');
			expect(instance.server.requests).toHaveLength(0);
		});
	});

	describe('Upload', () => {
		beforeEach(async () => await start());
		const upload = (language: string, extra: Record<string, NodeParameterValueType> = {}) => ({
			resource: 'videoCaption',
			operation: 'upload',
			videoId: byId(video.id) as never,
			language,
			...extra,
		});

		it('PUTs the .vtt file as multipart captionfile, and outputs the caption as stored', async () => {
			const result = await runV2(upload('fr'), store(), { items: [binaryItem(VTT, 'bonjour.vtt', 'text/vtt')] });
			expect(result.error).toBeUndefined();
			expect(calls()).toEqual([`PUT /api/v1/videos/${video.id}/captions/fr`, `GET /api/v1/videos/${video.id}/captions`]);
			const [put] = apiCalls();
			expect(put.status).toBe(204);
			const form = parseMultipart(put.body, String(put.headers['content-type']));
			expect(form.fields).toEqual([]);
			expect(form.files.map((f) => ({ field: f.field, filename: f.filename, mimetype: f.mimetype, data: f.data.toString() }))).toEqual([
				{ field: 'captionfile', filename: 'bonjour.vtt', mimetype: 'text/vtt', data: VTT },
			]);
			expect(captionsOf(instance.server, video.id).get('fr')?.data.toString()).toBe(VTT);
			expect(result.items).toEqual([
				{ json: expect.objectContaining({ language: { id: 'fr', label: 'French' }, automaticallyGenerated: false }), pairedItem: { item: 0 } },
			]);
		});

		it('an .srt file goes as application/x-subrip whatever n8n guessed, and replaces the same language', async () => {
			addCaption(instance.server, video.id, 'en', VTT);
			const result = await runV2(upload('en', { binaryPropertyName: 'subs' }), store(), {
				items: [binaryItem(SRT, 'hello.srt', 'application/octet-stream', 'subs')],
			});
			expect(result.error).toBeUndefined();
			const form = parseMultipart(apiCalls()[0].body, String(apiCalls()[0].headers['content-type']));
			expect(form.files.map((f) => [f.field, f.filename, f.mimetype, f.data.toString()])).toEqual([['captionfile', 'hello.srt', 'application/x-subrip', SRT]]);
			expect(captionsOf(instance.server, video.id).size).toBe(1);
			expect(captionsOf(instance.server, video.id).get('en')?.data.toString()).toBe(SRT);
		});

		it.each([
			['a file that is no caption', [binaryItem('%PDF', 'notes.pdf', 'application/pdf')], {}, 'The caption file must be WebVTT (.vtt) or SubRip (.srt); "notes.pdf" is application/pdf: convert it, or check Input Binary Field'],
			['a missing binary property', [{ json: {} }], {}, 'Input Binary Field "data" does not exist on the input item: check the name, or read the caption file with a node before'],
			['an empty file', [binaryItem('', 'empty.vtt', 'text/vtt')], {}, 'The caption file "empty.vtt" is empty (0 bytes): check Input Binary Field'],
			['an empty language', [binaryItem(VTT, 'a.vtt', 'text/vtt')], { language: '={{ "" }}' }, 'Language is empty: choose the language of the caption (a code such as en or fr)'],
			['a language that is no code', [binaryItem(VTT, 'a.vtt', 'text/vtt')], { language: 'French!' }, 'Language "French!" is not a language code such as en, fr or pt-br'],
		])('%s is refused before any request', async (_label, items, extra, message) => {
			const result = await runV2({ ...upload('fr'), ...extra }, store(), { items });
			expect(result.error?.message).toBe(message);
			expect(instance.server.requests).toHaveLength(0);
		});

		it('Language left empty in the editor: n8n refuses to run the node', async () => {
			const result = await runV2(upload(''), store(), { items: [binaryItem(VTT, 'a.vtt', 'text/vtt')] });
			expect(result.error?.message).toMatch(/^The 'PeerTube' node has issues:\n\s*- Parameter "Language Name or ID" is required\.$/);
			expect(instance.server.requests).toHaveLength(0);
		});

		it('a language PeerTube does not know: its answer names the field', async () => {
			const result = await runV2(upload('xx'), store(), { items: [binaryItem(VTT, 'a.vtt', 'text/vtt')] });
			expect(result.error?.message).toBe('PeerTube rejected the request (HTTP 400): Incorrect request parameters: captionLanguage');
			expect(result.error?.description).toMatch(/captionLanguage: Invalid value/);
			expect(captionsOf(instance.server, video.id).size).toBe(0);
		});

		it("another user's video: 403 with what is missing", async () => {
			const [adminVideo] = instance.server.addVideos(1, { channelName: 'root_channel' });
			const result = await runV2({ ...upload('fr'), videoId: byId(adminVideo.id) as never }, store(), { items: [binaryItem(VTT, 'a.vtt', 'text/vtt')] });
			expect(result.error?.message).toBe(
				"PeerTube refused to add the caption: the credential's account does not own this video (and is not a moderator): use a credential of the video's owner or of a moderator",
			);
			expect(captionsOf(instance.server, adminVideo.id).size).toBe(0);
		});

		it('Continue On Fail: each item its caption or its error, paired', async () => {
			const items = [binaryItem(VTT, 'a.vtt', 'text/vtt'), binaryItem('x', 'a.txt', 'text/plain'), binaryItem(SRT, 'b.srt', 'application/x-subrip')];
			const result = await runV2(upload('={{ ["fr", "de", "en"][$itemIndex] }}'), store(), { items, continueOnFail: true });
			expect(result.items.map((i) => (i.json.language as { id: string } | undefined)?.id ?? i.json.error)).toEqual([
				'fr',
				'The caption file must be WebVTT (.vtt) or SubRip (.srt); "a.txt" is text/plain: convert it, or check Input Binary Field',
				'en',
			]);
			expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect([...captionsOf(instance.server, video.id).keys()].sort()).toEqual(['en', 'fr']);
		});
	});

	describe('Delete', () => {
		beforeEach(async () => await start());
		const del = (language: string, videoId: unknown = byId(video.id)) => ({ resource: 'videoCaption', operation: 'delete', videoId: videoId as never, language });

		it('deletes one language and answers { deleted: true, id, videoId }', async () => {
			addCaption(instance.server, video.id, 'fr', VTT);
			addCaption(instance.server, video.id, 'en', VTT);
			const result = await runV2(del('fr'), store());
			expect(result.error).toBeUndefined();
			expect(calls()).toEqual([`DELETE /api/v1/videos/${video.id}/captions/fr`]);
			expect(apiCalls()[0].body).toHaveLength(0);
			expect(result.items).toEqual([{ json: { deleted: true, id: 'fr', videoId: video.id }, pairedItem: { item: 0 } }]);
			expect([...captionsOf(instance.server, video.id).keys()]).toEqual(['en']);
		});

		it('a language the video has no caption in: 404 naming both fields', async () => {
			const result = await runV2(del('de'), store());
			expect(result.error?.message).toBe(`PeerTube found no "de" caption on video "${video.id}": check Video and Language (Get Many lists the video's captions)`);
			expect(result.error?.description).toBe('Video caption not found');
		});

		it('version 1 text Video works too', async () => {
			addCaption(instance.server, video.id, 'fr', VTT);
			const result = await run(del('fr', video.uuid), store());
			expect(result.error).toBeUndefined();
			expect(calls()).toEqual([`DELETE /api/v1/videos/${video.uuid}/captions/fr`]);
			expect(captionsOf(instance.server, video.id).size).toBe(0);
		});
	});

	describe('Generate', () => {
		const generate = (extra: Record<string, NodeParameterValueType> = {}) => ({
			resource: 'videoCaption',
			operation: 'generate',
			videoId: byId(video.id) as never,
			...extra,
		});

		it('asks PeerTube to transcribe the video (6.2+)', async () => {
			await start('6.2.0');
			const result = await runV2(generate(), store());
			expect(result.error).toBeUndefined();
			expect(calls()).toEqual(['GET /api/v1/config', `POST /api/v1/videos/${video.id}/captions/generate`]);
			expect(apiCalls()[1].body).toHaveLength(0);
			expect(apiCalls()[1].status).toBe(204);
			expect(result.items).toEqual([{ json: { transcriptionRequested: true, videoId: video.id }, pairedItem: { item: 0 } }]);
			expect(isBeingTranscribed(instance.server, video.id)).toBe(true);
		});

		it('on PeerTube 6.1 it says which version it needs, without trying', async () => {
			await start('6.1.0');
			const result = await runV2(generate(), store());
			expect(result.error?.message).toBe('Caption generation (automatic transcription) needs PeerTube 6.2 or newer; this instance runs 6.1.0');
			expect(calls()).toEqual(['GET /api/v1/config']);
		});

		it('a second request while the job runs: 409 says to wait', async () => {
			await start();
			await runV2(generate(), store());
			const result = await runV2(generate(), store());
			expect(result.error?.message).toBe('This video is already being transcribed: wait for the transcription job to finish (its caption then appears in Get Many)');
			expect(result.error?.httpCode).toBe('409');
		});

		it('a video that already has captions: says so', async () => {
			await start();
			addCaption(instance.server, video.id, 'fr', VTT);
			const result = await runV2(generate(), store());
			expect(result.error?.message).toBe('This video already has captions: PeerTube only transcribes videos without captions. Delete its captions first, or keep them');
			expect(isBeingTranscribed(instance.server, video.id)).toBe(false);
		});

		it('transcription disabled on the instance: says who can enable it', async () => {
			await start();
			setTranscriptionEnabled(instance.server, false);
			const result = await runV2(generate(), store());
			expect(result.error?.message).toBe(
				'Automatic transcription is disabled on this PeerTube instance: an administrator must enable it (Administration → Configuration → VOD → Transcription), or upload a caption file instead',
			);
		});

		it('Force Transcription: sent for an administrator, refused with a clear message otherwise', async () => {
			await start();
			const forced = await runV2(generate({ options: { forceTranscription: true } }), storeWith(credentialData(instance.server, ADMIN)));
			expect(forced.error).toBeUndefined();
			expect(JSON.parse(apiCalls().find((r) => r.path.endsWith('/generate'))!.body.toString())).toEqual({ forceTranscription: true });
			finishTranscription(instance.server, video.id);
			captionsOf(instance.server, video.id).clear();
			const refused = await runV2(generate({ options: { forceTranscription: true } }), store());
			expect(refused.error?.message).toBe('Only administrators can force a transcription: turn off Force Transcription, or use an administrator credential');
		});

		it('Continue On Fail keeps going after a refused video', async () => {
			await start();
			const [second] = instance.server.addVideos(1, { channelName: 'alice_channel' });
			addCaption(instance.server, video.id, 'fr', VTT);
			const items = [{ json: { v: video.id } }, { json: { v: second.id } }];
			const result = await runV2({ ...generate(), videoId: byId('={{ $json.v }}') as never }, store(), { items, continueOnFail: true });
			expect(result.items.map((i) => i.json.error ?? i.json.videoId)).toEqual([
				'This video already has captions: PeerTube only transcribes videos without captions. Delete its captions first, or keep them',
				second.id,
			]);
			expect(calls().filter((c) => c === 'GET /api/v1/config')).toHaveLength(1);
		});
	});
});
