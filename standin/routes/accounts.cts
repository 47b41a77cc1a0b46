/** Accounts: one account, its videos and its channels. */
import { HttpError } from '../http.cjs';
import type { Route } from '../http.cjs';

export const accountRoutes: Route[] = [
	{
		method: 'GET',
		path: /^\/api\/v1\/accounts\/([^/]+)(\/videos|\/video-channels)?$/,
		handle: (s, ctx, match) => {
			const user = match[2] === '/videos' ? s.auth(ctx, false) : undefined;
			const account = s.findAccount(decodeURIComponent(match[1]));
			if (!account) throw new HttpError(404, 'Account not found');
			if (!match[2]) return s.sendJson(ctx, 200, s.formatAccount(account));
			if (match[2] === '/video-channels') {
				const list = [...s.channels.values()].filter((c) => c.accountId === account.id);
				return s.sendJson(ctx, 200, { total: list.length, data: list.map((c) => s.formatChannel(c)) });
			}
			s.listVideos(ctx, user, (v) => s.channels.get(v.channelId)?.accountId === account.id, 'public', account.userId);
		},
	},
];
