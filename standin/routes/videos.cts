/** Videos: the constant lists, the public list and one video (get, update, delete). */
import { CATEGORIES, LANGUAGES, LICENCES, PRIVACIES } from '../data.cjs';
import { HttpError, validationError } from '../http.cjs';
import type { Route, Ctx } from '../http.cjs';
import type { PeerTubeStandin } from '../server.cjs';
import { invalid, passwordProtectedPrivacyError, validateVideoBody } from '../validate.cjs';
import type { InvalidParams } from '../validate.cjs';

function getVideoRoute(s: PeerTubeStandin, ctx: Ctx, id: string): void {
	const user = s.auth(ctx, false);
	const video = s.resolveVideo(id);
	s.checkCanSeeVideo(ctx, video, user);
	s.sendJson(ctx, 200, s.formatVideoDetails(video));
}

function versionFields(s: PeerTubeStandin): { commentsPolicy: boolean; commentsEnabled: boolean } {
	return { commentsPolicy: s.atLeast(6, 2), commentsEnabled: !s.atLeast(8) };
}

/** PeerTube's videosUpdateValidator order, then the update. */
function updateVideo(s: PeerTubeStandin, ctx: Ctx, id: string): void {
	const user = s.auth(ctx, true);
	const { body, files } = s.parseBody(ctx);
	const { changes, errors, scheduleMissingUpdateAt } = validateVideoBody(body, files, 'update', versionFields(s));
	if (Object.keys(errors).length) throw validationError(errors);
	if (scheduleMissingUpdateAt) throw new HttpError(400, 'Schedule update at is mandatory.');
	const video = s.resolveVideo(id);
	// Any update of a password-protected video must carry the passwords (captured on 6.3.0).
	const passwordError = passwordProtectedPrivacyError(body, video.privacy);
	if (passwordError) throw new HttpError(400, passwordError);
	if (changes.privacy !== undefined && video.isLive && video.privacy !== changes.privacy && (video.privacy === 1 || changes.privacy === 1)) {
		throw new HttpError(400, 'Cannot update privacy of a live that was already published');
	}
	if (!video.isLocal) throw new HttpError(403, 'Cannot manage a video of another server.');
	if (!s.canManage(user, video)) throw new HttpError(403, 'Cannot manage a video of another user.');
	if (changes.channelId !== undefined) s.checkChannel(user, changes.channelId);

	s.applyChanges(video, changes);
	if (video.privacy !== 5) video.videoPasswords = [];
	video.updatedAt = new Date(Math.max(Date.now(), Date.parse(video.updatedAt) + 1)).toISOString();
	s.send(ctx, 204);
}

/**
 * videosRemoveValidator: the owner, or REMOVE_ANY_VIDEO (administrators and moderators, who may
 * also remove videos of other instances).
 */
function deleteVideo(s: PeerTubeStandin, ctx: Ctx, id: string): void {
	const user = s.auth(ctx, true);
	const video = s.resolveVideo(id);
	if (!s.canManage(user, video)) throw new HttpError(403, 'Cannot manage a video of another user.');
	s.removeVideo(video);
	s.send(ctx, 204);
}

interface PasswordRow {
	id: number;
	createdAt: string;
}

/** Ids and dates of video passwords (the video keeps the plain list), per `videoId:password`. */
function passwordRows(s: PeerTubeStandin, videoId: number, passwords: string[]): Array<PasswordRow & { password: string }> {
	const state = s.state('videoPasswords', () => ({ nextId: 1, rows: new Map<string, PasswordRow>() }));
	return passwords.map((password) => {
		const key = `${videoId}:${password}`;
		let row = state.rows.get(key);
		if (!row) {
			row = { id: state.nextId++, createdAt: new Date().toISOString() };
			state.rows.set(key, row);
		}
		return { ...row, password };
	});
}

/** listVideoPasswordValidator + checkVideoIsPasswordProtected + checkCanManageVideo. */
function passwordProtectedVideoYouManage(s: PeerTubeStandin, ctx: Ctx, id: string, mustBeProtected: boolean) {
	const user = s.auth(ctx, true);
	const video = s.resolveVideo(id);
	if (mustBeProtected && video.privacy !== 5) throw new HttpError(400, 'Video is not password protected');
	return { user, video };
}

function listPasswords(s: PeerTubeStandin, ctx: Ctx, id: string): void {
	s.auth(ctx, true);
	const { start, count, sort } = s.pagination(ctx, ['password', 'createdAt', 'updatedAt'], 'createdAt');
	const { user, video } = passwordProtectedVideoYouManage(s, ctx, id, true);
	if (!video.isLocal) throw new HttpError(403, 'Cannot manage a video of another server.');
	if (!s.canManage(user, video)) throw new HttpError(403, 'Cannot manage a video of another user.');
	const field = sort.replace(/^-/, '') === 'password' ? 'password' : 'createdAt';
	const dir = sort.startsWith('-') ? -1 : 1;
	const rows = passwordRows(s, video.id, video.videoPasswords).sort(
		(a, b) => dir * (a[field] < b[field] ? -1 : a[field] > b[field] ? 1 : 0) || a.id - b.id,
	);
	s.sendJson(ctx, 200, {
		total: rows.length,
		data: rows.slice(start, start + count).map((r) => ({ id: r.id, password: r.password, videoId: video.id, createdAt: r.createdAt, updatedAt: r.createdAt })),
	});
}

function replacePasswords(s: PeerTubeStandin, ctx: Ctx, id: string): void {
	const user = s.auth(ctx, true);
	const { body } = s.parseBody(ctx);
	if (body.passwords !== undefined && !Array.isArray(body.passwords)) {
		const errors: InvalidParams = {};
		invalid(errors, 'passwords', body.passwords, 'Video passwords should be an array.');
		throw validationError(errors);
	}
	const video = s.resolveVideo(id);
	const passwordError = passwordProtectedPrivacyError(body, video.privacy);
	if (passwordError) throw new HttpError(400, passwordError);
	if (!video.isLocal) throw new HttpError(403, 'Cannot manage a video of another server.');
	if (!s.canManage(user, video)) throw new HttpError(403, 'Cannot manage a video of another user.');
	video.videoPasswords = Array.isArray(body.passwords) ? body.passwords.map(String) : [];
	s.send(ctx, 204);
}

export const videoRoutes: Route[] = [
	// Routes PeerTube serves without any authentication middleware: a stale token is ignored there.
	{
		method: 'GET',
		path: /^\/api\/v1\/videos\/(categories|licences|languages|privacies)$/,
		handle: (s, ctx, match) => {
			const maps = { categories: CATEGORIES, licences: LICENCES, languages: LANGUAGES, privacies: PRIVACIES };
			s.sendJson(ctx, 200, maps[match[1] as keyof typeof maps]);
		},
	},
	{ method: 'GET', path: /^\/api\/v1\/videos\/([^/]+)\/passwords$/, handle: (s, ctx, m) => listPasswords(s, ctx, decodeURIComponent(m[1])) },
	{ method: 'PUT', path: /^\/api\/v1\/videos\/([^/]+)\/passwords$/, handle: (s, ctx, m) => replacePasswords(s, ctx, decodeURIComponent(m[1])) },
	{
		method: 'GET',
		doc: 'getVideos',
		path: /^\/api\/v1\/videos$/,
		handle: (s, ctx) => s.listVideos(ctx, s.auth(ctx, false), () => true, 'public'),
	},
	{ method: 'GET', path: /^\/api\/v1\/videos\/([^/]+)$/, doc: 'getVideo', handle: (s, ctx, m) => getVideoRoute(s, ctx, decodeURIComponent(m[1])) },
	{ method: 'PUT', path: /^\/api\/v1\/videos\/([^/]+)$/, doc: 'putVideo', handle: (s, ctx, m) => updateVideo(s, ctx, decodeURIComponent(m[1])) },
	{ method: 'DELETE', path: /^\/api\/v1\/videos\/([^/]+)$/, doc: 'delVideo', handle: (s, ctx, m) => deleteVideo(s, ctx, decodeURIComponent(m[1])) },
];
