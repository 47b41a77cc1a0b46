/**
 * Abuse reports as moderators list them (`controllers/api/abuse.ts`: `GET /api/v1/abuses`,
 * authenticate + right MANAGE_ABUSES — administrators and moderators; validator
 * `abuseListForAdminsValidator`; sortable columns `id`, `createdAt`, `state`; default sort
 * `-createdAt`). Items are shaped like `AbuseModel.toFormattedAdminJSON()`.
 *
 * Test controls: `addAbuse(s, { reporter, reason, videoId? | commentId? | accountName?,
 * predefinedReasons?, state?, createdAt? })`, `deleteAbuse(s, id)`, `abusesOf(s)`.
 */
import { HttpError, validationError } from '../http.cjs';
import type { Ctx, Route } from '../http.cjs';
import type { PeerTubeStandin } from '../server.cjs';
import { invalid } from '../validate.cjs';
import type { InvalidParams } from '../validate.cjs';
import { commentState } from './comments.cjs';

export const ABUSE_STATES: Record<number, string> = { 1: 'Pending', 2: 'Rejected', 3: 'Accepted' };
const PREDEFINED_REASONS = ['violentOrAbusive', 'hatefulOrAbusive', 'spamOrMisleading', 'privacy', 'rights', 'serverRules', 'thumbnails', 'captions'];

export interface StandinAbuse {
	id: number;
	reporterAccountId: number;
	reason: string;
	predefinedReasons: string[];
	state: number;
	moderationComment: string | null;
	videoId: number | null;
	commentId: number | null;
	/** the reported (flagged) account */
	flaggedAccountId: number;
	createdAt: string;
	updatedAt: string;
}

interface AbuseState {
	nextId: number;
	byId: Map<number, StandinAbuse>;
}

function abuseState(s: PeerTubeStandin): AbuseState {
	return s.state<AbuseState>('abuses', () => ({ nextId: 1, byId: new Map() }));
}

export function addAbuse(
	s: PeerTubeStandin,
	a: {
		reporter: string;
		reason: string;
		videoId?: number | string;
		commentId?: number;
		accountName?: string;
		predefinedReasons?: string[];
		state?: 1 | 2 | 3;
		createdAt?: string | Date | number;
	},
): StandinAbuse {
	const reporter = s.findAccount(a.reporter);
	if (!reporter) throw new Error(`Unknown reporter account ${a.reporter}`);
	let videoId: number | null = null;
	let commentId: number | null = null;
	let flaggedAccountId: number | undefined;
	if (a.videoId !== undefined) {
		const video = s.getVideo(a.videoId);
		if (!video) throw new Error(`Unknown video ${a.videoId}`);
		videoId = video.id;
		flaggedAccountId = s.channels.get(video.channelId)?.accountId;
	} else if (a.commentId !== undefined) {
		const comment = commentState(s).byId.get(a.commentId);
		if (!comment) throw new Error(`Unknown comment ${a.commentId}`);
		commentId = comment.id;
		flaggedAccountId = s.findAccount(comment.accountName)?.id;
	} else if (a.accountName !== undefined) {
		flaggedAccountId = s.findAccount(a.accountName)?.id;
	}
	if (flaggedAccountId === undefined) throw new Error('addAbuse needs a known videoId, commentId or accountName');
	const state = abuseState(s);
	const at = new Date(a.createdAt ?? Date.now()).toISOString();
	const abuse: StandinAbuse = {
		id: state.nextId++,
		reporterAccountId: reporter.id,
		reason: a.reason,
		predefinedReasons: a.predefinedReasons ?? [],
		state: a.state ?? 1,
		moderationComment: null,
		videoId,
		commentId,
		flaggedAccountId,
		createdAt: at,
		updatedAt: at,
	};
	state.byId.set(abuse.id, abuse);
	return abuse;
}

export function deleteAbuse(s: PeerTubeStandin, id: number): void {
	if (!abuseState(s).byId.delete(id)) throw new Error(`Unknown abuse ${id}`);
}

export function abusesOf(s: PeerTubeStandin): StandinAbuse[] {
	return [...abuseState(s).byId.values()];
}

function formatAdmin(s: PeerTubeStandin, a: StandinAbuse, all: StandinAbuse[]) {
	const account = (id: number) => {
		const found = s.accounts.get(id);
		return found ? s.formatAccount(found) : null;
	};
	const video = a.videoId !== null ? s.videos.get(a.videoId) : undefined;
	const comment = a.commentId !== null ? commentState(s).byId.get(a.commentId) : undefined;
	const commentVideo = comment ? s.videos.get(comment.videoId) : undefined;
	const sameVideo = video ? all.filter((x) => x.videoId === video.id).sort((x, y) => x.id - y.id) : [];
	return {
		id: a.id,
		reason: a.reason,
		predefinedReasons: a.predefinedReasons,
		flaggedAccount: account(a.flaggedAccountId),
		state: { id: a.state, label: ABUSE_STATES[a.state] },
		moderationComment: a.moderationComment,
		video:
			a.videoId !== null
				? {
						id: a.videoId,
						name: video?.name ?? null,
						uuid: video?.uuid ?? null,
						nsfw: video?.nsfw ?? false,
						deleted: !video,
						blacklisted: false,
						startAt: null,
						endAt: null,
						thumbnailPath: video ? `/lazy-static/thumbnails/${video.uuid}.jpg` : null,
						channel: video ? s.formatChannel(s.channels.get(video.channelId)!) : null,
						countReports: sameVideo.length,
						nthReport: sameVideo.findIndex((x) => x.id === a.id) + 1,
					}
				: null,
		comment:
			a.commentId !== null
				? {
						id: a.commentId,
						threadId: comment?.threadId ?? null,
						text: comment?.text ?? '',
						deleted: !comment || comment.deletedAt !== null,
						video: { id: commentVideo?.id ?? null, name: commentVideo?.name ?? null, uuid: commentVideo?.uuid ?? null },
					}
				: null,
		createdAt: a.createdAt,
		updatedAt: a.updatedAt,
		countReportsForReporter: all.filter((x) => x.reporterAccountId === a.reporterAccountId).length,
		countReportsForReportee: all.filter((x) => x.flaggedAccountId === a.flaggedAccountId).length,
		countMessages: 0,
		reporterAccount: account(a.reporterAccountId),
	};
}

function listAbuses(s: PeerTubeStandin, ctx: Ctx): void {
	const user = s.auth(ctx, true);
	s.requireRight(ctx, user, 'MANAGE_ABUSES', ['admin', 'moderator']);
	const { start, count, sort } = s.pagination(ctx, ['id', 'createdAt', 'state'], '-createdAt');
	const errors: InvalidParams = {};
	const filter = s.q1(ctx, 'filter');
	if (filter !== undefined && !['video', 'comment', 'account'].includes(filter)) invalid(errors, 'filter', filter, 'Should have a valid filter', 'query');
	const stateRaw = s.q1(ctx, 'state');
	if (stateRaw !== undefined && !ABUSE_STATES[Number(stateRaw)]) invalid(errors, 'state', stateRaw, 'Should have a valid abuse state', 'query');
	const predefinedReason = s.q1(ctx, 'predefinedReason');
	if (predefinedReason !== undefined && !PREDEFINED_REASONS.includes(predefinedReason)) {
		invalid(errors, 'predefinedReason', predefinedReason, 'Should have a valid predefinedReason', 'query');
	}
	const idRaw = s.q1(ctx, 'id');
	if (idRaw !== undefined && !/^\d+$/.test(idRaw)) invalid(errors, 'id', idRaw, 'Should have a valid id', 'query');
	if (Object.keys(errors).length) throw validationError(errors);

	const all = abusesOf(s);
	const desc = sort.startsWith('-');
	const field = sort.replace(/^-/, '') as 'id' | 'createdAt' | 'state';
	const dir = desc ? -1 : 1;
	const list = all
		.filter((a) => {
			if (filter === 'video' && a.videoId === null) return false;
			if (filter === 'comment' && a.commentId === null) return false;
			if (filter === 'account' && (a.videoId !== null || a.commentId !== null)) return false;
			if (stateRaw !== undefined && a.state !== Number(stateRaw)) return false;
			if (predefinedReason !== undefined && !a.predefinedReasons.includes(predefinedReason)) return false;
			if (idRaw !== undefined && a.id !== Number(idRaw)) return false;
			return true;
		})
		.sort((a, b) => {
			const x = a[field];
			const y = b[field];
			// PeerTube's getSort adds `id ASC` as the tie-breaker
			return (x < y ? -dir : x > y ? dir : 0) || a.id - b.id;
		});
	s.sendJson(ctx, 200, { total: list.length, data: list.slice(start, start + count).map((a) => formatAdmin(s, a, all)) });
}

export const abuseRoutes: Route[] = [
	{ method: 'GET', path: /^\/api\/v1\/abuses$/, handle: (s, ctx) => listAbuses(s, ctx) },
	{
		method: 'DELETE',
		path: /^\/api\/v1\/abuses\/([^/]+)$/,
		handle: (s, ctx, match) => {
			const user = s.auth(ctx, true);
			s.requireRight(ctx, user, 'MANAGE_ABUSES', ['admin', 'moderator']);
			const id = Number(match[1]);
			if (!abuseState(s).byId.delete(id)) throw new HttpError(404, 'Abuse not found');
			s.send(ctx, 204);
		},
	},
];
