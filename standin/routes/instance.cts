/**
 * Instance information beside /config (config.cts): `GET /config/about` (public, `controllers/api/config.ts`)
 * and `GET /server/stats` (public, cached, `controllers/api/server/stats.ts`).
 */
import { Route } from '../http.cjs';
import { commentsOf } from './comments.cjs';

export const instanceRoutes: Route[] = [
	{
		method: 'GET',
		path: /^\/api\/v1\/config\/about$/,
		handle(s, ctx) {
			s.sendJson(ctx, 200, {
				instance: {
					name: 'PeerTube stand-in',
					shortDescription: 'A PeerTube stand-in for tests and demos',
					description: 'Plays PeerTube for the tests of n8n-nodes-peertube.',
					terms: 'Be nice.',
					codeOfConduct: '',
					hardwareInformation: '',
					creationReason: '',
					moderationInformation: '',
					administrator: '',
					maintenanceLifetime: '',
					businessModel: '',
					languages: ['en'],
					categories: [],
					serverCountry: '',
					support: { text: '' },
					social: { externalLink: '', mastodonLink: '', blueskyLink: '' },
					avatars: [],
					banners: [],
				},
			});
		},
	},
	{
		method: 'GET',
		path: /^\/api\/v1\/server\/stats$/,
		handle(s, ctx) {
			s.auth(ctx, false);
			const videos = [...s.videos.values()];
			const local = videos.filter((v) => v.isLocal);
			// PeerTube's getStats: comments neither deleted nor held for review
			const comments = commentsOf(s).filter((c) => c.deletedAt === null && !c.heldForReview);
			s.sendJson(ctx, 200, {
				totalUsers: s.users.size,
				totalDailyActiveUsers: 0,
				totalWeeklyActiveUsers: 0,
				totalMonthlyActiveUsers: 0,
				totalModerators: [...s.users.values()].filter((u) => u.role === 'moderator').length,
				totalAdmins: [...s.users.values()].filter((u) => u.role === 'admin').length,
				totalLocalVideos: local.length,
				totalLocalVideoViews: local.reduce((sum, v) => sum + v.views, 0),
				totalLocalVideoComments: comments.filter((c) => s.videos.get(c.videoId)?.isLocal).length,
				totalLocalVideoFilesSize: local.reduce((sum, v) => sum + (v.file?.size ?? 0), 0),
				totalVideos: videos.length,
				totalVideoComments: comments.length,
				totalLocalVideoChannels: s.channels.size,
				totalLocalDailyActiveVideoChannels: 0,
				totalLocalWeeklyActiveVideoChannels: 0,
				totalLocalMonthlyActiveVideoChannels: 0,
				totalLocalPlaylists: 0,
				totalInstanceFollowers: 0,
				totalInstanceFollowing: 0,
				videosRedundancy: [],
				totalActivityPubMessagesProcessed: 0,
				totalActivityPubMessagesSuccesses: 0,
				totalActivityPubMessagesErrors: 0,
				activityPubMessagesProcessedPerSecond: 0,
				totalActivityPubMessagesWaiting: 0,
			});
		},
	},
];
