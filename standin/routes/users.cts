/** The logged-in user: GET /users/me and the user's own videos. */
import { HttpError, validationError } from '../http.cjs';
import type { Route } from '../http.cjs';
import { invalid } from '../validate.cjs';
import type { InvalidParams } from '../validate.cjs';

export const userRoutes: Route[] = [
	{ method: 'GET', path: /^\/api\/v1\/users\/me$/, handle: (s, ctx) => s.sendJson(ctx, 200, s.formatUser(s.auth(ctx, true))) },
	{
		// PeerTube's getUserVideos: the account's videos, any privacy and state; filters search,
		// isLive and channelId (usersVideosValidator: an existing channel id) only.
		method: 'GET',
		path: /^\/api\/v1\/users\/me\/videos$/,
		handle: (s, ctx) => {
			const user = s.auth(ctx, true);
			const account = s.accountOfUser(user.id)!;
			const channelRaw = s.q1(ctx, 'channelId');
			let channelId: number | undefined;
			if (channelRaw !== undefined) {
				if (!/^\d+$/.test(channelRaw) || Number(channelRaw) < 1) {
					const errors: InvalidParams = {};
					invalid(errors, 'channelId', channelRaw, 'Invalid value', 'query');
					throw validationError(errors);
				}
				channelId = Number(channelRaw);
				if (!s.channels.has(channelId)) throw new HttpError(404, 'Video channel not found');
			}
			s.listVideos(
				ctx,
				user,
				(v) => s.channels.get(v.channelId)?.accountId === account.id && (channelId === undefined || v.channelId === channelId),
				'mine',
			);
		},
	},
];
