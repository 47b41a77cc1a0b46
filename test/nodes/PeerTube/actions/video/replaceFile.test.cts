/**
 * Video → Replace File through n8n-core: the checks made before any byte is sent. (The stand-in
 * does not implement `/videos/{id}/source/replace-resumable` yet, nor versions before 6.0: the last
 * test shows what a user gets from an instance without the route; the version gate is requireVersion.)
 */
import { videoItem } from '../../../../helpers/binary.cjs';
import { credentialData, run, startInstance, storeWith, USER, type Instance } from '../../../../helpers/fixture.cjs';
import { resetPacing } from '../../../../../nodes/PeerTube/transport/pacing';

let instance: Instance;

afterEach(async () => {
	await instance?.server.close();
	resetPacing();
});

const store = () => storeWith(credentialData(instance.server, USER));
const replace = (videoId: string) => ({ resource: 'video', operation: 'replaceFile', videoId: { __rl: true, mode: 'id', value: videoId } });
const replaceRequests = () => instance.server.requests.filter((r) => /\/source\/replace-resumable$/.test(r.path));

describe('Video → Replace File', () => {
	it('an unknown video: the Video field is named, nothing sent', async () => {
		instance = await startInstance();
		const { item } = await videoItem('default', 3000);
		const result = await run(replace('987654'), store(), { items: [item] });
		expect(result.error?.message).toBe('There is no video "987654" on this PeerTube instance: check Video');
		expect(replaceRequests()).toHaveLength(0);
	});

	it('a file type the instance does not accept: refused before sending', async () => {
		instance = await startInstance();
		const [video] = instance.server.addVideos(1, { channelName: 'alice_channel' });
		const { item } = await videoItem('default', 3000, { fileName: 'slides.pdf', mimeType: 'application/pdf' });
		const result = await run(replace(String(video.id)), store(), { items: [item] });
		expect(result.error?.message).toMatch(/^This PeerTube instance does not accept \.pdf files \("slides\.pdf"\)/);
		expect(replaceRequests()).toHaveLength(0);
	});

	it('an instance without the route answers with its catch-all: a clear message, no chunk sent', async () => {
		instance = await startInstance();
		const [video] = instance.server.addVideos(1, { channelName: 'alice_channel' });
		const { item } = await videoItem('default', 3000);
		const result = await run(replace(String(video.id)), store(), { items: [item] });
		expect(result.error?.message).toMatch(/has no API route POST \/api\/v1\/videos\/[0-9a-f-]{36}\/source\/replace-resumable/);
		expect(replaceRequests().filter((r) => r.method === 'PUT')).toHaveLength(0);
	});
});
