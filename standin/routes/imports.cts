/**
 * Video imports (PeerTube `controllers/api/videos/import.ts`, validators
 * `middlewares/validators/videos/video-imports.ts`, `controllers/api/users/me.ts`): create from a
 * URL, a magnet URI or a torrent file; the import's states; `GET /users/me/videos/imports`.
 *
 * Test controls: `completeImport(s, id, 'success' | 'failed' | 'processing', error?)`,
 * `setImportsEnabled(s, { http?, torrent? })`, `importsEnabled(s)`, `importsOf(s)`.
 */
import { HttpError, validationError } from '../http.cjs';
import type { Ctx, Route } from '../http.cjs';
import type { PeerTubeStandin, StandinUser } from '../server.cjs';
import { invalid, isHttpUrl, validateVideoBody } from '../validate.cjs';
import type { InvalidParams } from '../validate.cjs';

/** VideoImportState ids and labels (peertube-models). */
export const IMPORT_STATES: Record<number, string> = { 1: 'Pending', 2: 'Success', 3: 'Failed', 4: 'Rejected', 5: 'Cancelled', 6: 'Processing' };

export interface StandinImport {
	id: number;
	userId: number;
	videoId: number;
	targetUrl: string | null;
	magnetUri: string | null;
	torrentName: string | null;
	state: number;
	error: string | null;
	attempts: number;
	createdAt: string;
	updatedAt: string;
}

interface ImportState {
	imports: Map<number, StandinImport>;
	/** `import.videos.http.enabled` / `import.videos.torrent.enabled` */
	httpEnabled: boolean;
	torrentEnabled: boolean;
}

// CONSTRAINTS_FIELDS.VIDEO_IMPORTS.TORRENT_FILE: .torrent, application/x-bittorrent, 200 KB
const TORRENT_MAX_SIZE = 1024 * 200;

function state(s: PeerTubeStandin): ImportState {
	return s.state<ImportState>('imports', () => ({ imports: new Map(), httpEnabled: true, torrentEnabled: true }));
}

export function importsOf(s: PeerTubeStandin): Map<number, StandinImport> {
	return state(s).imports;
}

/** `import.videos.http.enabled` / `.torrent.enabled` as the instance has them (also what /config reports). */
export function importsEnabled(s: PeerTubeStandin): { http: boolean; torrent: boolean } {
	const st = state(s);
	return { http: st.httpEnabled, torrent: st.torrentEnabled };
}

export function setImportsEnabled(s: PeerTubeStandin, enabled: { http?: boolean; torrent?: boolean }): void {
	const st = state(s);
	if (enabled.http !== undefined) st.httpEnabled = enabled.http;
	if (enabled.torrent !== undefined) st.torrentEnabled = enabled.torrent;
}

/**
 * Moves an import on, as PeerTube's video-import job does: success → the video goes on to
 * transcoding (state 2, or 1 when it has no transcoding to wait for); failed → the import keeps
 * the error and the video stays at 3 (TO_IMPORT) before 8.0, 12 (TO_IMPORT_FAILED) from 8.0 on.
 */
export function completeImport(s: PeerTubeStandin, id: number, outcome: 'success' | 'failed' | 'processing', error = 'Cannot fetch the file'): void {
	const record = importsOf(s).get(id);
	if (!record) throw new Error(`No import ${id}`);
	const video = s.getVideo(record.videoId);
	record.updatedAt = new Date(Math.max(Date.now(), Date.parse(record.updatedAt) + 1)).toISOString();
	if (outcome === 'processing') {
		record.state = 6;
		return;
	}
	record.attempts++;
	if (outcome === 'success') {
		record.state = 2;
		record.error = null;
		if (video) video.state = video.waitTranscoding ? 2 : 1;
	} else {
		record.state = 3;
		record.error = error;
		if (video && s.atLeast(8, 0)) video.state = 12;
	}
}

function formatImport(s: PeerTubeStandin, record: StandinImport): Record<string, unknown> {
	const video = s.getVideo(record.videoId);
	const out: Record<string, unknown> = {
		id: record.id,
		targetUrl: record.targetUrl,
		magnetUri: record.magnetUri,
		torrentName: record.torrentName,
		createdAt: record.createdAt,
		updatedAt: record.updatedAt,
		state: { id: record.state, label: IMPORT_STATES[record.state] },
		error: record.error,
		video: video ? { ...s.formatVideo(video), tags: [...video.tags] } : null,
	};
	if (s.atLeast(8, 0)) out.attempts = record.attempts;
	return out;
}

/** PeerTube's isResolvingToUnicastOnly, for literal addresses and names that are obviously local. */
function isPrivateHost(hostname: string): boolean {
	const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
	if (host === 'localhost' || host.endsWith('.localhost') || host === '::1' || host === '::' || host === '0.0.0.0') return true;
	const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
	if (v4) {
		const [a, b] = [Number(v4[1]), Number(v4[2])];
		return a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || a >= 224;
	}
	return /^(fc|fd|fe80)/.test(host);
}

function importVideo(s: PeerTubeStandin, ctx: Ctx): void {
	const user = s.auth(ctx, true);
	const { body, files } = s.parseBody(ctx);
	// the import validator shares the video fields of upload and update (getCommonVideoEditAttributes):
	// commentsPolicy from 6.2, commentsEnabled until 7.x
	const { changes, errors, scheduleMissingUpdateAt } = validateVideoBody(body, files, 'import', {
		commentsPolicy: s.atLeast(6, 2),
		commentsEnabled: !s.atLeast(8),
	});
	if (body.targetUrl !== undefined && !(isHttpUrl(body.targetUrl) && body.targetUrl.length >= 3 && body.targetUrl.length <= 2000)) {
		invalid(errors, 'targetUrl', body.targetUrl, 'Invalid value');
	}
	if (body.magnetUri !== undefined && !(typeof body.magnetUri === 'string' && body.magnetUri.startsWith('magnet:?'))) {
		invalid(errors, 'magnetUri', body.magnetUri, 'Invalid value');
	}
	const torrent = files.find((f) => f.field === 'torrentfile');
	if (torrent && (torrent.mimetype !== 'application/x-bittorrent' || torrent.size > TORRENT_MAX_SIZE)) {
		invalid(errors, 'torrentfile', undefined, 'This torrent file is not supported or too large. Please, make sure it is of the following type: .torrent');
	}
	if (Object.keys(errors).length) throw validationError(errors);
	if (scheduleMissingUpdateAt) throw new HttpError(400, 'Schedule update at is mandatory.');
	if (changes.privacy === 5 && !changes.videoPasswords?.length) {
		throw new HttpError(400, 'Video passwords are required for a password protected video');
	}
	const st = state(s);
	if (!st.httpEnabled && body.targetUrl) throw new HttpError(409, 'HTTP import is not enabled on this instance');
	if (!st.torrentEnabled && (body.magnetUri || torrent)) throw new HttpError(409, 'Torrent/magnet URI import is not enabled on this instance');
	const channel = s.checkChannel(user, changes.channelId!);
	if (!body.targetUrl && !body.magnetUri && !torrent) {
		throw new HttpError(400, 'Should have a magnetUri or a targetUrl or a torrent file');
	}
	if (body.targetUrl && isPrivateHost(new URL(body.targetUrl as string).hostname)) {
		throw new HttpError(403, 'Cannot use non unicast IP as targetUrl');
	}
	const source = (body.targetUrl as string | undefined) ?? (body.magnetUri as string | undefined) ?? torrent!.filename;
	const fallbackName = source.split(/[/?#&]/).filter(Boolean).pop() ?? 'Imported video';
	const name = changes.name ?? (fallbackName.length >= 3 ? fallbackName.slice(0, 120) : 'Imported video');
	// imports wait for transcoding unless told otherwise (lib/video-pre-import.ts)
	const video = s.createFromChanges(channel, { ...changes, waitTranscoding: changes.waitTranscoding ?? true }, name, 3);
	video.importSource = {
		targetUrl: body.targetUrl as string | undefined,
		magnetUri: body.magnetUri as string | undefined,
		torrentfile: torrent ? { filename: torrent.filename, mimetype: torrent.mimetype, size: torrent.size } : undefined,
	};
	if (changes.thumbnail) video.thumbnail = changes.thumbnail;
	if (changes.preview) video.preview = changes.preview;
	const now = new Date().toISOString();
	const record: StandinImport = {
		id: s.nextIds.import++,
		userId: user.id,
		videoId: video.id,
		// PeerTube keeps only the source it uses: the URL wins, then the torrent/magnet
		targetUrl: (body.targetUrl as string | undefined) ?? null,
		magnetUri: body.targetUrl ? null : ((body.magnetUri as string | undefined) ?? null),
		torrentName: body.targetUrl || body.magnetUri ? null : (torrent?.filename ?? null),
		state: 1,
		error: null,
		attempts: 0,
		createdAt: now,
		updatedAt: now,
	};
	st.imports.set(record.id, record);
	s.sendJson(ctx, 200, formatImport(s, record));
}

function listMyImports(s: PeerTubeStandin, ctx: Ctx): void {
	const user: StandinUser = s.auth(ctx, true);
	const { start, count, sort } = s.pagination(ctx, ['createdAt'], '-createdAt');
	const errors: InvalidParams = {};
	for (const name of ['id', 'videoId', 'videoChannelSyncId']) {
		const raw = s.q1(ctx, name);
		if (raw !== undefined && !/^\d+$/.test(raw)) invalid(errors, name, raw, 'Invalid value', 'query');
	}
	if (Object.keys(errors).length) throw validationError(errors);
	const targetUrl = s.q1(ctx, 'targetUrl');
	const search = s.q1(ctx, 'search')?.toLowerCase();
	// `id` and `videoId` filters exist from 8.x on; older versions ignore them
	const id = s.atLeast(8, 0) ? s.q1(ctx, 'id') : undefined;
	const videoId = s.atLeast(8, 0) ? s.q1(ctx, 'videoId') : undefined;
	const dir = sort.startsWith('-') ? -1 : 1;
	const list = [...importsOf(s).values()]
		.filter((r) => r.userId === user.id)
		.filter((r) => targetUrl === undefined || r.targetUrl === targetUrl)
		.filter((r) => id === undefined || r.id === Number(id))
		.filter((r) => videoId === undefined || r.videoId === Number(videoId))
		.filter((r) => {
			if (search === undefined) return true;
			const video = s.getVideo(r.videoId);
			return [r.targetUrl, r.magnetUri, r.torrentName, video?.name].some((v) => v?.toLowerCase().includes(search));
		})
		.sort((a, b) => dir * (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id - b.id));
	s.sendJson(ctx, 200, { total: list.length, data: list.slice(start, start + count).map((r) => formatImport(s, r)) });
}

export const importRoutes: Route[] = [
	{ method: 'POST', path: /^\/api\/v1\/videos\/imports$/, handle: (s, ctx) => importVideo(s, ctx) },
	{ method: 'GET', path: /^\/api\/v1\/users\/me\/videos\/imports$/, handle: (s, ctx) => listMyImports(s, ctx) },
];
