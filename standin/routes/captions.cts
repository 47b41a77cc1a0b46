/**
 * Video captions (PeerTube `controllers/api/videos/captions.ts`, validators
 * `middlewares/validators/videos/video-captions.ts`): list, add/replace (PUT multipart
 * `captionfile`), delete, and automatic generation (6.2+: POST …/captions/generate).
 *
 * Test controls: `captionsOf(s, videoId)`, `addCaption(s, videoId, language, text, auto?)`,
 * `setTranscriptionEnabled(s, bool)`, `finishTranscription(s, videoId, language)`,
 * `isBeingTranscribed(s, videoId)`.
 */
import { HttpError, validationError } from '../http.cjs';
import type { Ctx, Route } from '../http.cjs';
import { LANGUAGES } from '../data.cjs';
import type { PeerTubeStandin, StandinUser, StandinVideo } from '../server.cjs';
import { booleanOrNull, invalid } from '../validate.cjs';
import type { InvalidParams } from '../validate.cjs';

export interface StandinCaption {
	language: string;
	filename: string;
	mimetype: string;
	data: Buffer;
	automaticallyGenerated: boolean;
	updatedAt: string;
}

interface CaptionState {
	/** video id → language → caption */
	byVideo: Map<number, Map<string, StandinCaption>>;
	/** video ids with a transcription job pending */
	transcribing: Set<number>;
	/** `video_transcription.enabled` of the instance (PeerTube's default is false; on here for tests) */
	transcriptionEnabled: boolean;
}

// MIMETYPES.VIDEO_CAPTIONS in PeerTube's initializers/constants.ts
const CAPTION_MIMETYPES = ['text/vtt', 'application/x-subrip', 'text/plain'];
// CONSTRAINTS_FIELDS.VIDEO_CAPTIONS.CAPTION_FILE.FILE_SIZE.max
const CAPTION_MAX_SIZE = 20 * 1024 * 1024;

function state(s: PeerTubeStandin): CaptionState {
	return s.state<CaptionState>('captions', () => ({ byVideo: new Map(), transcribing: new Set(), transcriptionEnabled: true }));
}

export function captionsOf(s: PeerTubeStandin, videoId: number): Map<string, StandinCaption> {
	const byVideo = state(s).byVideo;
	let captions = byVideo.get(videoId);
	if (!captions) {
		captions = new Map();
		byVideo.set(videoId, captions);
	}
	return captions;
}

export function addCaption(s: PeerTubeStandin, videoId: number, language: string, text: string, automaticallyGenerated = false): void {
	captionsOf(s, videoId).set(language, {
		language,
		filename: `${language}.vtt`,
		mimetype: 'text/vtt',
		data: Buffer.from(text),
		automaticallyGenerated,
		updatedAt: new Date().toISOString(),
	});
}

export function setTranscriptionEnabled(s: PeerTubeStandin, enabled: boolean): void {
	state(s).transcriptionEnabled = enabled;
}

export function isBeingTranscribed(s: PeerTubeStandin, videoId: number): boolean {
	return state(s).transcribing.has(videoId);
}

/** Ends a pending transcription job the way PeerTube's does: one automatically generated caption. */
export function finishTranscription(s: PeerTubeStandin, videoId: number, language = 'en'): void {
	state(s).transcribing.delete(videoId);
	addCaption(s, videoId, language, 'WEBVTT\n\n00:00.000 --> 00:01.000\nGenerated\n', true);
}

/** PeerTube's API catch-all (`apiRouter.use('/*', badRequest)`): 400 with an empty body. */
function unknownRoute(s: PeerTubeStandin, ctx: Ctx): void {
	s.send(ctx, 400, undefined, { 'content-type': 'application/json; charset=utf-8' });
}

function videoOf(s: PeerTubeStandin, id: string): StandinVideo {
	return s.resolveVideo(decodeURIComponent(id));
}

function checkCanManage(s: PeerTubeStandin, user: StandinUser, video: StandinVideo): void {
	if (!video.isLocal) throw new HttpError(403, 'Cannot manage a video of another server.');
	if (!s.canManage(user, video)) throw new HttpError(403, 'Cannot manage a video of another user.');
}

function checkLanguage(language: string, message?: string): void {
	if (LANGUAGES[language] === undefined) {
		const errors: InvalidParams = {};
		invalid(errors, 'captionLanguage', language, message ?? 'Invalid value', 'params');
		throw validationError(errors);
	}
}

function formatCaption(s: PeerTubeStandin, video: StandinVideo, caption: StandinCaption): Record<string, unknown> {
	const file = `${video.uuid}-${caption.language}.vtt`;
	const out: Record<string, unknown> = {
		language: { id: caption.language, label: LANGUAGES[caption.language] ?? 'Unknown' },
		captionPath: `/lazy-static/video-captions/${file}`,
	};
	if (s.atLeast(7, 0)) out.fileUrl = `${s.url}/lazy-static/video-captions/${file}`;
	if (s.atLeast(6, 2)) out.automaticallyGenerated = caption.automaticallyGenerated;
	out.updatedAt = caption.updatedAt;
	return out;
}

function listCaptions(s: PeerTubeStandin, ctx: Ctx, id: string): void {
	const user = s.auth(ctx, false);
	const video = videoOf(s, id);
	const manager = user !== undefined && s.canManage(user, video);
	if (video.privacy === 3 && !manager) throw new HttpError(user ? 403 : 401, 'Cannot get this private video of another user');
	if (video.privacy === 4 && !user) throw new HttpError(401, 'Cannot get this internal video without being logged in');
	const list = [...captionsOf(s, video.id).values()].sort((a, b) => a.language.localeCompare(b.language));
	s.sendJson(ctx, 200, { total: list.length, data: list.map((c) => formatCaption(s, video, c)) });
}

function putCaption(s: PeerTubeStandin, ctx: Ctx, id: string, language: string): void {
	const user = s.auth(ctx, true);
	const { files } = s.parseBody(ctx);
	const errors: InvalidParams = {};
	if (LANGUAGES[language] === undefined) invalid(errors, 'captionLanguage', language, 'Invalid value', 'params');
	const file = files.find((f) => f.field === 'captionfile');
	if (!file || !CAPTION_MIMETYPES.includes(file.mimetype) || file.size > CAPTION_MAX_SIZE) {
		invalid(
			errors,
			'captionfile',
			undefined,
			`This caption file is not supported or too large. Please, make sure it is under ${CAPTION_MAX_SIZE} bytes and one of the following mimetypes: text/vtt (.vtt), application/x-subrip (.srt), text/plain (.srt)`,
		);
	}
	if (Object.keys(errors).length) throw validationError(errors);
	const video = videoOf(s, id);
	checkCanManage(s, user, video);
	captionsOf(s, video.id).set(language, {
		language,
		filename: file!.filename,
		mimetype: file!.mimetype,
		data: file!.data,
		automaticallyGenerated: false,
		updatedAt: new Date().toISOString(),
	});
	s.send(ctx, 204);
}

function deleteCaption(s: PeerTubeStandin, ctx: Ctx, id: string, language: string): void {
	const user = s.auth(ctx, true);
	checkLanguage(language, 'Should have a valid caption language');
	const video = videoOf(s, id);
	const captions = captionsOf(s, video.id);
	if (!captions.has(language)) throw new HttpError(404, 'Video caption not found');
	checkCanManage(s, user, video);
	captions.delete(language);
	s.send(ctx, 204);
}

function generateCaption(s: PeerTubeStandin, ctx: Ctx, id: string): void {
	// the route exists from PeerTube 6.2 on; older versions answer with the API catch-all
	if (!s.atLeast(6, 2)) return unknownRoute(s, ctx);
	const user = s.auth(ctx, true);
	const { body } = s.parseBody(ctx);
	let force: boolean | null | undefined;
	if (body.forceTranscription !== undefined) {
		force = booleanOrNull(body.forceTranscription);
		if (typeof force !== 'boolean') {
			const errors: InvalidParams = {};
			invalid(errors, 'forceTranscription', body.forceTranscription, 'Invalid value');
			throw validationError(errors);
		}
	}
	const st = state(s);
	if (!st.transcriptionEnabled) throw new HttpError(400, 'Video transcription is disabled on this instance');
	const video = videoOf(s, id);
	if (!video.isLocal) throw new HttpError(400, 'Cannot run transcription job on a remote video');
	checkCanManage(s, user, video);
	if (captionsOf(s, video.id).size !== 0) throw new HttpError(400, 'This video already has captions');
	if (force === true) {
		if (!s.isStaff(user)) throw new HttpError(403, 'Only admins can force transcription');
	} else if (st.transcribing.has(video.id)) {
		throw new HttpError(409, 'This video is already being transcribed', { code: 'video_already_being_transcribed' });
	}
	st.transcribing.add(video.id);
	s.send(ctx, 204);
}

const CAPTIONS = /^\/api\/v1\/videos\/([^/]+)\/captions$/;
const CAPTION = /^\/api\/v1\/videos\/([^/]+)\/captions\/([^/]+)$/;

export const captionRoutes: Route[] = [
	{ method: 'GET', path: CAPTIONS, handle: (s, ctx, m) => listCaptions(s, ctx, m[1]) },
	{ method: 'POST', path: /^\/api\/v1\/videos\/([^/]+)\/captions\/generate$/, handle: (s, ctx, m) => generateCaption(s, ctx, m[1]) },
	{ method: 'PUT', path: CAPTION, handle: (s, ctx, m) => putCaption(s, ctx, m[1], decodeURIComponent(m[2])) },
	{ method: 'DELETE', path: CAPTION, handle: (s, ctx, m) => deleteCaption(s, ctx, m[1], decodeURIComponent(m[2])) },
];
