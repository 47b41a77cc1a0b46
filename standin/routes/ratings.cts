/**
 * Rating a video (`controllers/api/videos/rate.ts`, validator `validators/videos/video-rates.ts`)
 * and its overall statistics (`controllers/api/videos/stats.ts`, `validators/videos/video-stats.ts`:
 * the video's owner, or a user with the SEE_ALL_VIDEOS right).
 *
 * Test control: `ratingsOf(s, videoId)` → Map of user id to 'like' | 'dislike'.
 */
import { HttpError, Route, validationError } from '../http.cjs';
import type { PeerTubeStandin } from '../server.cjs';
import { InvalidParams, invalid, isDateValid } from '../validate.cjs';
import { jsonBody, videoForRoute } from './comments.cjs';

type Rating = 'like' | 'dislike';

function ratingState(s: PeerTubeStandin): Map<number, Map<number, Rating>> {
	return s.state('ratings', () => new Map<number, Map<number, Rating>>());
}

export function ratingsOf(s: PeerTubeStandin, videoId: number): Map<number, Rating> {
	const state = ratingState(s);
	let map = state.get(videoId);
	if (!map) state.set(videoId, (map = new Map()));
	return map;
}

export const ratingRoutes: Route[] = [
	{
		method: 'PUT',
		path: /^\/api\/v1\/videos\/([^/]+)\/rate$/,
		handle(s, ctx, m) {
			const user = s.auth(ctx, true);
			const body = jsonBody(s, ctx);
			if (!['like', 'dislike', 'none'].includes(body.rating as string)) {
				const errors: InvalidParams = {};
				invalid(errors, 'rating', body.rating, 'Should have a valid rate type');
				throw validationError(errors);
			}
			const video = videoForRoute(s, ctx, m[1], user);
			const ratings = ratingsOf(s, video.id);
			const previous = ratings.get(user.id);
			if (previous === 'like') video.likes--;
			if (previous === 'dislike') video.dislikes--;
			if (body.rating === 'none') ratings.delete(user.id);
			else {
				ratings.set(user.id, body.rating as Rating);
				if (body.rating === 'like') video.likes++;
				else video.dislikes++;
			}
			s.send(ctx, 204);
		},
	},
	{
		method: 'GET',
		path: /^\/api\/v1\/users\/me\/videos\/([^/]+)\/rating$/,
		handle(s, ctx, m) {
			const user = s.auth(ctx, true);
			const video = s.getVideo(decodeURIComponent(m[1]));
			if (!video) throw new HttpError(404, 'Video not found');
			s.sendJson(ctx, 200, { videoId: video.id, rating: ratingsOf(s, video.id).get(user.id) ?? 'none' });
		},
	},
	{
		method: 'GET',
		path: /^\/api\/v1\/videos\/([^/]+)\/stats\/overall$/,
		handle(s, ctx, m) {
			const user = s.auth(ctx, true);
			const errors: InvalidParams = {};
			for (const name of ['startDate', 'endDate']) {
				const raw = ctx.query[name]?.[0];
				if (raw !== undefined && !isDateValid(raw)) invalid(errors, name, raw, 'Invalid value', 'query');
			}
			if (Object.keys(errors).length) throw validationError(errors);
			const video = s.getVideo(decodeURIComponent(m[1]));
			if (!video) throw new HttpError(404, 'Video not found');
			if (!s.canManage(user, video)) throw new HttpError(403, 'Cannot manage a video of another user.');
			s.sendJson(ctx, 200, {
				averageWatchTime: video.views ? Math.round(video.duration / 2) : 0,
				totalWatchTime: video.views * Math.round(video.duration / 2),
				totalViewers: video.views,
				viewersPeak: video.views ? 1 : 0,
				viewersPeakDate: video.views ? video.publishedAt : null,
				countries: [],
				subdivisions: [],
			});
		},
	},
];
