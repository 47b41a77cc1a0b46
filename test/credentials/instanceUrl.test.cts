import { normalizeInstanceUrl } from '../../credentials/instanceUrl';

describe('normalizeInstanceUrl', () => {
	it.each([
		['https://videos.example.org', 'https://videos.example.org'],
		['https://videos.example.org/', 'https://videos.example.org'],
		['https://videos.example.org///', 'https://videos.example.org'],
		['  https://videos.example.org  ', 'https://videos.example.org'],
		['https://videos.example.org/api/v1', 'https://videos.example.org'],
		['https://videos.example.org/api/v1/', 'https://videos.example.org'],
		['https://videos.example.org/w/kkGMgK9ZtnKfYAgnEtQxbv', 'https://videos.example.org'],
		['https://videos.example.org/videos/watch/9c9de5e8-0a1e-484a-b099-e80766180a6d?start=10', 'https://videos.example.org'],
		['HTTPS://Videos.Example.org/c/my_channel/videos', 'https://videos.example.org'],
		['http://127.0.0.1:9000/api/v1', 'http://127.0.0.1:9000'],
		['https://videos.example.org:443/', 'https://videos.example.org'],
	])('%s → %s', (input, expected) => {
		expect(normalizeInstanceUrl(input)).toBe(expected);
	});

	it.each([
		['', /Instance URL is empty/],
		['videos.example.org', /has no scheme: write it with https:\/\/.*https:\/\/videos\.example\.org/],
		['ftp://videos.example.org', /uses "ftp:\/\/": PeerTube is reached over https:\/\//],
		['javascript://alert(1)', /uses "javascript:\/\/"/],
		['https://', /not a valid address/],
	])('rejects %j', (input, message) => {
		expect(() => normalizeInstanceUrl(input)).toThrow(message);
	});

	it('never repeats a password pasted into the URL', () => {
		let message = '';
		try {
			normalizeInstanceUrl('https://alice:s3cret-pass@videos.example.org');
		} catch (error) {
			message = (error as Error).message;
		}
		expect(message).toMatch(/must not contain a user name or password/);
		expect(message).not.toContain('s3cret-pass');
	});
});
