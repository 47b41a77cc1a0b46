import { buildMultipart, parseHandle, parseVideoId, splitList } from '../../../../nodes/PeerTube/helpers/video';

describe('parseVideoId', () => {
	it.each([
		['42', '42'],
		[' 7 ', '7'],
		['9c9de5e8-0a1e-484a-b099-e80766180a6d', '9c9de5e8-0a1e-484a-b099-e80766180a6d'],
		['9C9DE5E8-0A1E-484A-B099-E80766180A6D', '9c9de5e8-0a1e-484a-b099-e80766180a6d'],
		['kkGMgK9ZtnKfYAgnEtQxbv', 'kkGMgK9ZtnKfYAgnEtQxbv'],
		['https://videos.example.org/w/kkGMgK9ZtnKfYAgnEtQxbv', 'kkGMgK9ZtnKfYAgnEtQxbv'],
		['https://videos.example.org/w/kkGMgK9ZtnKfYAgnEtQxbv?start=1m', 'kkGMgK9ZtnKfYAgnEtQxbv'],
		['https://videos.example.org/videos/watch/9c9de5e8-0a1e-484a-b099-e80766180a6d', '9c9de5e8-0a1e-484a-b099-e80766180a6d'],
		['https://videos.example.org/videos/embed/9c9de5e8-0a1e-484a-b099-e80766180a6d', '9c9de5e8-0a1e-484a-b099-e80766180a6d'],
	])('%s → %s', (input, expected) => {
		expect(parseVideoId(input)).toBe(expected);
	});

	it.each(['', '0', '-3', '1.5', 'not a video', 'https://videos.example.org/w/p/kkGMgK9ZtnKfYAgnEtQxbv', 'https://videos.example.org/c/chan', 'https://x/w/../../etc'])(
		'rejects %j',
		(input) => {
			expect(parseVideoId(input)).toBeUndefined();
		},
	);
});

describe('parseHandle', () => {
	it.each([
		['my_channel', 'channel', 'my_channel'],
		['@my_channel', 'channel', 'my_channel'],
		['my_channel@videos.example.org', 'channel', 'my_channel@videos.example.org'],
		['https://videos.example.org/c/my_channel/videos', 'channel', 'my_channel'],
		['https://videos.example.org/video-channels/my_channel', 'channel', 'my_channel'],
		['https://videos.example.org/a/alice', 'account', 'alice'],
		['https://videos.example.org/accounts/alice/video-channels', 'account', 'alice'],
	] as const)('%s (%s) → %s', (input, kind, expected) => {
		expect(parseHandle(input, kind)).toBe(expected);
	});

	it.each([['', 'channel'], ['two words', 'channel'], ['https://videos.example.org/a/alice', 'channel'], ['a/b', 'account']] as const)(
		'rejects %j as %s',
		(input, kind) => {
			expect(parseHandle(input, kind)).toBeUndefined();
		},
	);
});

describe('splitList', () => {
	it('trims, drops empty entries and accepts arrays from expressions', () => {
		expect(splitList(' a, b ,,c ')).toEqual(['a', 'b', 'c']);
		expect(splitList(['x ', ' y'])).toEqual(['x', 'y']);
		expect(splitList(undefined)).toEqual([]);
	});
});

describe('buildMultipart', () => {
	it('flattens arrays and objects the way PeerTube parses form fields, and carries files', () => {
		const { body, contentType } = buildMultipart(
			{ name: 'New', tags: ['a1', 'b2'], scheduleUpdate: { updateAt: '2030-01-01T00:00:00.000Z', privacy: 1 }, nsfw: false },
			[{ field: 'thumbnailfile', fileName: 'x".jpg', mimeType: 'image/jpeg', data: Buffer.from([0xff, 0xd8, 0xff]) }],
		);
		const boundary = /boundary=(.+)$/.exec(contentType)![1];
		const text = body.toString('latin1');
		expect(text).toContain(`--${boundary}\r\nContent-Disposition: form-data; name="tags[0]"\r\n\r\na1\r\n`);
		expect(text).toContain('name="tags[1]"\r\n\r\nb2\r\n');
		expect(text).toContain('name="scheduleUpdate[updateAt]"\r\n\r\n2030-01-01T00:00:00.000Z\r\n');
		expect(text).toContain('name="nsfw"\r\n\r\nfalse\r\n');
		expect(text).toContain('name="thumbnailfile"; filename="x_.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff\r\n');
		expect(text.endsWith(`--${boundary}--\r\n`)).toBe(true);
	});
});
