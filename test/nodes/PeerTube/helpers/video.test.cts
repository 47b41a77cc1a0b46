import { buildMultipart, parseHandle, parseVideoId, splitList, toUtcIso } from '../../../../nodes/PeerTube/helpers/video';

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
	const OWN = 'videos.example.org';
	it.each([
		['my_channel', 'channel', 'my_channel'],
		['@my_channel', 'channel', 'my_channel'],
		['my_channel@other.example', 'channel', 'my_channel@other.example'],
		['@my_channel@other.example', 'channel', 'my_channel@other.example'],
		// a full handle naming the instance itself is a local name
		['my_channel@videos.example.org', 'channel', 'my_channel'],
		['my_channel@VIDEOS.example.org', 'channel', 'my_channel'],
		// page URLs on the instance's own host: the local name
		['https://videos.example.org/c/my_channel/videos', 'channel', 'my_channel'],
		['https://videos.example.org/video-channels/my_channel', 'channel', 'my_channel'],
		['https://videos.example.org/a/alice', 'account', 'alice'],
		['https://videos.example.org/accounts/alice/video-channels', 'account', 'alice'],
		// page URLs on another host: that host's actor
		['https://peertube.other.example/c/music_channel/videos', 'channel', 'music_channel@peertube.other.example'],
		['https://peertube.other.example/video-channels/music_channel', 'channel', 'music_channel@peertube.other.example'],
		['https://peertube.other.example/a/bob', 'account', 'bob@peertube.other.example'],
		['https://peertube.other.example/accounts/bob/videos', 'account', 'bob@peertube.other.example'],
		['https://peertube.other.example:8443/a/bob', 'account', 'bob@peertube.other.example:8443'],
		// a page URL carrying a full handle keeps it
		['https://videos.example.org/c/music_channel@third.example/videos', 'channel', 'music_channel@third.example'],
	] as const)('%s (%s) → %s', (input, kind, expected) => {
		expect(parseHandle(input, kind, OWN)).toBe(expected);
	});

	it('without the instance host, every page URL keeps its host', () => {
		expect(parseHandle('https://videos.example.org/c/my_channel', 'channel')).toBe('my_channel@videos.example.org');
	});

	it.each([['', 'channel'], ['two words', 'channel'], ['https://videos.example.org/a/alice', 'channel'], ['a/b', 'account'], ['a@b@c', 'account']] as const)(
		'rejects %j as %s',
		(input, kind) => {
			expect(parseHandle(input, kind, OWN)).toBeUndefined();
		},
	);
});

describe('toUtcIso: dates without an offset are in the given (workflow) time zone', () => {
	it.each([
		['2030-01-01T12:00:00', 'America/New_York', '2030-01-01T17:00:00.000Z'],
		['2030-07-01T12:00:00', 'America/New_York', '2030-07-01T16:00:00.000Z'], // summer time
		['2030-01-01T12:00:00', 'Asia/Tokyo', '2030-01-01T03:00:00.000Z'],
		['2030-01-01T12:00:00', 'UTC', '2030-01-01T12:00:00.000Z'],
		['2030-01-01 12:00', 'Europe/Paris', '2030-01-01T11:00:00.000Z'],
		['2030-01-01', 'Asia/Tokyo', '2029-12-31T15:00:00.000Z'],
		['2030-01-01T12:00:00.250', 'UTC', '2030-01-01T12:00:00.250Z'],
		// 02:30 does not exist on 2030-03-10 in New York (clocks jump 02:00 → 03:00)
		['2030-03-10T03:30:00', 'America/New_York', '2030-03-10T07:30:00.000Z'],
		// with an offset or Z the instant is exact, whatever the zone
		['2030-01-01T12:00:00Z', 'Asia/Tokyo', '2030-01-01T12:00:00.000Z'],
		['2030-01-01T12:00:00+02:00', 'America/New_York', '2030-01-01T10:00:00.000Z'],
		['2030-01-01T12:00:00.000-05:00', 'Asia/Tokyo', '2030-01-01T17:00:00.000Z'],
	])('%s in %s → %s', (input, zone, expected) => {
		expect(toUtcIso(input, zone)).toBe(expected);
	});

	it('a Date or a Luxon-like DateTime from an expression is an exact instant', () => {
		expect(toUtcIso(new Date('2030-01-01T12:00:00Z'), 'Asia/Tokyo')).toBe('2030-01-01T12:00:00.000Z');
		expect(toUtcIso({ toISO: () => '2030-01-01T12:00:00.000+09:00' }, 'UTC')).toBe('2030-01-01T03:00:00.000Z');
	});

	it.each(['yesterday-ish', '2030-13-01T00:00:00', '2030-02-31', '01/02/2030 12:00', ''])('%j is not a date', (input) => {
		expect(toUtcIso(input, 'UTC')).toBeUndefined();
	});
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
