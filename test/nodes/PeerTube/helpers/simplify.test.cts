import { absoluteUrl, simplifyChannel, simplifyPlaylist, simplifyVideo } from '../../../../nodes/PeerTube/helpers/simplify';

const BASE = 'https://videos.example.org';

describe('Simplify', () => {
	it('video: the documented keys, absolute URLs, labels flattened (PeerTube 6.x shape)', () => {
		const video = {
			id: 7,
			uuid: '9c9de5e8-0a1e-484a-b099-e80766180a6d',
			shortUUID: 'kBvWMnztb6ovkDVgmJbxRH',
			name: 'Release notes',
			url: `${BASE}/videos/watch/9c9de5e8-0a1e-484a-b099-e80766180a6d`,
			privacy: { id: 1, label: 'Public' },
			state: { id: 1, label: 'Published' },
			duration: 93,
			isLive: false,
			publishedAt: '2025-01-02T00:00:00.000Z',
			createdAt: '2025-01-01T00:00:00.000Z',
			updatedAt: '2025-01-03T00:00:00.000Z',
			originallyPublishedAt: null,
			channel: { id: 3, name: 'news', displayName: 'News', url: `${BASE}/video-channels/news`, host: 'videos.example.org', avatars: [] },
			account: { id: 2, name: 'alice', displayName: 'Alice', url: `${BASE}/accounts/alice`, host: 'videos.example.org' },
			views: 10,
			likes: 2,
			dislikes: 0,
			thumbnailPath: '/lazy-static/thumbnails/x.jpg',
			description: 'not kept',
			files: [],
		};
		expect(simplifyVideo(video, BASE)).toEqual({
			id: 7,
			uuid: video.uuid,
			shortUUID: video.shortUUID,
			name: 'Release notes',
			url: video.url,
			privacy: 'Public',
			privacyId: 1,
			state: 'Published',
			stateId: 1,
			duration: 93,
			isLive: false,
			publishedAt: '2025-01-02T00:00:00.000Z',
			createdAt: '2025-01-01T00:00:00.000Z',
			updatedAt: '2025-01-03T00:00:00.000Z',
			originallyPublishedAt: null,
			channel: { id: 3, name: 'news', handle: 'news@videos.example.org', displayName: 'News', url: `${BASE}/video-channels/news` },
			account: { id: 2, name: 'alice', handle: 'alice@videos.example.org', displayName: 'Alice', url: `${BASE}/accounts/alice` },
			views: 10,
			likes: 2,
			dislikes: 0,
			comments: null,
			thumbnailUrl: `${BASE}/lazy-static/thumbnails/x.jpg`,
		});
	});

	it('video from 8.1: the largest of thumbnails[] (fileUrl), the comment count of 7.2+', () => {
		const simplified = simplifyVideo(
			{
				id: 1,
				comments: 4,
				thumbnails: [
					{ width: 280, fileUrl: `${BASE}/small.jpg` },
					{ width: 1280, fileUrl: `${BASE}/large.jpg` },
				],
				thumbnailPath: '/deprecated.jpg',
			},
			BASE,
		);
		expect(simplified.thumbnailUrl).toBe(`${BASE}/large.jpg`);
		expect(simplified.comments).toBe(4);
		// every key is present even when PeerTube sent almost nothing
		expect(Object.keys(simplifyVideo({})).length).toBe(22);
		expect(simplifyVideo({}).channel).toBeNull();
	});

	it('channel: handle, owner account, the largest avatar, banner', () => {
		const simplified = simplifyChannel(
			{
				id: 3,
				name: 'news',
				host: 'videos.example.org',
				displayName: 'News',
				url: `${BASE}/video-channels/news`,
				description: 'd',
				support: null,
				isLocal: true,
				createdAt: 'c',
				updatedAt: 'u',
				followersCount: 5,
				ownerAccount: { id: 2, name: 'alice', host: 'videos.example.org', displayName: 'Alice', url: `${BASE}/accounts/alice` },
				avatars: [
					{ width: 48, path: '/lazy-static/avatars/48.png' },
					{ width: 600, path: '/lazy-static/avatars/600.png' },
				],
				banners: [{ width: 1920, fileUrl: `${BASE}/b.jpg` }],
			},
			BASE,
		);
		expect(simplified).toEqual({
			id: 3,
			name: 'news',
			handle: 'news@videos.example.org',
			displayName: 'News',
			url: `${BASE}/video-channels/news`,
			description: 'd',
			support: null,
			isLocal: true,
			createdAt: 'c',
			updatedAt: 'u',
			account: { id: 2, name: 'alice', handle: 'alice@videos.example.org', displayName: 'Alice', url: `${BASE}/accounts/alice` },
			followersCount: 5,
			videosCount: null,
			avatarUrl: `${BASE}/lazy-static/avatars/600.png`,
			bannerUrl: `${BASE}/b.jpg`,
		});
	});

	it('playlist: videosLength as videosCount, type and privacy flattened, no channel → null', () => {
		expect(
			simplifyPlaylist(
				{
					id: 9,
					uuid: 'u',
					shortUUID: 's',
					displayName: 'Queue',
					url: `${BASE}/video-playlists/u`,
					description: null,
					privacy: { id: 3, label: 'Private' },
					type: { id: 2, label: 'Watch later' },
					videosLength: 12,
					createdAt: 'c',
					updatedAt: 'u',
					ownerAccount: { id: 2, name: 'alice', host: 'videos.example.org', displayName: 'Alice', url: `${BASE}/accounts/alice` },
					videoChannel: null,
					thumbnailPath: null,
				},
				BASE,
			),
		).toEqual({
			id: 9,
			uuid: 'u',
			shortUUID: 's',
			displayName: 'Queue',
			url: `${BASE}/video-playlists/u`,
			description: null,
			privacy: 'Private',
			privacyId: 3,
			type: 'Watch later',
			typeId: 2,
			videosCount: 12,
			createdAt: 'c',
			updatedAt: 'u',
			channel: null,
			account: { id: 2, name: 'alice', handle: 'alice@videos.example.org', displayName: 'Alice', url: `${BASE}/accounts/alice` },
			thumbnailUrl: null,
		});
	});

	it('absoluteUrl keeps absolute URLs and resolves paths', () => {
		expect(absoluteUrl('https://cdn.example.org/a.jpg', BASE)).toBe('https://cdn.example.org/a.jpg');
		expect(absoluteUrl('/a.jpg', `${BASE}/`)).toBe(`${BASE}/a.jpg`);
		expect(absoluteUrl('', BASE)).toBeNull();
		expect(absoluteUrl(null, BASE)).toBeNull();
	});
});
