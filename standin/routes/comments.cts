/**
 * Video comments as PeerTube serves them (`controllers/api/videos/comment.ts`, validators
 * `validators/videos/video-comments.ts`, `controllers/api/users/my-video-comments` 6.2+):
 * threads of a video, one thread with its replies, new threads, replies, soft deletion, approval
 * of comments held for review (6.2+) and the "comments on my videos" list the Trigger polls.
 *
 * Test controls: `addComment(s, { videoId, text, accountName, inReplyTo?, createdAt? })`,
 * `deleteComment(s, id)`, `commentsOf(s)`.
 */
import type { StandinUser, StandinVideo } from '../data.cjs';
import { Ctx, HttpError, Route, validationError } from '../http.cjs';
import type { PeerTubeStandin } from '../server.cjs';
import { InvalidParams, booleanOrNull, invalid } from '../validate.cjs';

export interface StandinComment {
	id: number;
	videoId: number;
	text: string;
	/** the id of the thread's first comment (itself for a thread) */
	threadId: number;
	inReplyToCommentId: number | null;
	/** `name` for a local account, `name@host` for a remote one */
	accountName: string;
	createdAt: string;
	updatedAt: string;
	deletedAt: string | null;
	heldForReview: boolean;
}

interface CommentState {
	nextId: number;
	byId: Map<number, StandinComment>;
	remoteAccountIds: Map<string, number>;
}

const VIDEO_COMMENT_TEXT_MAX = 10000;

export function commentState(s: PeerTubeStandin): CommentState {
	return s.state<CommentState>('comments', () => ({ nextId: 1, byId: new Map(), remoteAccountIds: new Map() }));
}

// ------------------------------------------------------------------ helpers shared by E2's modules

/** The stand-in plays PeerTube `major.minor` or newer (the server's own check). */
export function versionAtLeast(s: PeerTubeStandin, major: number, minor: number): boolean {
	return s.atLeast(major, minor);
}

/** PeerTube's API catch-all (`apiRouter.use('/*', badRequest)`): 400 with an empty body. */
export function catchAll(s: PeerTubeStandin, ctx: Ctx): void {
	s.catchAll(ctx);
}

/** checkCanSeeVideo for a video a route names (privacy and password rules). */
export function videoForRoute(s: PeerTubeStandin, ctx: Ctx, id: string, user: StandinUser | undefined): StandinVideo {
	const video = s.getVideo(decodeURIComponent(id));
	if (!video) throw new HttpError(404, 'Video not found');
	const manager = user !== undefined && s.canManage(user, video);
	if (video.privacy === 3 && !manager) throw new HttpError(user ? 403 : 401, 'Cannot get this private video of another user');
	if (video.privacy === 4 && !user) throw new HttpError(401, 'Cannot get this internal video without being logged in');
	if (video.privacy === 5 && !manager) {
		const given = ctx.req.headers['x-peertube-video-password'];
		if (given === undefined) {
			throw new HttpError(403, 'Please provide a password to access this password protected video', { code: 'video_requires_password' });
		}
		if (!video.videoPasswords.includes(String(given))) {
			throw new HttpError(403, 'Incorrect video password. Access to the video is denied.', { code: 'incorrect_video_password' });
		}
	}
	return video;
}

/** A JSON (or urlencoded/multipart) body as an object. */
export function jsonBody(s: PeerTubeStandin, ctx: Ctx): Record<string, unknown> {
	return s.parseBody(ctx).body;
}

function isIdValid(raw: string): boolean {
	return /^\d+$/.test(raw) && Number(raw) > 0;
}

// ------------------------------------------------------------------ formatting

function accountJson(s: PeerTubeStandin, state: CommentState, accountName: string) {
	const local = s.findAccount(accountName);
	if (local) return s.formatAccountSummary(local);
	const [name, host] = accountName.split('@');
	let id = state.remoteAccountIds.get(accountName);
	if (id === undefined) {
		id = 100000 + state.remoteAccountIds.size;
		state.remoteAccountIds.set(accountName, id);
	}
	return { id, name, displayName: name, url: `https://${host}/accounts/${name}`, host, avatars: [] };
}

function localAccountIdOf(s: PeerTubeStandin, accountName: string): number | undefined {
	return s.findAccount(accountName)?.id;
}

function videoOwnerAccountId(s: PeerTubeStandin, video: StandinVideo): number | undefined {
	return s.channels.get(video.channelId)?.accountId;
}

function replies(state: CommentState, c: StandinComment): StandinComment[] {
	return [...state.byId.values()].filter((r) => r.threadId === c.id && r.id !== c.id);
}

export function formatComment(s: PeerTubeStandin, c: StandinComment) {
	const state = commentState(s);
	const video = s.videos.get(c.videoId);
	const deleted = c.deletedAt !== null;
	const isThread = c.inReplyToCommentId === null;
	const threadReplies = isThread ? replies(state, c).filter((r) => r.deletedAt === null) : [];
	const ownerAccountId = video ? videoOwnerAccountId(s, video) : undefined;
	return {
		id: c.id,
		url: `${s.baseUrl}/videos/watch/${video?.uuid ?? 'deleted'}/comments/${c.id}`,
		text: deleted ? '' : c.text,
		threadId: c.threadId,
		inReplyToCommentId: c.inReplyToCommentId,
		videoId: c.videoId,
		createdAt: c.createdAt,
		updatedAt: c.updatedAt,
		deletedAt: c.deletedAt,
		isDeleted: deleted,
		totalRepliesFromVideoAuthor: threadReplies.filter((r) => localAccountIdOf(s, r.accountName) === ownerAccountId).length,
		totalReplies: threadReplies.length,
		account: deleted ? null : accountJson(s, state, c.accountName),
		// comment approval came with 6.2 (VideoComment.heldForReview)
		...(versionAtLeast(s, 6, 2) ? { heldForReview: c.heldForReview } : {}),
	};
}

/** VideoCommentForAdminOrUser, as /users/me/videos/comments lists it. */
function formatCommentForOwner(s: PeerTubeStandin, c: StandinComment) {
	const video = s.videos.get(c.videoId)!;
	return {
		id: c.id,
		url: `${s.baseUrl}/videos/watch/${video.uuid}/comments/${c.id}`,
		text: c.text,
		threadId: c.threadId,
		inReplyToCommentId: c.inReplyToCommentId,
		videoId: c.videoId,
		createdAt: c.createdAt,
		updatedAt: c.updatedAt,
		account: accountJson(s, commentState(s), c.accountName),
		video: { id: video.id, uuid: video.uuid, name: video.name },
		heldForReview: c.heldForReview,
		automaticTags: [],
	};
}

// ------------------------------------------------------------------ test controls

/**
 * Adds a comment as if `accountName` (a local username, or `name@host` for a remote account) had
 * posted it. `inReplyTo` is the id of the comment answered. Held for review when the video's
 * comments policy requires approval and the author is not the video's owner.
 */
export function addComment(
	s: PeerTubeStandin,
	c: { videoId: number | string; text: string; accountName: string; inReplyTo?: number; createdAt?: string | Date | number; heldForReview?: boolean },
): StandinComment {
	const state = commentState(s);
	const video = s.getVideo(c.videoId);
	if (!video) throw new Error(`Unknown video ${c.videoId}`);
	let threadId: number | undefined;
	if (c.inReplyTo !== undefined) {
		const parent = state.byId.get(c.inReplyTo);
		if (!parent || parent.videoId !== video.id) throw new Error(`Unknown comment ${c.inReplyTo} on video ${video.id}`);
		threadId = parent.threadId;
	}
	const id = state.nextId++;
	const at = new Date(c.createdAt ?? Date.now()).toISOString();
	const authorId = localAccountIdOf(s, c.accountName);
	const comment: StandinComment = {
		id,
		videoId: video.id,
		text: c.text,
		threadId: threadId ?? id,
		inReplyToCommentId: c.inReplyTo ?? null,
		accountName: c.accountName,
		createdAt: at,
		updatedAt: at,
		deletedAt: null,
		heldForReview: c.heldForReview ?? (video.commentsPolicy === 3 && (authorId === undefined || authorId !== videoOwnerAccountId(s, video))),
	};
	state.byId.set(id, comment);
	return comment;
}

/** Soft-deletes a comment as PeerTube does (text emptied, account hidden, the thread stays). */
export function deleteComment(s: PeerTubeStandin, id: number): void {
	const c = commentState(s).byId.get(id);
	if (!c) throw new Error(`Unknown comment ${id}`);
	c.deletedAt = new Date().toISOString();
	c.updatedAt = c.deletedAt;
}

/** Every comment the stand-in holds, oldest first. */
export function commentsOf(s: PeerTubeStandin): StandinComment[] {
	return [...commentState(s).byId.values()];
}

// ------------------------------------------------------------------ routes

function paginationOf(s: PeerTubeStandin, ctx: Ctx, sorts: string[]) {
	return s.pagination(ctx, sorts, '-createdAt');
}

function compare(sort: string, a: StandinComment, b: StandinComment, totalReplies: (c: StandinComment) => number): number {
	const desc = sort.startsWith('-') ? -1 : 1;
	const field = sort.replace(/^-/, '');
	if (field === 'totalReplies') return desc * (totalReplies(a) - totalReplies(b)) || a.id - b.id;
	return desc * (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0) || desc * (a.id - b.id);
}

/** Held comments are seen by their author, the video's owner and moderators only. */
function canSeeHeld(s: PeerTubeStandin, user: StandinUser | undefined, video: StandinVideo, c: StandinComment): boolean {
	if (!c.heldForReview) return true;
	if (!user) return false;
	if (s.canManage(user, video)) return true;
	return s.accountOfUser(user.id)?.id === localAccountIdOf(s, c.accountName);
}

function validateText(body: Record<string, unknown>): void {
	const text = body.text;
	if (typeof text !== 'string' || text.length < 1 || text.length > VIDEO_COMMENT_TEXT_MAX) {
		const errors: InvalidParams = {};
		invalid(errors, 'text', text, 'Invalid value');
		throw validationError(errors);
	}
}

function commentOnVideo(state: CommentState, raw: string, video: StandinVideo): StandinComment {
	const c = state.byId.get(Number(raw));
	if (!c) throw new HttpError(404, 'Video comment not found');
	if (c.videoId !== video.id) {
		throw new HttpError(400, 'Video comment is not associated to this video.', { code: 'comment_not_associated_to_video' });
	}
	return c;
}

function idParamErrors(name: string, raw: string): never {
	const errors: InvalidParams = {};
	invalid(errors, name, raw, 'Invalid value', 'params');
	throw validationError(errors);
}

function create(s: PeerTubeStandin, ctx: Ctx, videoId: string, inReplyTo?: string): void {
	const user = s.auth(ctx, true);
	if (inReplyTo !== undefined && !isIdValid(inReplyTo)) idParamErrors('commentId', inReplyTo);
	const body = jsonBody(s, ctx);
	validateText(body);
	const video = videoForRoute(s, ctx, videoId, user);
	if (video.commentsPolicy === 2) throw new HttpError(409, 'Video comments are disabled for this video.');
	const state = commentState(s);
	let parent: StandinComment | undefined;
	if (inReplyTo !== undefined) parent = commentOnVideo(state, inReplyTo, video);
	const account = s.accountOfUser(user.id)!;
	const comment = addComment(s, {
		videoId: video.id,
		text: body.text as string,
		accountName: account.name,
		inReplyTo: parent?.id,
		heldForReview: video.commentsPolicy === 3 && !s.canManage(user, video),
	});
	s.sendJson(ctx, 200, { comment: formatComment(s, comment) });
}

export const commentRoutes: Route[] = [
	{
		method: 'GET',
		path: /^\/api\/v1\/videos\/([^/]+)\/comment-threads$/,
		handle(s, ctx, m) {
			const user = s.auth(ctx, false);
			const { start, count, sort } = paginationOf(s, ctx, ['createdAt', 'totalReplies']);
			const video = videoForRoute(s, ctx, m[1], user);
			if (video.commentsPolicy === 2) return s.sendJson(ctx, 200, { total: 0, totalNotDeletedComments: 0, data: [] });
			const state = commentState(s);
			const notDeletedReplies = (c: StandinComment) => replies(state, c).filter((r) => r.deletedAt === null).length;
			const threads = [...state.byId.values()]
				.filter((c) => c.videoId === video.id && c.inReplyToCommentId === null)
				.filter((c) => canSeeHeld(s, user, video, c))
				// deleted threads stay listed (text emptied, no account), as PeerTube's list query has no deletedAt filter
				.sort((a, b) => compare(sort, a, b, notDeletedReplies));
			// PeerTube counts every not deleted comment of the video here, replies included
			const notDeleted = [...state.byId.values()].filter((c) => c.videoId === video.id && c.deletedAt === null && canSeeHeld(s, user, video, c));
			s.sendJson(ctx, 200, {
				total: threads.length,
				totalNotDeletedComments: notDeleted.length,
				data: threads.slice(start, start + count).map((c) => formatComment(s, c)),
			});
		},
	},
	{
		method: 'GET',
		path: /^\/api\/v1\/videos\/([^/]+)\/comment-threads\/([^/]+)$/,
		handle(s, ctx, m) {
			const user = s.auth(ctx, false);
			if (!isIdValid(m[2])) idParamErrors('threadId', m[2]);
			const video = videoForRoute(s, ctx, m[1], user);
			const state = commentState(s);
			const thread = state.byId.get(Number(m[2]));
			if (!thread) throw new HttpError(404, 'Video comment thread not found');
			if (thread.videoId !== video.id) {
				throw new HttpError(400, 'Video comment is not associated to this video.', { code: 'comment_not_associated_to_video' });
			}
			if (thread.inReplyToCommentId !== null) throw new HttpError(400, 'Video comment is not a thread.');
			if (video.commentsPolicy === 2) return s.sendJson(ctx, 200, { comment: null, children: [] });
			const all = [...state.byId.values()].filter((c) => c.threadId === thread.id && canSeeHeld(s, user, video, c));
			const tree = (c: StandinComment): { comment: ReturnType<typeof formatComment>; children: unknown[] } => ({
				comment: formatComment(s, c),
				children: all
					.filter((r) => r.inReplyToCommentId === c.id)
					.sort((a, b) => compare('createdAt', a, b, () => 0))
					.map(tree),
			});
			s.sendJson(ctx, 200, tree(thread));
		},
	},
	{
		method: 'POST',
		path: /^\/api\/v1\/videos\/([^/]+)\/comment-threads$/,
		handle(s, ctx, m) {
			create(s, ctx, m[1]);
		},
	},
	{
		method: 'POST',
		path: /^\/api\/v1\/videos\/([^/]+)\/comments\/([^/]+)$/,
		handle(s, ctx, m) {
			create(s, ctx, m[1], m[2]);
		},
	},
	{
		method: 'POST',
		path: /^\/api\/v1\/videos\/([^/]+)\/comments\/([^/]+)\/approve$/,
		handle(s, ctx, m) {
			if (!versionAtLeast(s, 6, 2)) return catchAll(s, ctx);
			const user = s.auth(ctx, true);
			if (!isIdValid(m[2])) idParamErrors('commentId', m[2]);
			const video = s.getVideo(decodeURIComponent(m[1]));
			if (!video) throw new HttpError(404, 'Video not found');
			const c = commentOnVideo(commentState(s), m[2], video);
			if (c.deletedAt !== null) throw new HttpError(409, 'This comment is deleted');
			if (!c.heldForReview) throw new HttpError(400, 'This comment is not held for review');
			checkCanManage(s, user, video, c);
			c.heldForReview = false;
			c.updatedAt = new Date().toISOString();
			s.send(ctx, 204);
		},
	},
	{
		method: 'DELETE',
		path: /^\/api\/v1\/videos\/([^/]+)\/comments\/([^/]+)$/,
		handle(s, ctx, m) {
			const user = s.auth(ctx, true);
			if (!isIdValid(m[2])) idParamErrors('commentId', m[2]);
			const video = s.getVideo(decodeURIComponent(m[1]));
			if (!video) throw new HttpError(404, 'Video not found');
			const c = commentOnVideo(commentState(s), m[2], video);
			if (c.deletedAt !== null) throw new HttpError(409, 'This comment is already deleted');
			checkCanManage(s, user, video, c);
			deleteComment(s, c.id);
			s.send(ctx, 204);
		},
	},
	{
		// comments on the user's videos, newest first by default (6.2+)
		method: 'GET',
		path: /^\/api\/v1\/users\/me\/videos\/comments$/,
		handle(s, ctx) {
			if (!versionAtLeast(s, 6, 2)) return catchAll(s, ctx);
			const user = s.auth(ctx, true);
			const { start, count, sort } = paginationOf(s, ctx, ['createdAt']);
			const errors: InvalidParams = {};
			const heldRaw = ctx.query.isHeldForReview?.[0];
			const held = heldRaw === undefined ? undefined : booleanOrNull(heldRaw);
			if (held === null) invalid(errors, 'isHeldForReview', heldRaw, 'Should have a valid isHeldForReview boolean', 'query');
			const videoIdRaw = ctx.query.videoId?.[0];
			const channelIdRaw = ctx.query.videoChannelId?.[0];
			if (channelIdRaw !== undefined && !isIdValid(channelIdRaw)) invalid(errors, 'videoChannelId', channelIdRaw, 'Invalid value', 'query');
			if (Object.keys(errors).length) throw validationError(errors);
			let onlyVideo: StandinVideo | undefined;
			if (videoIdRaw !== undefined) {
				onlyVideo = s.getVideo(videoIdRaw);
				if (!onlyVideo) throw new HttpError(404, 'Video not found');
				if (s.ownerUserIdOfVideo(onlyVideo) !== user.id) {
					throw new HttpError(403, 'Cannot list comments of a video that is not yours');
				}
			}
			const search = ctx.query.search?.[0]?.toLowerCase();
			const searchAccount = ctx.query.searchAccount?.[0]?.toLowerCase();
			const searchVideo = ctx.query.searchVideo?.[0]?.toLowerCase();
			const list = [...commentState(s).byId.values()]
				.filter((c) => {
					const video = s.videos.get(c.videoId);
					if (!video || s.ownerUserIdOfVideo(video) !== user.id) return false;
					if (c.deletedAt !== null) return false;
					if (onlyVideo && video.id !== onlyVideo.id) return false;
					if (channelIdRaw !== undefined && video.channelId !== Number(channelIdRaw)) return false;
					if (held !== undefined && c.heldForReview !== held) return false;
					// PeerTube: text, account name or video name
					if (search && ![c.text, c.accountName.split('@')[0], video.name].some((x) => x.toLowerCase().includes(search))) return false;
					if (searchAccount && !c.accountName.toLowerCase().includes(searchAccount)) return false;
					if (searchVideo && !video.name.toLowerCase().includes(searchVideo)) return false;
					return true;
				})
				.sort((a, b) => compare(sort, a, b, () => 0));
			s.sendJson(ctx, 200, { total: list.length, data: list.slice(start, start + count).map((c) => formatCommentForOwner(s, c)) });
		},
	},
];

function checkCanManage(s: PeerTubeStandin, user: StandinUser, video: StandinVideo, c: StandinComment): void {
	const mine = s.accountOfUser(user.id)?.id;
	const authorIsUser = mine !== undefined && localAccountIdOf(s, c.accountName) === mine;
	if (!s.isStaff(user) && !authorIsUser && s.ownerUserIdOfVideo(video) !== user.id) {
		throw new HttpError(403, 'Cannot remove video comment of another user');
	}
}
