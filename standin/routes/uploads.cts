/**
 * Resumable upload — PeerTube's /api/v1/videos/upload-resumable on top of uploadx (api-facts-2 §1,
 * real-6.3.0-captures.md):
 * - init (POST): PeerTube's validators (problem+json: invalid-params, 415 MIME, 413 quota_reached,
 *   400 passwords), then uploadx: 201 + protocol-relative Location, or 200 + Range when the same user
 *   re-inits the same upload (name, size, lastModified) that already has bytes;
 * - chunks (PUT): written at the Content-Range start the client names (never checked against what
 *   was received), 409 only past the declared size, 308 + `Range: bytes=0-<n-1>` (`bytes=0--1` when
 *   nothing arrived), probe with `Content-Range: bytes *\/total`; 423 while another PUT writes the same
 *   upload; the final PUT creates the video (200) and deletes the session (a repeat → 404); a final PUT
 *   while one is processing → 503 + Retry-After;
 * - cancel (DELETE): 204; an unknown id → 403 as PeerTube 6.3.0 answered (api-facts-2 reads 204 from
 *   uploadx's code; the capture of a real 6.3.0 wins and no other version was checked, so every
 *   version answers 403 here); another user's id → 403.
 * uploadx's own errors are plain `{"error":{"code","message"}}`, not RFC 7807.
 * The uploadx parts (ids, Location, chunk writes, cancel) are exported for the other resumable route,
 * the file replacement (replaceFile.cts): PeerTube runs one uploadx store for both.
 *
 * Storage (the `uploadStorage` option): 'memory' keeps each chunk as received; 'disk' writes the
 * chunks into a temporary file at their offset, the chunk PUTs of this route streaming straight to
 * it (uploadx's disk storage; nothing of the file stays in memory). Either way the file is hashed as
 * its chunks arrive, in order; only writes out of order (a rewind, a gap) make the final PUT hash the
 * stored bytes instead.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, readSync, writeSync } from 'node:fs';
import { once } from 'node:events';

import { VIDEO_EXTENSIONS, VIDEO_MIMETYPE_EXT } from '../data.cjs';
import type { StandinUser } from '../data.cjs';
import { HttpError, RawAnswer, uploadxError, validationError } from '../http.cjs';
import type { Ctx, Route } from '../http.cjs';
import type { PeerTubeStandin, UploadSession } from '../server.cjs';
import { invalid, passwordProtectedPrivacyError, validateVideoBody } from '../validate.cjs';

let uniqueCounter = 0;
/** Node's hash takes less than 2 GiB per call: bigger buffers are hashed in pieces of this size. */
const HASH_PIECE = 64 * 1024 * 1024;

function hex(s: string): string {
	return createHash('sha256').update(s).digest('hex');
}

/**
 * uploadx derives the id from the user, the original name (metadata name || title || originalName ||
 * filename: UX storages/file.js extractOriginalName), the size and metadata.lastModified (else "now").
 */
export function uploadId(userId: number, name: string, size: number, lastModified: unknown): string {
	const modified = lastModified === undefined || lastModified === null ? `now-${Date.now()}-${uniqueCounter++}` : String(lastModified);
	const h = hex(`${name}\u0000${size}\u0000${modified}`);
	return [hex(`user-${userId}`).slice(0, 16), h.slice(0, 16), h.slice(16, 32), h.slice(32, 48)].join('-');
}

export function rangeHeader(session: UploadSession): Record<string, string> {
	return { range: `bytes=0-${session.received - 1}` };
}

/** uploadx's getBaseUrl: X-Forwarded-Proto://Host, protocol-relative //Host without that header. */
function baseUrl(ctx: Ctx): string {
	const host = ctx.req.headers.host ?? '';
	const proto = ctx.req.headers['x-forwarded-proto'];
	return typeof proto === 'string' && proto ? `${proto.split(',')[0].trim()}://${host}` : `//${host}`;
}

function location(ctx: Ctx, id: string): string {
	return `${baseUrl(ctx)}/api/v1/videos/upload-resumable?upload_id=${id}`;
}

/**
 * uploadx's buildFileUrl (UX handlers/uploadx.js): the base, then the pathname and the query of the
 * request as received, `upload_id` set in that query.
 */
export function locationOfRequest(ctx: Ctx, id: string): string {
	const url = new URL(ctx.req.url ?? ctx.path, 'http://standin.invalid');
	url.searchParams.set('upload_id', id);
	return `${baseUrl(ctx)}${url.pathname}${url.search}`;
}

/** commonVideoFileChecks' MIME type check: 415 with the accepted extensions; answers the MIME type. */
export function checkVideoMimetype(typeHeader: string): string {
	const mimetype = typeHeader.split(';')[0].trim().toLowerCase();
	if (VIDEO_MIMETYPE_EXT[mimetype] === undefined) {
		throw new HttpError(415, `This file is not supported. Please, make sure it is of the following type: ${VIDEO_EXTENSIONS.join(', ')}`);
	}
	return mimetype;
}

function uploadInit(s: PeerTubeStandin, ctx: Ctx): void {
	const user = s.auth(ctx, true);
	const { body, files } = s.parseBody(ctx);
	const { changes, errors, scheduleMissingUpdateAt } = validateVideoBody(body, files, 'create', {
		commentsPolicy: s.atLeast(6, 2),
		commentsEnabled: !s.atLeast(8),
	});
	if (typeof body.filename !== 'string' || body.filename.length === 0 || body.filename.length > 1000) {
		invalid(errors, 'filename', body.filename, 'Should have a valid filename');
	}
	const lengthHeader = ctx.req.headers['x-upload-content-length'];
	const typeHeader = ctx.req.headers['x-upload-content-type'];
	if (typeof lengthHeader !== 'string' || !/^\d+$/.test(lengthHeader.trim())) {
		invalid(errors, 'x-upload-content-length', lengthHeader, 'Should specify the file length', 'headers');
	}
	if (typeof typeHeader !== 'string' || typeHeader.trim() === '') {
		invalid(errors, 'x-upload-content-type', typeHeader, 'Should specify the file mimetype', 'headers');
	}
	if (Object.keys(errors).length) throw validationError(errors);
	if (scheduleMissingUpdateAt) throw new HttpError(400, 'Schedule update at is mandatory.');

	// commonVideoChecksPass: channel, MIME type, quota — in that order.
	const channel = s.checkChannel(user, changes.channelId!);
	const mimetype = checkVideoMimetype(typeHeader as string);
	const size = Number((lengthHeader as string).trim());
	const owner = s.users.get(s.accounts.get(channel.accountId)?.userId ?? user.id) ?? user;
	if (!ableToUpload(s, owner, size)) {
		throw new HttpError(413, 'The user video quota is exceeded with this video.', { code: 'quota_reached' });
	}
	const passwordError = passwordProtectedPrivacyError(body);
	if (passwordError) throw new HttpError(400, passwordError);

	const id = uploadId(user.id, changes.name!, size, body.lastModified);
	const existing = s.uploads.get(id);
	if (existing && existing.userId === user.id && existing.received > 0) {
		return s.send(ctx, 200, undefined, { location: location(ctx, id), ...rangeHeader(existing) });
	}
	if (existing) releaseStorage(s, existing);
	const session: UploadSession = {
		id,
		userId: user.id,
		size,
		mimetype,
		filename: body.filename as string,
		metadata: changes,
		received: 0,
		segments: [],
		createdAt: Date.now(),
	};
	s.uploads.set(id, session);
	s.send(ctx, 201, undefined, { location: location(ctx, id) });
}

/** User.isAbleToUploadVideo: total and daily quota (-1 = unlimited). */
export function ableToUpload(s: PeerTubeStandin, user: StandinUser, size: number): boolean {
	const quota = user.videoQuota ?? -1;
	const daily = user.videoQuotaDaily ?? -1;
	if (quota !== -1 && s.quotaUsed(user.id, false) + size > quota) return false;
	if (daily !== -1 && s.quotaUsed(user.id, true) + size > daily) return false;
	return true;
}

/** uploadx's lookup: unknown → 404 FileNotFound, another user's → 403 Forbidden. */
export function findSession(s: PeerTubeStandin, ctx: Ctx, user: StandinUser): UploadSession {
	const id = s.q1(ctx, 'upload_id');
	const session = id ? s.uploads.get(id) : undefined;
	if (!session) throw uploadxError(404, 'FileNotFound', 'Not found');
	if (session.userId !== user.id) throw uploadxError(403, 'Forbidden', 'Authenticated user is not allowed access');
	return session;
}

async function uploadChunk(s: PeerTubeStandin, ctx: Ctx): Promise<void> {
	const user = s.auth(ctx, true);
	const session = findSession(s, ctx, user);
	if (s.uploadLocks.get(session.id) !== ctx.record) throw uploadxError(423, 'FileLocked', 'File locked');
	if (!(s.bodyIsStreamed(ctx) ? await receiveStreamedChunk(s, ctx, session) : receiveChunk(s, ctx, session))) return;
	// uploadx releases its lock once the bytes are written; PeerTube's own processing follows.
	if (s.uploadLocks.get(session.id) === ctx.record) s.uploadLocks.delete(session.id);
	await finish(s, ctx, session);
}

/**
 * uploadx's PUT (UX handlers/uploadx.js put, storages/disk-storage.js write), shared by every
 * resumable route: writes the chunk, answers 308 + Range while bytes are missing (or cuts the
 * connection, cutUploadAt). Answers true, without answering the client, once every byte is there:
 * the route's own processing follows.
 */
export function receiveChunk(s: PeerTubeStandin, ctx: Ctx, session: UploadSession): boolean {
	const start = chunkStart(ctx, session);
	if (start !== undefined) {
		const data = ctx.body;
		if (start + data.length > session.size) throw uploadxError(409, 'FileConflict', 'File conflict');
		const cut = s.uploadCut;
		if (cut !== undefined && cut >= start && cut < start + data.length) {
			s.uploadCut = undefined;
			write(s, session, start, data.subarray(0, cut - start));
			ctx.req.socket.destroy();
			return false;
		}
		write(s, session, start, data);
	}
	return answerWhileMissing(s, ctx, session);
}

/**
 * Content-Range of a chunk PUT: checks it, applies a smaller total, and answers where the chunk
 * starts (undefined for a probe, which writes nothing).
 */
function chunkStart(ctx: Ctx, session: UploadSession): number | undefined {
	const header = (ctx.req.headers['content-range'] ?? '').trim();
	const probe = /^bytes \*\/(\d+)$/.exec(header);
	const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(header);
	if (header !== '' && !probe && !range) throw uploadxError(400, 'InvalidRange', 'Invalid or missing content-range header');
	const total = probe ? Number(probe[1]) : range ? Number(range[3]) : undefined;
	if (total !== undefined) {
		if (total > session.size) throw uploadxError(409, 'FileConflict', 'File conflict');
		// A smaller total shrinks the expected size, as uploadx does.
		session.size = total;
	}
	// No Content-Range: the chunk starts at 0. The start is never compared with what arrived.
	return probe ? undefined : range ? Number(range[1]) : 0;
}

/** 308 + Range while bytes are missing (false); true once every byte is there. */
function answerWhileMissing(s: PeerTubeStandin, ctx: Ctx, session: UploadSession): boolean {
	if (session.received < session.size) {
		s.send(ctx, 308, undefined, rangeHeader(session));
		return false;
	}
	return true;
}

/** Before a write at `start`: the running hash goes on, restarts (offset 0) or is given up. */
function hashBeforeWrite(session: UploadSession, start: number): void {
	if (start === 0) session.hash = { hash: createHash('sha256'), length: 0 };
	else if (!session.hash || session.hash.length !== start) session.hash = null;
}

/** Adds a written piece to the running hash (a whole-file chunk in HASH_PIECE pieces). */
function hashPiece(session: UploadSession, piece: Buffer): void {
	if (!session.hash) return;
	for (let at = 0; at < piece.length; at += HASH_PIECE) session.hash.hash.update(piece.subarray(at, at + HASH_PIECE));
	session.hash.length += piece.length;
}

/** uploadx's write of a whole chunk: stored as is ('memory', no copy) or at its offset in the file ('disk'). */
function write(s: PeerTubeStandin, session: UploadSession, start: number, data: Buffer): void {
	hashBeforeWrite(session, start);
	if (data.length > 0) {
		if (s.uploadStorage === 'disk') {
			const file = (session.file ??= s.openUploadFile());
			for (let done = 0; done < data.length; ) done += writeSync(file.fd, data, done, data.length - done, start + done);
		} else {
			session.segments.push({ start, data });
		}
		hashPiece(session, data);
	}
	session.received = start + data.length;
}

/** Bytes buffered towards the file before the request stream waits ('disk' storage). */
const STREAM_BUFFER = 1024 * 1024;

/**
 * receiveChunk for a chunk whose body the route reads itself ('disk' storage): the body streams
 * into the upload's file at the chunk's offset, hashed on the way, nothing kept. A Content-Length
 * past the declared size is refused before a byte is written (without one, the bytes past it are
 * dropped and the PUT answers 409); a cut connection keeps what was written, as uploadx does.
 */
async function receiveStreamedChunk(s: PeerTubeStandin, ctx: Ctx, session: UploadSession): Promise<boolean> {
	const start = chunkStart(ctx, session);
	if (start !== undefined) {
		const length = Number(ctx.req.headers['content-length'] ?? 0);
		if (start + length > session.size) throw uploadxError(409, 'FileConflict', 'File conflict');
		const file = (session.file ??= s.openUploadFile());
		const out = createWriteStream(file.path, { fd: file.fd, start, autoClose: false, highWaterMark: STREAM_BUFFER });
		let failure: Error | undefined;
		out.on('error', (err) => (failure ??= err));
		// ending the read early destroys the request, which may let go of its socket
		const socket = ctx.req.socket;
		let written = 0;
		let overflow = false;
		let cut = false;
		let complete = false;
		try {
			for await (const chunk of ctx.req) {
				let piece = chunk as Buffer;
				if (overflow || start + written + piece.length > session.size) {
					overflow = true;
					continue;
				}
				const cutAt = s.uploadCut;
				if (cutAt !== undefined && cutAt >= start + written && cutAt < start + written + piece.length) {
					s.uploadCut = undefined;
					piece = piece.subarray(0, cutAt - start - written);
					cut = true;
				}
				if (written === 0) hashBeforeWrite(session, start);
				hashPiece(session, piece);
				written += piece.length;
				if (!out.write(piece) && !failure) await once(out, 'drain');
				if (failure) throw failure;
				if (cut) break;
			}
			complete = !overflow;
		} finally {
			await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
			// what was written counts (uploadx's bytesWritten); a refused or lost empty chunk changes nothing
			if (written > 0 || complete) {
				if (written === 0) hashBeforeWrite(session, start);
				session.received = start + written;
			}
		}
		if (cut) {
			socket.destroy();
			return false;
		}
		if (overflow) throw uploadxError(409, 'FileConflict', 'File conflict');
	}
	return answerWhileMissing(s, ctx, session);
}

/** Every byte is there: PeerTube's videosAddResumableValidator, then addVideoResumable. */
async function finish(s: PeerTubeStandin, ctx: Ctx, session: UploadSession): Promise<void> {
	if (session.processing) {
		throw new HttpError(503, 'The upload is already being processed', { headers: { 'retry-after': '300' } });
	}
	session.processing = true;
	try {
		if (s.uploadProcessingMs > 0) await new Promise((resolve) => setTimeout(resolve, s.uploadProcessingMs));
		const sha256 = uploadedSha256(session);
		const changes = session.metadata;
		const channel = s.channels.get(changes.channelId!);
		if (!channel) throw new HttpError(400, 'Unknown video "video channel" for this instance.');
		const video = s.createFromChanges(channel, changes, changes.name!, 2);
		video.file = {
			filename: session.filename,
			mimetype: session.mimetype,
			size: session.size,
			sha256,
		};
		if (changes.thumbnail) video.thumbnail = changes.thumbnail;
		if (changes.preview) video.preview = changes.preview;
		// Since 6.0.4 the session and its file are deleted: a repeated final PUT answers 404.
		s.uploads.delete(session.id);
		releaseStorage(s, session);
		s.sendJson(ctx, 200, { video: { id: video.id, shortUUID: video.shortUUID, uuid: video.uuid } });
	} finally {
		session.processing = false;
	}
}

/** The file as written: the chunks in write order, later writes winning where they overlap. */
export function assembleFile(session: UploadSession): Buffer {
	const file = Buffer.alloc(session.size);
	if (session.file) {
		readFileInto(session.file.fd, file, 0);
		return file;
	}
	for (const seg of session.segments) seg.data.copy(file, seg.start, 0, Math.max(0, Math.min(seg.data.length, session.size - seg.start)));
	return file;
}

/** Fills `target` from the file at `position`; bytes past its end (never written) are zeros. */
function readFileInto(fd: number, target: Buffer, position: number): void {
	let done = 0;
	while (done < target.length) {
		const n = readSync(fd, target, done, target.length - done, position + done);
		if (n === 0) break;
		done += n;
	}
	target.fill(0, done);
}


/**
 * sha256 of the uploaded file (its declared size): the running hash when the chunks came in order,
 * else the stored bytes hashed piece by piece.
 */
export function uploadedSha256(session: UploadSession): string {
	if (session.hash && session.hash.length === session.size) return session.hash.hash.copy().digest('hex');
	const hash = createHash('sha256');
	if (session.file) {
		const piece = Buffer.alloc(Math.min(HASH_PIECE, session.size));
		for (let position = 0; position < session.size; position += piece.length) {
			const part = piece.subarray(0, Math.min(piece.length, session.size - position));
			readFileInto(session.file.fd, part, position);
			hash.update(part);
		}
	} else {
		const file = assembleFile(session);
		for (let position = 0; position < file.length; position += HASH_PIECE) hash.update(file.subarray(position, position + HASH_PIECE));
	}
	return hash.digest('hex');
}

/** The session is gone: its temporary file ('disk' storage) goes too. */
function releaseStorage(s: PeerTubeStandin, session: UploadSession): void {
	if (!session.file) return;
	s.releaseUploadFile(session.file);
	session.file = undefined;
}

/** uploadx's DELETE, the same on every resumable route (PeerTube adds only `authenticate`). */
export function uploadCancel(s: PeerTubeStandin, ctx: Ctx): void {
	const user = s.auth(ctx, true);
	const id = s.q1(ctx, 'upload_id');
	const session = id ? s.uploads.get(id) : undefined;
	// Captured on PeerTube 6.3.0: cancelling an unknown id answers 403 with nothing else.
	if (!session) throw new RawAnswer(403, '');
	if (session.userId !== user.id) throw uploadxError(403, 'Forbidden', 'Authenticated user is not allowed access');
	s.uploads.delete(session.id);
	releaseStorage(s, session);
	s.send(ctx, 204);
}

const UPLOAD = /^\/api\/v1\/videos\/upload-resumable$/;

export const uploadRoutes: Route[] = [
	{ method: 'POST', path: UPLOAD, doc: 'uploadResumableInit', handle: (s, ctx) => uploadInit(s, ctx) },
	{ method: 'PUT', path: UPLOAD, doc: 'uploadResumable', handle: (s, ctx) => uploadChunk(s, ctx) },
	{ method: 'DELETE', path: UPLOAD, doc: 'uploadResumableCancel', handle: (s, ctx) => uploadCancel(s, ctx) },
];
