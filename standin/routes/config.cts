/** GET /api/v1/config and /api/v1/ping. */
import { VIDEO_EXTENSIONS } from '../data.cjs';
import type { Route, Ctx } from '../http.cjs';
import type { PeerTubeStandin } from '../server.cjs';
import { channelSyncState } from './channelSyncs.cjs';
import { importsEnabled } from './imports.cjs';
import { videoFileUpdateEnabled } from './replaceFile.cjs';

function getConfig(s: PeerTubeStandin, ctx: Ctx): void {
	const imports = importsEnabled(s);
	s.sendJson(ctx, 200, {
		serverVersion: s.serverVersion,
		serverCommit: 'standin',
		instance: {
			name: 'PeerTube stand-in',
			shortDescription: 'A PeerTube stand-in for tests and demos',
			isNSFW: false,
			defaultNSFWPolicy: 'display',
			defaultClientRoute: '/videos/browse',
			customizations: { javascript: '', css: '' },
		},
		signup: { allowed: false, allowedForCurrentIP: false, requiresEmailVerification: false, requiresApproval: true, minimumAge: 16 },
		transcoding: { hls: { enabled: true }, web_videos: { enabled: false }, enabledResolutions: [240, 480, 720] },
		live: { enabled: false },
		// the instance's video_file.update.enabled (PeerTube's default: false), as set by the tests
		videoFile: { update: { enabled: videoFileUpdateEnabled(s) } },
		// the instance's import.videos.* and import.video_channel_synchronization.enabled, as set by the tests
		import: {
			videos: { http: { enabled: imports.http }, torrent: { enabled: imports.torrent } },
			videoChannelSynchronization: { enabled: channelSyncState(s).enabled },
		},
		video: {
			image: { extensions: ['.png', '.jpg', '.jpeg', '.webp'], size: { max: 8 * 1024 * 1024 } },
			file: { extensions: VIDEO_EXTENSIONS },
		},
		user: { videoQuota: -1, videoQuotaDaily: -1 },
		client: {
			videos: {
				miniature: { preferAuthorDisplayName: false, displayAuthorAvatar: false },
				resumableUpload: { maxChunkSize: s.maxChunkSize },
			},
			menu: { login: { redirectOnSingleExternalAuth: false } },
		},
		plugin: { registered: [], registeredExternalAuths: [], registeredIdAndPassAuths: [] },
		theme: { registered: [], default: 'default' },
	});
}

export const configRoutes: Route[] = [
	// res.send('pong'): Express types a string body as HTML.
	{ method: 'GET', path: /^\/api\/v1\/ping$/, handle: (s, ctx) => s.send(ctx, 200, 'pong', { 'content-type': 'text/html; charset=utf-8' }) },
	{ method: 'GET', path: /^\/api\/v1\/config$/, doc: 'getConfig', handle: (s, ctx) => getConfig(s, ctx) },
];
