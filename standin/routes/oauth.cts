/** OAuth: the local client, token grants (password, refresh_token) and revocation. */
import { HttpError } from '../http.cjs';
import type { Route, Ctx } from '../http.cjs';
import type { PeerTubeStandin, TokenRecord } from '../server.cjs';
import { verifyTotp } from '../totp.cjs';

function getOAuthClient(s: PeerTubeStandin, ctx: Ctx): void {
	const host = (ctx.req.headers.host ?? '').toLowerCase();
	if (host !== s.hostname) {
		throw new HttpError(403, `Getting client tokens for host ${ctx.req.headers.host ?? ''} is forbidden`);
	}
	s.sendJson(ctx, 200, { client_id: s.clientId, client_secret: s.clientSecret });
}

/** Follows PeerTube's handleOAuthToken step by step, so errors come in the same order. */
function postToken(s: PeerTubeStandin, ctx: Ctx): void {
	const type = (ctx.req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
	if (type !== 'application/x-www-form-urlencoded') {
		throw new HttpError(400, 'Invalid request: content must be application/x-www-form-urlencoded', { code: 'invalid_request' });
	}
	const form = new URLSearchParams(ctx.body.toString('utf8'));
	const clientId = form.get('client_id');
	const clientSecret = form.get('client_secret');
	if (!clientId || !clientSecret) {
		throw new HttpError(400, 'Invalid client: cannot retrieve client credentials', { code: 'invalid_client' });
	}
	if (clientId !== s.clientId || clientSecret !== s.clientSecret) {
		throw new HttpError(400, 'Invalid client: client is invalid', { code: 'invalid_client' });
	}
	const grantType = form.get('grant_type');
	if (!grantType) throw new HttpError(400, 'Missing parameter: `grant_type`', { code: 'invalid_request' });

	let token: TokenRecord;
	if (grantType === 'password') {
		const username = form.get('username');
		const password = form.get('password');
		if (!username) throw new HttpError(400, 'Missing parameter: `username`', { code: 'invalid_request' });
		if (!password) throw new HttpError(400, 'Missing parameter: `password`', { code: 'invalid_request' });
		const user = s.findUser(username);
		// A pending registration is reported before any password check, as PeerTube does.
		if (user?.waitingForApproval) {
			throw new HttpError(400, 'Registration is waiting for approval', { code: 'account_waiting_for_approval' });
		}
		if (!user || user.password !== password) {
			throw new HttpError(400, 'Invalid grant: user credentials are invalid', { code: 'invalid_grant' });
		}
		if (user.blocked) throw new HttpError(400, 'User is blocked.', { code: 'account_blocked' });
		if (user.emailVerified === false) {
			throw new HttpError(400, 'User email is not verified.', { code: 'email_not_verified' });
		}
		if (user.twoFactorSecret) {
			const otp = ctx.req.headers['x-peertube-otp'];
			if (otp === undefined || otp === '') {
				throw new HttpError(401, 'Missing two factor header', {
					code: 'missing_two_factor',
					headers: { 'x-peertube-otp': 'required; app' },
				});
			}
			if (!verifyTotp(user.twoFactorSecret, Array.isArray(otp) ? otp[0] : otp)) {
				throw new HttpError(400, 'Invalid two factor header', { code: 'invalid_two_factor' });
			}
		}
		token = s.issueToken(user.id);
		s.userMeta.get(user.id)!.lastLoginDate = new Date().toISOString();
	} else if (grantType === 'refresh_token') {
		const refresh = form.get('refresh_token');
		if (!refresh) throw new HttpError(400, 'Missing parameter: `refresh_token`', { code: 'invalid_request' });
		const old = s.tokensByRefresh.get(refresh);
		if (!old || old.refreshRevoked || old.clientId !== clientId) {
			throw new HttpError(400, 'Invalid grant: refresh token is invalid', { code: 'invalid_grant' });
		}
		if (old.refreshExpiresAt <= Date.now()) {
			throw new HttpError(400, 'Invalid grant: refresh token has expired', { code: 'invalid_grant' });
		}
		// Rotation: the whole old pair goes, as PeerTube deletes the token row.
		s.deleteToken(old);
		token = s.issueToken(old.userId);
	} else {
		throw new HttpError(400, 'Unsupported grant type: `grant_type` is invalid', { code: 'unsupported_grant_type' });
	}
	s.sendJson(ctx, 200, {
		token_type: 'Bearer',
		access_token: token.accessToken,
		refresh_token: token.refreshToken,
		expires_in: Math.floor(s.accessLifetimeMs / 1000),
		refresh_token_expires_in: Math.floor(s.refreshLifetimeMs / 1000),
	});
}

function revokeToken(s: PeerTubeStandin, ctx: Ctx): void {
	s.auth(ctx, true);
	const t = s.tokensByAccess.get(s.bearer(ctx)!);
	if (t) s.deleteToken(t);
	s.sendJson(ctx, 200, {});
}

export const oauthRoutes: Route[] = [
	{ method: 'GET', path: /^\/api\/v1\/oauth-clients\/local$/, doc: 'getOAuthClient', handle: (s, ctx) => getOAuthClient(s, ctx) },
	{ method: 'POST', path: /^\/api\/v1\/users\/token$/, doc: 'getOAuthToken', handle: (s, ctx) => postToken(s, ctx) },
	{ method: 'POST', path: /^\/api\/v1\/users\/revoke-token$/, doc: 'revokeOAuthToken', handle: (s, ctx) => revokeToken(s, ctx) },
];
