import type { IDataObject, IHttpRequestOptions, JsonObject } from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { retryAfterSeconds } from '../../../credentials/retryAfter';
import type { PeerTubeContext } from './index';
import { instanceBaseUrl, peerTubeRawRequest, toNodeError } from './index';

/**
 * PeerTube's resumable upload (the uploadx protocol): init → chunks → last chunk.
 *
 * - The file is read as a stream (filesystem / S3 binary data) or from the buffer n8n already
 *   holds (default mode), re-chunked into ONE reusable buffer of the chunk size, so memory stays
 *   at about one chunk whatever the file size. Each chunk is sent as a Buffer, which n8n can
 *   send again after refreshing an expired token (it cannot resend a stream).
 * - The server writes a chunk at the offset the client names without checking it, so after any
 *   doubt (a cut connection, a 5xx, an unexpected Range) the engine asks how much the server has
 *   (`Content-Range: bytes *\/total`, empty body) and continues from there: never from byte 0,
 *   never with a second upload.
 * - On a final failure the upload session is cancelled on the server (DELETE ?upload_id=).
 */

/** Used when the instance gives no `client.videos.resumableUpload.maxChunkSize`. */
export const DEFAULT_CHUNK_SIZE = 8 * 1024 * 1024;
/** Larger hints are clamped: memory use is about one chunk. */
export const MAX_CHUNK_SIZE = 64 * 1024 * 1024;
export const MIN_CHUNK_SIZE = 256 * 1024;
/** Size of the reads from n8n's binary data stream. */
const READ_SIZE = 1024 * 1024;
/** Consecutive faults without progress before giving up. */
const MAX_FAULTS = 5;
const MAX_RATE_LIMIT_WAITS = 5;
const MAX_WAIT_SECONDS = 60;
const BACKOFF_MS = 250;

export interface UploadFile {
	size: number;
	mimeType: string;
	fileName: string;
	/** The bytes from `offset` on, in pieces of any size (`readSize` is a hint). */
	open(offset: number, readSize: number): Promise<AsyncIterable<Buffer>>;
	/** Called with each piece once its bytes are copied, when nothing else holds the pieces. */
	release?(piece: Buffer): void;
}

export interface UploadImage {
	field: 'thumbnailfile' | 'previewfile';
	fileName: string;
	mimeType: string;
	data: Buffer;
}

export interface ResumableUploadRequest {
	/** `/videos/upload-resumable` or `/videos/{id}/source/replace-resumable` */
	endpoint: string;
	file: UploadFile;
	chunkSize: number;
	/** init body (JSON), or multipart when images are given */
	metadata: IDataObject;
	images?: UploadImage[];
	itemIndex: number;
	/** messages for the init answer, by status */
	initErrorMessages?: Partial<Record<number, string>>;
	/** when the last answer was lost and the session is gone (404): find what was created */
	recoverAfterLostAnswer?: () => Promise<IDataObject | undefined>;
	/** multipart builder (shared with Update) */
	buildMultipart?: (fields: IDataObject, files: UploadImage[]) => { body: Buffer; contentType: string };
}

export interface UploadStats {
	uploadId: string;
	chunks: number;
	requests: number;
	probes: number;
	resumes: number;
	rateLimitWaits: number;
	refreshes?: number;
}

export interface UploadResult {
	body: IDataObject;
	stats: UploadStats;
}

/** The chunk size to use for an instance's config (`GET /api/v1/config`). */
export function chunkSizeFor(config: IDataObject | undefined): number {
	const hint = Number(
		(((config?.client as IDataObject | undefined)?.videos as IDataObject | undefined)?.resumableUpload as IDataObject | undefined)?.maxChunkSize,
	);
	if (!Number.isFinite(hint) || hint <= 0) return DEFAULT_CHUNK_SIZE;
	return Math.max(MIN_CHUNK_SIZE, Math.min(MAX_CHUNK_SIZE, Math.floor(hint)));
}

/** `bytes=0-1234` → 1235 bytes received; absent or `bytes=0--1` → 0. */
export function receivedFromRange(headers: Record<string, unknown>): number | undefined {
	const raw = headers.range ?? headers.Range;
	if (raw === undefined || raw === null) return 0;
	const match = /bytes=(\d+)-(-?\d+)/.exec(String(Array.isArray(raw) ? raw[0] : raw));
	if (!match) return undefined;
	const end = Number(match[2]);
	return end < 0 ? 0 : end + 1;
}

export function uploadIdFromLocation(location: unknown): string | undefined {
	const text = String(Array.isArray(location) ? location[0] : (location ?? ''));
	const match = /[?&]upload_id=([^&#]+)/.exec(text);
	return match ? decodeURIComponent(match[1]) : undefined;
}

/** Reads pieces into one reusable buffer and hands out exactly `size` bytes per chunk. */
class Chunker {
	private readonly iterator: AsyncIterator<Buffer>;
	private piece: Buffer | undefined;
	private buffer: Buffer | undefined;

	constructor(
		source: AsyncIterable<Buffer>,
		private readonly size: number,
		private readonly release?: (piece: Buffer) => void,
	) {
		this.iterator = source[Symbol.asyncIterator]();
	}

	async next(want: number): Promise<Buffer> {
		const length = Math.min(want, this.size);
		// zero copy when one piece already holds the whole chunk (default mode: the file buffer)
		if (this.piece === undefined) {
			const result = await this.iterator.next();
			if (!result.done) this.piece = Buffer.isBuffer(result.value) ? result.value : Buffer.from(result.value);
		}
		if (this.piece && this.piece.length >= length) {
			const chunk = this.piece.subarray(0, length);
			this.piece = this.piece.length > length ? this.piece.subarray(length) : undefined;
			return chunk;
		}
		this.buffer ??= Buffer.allocUnsafe(this.size);
		let filled = 0;
		while (filled < length) {
			if (this.piece === undefined) {
				const result = await this.iterator.next();
				if (result.done) break;
				this.piece = Buffer.isBuffer(result.value) ? result.value : Buffer.from(result.value);
			}
			const take = Math.min(this.piece.length, length - filled);
			this.piece.copy(this.buffer, filled, 0, take);
			filled += take;
			if (this.piece.length > take) {
				this.piece = this.piece.subarray(take);
			} else {
				this.release?.(this.piece);
				this.piece = undefined;
			}
		}
		if (filled < length) throw new Error(`the binary data ended after ${filled} of ${length} bytes of a chunk`);
		return this.buffer.subarray(0, length);
	}

	async close(): Promise<void> {
		this.piece = undefined;
		await this.iterator.return?.();
	}
}

/** Reads `n` bytes from the start of a source and drops them (resuming a stream that cannot seek). */
export async function* skipBytes(source: AsyncIterable<Buffer>, offset: number): AsyncIterable<Buffer> {
	let skipped = 0;
	for await (const raw of source) {
		const piece = Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
		if (skipped >= offset) {
			yield piece;
			continue;
		}
		const left = offset - skipped;
		if (piece.length <= left) {
			skipped += piece.length;
			continue;
		}
		skipped = offset;
		yield piece.subarray(left);
	}
}

/** A file n8n keeps in memory (default binary data mode): sliced, never copied. */
export function bufferFile(data: Buffer, fileName: string, mimeType: string): UploadFile {
	return {
		size: data.length,
		fileName,
		mimeType,
		open: async (offset: number) => {
			const rest = data.subarray(offset);
			return (async function* () {
				yield rest;
			})();
		},
	};
}

/**
 * Frees a piece's memory at once instead of at a later GC: each read of n8n's binary stream is a
 * new Buffer that V8 counts as external memory, and on Node 24 (real n8n 2.x) that churn started a
 * full GC every few MiB of a big upload (measured: 144–184 in 2 GiB, the n8n process at 12–17 s of
 * CPU instead of 3; reading 1 GiB alone took 3× the CPU). Only a piece alone on its ArrayBuffer is
 * detached, where the runtime can (ArrayBuffer.prototype.transfer, Node 21+).
 */
export function releasePiece(piece: Buffer): void {
	const backing = piece.buffer as ArrayBuffer & { transfer?: (length?: number) => ArrayBuffer };
	if (piece.byteOffset === 0 && backing.byteLength === piece.length && typeof backing.transfer === 'function') backing.transfer(0);
}

/**
 * A file n8n keeps outside the execution (filesystem, S3…), read as a stream. `ownsPieces`: the
 * stream hands each read as a Buffer nothing else uses (a file read stream), so the engine frees
 * each piece once copied; streams that may hand slices of shared buffers (HTTP bodies) leave it off.
 */
export function streamFile(
	size: number,
	fileName: string,
	mimeType: string,
	openStream: (readSize: number) => Promise<AsyncIterable<Buffer>>,
	ownsPieces = false,
): UploadFile {
	return {
		size,
		fileName,
		mimeType,
		release: ownsPieces ? releasePiece : undefined,
		open: async (offset: number, readSize: number) => {
			// small reads copied into the one reusable chunk buffer: memory stays at one chunk plus a
			// few MiB (reads of a whole chunk each allocate a chunk the GC frees late: measured 4× more)
			const stream = await openStream(Math.min(readSize, READ_SIZE));
			return offset > 0 ? skipBytes(stream, offset) : stream;
		},
	};
}

function bodyCode(body: unknown): string | undefined {
	if (!body || typeof body !== 'object') return undefined;
	const data = body as IDataObject;
	if (typeof data.code === 'string') return data.code;
	const error = data.error as IDataObject | undefined;
	if (error && typeof error === 'object' && typeof error.code === 'string') return error.code;
	return undefined;
}

function bodyDetail(body: unknown): string | undefined {
	if (!body || typeof body !== 'object') return typeof body === 'string' && body.trim() ? body.trim() : undefined;
	const data = body as IDataObject;
	if (typeof data.detail === 'string') return data.detail;
	if (typeof data.error === 'string') return data.error;
	const error = data.error as IDataObject | undefined;
	if (error && typeof error.message === 'string') return error.message;
	return undefined;
}

function apiError(ctx: PeerTubeContext, message: string, itemIndex: number, status?: number, description?: string): NodeApiError {
	return new NodeApiError(ctx.getNode(), { message } as JsonObject, {
		message,
		description,
		httpCode: status ? String(status) : undefined,
		itemIndex,
	});
}

function sizeText(bytes: number): string {
	if (bytes >= 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GiB`;
	if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
	if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
	return `${bytes} bytes`;
}

/** Runs a whole resumable upload; answers with the last chunk's JSON (`{ video: {…} }` or a VideoSource). */
export async function resumableUpload(this: PeerTubeContext, request: ResumableUploadRequest): Promise<UploadResult> {
	const base = await instanceBaseUrl.call(this);
	const { file, itemIndex } = request;
	const chunkSize = Math.max(1, Math.floor(request.chunkSize));
	const stats: UploadStats = { uploadId: '', chunks: 0, requests: 0, probes: 0, resumes: 0, rateLimitWaits: 0 };
	const url = `${base}/api/v1${request.endpoint}`;

	// ---------------------------------------------------------------- init
	const initHeaders: IDataObject = {
		accept: 'application/json',
		'x-upload-content-length': String(file.size),
		'x-upload-content-type': file.mimeType,
	};
	const initOptions: IHttpRequestOptions = { method: 'POST', url, headers: initHeaders, json: true, disableFollowRedirect: true };
	if (request.images?.length && request.buildMultipart) {
		const multipart = request.buildMultipart(request.metadata, request.images);
		initOptions.body = multipart.body;
		initOptions.json = false;
		initHeaders['content-type'] = multipart.contentType;
	} else {
		initOptions.body = request.metadata;
	}
	let init: Awaited<ReturnType<typeof peerTubeRawRequest>> | undefined;
	for (let attempt = 0; ; attempt++) {
		stats.requests++;
		init = await peerTubeRawRequest.call(this, initOptions);
		if (init.status === 429 && stats.rateLimitWaits < MAX_RATE_LIMIT_WAITS) {
			const wait = retryAfterSeconds(init.headers) ?? 1;
			if (wait <= MAX_WAIT_SECONDS) {
				stats.rateLimitWaits++;
				await sleep(Math.ceil(wait * 1000));
				continue;
			}
		}
		// nothing was created when the init itself fails: safe to ask again
		if ((init.status === 0 || init.status >= 500) && attempt < 2) {
			await sleep(BACKOFF_MS * (attempt + 1));
			continue;
		}
		break;
	}
	if (init.status !== 200 && init.status !== 201) {
		throw initError(this, init, request, base, file);
	}
	const uploadId = uploadIdFromLocation(init.headers.location ?? init.headers.Location);
	if (!uploadId) {
		throw apiError(
			this,
			`PeerTube accepted the upload but gave no upload id (Location: ${String(init.headers.location ?? 'none')}): is a proxy in front of the instance rewriting headers?`,
			itemIndex,
			init.status,
		);
	}
	stats.uploadId = uploadId;
	const chunkUrl = `${url}?upload_id=${encodeURIComponent(uploadId)}`;

	const cancel = async () => {
		try {
			stats.requests++;
			await peerTubeRawRequest.call(this, { method: 'DELETE', url: chunkUrl, json: true, disableFollowRedirect: true });
		} catch {
			// best effort: the instance purges uploads idle for one to two hours anyway (hourly job)
		}
	};

	// 200 = the server already has part of this upload: continue where it is
	let offset = init.status === 200 ? (receivedFromRange(init.headers) ?? 0) : 0;
	let chunker: Chunker | undefined;
	let chunkerAt = -1;
	let faults = 0;
	let finalSent = false;
	let lastProblem = '';

	const put = async (body: Buffer | undefined, contentRange: string) => {
		stats.requests++;
		return await peerTubeRawRequest.call(this, {
			method: 'PUT',
			url: chunkUrl,
			headers: { 'content-type': 'application/octet-stream', 'content-range': contentRange, accept: 'application/json' },
			body: body ?? Buffer.alloc(0),
			json: false,
			disableFollowRedirect: true,
		});
	};

	let finalError: NodeApiError | undefined;
	const fail = async (message: string, status?: number, description?: string): Promise<never> => {
		if (chunker) await chunker.close();
		await cancel();
		finalError = apiError(this, `${message}. The upload was cancelled on the server (upload id ${uploadId}); run the node again to retry.`, itemIndex, status, description);
		throw finalError;
	};

	const fault = async (problem: string) => {
		faults++;
		lastProblem = problem;
		if (faults > MAX_FAULTS) {
			await fail(`The upload of "${file.fileName}" failed after ${MAX_FAULTS} attempts to resume at byte ${offset} of ${file.size} (${problem})`);
		}
		await sleep(Math.min(BACKOFF_MS * 2 ** (faults - 1), 4000));
	};

	/** Asks the server how much it has; answers the new offset, or the final body. */
	const probe = async (): Promise<{ offset?: number; done?: IDataObject }> => {
		for (;;) {
			stats.probes++;
			const answer = await put(undefined, `bytes */${file.size}`);
			if (answer.status === 308) {
				const received = receivedFromRange(answer.headers);
				if (received !== undefined) return { offset: received };
				await fault('unreadable Range header');
				continue;
			}
			if (answer.status === 200 || answer.status === 201) return { done: (answer.body ?? {}) as IDataObject };
			const result = await handleOther(answer);
			if (result) return result;
		}
	};

	/** Answers other than 308/200 on a chunk or a probe. Returns a result, or undefined to probe again. */
	const handleOther = async (answer: Awaited<ReturnType<typeof peerTubeRawRequest>>): Promise<{ offset?: number; done?: IDataObject } | undefined> => {
		const status = answer.status;
		const detail = bodyDetail(answer.body);
		if (status === 429 || (status === 503 && answer.headers['retry-after'] !== undefined)) {
			const wait = retryAfterSeconds(answer.headers) ?? 1;
			stats.rateLimitWaits++;
			if (stats.rateLimitWaits > MAX_RATE_LIMIT_WAITS * 4) {
				await fail(`PeerTube kept answering ${status} ("${detail ?? 'busy'}") during the upload of "${file.fileName}"`, status);
			}
			await sleep(Math.ceil(Math.min(wait, MAX_WAIT_SECONDS) * 1000));
			return undefined;
		}
		if (status === 0 || status >= 500 || status === 423) {
			await fault(status === 0 ? `connection: ${answer.networkCode}` : `HTTP ${status}${detail ? `: ${detail}` : ''}`);
			return undefined;
		}
		if (status === 409) {
			// a chunk past the declared size: re-sync on the server's Range
			await fault('range conflict');
			return undefined;
		}
		if (status === 404 || status === 410) {
			if (finalSent && request.recoverAfterLostAnswer) {
				// the last chunk arrived earlier and the session is gone: find what it created
				const found = await request.recoverAfterLostAnswer();
				if (found) return { done: found };
			}
			return await fail(
				`The upload session of "${file.fileName}" no longer exists on PeerTube (HTTP ${status}): the instance purges uploads left idle for one to two hours`,
				status,
			);
		}
		if (status === 401) {
			return await fail('PeerTube rejected the access token during the upload even after a new login: check the credential', status);
		}
		if (status === 413) {
			return await fail(quotaMessage(answer.body, file), status, detail);
		}
		if (status === 415) {
			return await fail(`PeerTube does not accept this type of file (${file.mimeType}, "${file.fileName}")${detail ? `: ${detail}` : ''}`, status);
		}
		if (status === 422) {
			return await fail(
				`PeerTube could not read "${file.fileName}" as a video (HTTP 422${detail ? `: ${detail}` : ''}): check that the binary field holds a complete video file`,
				status,
			);
		}
		if (status === 403) {
			return await fail(`PeerTube refused the video${detail ? `: ${detail}` : ''}`, status);
		}
		return await fail(`PeerTube rejected a chunk of "${file.fileName}" (HTTP ${status}${detail ? `: ${detail}` : ''})`, status);
	};

	try {
		for (;;) {
			if (offset >= file.size && file.size > 0) {
				// every byte is there but no final answer yet: the probe triggers the final processing
				finalSent = true;
				const result = await probe();
				if (result.done) return { body: result.done, stats };
				offset = result.offset ?? offset;
				if (offset >= file.size) await fault('the server has every byte but did not finish');
				continue;
			}
			if (!chunker || chunkerAt !== offset) {
				if (chunker) {
					stats.resumes++;
					await chunker.close();
				}
				chunker = new Chunker(await file.open(offset, chunkSize), chunkSize, file.release);
				chunkerAt = offset;
			}
			const length = Math.min(chunkSize, file.size - offset);
			const chunk = length > 0 ? await chunker.next(length) : Buffer.alloc(0);
			const end = offset + length;
			let sendFrom = offset;
			// send this chunk (or its tail) until the server has all of it
			for (;;) {
				const body = sendFrom === offset ? chunk : chunk.subarray(sendFrom - offset);
				const last = end === file.size;
				if (last) finalSent = true;
				stats.chunks++;
				const answer = await put(body, file.size === 0 ? `bytes */0` : `bytes ${sendFrom}-${end - 1}/${file.size}`);
				let result: { offset?: number; done?: IDataObject } | undefined;
				if (answer.status === 200 || answer.status === 201) {
					return { body: (answer.body ?? {}) as IDataObject, stats };
				}
				if (answer.status === 308) {
					const received = receivedFromRange(answer.headers);
					result = received === undefined ? await probe() : { offset: received };
				} else {
					result = await handleOther(answer);
					if (!result) result = await probe();
				}
				if (result.done) return { body: result.done, stats };
				const received = result.offset ?? sendFrom;
				if (received > sendFrom) faults = 0;
				if (received === end) break;
				if (received >= offset && received < end) {
					// part of the chunk arrived (cut connection, or a short write): send the rest
					if (received === sendFrom) await fault(lastProblem || 'no progress');
					stats.resumes++;
					sendFrom = received;
					continue;
				}
				// the server is elsewhere than this chunk: re-read the file from its offset
				if (received < offset) await fault(`the server went back to byte ${received}`);
				chunkerAt = -1;
				offset = received;
				break;
			}
			if (chunkerAt === -1) continue;
			offset = end;
			chunkerAt = end;
		}
	} catch (error) {
		if (finalError) throw finalError;
		// anything unexpected (the binary data could not be read, a failed login…): no orphan either
		if (chunker) await chunker.close().catch(() => undefined);
		await cancel();
		const message = (error as Error).message ?? String(error);
		throw apiError(
			this,
			`The upload of "${file.fileName}" stopped at byte ${offset} of ${file.size}: ${message}. The upload was cancelled on the server (upload id ${uploadId}).`,
			itemIndex,
		);
	} finally {
		if (chunker) await chunker.close().catch(() => undefined);
	}
}

function quotaMessage(body: unknown, file: UploadFile): string {
	const detail = bodyDetail(body);
	const code = bodyCode(body);
	if (code === 'max_file_size_reached') {
		return `"${file.fileName}" (${sizeText(file.size)}) is larger than this PeerTube instance accepts${detail ? `: ${detail}` : ''}`;
	}
	return `The video quota of the PeerTube account is exhausted: "${file.fileName}" (${sizeText(file.size)}) does not fit${detail ? ` (${detail})` : ''}. Free space by deleting videos, or ask the instance's administrator for a larger quota`;
}

function initError(
	ctx: PeerTubeContext,
	init: Awaited<ReturnType<typeof peerTubeRawRequest>>,
	request: ResumableUploadRequest,
	base: string,
	file: UploadFile,
): Error {
	const status = init.status;
	const detail = bodyDetail(init.body);
	const custom = request.initErrorMessages?.[status];
	if (custom) return apiError(ctx, custom + (detail && !custom.includes(detail) ? ` (PeerTube: ${detail})` : ''), request.itemIndex, status);
	if (status === 0) {
		return apiError(
			ctx,
			`Could not reach the PeerTube instance at ${base} (${init.networkCode}): check the Instance URL in the credential and that the server is online`,
			request.itemIndex,
		);
	}
	if (status === 413) return apiError(ctx, quotaMessage(init.body, file), request.itemIndex, status);
	if (status === 415) {
		return apiError(
			ctx,
			`PeerTube does not accept this type of file (${file.mimeType}, "${file.fileName}")${detail ? `: ${detail}` : ''}. Convert it to a format the instance lists, or set the binary property's MIME type correctly`,
			request.itemIndex,
			status,
		);
	}
	if (init.failure) {
		return toNodeError(ctx, init.failure, { itemIndex: request.itemIndex }, base, `POST /api/v1${request.endpoint}`);
	}
	return apiError(ctx, `PeerTube refused to start the upload (HTTP ${status}${detail ? `: ${detail}` : ''})`, request.itemIndex, status);
}
