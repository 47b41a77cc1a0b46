/**
 * Replace the file of a video (PeerTube ≥ 6.0): `/api/v1/videos/:id/source/replace-resumable` and
 * `GET /api/v1/videos/:id/source`, as read in PeerTube's `server/core/controllers/api/videos/source.ts`,
 * `server/core/middlewares/validators/videos/video-source.ts`, `.../videos/shared/video-validators.ts`,
 * `server/core/middlewares/validators/resumable-upload.ts` and `server/core/lib/uploadx.ts` (6.0 era,
 * 6.1–6.3 era, 8.2-era develop `wuweiran809-dev/BOOMBOOM@4145d0b8`, develop `025f3ad`), on uploadx 6.1.5.
 *
 * - Init (POST): `authenticate`, then `filename` (body, must exist) and the two X-Upload headers, then
 *   checkCanUpdateVideoFile — `video_file.update.enabled` off → 403 (before the video is even looked
 *   up), unknown video → 404, a video of another server / another user (owner, or UPDATE_ANY_VIDEO:
 *   administrators and moderators) → 403, a live → 400, state 2 (to transcode) or 9 (to edit) → 409,
 *   any state but 1 / 7 / 8 / 11 → 400 — then commonVideoFileChecks: MIME type 415, quota 413
 *   `quota_reached` (the requester's quota before 8.1, the channel owner's from 8.1). Then uploadx:
 *   201 + `Location` (the request's own path, `?upload_id=`), or 200 + Range on a re-init.
 * - Chunks (PUT): uploadx as for uploads (uploads.cts receiveChunk). On the last byte PeerTube runs
 *   checkCanUpdateVideoFile again with the `:id` of the PUT (a failure deletes the upload), then
 *   replaces the file: the video goes back to state 2 (transcoding is on, as /config says),
 *   `inputFileUpdatedAt` and `updatedAt` are now, a new VideoSource is recorded, and the answer is
 *   200 with that VideoSource (`res.json(source.toFormattedJSON())` — not 204).
 * - Nothing deletes the upload after a success (uploadx keeps its metadata, status "completed"): a
 *   repeated final PUT or a probe runs PeerTube's checks again, which answer 409 while the video is
 *   to transcode. 9.0 (develop 025f3ad) first takes the Redis upload session, kept after a success:
 *   503 + Retry-After 300 instead.
 * - Cancel (DELETE): uploadx's, as for uploads; the video keeps its file.
 * Not modelled: ffprobe (422 "Video file unreadable"), plugin filters, the probed values of the
 * VideoSource (resolution, width, height, fps, metadata: null here), keeping the original file.
 *
 * Test controls: `setVideoFileUpdateEnabled(s, enabled)` (PeerTube's default: off),
 * `videoFileUpdateEnabled(s)`, `videoSourcesOf(s, videoId)`, `inputFileUpdatedAtOf(s, videoId)`.
 */

import { HttpError, uploadxError, validationError } from '../http.cjs';
import type { Ctx, Route } from '../http.cjs';
import type { PeerTubeStandin, StandinUser, StandinVideo, UploadSession } from '../server.cjs';
import { invalid } from '../validate.cjs';
import type { InvalidParams } from '../validate.cjs';
import {
	ableToUpload,
	checkVideoMimetype,
	findSession,
	locationOfRequest,
	rangeHeader,
	receiveChunk,
	uploadCancel,
	uploadId,
	uploadedSha256,
} from './uploads.cjs';

/** One VideoSource row (`videoSource` table): what the stand-in knows of it. */
export interface StandinVideoSource {
	inputFilename: string;
	/** bytes of the file (createVideoSource: getFileSize) */
	size: number;
	createdAt: string;
}

interface ReplaceState {
	/** `video_file.update.enabled`: false in config/default.yaml of every version read (6.x, 8.2 develop) */
	enabled: boolean;
	/** VideoSource rows per video id, oldest first (uploads create one too: see sourcesOf) */
	sources: Map<number, StandinVideoSource[]>;
	inputFileUpdatedAt: Map<number, string>;
	/** upload ids whose replace completed: uploadx keeps them, status "completed" */
	completed: Set<string>;
	/** 9.0: Redis upload sessions taken by a final PUT (deleted only when the checks fail) */
	redisSessions: Set<string>;
	/** before 9.0: final PUTs being processed, per upload id */
	inFlight: Map<string, Promise<void>>;
}

function state(s: PeerTubeStandin): ReplaceState {
	return s.state<ReplaceState>('replaceFile', () => ({
		enabled: false,
		sources: new Map(),
		inputFileUpdatedAt: new Map(),
		completed: new Set(),
		redisSessions: new Set(),
		inFlight: new Map(),
	}));
}

/** `video_file.update.enabled` as the instance has it (what /config reports as videoFile.update.enabled). */
export function videoFileUpdateEnabled(s: PeerTubeStandin): boolean {
	return state(s).enabled;
}

export function setVideoFileUpdateEnabled(s: PeerTubeStandin, enabled: boolean): void {
	state(s).enabled = enabled;
}

/**
 * The VideoSource rows of a video, oldest first. A video uploaded through the stand-in has the one
 * its upload created (PeerTube's upload creates a VideoSource with the uploaded file's name);
 * seeded videos have none.
 */
export function videoSourcesOf(s: PeerTubeStandin, videoId: number): StandinVideoSource[] {
	const video = s.getVideo(videoId);
	if (!video) return [];
	const recorded = state(s).sources.get(video.id) ?? [];
	const fromUpload: StandinVideoSource[] =
		video.file && !state(s).sources.has(video.id) ? [{ inputFilename: video.file.filename, size: video.file.size, createdAt: video.createdAt }] : [];
	return [...fromUpload, ...recorded];
}

/** `inputFileUpdatedAt` of the video: set by a replace, null before. */
export function inputFileUpdatedAtOf(s: PeerTubeStandin, videoId: number): string | null {
	return state(s).inputFileUpdatedAt.get(videoId) ?? null;
}

/**
 * VideoSourceModel.toFormattedJSON by version: 6.0 `{ filename, createdAt }`; from 6.1 (keeping the
 * original file) `inputFilename`, `fileUrl`, `fileDownloadUrl`, `resolution`, `size`, `width`,
 * `height`, `fps`, `metadata` (peertube-types 6.3.0 / 7.1.0); 8.0 drops `filename`, 8.1 `fileUrl`
 * (CHANGELOG). No original file kept and no probe here: the URLs and probed values are null.
 */
function formatSource(s: PeerTubeStandin, source: StandinVideoSource): Record<string, unknown> {
	if (!s.atLeast(6, 1)) return { filename: source.inputFilename, createdAt: source.createdAt };
	return {
		...(s.atLeast(8) ? {} : { filename: source.inputFilename }),
		inputFilename: source.inputFilename,
		...(s.atLeast(8, 1) ? {} : { fileUrl: null }),
		fileDownloadUrl: null,
		resolution: { id: null, label: null },
		size: source.size,
		width: null,
		height: null,
		fps: null,
		metadata: null,
		createdAt: source.createdAt,
	};
}

/** checkVideoFileCanBeEdited (canVideoFileBeEdited: published, or one of the failed states). */
const EDITABLE_STATES = new Set([1, 7, 8, 11]);

/**
 * checkCanUpdateVideoFile, in PeerTube's order: the instance switch, the video, the right to manage
 * it (checkUserCanManageVideo / checkCanManageVideo with UPDATE_ANY_VIDEO), its state.
 */
function checkCanUpdateVideoFile(s: PeerTubeStandin, user: StandinUser, id: string): StandinVideo {
	if (!state(s).enabled) throw new HttpError(403, 'Updating the file of an existing video is not allowed on this instance');
	const video = s.resolveVideo(id);
	if (!video.isLocal) throw new HttpError(403, 'Cannot manage a video of another server.');
	if (!s.canManage(user, video)) throw new HttpError(403, 'Cannot manage a video of another user.');
	if (video.isLive) throw new HttpError(400, 'Cannot edit a live video');
	if (video.state === 2 || video.state === 9) throw new HttpError(409, 'Cannot edit video that is already waiting for transcoding/edition');
	if (!EDITABLE_STATES.has(video.state)) throw new HttpError(400, 'Video state is not compatible with edition');
	return video;
}

/** validator.js isNumeric (no_symbols off), as express-validator's `isNumeric()` applies it. */
const NUMERIC = /^[+-]?([0-9]*[.])?[0-9]+$/;

function replaceInit(s: PeerTubeStandin, ctx: Ctx, id: string): void {
	const user = s.auth(ctx, true);
	const { body } = s.parseBody(ctx);
	// resumableInitValidator (6.0: the same chain inside replaceVideoSourceResumableInitValidator).
	// `.isNumeric().exists().withMessage(…)` names only exists(): a missing or non-numeric header
	// fails isNumeric first, whose default message is the one mapped() keeps.
	const errors: InvalidParams = {};
	if (body.filename === undefined) invalid(errors, 'filename', undefined, 'Invalid value');
	const lengthHeader = ctx.req.headers['x-upload-content-length'];
	const typeHeader = ctx.req.headers['x-upload-content-type'];
	if (typeof lengthHeader !== 'string' || !NUMERIC.test(lengthHeader)) invalid(errors, 'x-upload-content-length', lengthHeader, 'Invalid value', 'headers');
	if (typeof typeHeader !== 'string') invalid(errors, 'x-upload-content-type', typeHeader, 'Invalid value', 'headers');
	if (Object.keys(errors).length) throw validationError(errors);

	const video = checkCanUpdateVideoFile(s, user, id);
	// commonVideoFileChecks: MIME type, then quota (the size rule "integer ≥ -1" never refuses)
	const mimetype = checkVideoMimetype(typeHeader as string);
	const size = Number(lengthHeader);
	const ownerId = s.ownerUserIdOfVideo(video);
	const quotaUser = s.atLeast(8, 1) && ownerId !== undefined ? (s.users.get(ownerId) ?? user) : user;
	if (!ableToUpload(s, quotaUser, size)) {
		throw new HttpError(413, 'The user video quota is exceeded with this video.', { code: 'quota_reached' });
	}

	// uploadx: the original name is metadata name || title || originalName || filename
	const originalName = String(body.name || body.title || body.originalName || body.filename);
	const uploadIdValue = uploadId(user.id, originalName, size, body.lastModified);
	const existing = s.uploads.get(uploadIdValue);
	const st = state(s);
	if (existing && existing.userId === user.id && existing.received > 0 && !st.completed.has(existing.id)) {
		return s.send(ctx, 200, undefined, { location: locationOfRequest(ctx, uploadIdValue), ...rangeHeader(existing) });
	}
	st.completed.delete(uploadIdValue);
	const session: UploadSession = {
		id: uploadIdValue,
		userId: user.id,
		size,
		mimetype,
		filename: String(body.filename),
		metadata: {},
		received: 0,
		segments: [],
		createdAt: Date.now(),
	};
	s.uploads.set(uploadIdValue, session);
	s.send(ctx, 201, undefined, { location: locationOfRequest(ctx, uploadIdValue) });
}

async function replaceChunk(s: PeerTubeStandin, ctx: Ctx, id: string): Promise<void> {
	const user = s.auth(ctx, true);
	const session = findSession(s, ctx, user);
	// uploadx's lock while a PUT writes the upload (server.cts takes it on arrival for
	// /videos/upload-resumable only; here it is taken when the route runs)
	const holder = s.uploadLocks.get(session.id);
	if (holder !== undefined && holder !== ctx.record) throw uploadxError(423, 'FileLocked', 'File locked');
	if (holder === undefined) s.uploadLocks.set(session.id, ctx.record);
	try {
		// uploadx's write() returns a completed upload as is: PeerTube's processing runs again
		if (!state(s).completed.has(session.id) && !receiveChunk(s, ctx, session)) return;
	} finally {
		if (s.uploadLocks.get(session.id) === ctx.record) s.uploadLocks.delete(session.id);
	}
	await finishReplace(s, ctx, session, user, id);
}

/** replaceVideoSourceResumableValidator, then the replaceVideoSourceResumable controller. */
async function finishReplace(s: PeerTubeStandin, ctx: Ctx, session: UploadSession, user: StandinUser, id: string): Promise<void> {
	const st = state(s);
	let release: () => void = () => undefined;
	let done: Promise<void> | undefined;
	if (s.atLeast(9)) {
		// checkUploadSessionCanStart (develop 025f3ad): one processing per upload id, kept after success
		if (st.redisSessions.has(session.id)) {
			throw new HttpError(503, 'The upload is already being processed', { headers: { 'retry-after': '300' } });
		}
		st.redisSessions.add(session.id);
	} else {
		// no such check before 9.0: a second final PUT runs the checks once the first is done
		for (let running = st.inFlight.get(session.id); running; running = st.inFlight.get(session.id)) await running;
		done = new Promise<void>((resolve) => (release = resolve));
		st.inFlight.set(session.id, done);
	}
	try {
		if (s.uploadProcessingMs > 0) await new Promise((resolve) => setTimeout(resolve, s.uploadProcessingMs));
		let video: StandinVideo;
		try {
			video = checkCanUpdateVideoFile(s, user, id);
		} catch (err) {
			// cleanup(): the upload (and on 9.0 its Redis session) is deleted; the video keeps its file
			s.uploads.delete(session.id);
			st.completed.delete(session.id);
			st.redisSessions.delete(session.id);
			throw err;
		}
		const now = new Date(Math.max(Date.now(), Date.parse(video.updatedAt) + 1)).toISOString();
		if (!st.sources.has(video.id)) st.sources.set(video.id, videoSourcesOf(s, video.id));
		video.file = {
			filename: session.filename,
			mimetype: session.mimetype,
			size: session.size,
			// hashed as the chunks arrived (files of 2 GiB and more too)
			sha256: uploadedSha256(session),
		};
		// buildNextVideoState(): to transcode, transcoding being enabled (/config)
		video.state = 2;
		video.updatedAt = now;
		st.inputFileUpdatedAt.set(video.id, now);
		const source: StandinVideoSource = { inputFilename: session.filename, size: session.size, createdAt: now };
		st.sources.get(video.id)!.push(source);
		st.completed.add(session.id);
		s.sendJson(ctx, 200, formatSource(s, source));
	} finally {
		if (done && st.inFlight.get(session.id) === done) st.inFlight.delete(session.id);
		release();
	}
}

function replaceCancel(s: PeerTubeStandin, ctx: Ctx): void {
	uploadCancel(s, ctx);
	const id = s.q1(ctx, 'upload_id');
	if (id) state(s).completed.delete(id);
}

/** videoSourceGetLatestValidator, then the latest VideoSource (404 "Video source not found" without one). */
function getSource(s: PeerTubeStandin, ctx: Ctx, id: string): void {
	const user = s.auth(ctx, true);
	const video = s.resolveVideo(id);
	if (!video.isLocal) throw new HttpError(403, 'Cannot manage a video of another server.');
	if (!s.canManage(user, video)) throw new HttpError(403, 'Cannot manage a video of another user.');
	const latest = videoSourcesOf(s, video.id).at(-1);
	if (!latest) throw new HttpError(404, 'Video source not found');
	s.sendJson(ctx, 200, formatSource(s, latest));
}

const REPLACE = /^\/api\/v1\/videos\/([^/]+)\/source\/replace-resumable$/;

export const replaceFileRoutes: Route[] = [
	// setupUploadResumableRoutes declares no openapi operation: problems carry no `docs`
	{ method: 'POST', path: REPLACE, handle: (s, ctx, m) => replaceInit(s, ctx, decodeURIComponent(m[1])) },
	{ method: 'PUT', path: REPLACE, handle: (s, ctx, m) => replaceChunk(s, ctx, decodeURIComponent(m[1])) },
	{ method: 'DELETE', path: REPLACE, handle: (s, ctx) => replaceCancel(s, ctx) },
	{ method: 'GET', path: /^\/api\/v1\/videos\/([^/]+)\/source$/, doc: 'getVideoSource', handle: (s, ctx, m) => getSource(s, ctx, decodeURIComponent(m[1])) },
];
