import { credentialData, type Instance, run, startInstance, storeWith, USER } from '../../../../helpers/fixture.cjs';
import { storeBinary } from '../../../../helpers/binary.cjs';
import { channelState } from '../../../../../standin/routes/channels.cjs';
import { apiCalls, expectNoSecrets, multipartOf, rl, writes } from './shared.cjs';

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(300, 7)]);

describe.each(['avatar', 'banner'] as const)('Channel → Set %s', (kind) => {
	let instance: Instance;
	beforeEach(async () => (instance = await startInstance()));
	afterEach(async () => await instance.server.close());
	const store = () => storeWith(credentialData(instance.server, USER));
	const operation = kind === 'avatar' ? 'setAvatar' : 'setBanner';
	const params = (binaryPropertyName = 'picture') => ({ resource: 'channel', operation, channel: rl('alice_channel'), binaryPropertyName });

	it.each(['default', 'filesystem'] as const)('posts the image (%s binary mode) as the only multipart field', async (mode) => {
		const picture = await storeBinary(mode, PNG, { fileName: 'me.png', mimeType: 'image/png' });
		const result = await run(params(), store(), { items: [{ json: {}, binary: { picture } }] });
		expect(result.error).toBeUndefined();
		const [post] = writes(instance.server);
		expect([post.method, post.path, post.status]).toEqual(['POST', `/api/v1/video-channels/alice_channel/${kind}/pick`, 200]);
		const multipart = multipartOf(post);
		expect(multipart.fields).toEqual([]);
		expect(multipart.files.map((f) => [f.field, f.filename, f.mimetype])).toEqual([[`${kind}file`, 'me.png', 'image/png']]);
		expect(multipart.files[0].data.equals(PNG)).toBe(true);
		const images = result.items[0].json[kind === 'avatar' ? 'avatars' : 'banners'] as Array<{ width: number }>;
		expect(result.items[0].json.channel).toBe('alice_channel');
		expect(images.length).toBeGreaterThan(0);
		expect(channelState(instance.server).uploads).toEqual([expect.objectContaining({ kind, size: PNG.length })]);
		// the channel now shows the image
		const get = await run({ resource: 'channel', operation: 'get', channel: rl('alice_channel') }, store());
		expect(get.items[0].json[kind === 'avatar' ? 'avatarUrl' : 'bannerUrl']).toMatch(/^http:\/\/.+\.jpg$/);
	});

	it('a missing binary field or a non-image is refused before any request', async () => {
		let result = await run(params('nothing'), store(), { continueOnFail: true });
		expect(result.items[0].json.error).toBe('Input Binary Field "nothing" does not exist on the input item: check the name, or add the image with a node before');
		const text = await storeBinary('default', Buffer.from('hello'), { fileName: 'a.txt', mimeType: 'text/plain' });
		result = await run(params(), store(), { items: [{ json: {}, binary: { picture: text } }], continueOnFail: true });
		expect(result.items[0].json.error).toBe(`The ${kind} must be a PNG, JPEG or WebP image (the binary field "picture" is text/plain)`);
		expect(apiCalls(instance.server)).toEqual([]);
	});

	it('another user\'s channel: 403, nothing stored', async () => {
		const picture = await storeBinary('default', PNG, { fileName: 'me.png', mimeType: 'image/png' });
		const result = await run({ ...params(), channel: rl('root_channel') }, store(), { items: [{ json: {}, binary: { picture } }], continueOnFail: true });
		expect(String(result.items[0].json.error)).toMatch(/does not own this channel/);
		expect(channelState(instance.server).uploads).toEqual([]);
		expectNoSecrets(instance.server, result);
	});
});
