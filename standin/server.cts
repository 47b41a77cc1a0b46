import http from 'node:http';
import { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
	CATEGORIES,
	COMMENTS_POLICIES,
	JobSeed,
	JobState,
	LANGUAGES,
	LICENCES,
	PRIVACIES,
	ROLE_IDS,
	ROLE_LABELS,
	Role,
	USER_RIGHTS,
	StandinAccount,
	StandinChannel,
	StandinJob,
	StandinUser,
	StandinVideo,
	UUID_RE,
	VIDEO_STATES,
	VideoSeed,
	newUuid,
	shortToUuid,
	toIso,
	truncateDescription,
	uuidToShort,
} from './data.cjs';
import { MultipartError, MultipartFile, fieldsToObject, parseMultipart } from './multipart.cjs';
import { InvalidParams, VideoChanges, booleanOrNull, invalid } from './validate.cjs';
import { Ctx, HttpError, Query, RawAnswer, validationError } from './http.cjs';
import { API_ROUTES } from './routes/index.cjs';
import { inputFileUpdatedAtOf } from './routes/replaceFile.cjs';

export { totp } from './totp.cjs';
export { HttpError, RawAnswer, uploadxError, validationError } from './http.cjs';
export type { Ctx, Route } from './http.cjs';
export { seedDemo } from './seed.cjs';
export type { Role, StandinUser, StandinVideo, VideoSeed, StandinJob, JobSeed, JobState } from './data.cjs';

export interface RecordedRequest {
	method: string;
	/** pathname only */
	path: string;
	query: Record<string, string | string[]>;
	/** lower-cased, as received */
	headers: Record<string, string | string[] | undefined>;
	body: Buffer;
	/** status answered (0 while the request is still being handled) */
	status: number;
	at: number;
}

export interface StandinOptions {
	/** Port to listen on (127.0.0.1); default 0 = random. */
	port?: number;
	/** The instance's configured webserver host (host[:port]); default `127.0.0.1:<port>`. */
	hostname?: string;
	/** seconds, default 86400 */
	accessTokenLifetime?: number;
	/** seconds, default 1209600 */
	refreshTokenLifetime?: number;
	/** default { max: 50, windowMs: 10000 }; admins & moderators with a valid token are exempt */
	apiRateLimit?: { max: number; windowMs: number } | false;
	/** default { max: 15, windowMs: 300000 } on POST /api/v1/users/token */
	loginRateLimit?: { max: number; windowMs: number } | false;
	/**
	 * 'path' (default; what every release 6.0–8.2 serves): GET /api/v1/jobs/:state?.
	 * 'develop-query-form': GET /api/v1/jobs?states=a,b as ONE stored upstream develop version had it
	 * (no release serves it, api-facts-2 §0/§11) — for experiments only; /jobs/:state then hits the
	 * catch-all.
	 */
	jobsApi?: 'path' | 'develop-query-form';
	/**
	 * The PeerTube version played, default '7.0.0': 6.x, 7.x, 8.x or 9.0 (as far as develop shows).
	 * Served as GET /api/v1/config serverVersion and nodeinfo; routes branch on it with s.atLeast().
	 */
	serverVersion?: string;
	/**
	 * How long the final PUT of a resumable upload "processes" before answering, default 0. While it
	 * does, another final PUT of the same upload answers 503 + Retry-After as PeerTube does.
	 */
	uploadProcessingMs?: number;
	/** resumable upload hint in /api/v1/config, default 100 MiB */
	maxChunkSize?: number;
	/**
	 * Where resumable uploads keep their bytes. 'memory' (default, what tests use): each chunk as
	 * received, every request body recorded up to RECORD_BODY_LIMIT each. 'disk' (the benchmark: a
	 * server for big files, as uploadx's disk storage): the chunk PUTs of /videos/upload-resumable
	 * stream into a temporary file at the offset they name (nothing of the file stays in memory),
	 * and request bodies are recorded only while they total at most RECORD_BODY_LIMIT since the
	 * last clearRequests() (streamed chunk bodies are never recorded). Either way the file is
	 * hashed as its chunks arrive in order, so files of 2 GiB and more work.
	 */
	uploadStorage?: 'memory' | 'disk';
}

export interface TokenRecord {
	accessToken: string;
	refreshToken: string;
	userId: number;
	clientId: string;
	accessExpiresAt: number;
	refreshExpiresAt: number;
	refreshRevoked: boolean;
}

export interface UploadSession {
	id: string;
	userId: number;
	/** declared size (X-Upload-Content-Length; a smaller Content-Range total shrinks it) */
	size: number;
	mimetype: string;
	filename: string;
	metadata: VideoChanges;
	/** uploadx's bytesWritten: the end of the last chunk written (start offset + length) */
	received: number;
	/** the chunks in write order; later writes win where they overlap ('memory' storage; empty on 'disk') */
	segments: Array<{ start: number; data: Buffer }>;
	createdAt: number;
	/** set while the final PUT is being processed (503 for another final PUT meanwhile) */
	processing?: boolean;
	/**
	 * sha256 of the file's bytes [0, length) while the writes since the last one at offset 0 came
	 * in order (each starting where the previous ended); null once a write broke that order (the
	 * hash is then taken from the stored bytes); undefined before the first write.
	 */
	hash?: { hash: Hash; length: number } | null;
	/** 'disk' storage: the temporary file the chunks are written into (opened on the first write) */
	file?: UploadFile;
}

/** A resumable upload's temporary file ('disk' storage). */
export interface UploadFile {
	path: string;
	fd: number;
}

interface InjectedFailure {
	method: string;
	matcher: string | RegExp;
	status: number;
	remaining: number;
	headers: Record<string, string>;
}

/**
 * Fixed window per client IP, the window starting at the client's first hit — the behaviour of
 * express-rate-limit's memory store that PeerTube uses. Every counted request uses one slot.
 */
class FixedWindowLimiter {
	readonly hits = new Map<string, { count: number; resetAt: number }>();
	constructor(
		readonly max: number,
		readonly windowMs: number,
	) {}

	hit(key: string, now: number): { allowed: boolean; headers: Record<string, string> } {
		let entry = this.hits.get(key);
		if (!entry || entry.resetAt <= now) {
			entry = { count: 0, resetAt: now + this.windowMs };
			this.hits.set(key, entry);
		}
		entry.count++;
		const allowed = entry.count <= this.max;
		const headers: Record<string, string> = {
			'x-ratelimit-limit': String(this.max),
			'x-ratelimit-remaining': String(Math.max(0, this.max - entry.count)),
			'x-ratelimit-reset': String(Math.ceil(entry.resetAt / 1000)),
		};
		if (!allowed) headers['retry-after'] = String(Math.max(0, Math.ceil((entry.resetAt - now) / 1000)));
		return { allowed, headers };
	}
}

const VIDEO_SORTS = [
	'name',
	'duration',
	'createdAt',
	'publishedAt',
	'originallyPublishedAt',
	'views',
	'likes',
	'trending',
	'hot',
	'best',
	'match',
];
const DEFAULT_MAX_CHUNK = 100 * 1024 * 1024;
// Request bodies above this are recorded empty so a long demo session doesn't hoard upload bytes
// ('disk' upload storage: the bound is on all recorded bodies together since clearRequests()).
const RECORD_BODY_LIMIT = 32 * 1024 * 1024;
const EMPTY = Buffer.alloc(0);
const DOCS_ERRORS = 'https://docs.joinpeertube.org/api-rest-reference.html#section/Errors/';
const DOCS_OPERATIONS = 'https://docs.joinpeertube.org/api-rest-reference.html#operation/';
/** express-rate-limit's default message, sent as is (plain text) by PeerTube's sendRateLimited. */
export const RATE_LIMIT_MESSAGE = 'Too many requests, please try again later.';
/** Routers of controllers/api/index.ts that mount apiRateLimiter (api-facts-2 §10). */
const RATE_LIMITED_ROUTERS = new Set([
	'abuses',
	'accounts',
	'automatic-tags',
	'blocklist',
	'bulk',
	'client-config',
	'config',
	'custom-pages',
	'jobs',
	'metrics',
	'oauth-clients',
	'overviews',
	'player-settings',
	'plugins',
	'search',
	'server',
	'users',
	'video-channel-syncs',
	'video-channels',
	'video-playlists',
	'videos',
	'watched-words',
]);
export const UPLOAD_PATH = /^\/api\/v1\/videos\/upload-resumable\/?$/;

function lowerKeys(h: Record<string, string>): Record<string, string> {
	return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
}
const DEMO_BASE_TIME = Date.UTC(2024, 0, 1);
const nameCollator = new Intl.Collator('en', { sensitivity: 'base', numeric: false });

function roleId(role: Role): number {
	return ROLE_IDS[role];
}

function matchesPath(matcher: string | RegExp, path: string): boolean {
	return typeof matcher === 'string' ? matcher === path : matcher.test(path);
}

export function randomHex(bytes: number): string {
	return randomBytes(bytes).toString('hex');
}

function escapeHtml(s: string): string {
	return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export class PeerTubeStandin {
	readonly url: string;
	readonly port: number;
	readonly clientId = randomHex(16);
	readonly clientSecret = randomHex(16);
	requests: RecordedRequest[] = [];

	readonly hostname: string;
	readonly accessLifetimeMs: number;
	readonly refreshLifetimeMs: number;
	readonly apiLimiter?: FixedWindowLimiter;
	readonly loginLimiter?: FixedWindowLimiter;
	readonly jobsApi: 'path' | 'develop-query-form';
	readonly uploadProcessingMs: number;
	readonly serverVersion: string;
	readonly maxChunkSize: number;
	readonly uploadStorage: 'memory' | 'disk';

	readonly users = new Map<number, StandinUser>();
	readonly userMeta = new Map<number, { createdAt: string; lastLoginDate: string | null }>();
	readonly accounts = new Map<number, StandinAccount>();
	readonly channels = new Map<number, StandinChannel>();
	readonly videos = new Map<number, StandinVideo>();
	readonly videosByUuid = new Map<string, StandinVideo>();
	readonly jobs: StandinJob[] = [];
	readonly tokensByAccess = new Map<string, TokenRecord>();
	readonly tokensByRefresh = new Map<string, TokenRecord>();
	readonly everIssued = { accessTokens: [] as string[], refreshTokens: [] as string[] };
	readonly uploads = new Map<string, UploadSession>();
	/** upload id → the request currently writing into it (uploadx's lock). */
	readonly uploadLocks = new Map<string, RecordedRequest>();
	/** cutUploadAt(): the next chunk PUT covering this file offset stores up to it, then the socket dies. */
	uploadCut: number | undefined;
	readonly failures: InjectedFailure[] = [];
	readonly sortCache = new Map<string, StandinVideo[]>();
	membershipVersion = 0;
	sortCacheVersion = -1;
	nextIds = { user: 1, account: 1, channel: 1, video: 1, job: 1, import: 1 };
	jobsPaused = false;

	private constructor(
		private readonly server: http.Server,
		port: number,
		options: StandinOptions,
	) {
		this.port = port;
		this.url = `http://127.0.0.1:${port}`;
		this.hostname = (options.hostname ?? `127.0.0.1:${port}`).toLowerCase();
		this.accessLifetimeMs = (options.accessTokenLifetime ?? 86400) * 1000;
		this.refreshLifetimeMs = (options.refreshTokenLifetime ?? 1209600) * 1000;
		const api = options.apiRateLimit === undefined ? { max: 50, windowMs: 10_000 } : options.apiRateLimit;
		if (api) this.apiLimiter = new FixedWindowLimiter(api.max, api.windowMs);
		const login = options.loginRateLimit === undefined ? { max: 15, windowMs: 300_000 } : options.loginRateLimit;
		if (login) this.loginLimiter = new FixedWindowLimiter(login.max, login.windowMs);
		this.jobsApi = options.jobsApi === 'develop-query-form' ? 'develop-query-form' : 'path';
		this.serverVersion = options.serverVersion ?? '7.0.0';
		this.uploadProcessingMs = options.uploadProcessingMs ?? 0;
		this.maxChunkSize = options.maxChunkSize ?? DEFAULT_MAX_CHUNK;
		this.uploadStorage = options.uploadStorage === 'disk' ? 'disk' : 'memory';
	}

	static async start(options: StandinOptions = {}): Promise<PeerTubeStandin> {
		const version = options.serverVersion ?? '7.0.0';
		if (!/^(6|7|8|9)\.\d+(\.\d+)?([-+].*)?$/.test(version)) {
			throw new Error(`serverVersion ${version}: the stand-in plays PeerTube 6.x, 7.x, 8.x or 9.0`);
		}
		const holder: { instance?: PeerTubeStandin } = {};
		const server = http.createServer((req, res) => {
			// Requests can't arrive before listen() resolves, so instance is always set here.
			void holder.instance!.handle(req, res);
		});
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(options.port ?? 0, '127.0.0.1', () => {
				server.off('error', reject);
				resolve();
			});
		});
		const { port } = server.address() as AddressInfo;
		holder.instance = new PeerTubeStandin(server, port, options);
		return holder.instance;
	}

	close(): Promise<void> {
		return new Promise<void>((resolve) => {
			this.server.close(() => resolve());
			// Keep-alive sockets (undici, n8n) would otherwise hold close() open.
			this.server.closeAllConnections();
		}).then(() => {
			for (const file of [...this.uploadFiles]) this.releaseUploadFile(file);
			if (this.uploadDir !== undefined) rmSync(this.uploadDir, { recursive: true, force: true });
		});
	}

	// ---------------------------------------------------------------- upload storage ('disk')

	private uploadDir: string | undefined;
	private readonly uploadFiles = new Set<UploadFile>();
	private uploadFileCounter = 0;
	/** requests whose body the route reads itself, as a stream (ctx.body stays empty) */
	private readonly streamedBodies = new WeakSet<Ctx>();

	/** A new temporary file for an upload's bytes, open for positioned reads and writes. */
	openUploadFile(): UploadFile {
		this.uploadDir ??= mkdtempSync(join(tmpdir(), 'peertube-standin-uploads-'));
		const path = join(this.uploadDir, `upload-${++this.uploadFileCounter}`);
		const file = { path, fd: openSync(path, 'w+') };
		this.uploadFiles.add(file);
		return file;
	}

	/** Closes and deletes an upload's temporary file (once; close() releases any left). */
	releaseUploadFile(file: UploadFile): void {
		if (!this.uploadFiles.delete(file)) return;
		closeSync(file.fd);
		try {
			unlinkSync(file.path);
		} catch {
			// the directory goes at close() anyway
		}
	}

	/** Whether the route reads this request's body from ctx.req itself ('disk' upload chunks). */
	bodyIsStreamed(ctx: Ctx): boolean {
		return this.streamedBodies.has(ctx);
	}

	private readonly moduleState = new Map<string, unknown>();

	/** Whether the stand-in plays PeerTube `major.minor` or newer (from the `serverVersion` option). */
	atLeast(major: number, minor = 0): boolean {
		const [maj, min] = this.serverVersion.split('.').map((n) => Number.parseInt(n, 10) || 0);
		return maj > major || (maj === major && (min ?? 0) >= minor);
	}

	get majorVersion(): number {
		return Number.parseInt(this.serverVersion, 10);
	}

	/** State a route module keeps for this stand-in (created on first use), e.g. its playlists. */
	state<T>(key: string, init: () => T): T {
		if (!this.moduleState.has(key)) this.moduleState.set(key, init());
		return this.moduleState.get(key) as T;
	}

	// ---------------------------------------------------------------- request log

	clearRequests(): void {
		this.requests = [];
		this.recordedBodyBytes = 0;
	}

	/** bytes of request bodies recorded since clearRequests() */
	private recordedBodyBytes = 0;

	/** What the request log keeps of a body (see RECORD_BODY_LIMIT). */
	private recordedBody(body: Buffer): Buffer {
		if (body.length > RECORD_BODY_LIMIT) return EMPTY;
		if (this.uploadStorage === 'disk') {
			if (this.recordedBodyBytes + body.length > RECORD_BODY_LIMIT) return EMPTY;
			this.recordedBodyBytes += body.length;
		}
		return body;
	}

	count(method: string, pathOrRegex: string | RegExp): number {
		const m = method.toUpperCase();
		return this.requests.filter((r) => (m === '*' || r.method === m) && matchesPath(pathOrRegex, r.path)).length;
	}

	logins(): RecordedRequest[] {
		return this.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/users/token');
	}

	// ---------------------------------------------------------------- data

	addUser(u: Partial<StandinUser> & { username: string; password: string }): StandinUser {
		if (this.findUser(u.username)) throw new Error(`User ${u.username} already exists`);
		const user: StandinUser = {
			role: 'user',
			email: `${u.username.toLowerCase()}@example.com`,
			emailVerified: true,
			blocked: false,
			waitingForApproval: false,
			videoQuota: -1,
			videoQuotaDaily: -1,
			...u,
			id: this.nextIds.user++,
		};
		const now = new Date().toISOString();
		this.users.set(user.id, user);
		this.userMeta.set(user.id, { createdAt: now, lastLoginDate: null });
		const account: StandinAccount = {
			id: this.nextIds.account++,
			name: user.username,
			displayName: user.username,
			userId: user.id,
			createdAt: now,
		};
		this.accounts.set(account.id, account);
		this.addChannel({
			name: `${user.username}_channel`,
			displayName: `Main ${user.username} channel`,
			ownerUsername: user.username,
		});
		return user;
	}

	addChannel(c: { name: string; displayName?: string; ownerUsername: string }): { id: number; name: string } {
		const user = this.findUser(c.ownerUsername);
		if (!user) throw new Error(`Unknown user ${c.ownerUsername}`);
		if (this.findChannel(c.name)) throw new Error(`Channel ${c.name} already exists`);
		const account = this.accountOfUser(user.id)!;
		const now = new Date().toISOString();
		const channel: StandinChannel = {
			id: this.nextIds.channel++,
			name: c.name,
			displayName: c.displayName ?? c.name,
			description: null,
			support: null,
			accountId: account.id,
			createdAt: now,
			updatedAt: now,
		};
		this.channels.set(channel.id, channel);
		return { id: channel.id, name: channel.name };
	}

	/**
	 * A channel of another instance that this instance has NOT fetched yet: lookups by
	 * `name@host` answer 404 until a logged-in user's search fetches it (fetchRemoteActor).
	 * Its owner is the remote account `accountName` (default `<name>_account`), created if needed.
	 */
	addRemoteChannel(c: { name: string; host: string; displayName?: string; accountName?: string }): { id: number; name: string; host: string } {
		const host = c.host.toLowerCase();
		if (host === this.hostname) throw new Error('addRemoteChannel: use addChannel for this instance');
		if (this.findRemote('channel', c.name, host)) throw new Error(`Channel ${c.name}@${host} already exists`);
		const accountName = c.accountName ?? `${c.name}_account`;
		const account = (this.findRemote('account', accountName, host) as StandinAccount | undefined) ?? this.createRemoteAccount(accountName, host);
		const now = new Date().toISOString();
		const channel: StandinChannel = {
			id: this.nextIds.channel++,
			name: c.name,
			displayName: c.displayName ?? c.name,
			description: null,
			support: null,
			accountId: account.id,
			createdAt: now,
			updatedAt: now,
			host,
			known: false,
		};
		this.channels.set(channel.id, channel);
		return { id: channel.id, name: channel.name, host };
	}

	/** An account of another instance that this instance has NOT fetched yet (see addRemoteChannel). */
	addRemoteAccount(a: { name: string; host: string; displayName?: string }): { id: number; name: string; host: string } {
		const host = a.host.toLowerCase();
		if (host === this.hostname) throw new Error('addRemoteAccount: use addUser for this instance');
		if (this.findRemote('account', a.name, host)) throw new Error(`Account ${a.name}@${host} already exists`);
		const account = this.createRemoteAccount(a.name, host, a.displayName);
		return { id: account.id, name: account.name, host };
	}

	private createRemoteAccount(name: string, host: string, displayName?: string): StandinAccount {
		const account: StandinAccount = {
			id: this.nextIds.account++,
			name,
			displayName: displayName ?? name,
			createdAt: new Date().toISOString(),
			host,
			known: false,
		};
		this.accounts.set(account.id, account);
		return account;
	}

	private findRemote(kind: 'channel' | 'account', name: string, host: string): StandinChannel | StandinAccount | undefined {
		const map: Map<number, StandinChannel | StandinAccount> = kind === 'channel' ? this.channels : this.accounts;
		for (const x of map.values()) if (x.host === host && x.name === name) return x;
		return undefined;
	}

	/**
	 * What PeerTube's search does with a handle (`name@host`, `@name@host`) or an actor URL
	 * (`https://host/video-channels/name`, `/c/name`, `/accounts/name`, `/a/name`): for a logged-in
	 * user (search.remote_uri.users, default true) it fetches the remote actor — a channel together
	 * with its owner account — so that it becomes known here. Anonymous searches (remote_uri.anonymous,
	 * default false) and this instance's own actors only look locally.
	 */
	fetchRemoteActor(search: string, user: StandinUser | undefined): { channel?: StandinChannel; account?: StandinAccount } {
		let name: string | undefined;
		let host: string | undefined;
		let kind: 'channel' | 'account' | undefined;
		const url = /^https?:\/\/([^/]+)\/(video-channels|c|accounts|a)\/([^/?#]+)/i.exec(search.trim());
		if (url) {
			host = url[1].toLowerCase();
			kind = url[2] === 'video-channels' || url[2] === 'c' ? 'channel' : 'account';
			name = decodeURIComponent(url[3]);
		} else {
			const parts = search.trim().split('@');
			if (parts.length === 3 && parts[0] === '') parts.shift();
			if (parts.length === 2 && parts.every((p) => p && !p.includes(' '))) {
				name = parts[0];
				host = parts[1].toLowerCase();
			}
		}
		if (name === undefined || host === undefined) return {};
		if (host === this.hostname) {
			const channel = kind !== 'account' ? this.findChannel(name) : undefined;
			const account = channel ? this.accounts.get(channel.accountId) : kind !== 'channel' ? this.findAccount(name) : undefined;
			return { channel, account };
		}
		const channel = kind !== 'account' ? (this.findRemote('channel', name, host) as StandinChannel | undefined) : undefined;
		const account = channel
			? this.accounts.get(channel.accountId)
			: kind !== 'channel'
				? (this.findRemote('account', name, host) as StandinAccount | undefined)
				: undefined;
		if (!user) {
			// Anonymous: only what this instance already knows.
			return { channel: channel?.known ? channel : undefined, account: account?.known ? account : undefined };
		}
		if (channel) channel.known = true;
		if (account) account.known = true;
		return { channel, account };
	}

	addVideos(
		n: number,
		overrides?: Partial<VideoSeed> | ((i: number) => Partial<VideoSeed>),
	): StandinVideo[] {
		const created: StandinVideo[] = [];
		for (let i = 0; i < n; i++) {
			const seed = typeof overrides === 'function' ? overrides(i) : (overrides ?? {});
			created.push(this.createVideo(seed));
		}
		return created;
	}

	getVideo(idOrUuidOrShort: string | number): StandinVideo | undefined {
		if (typeof idOrUuidOrShort === 'number') return this.videos.get(idOrUuidOrShort);
		const s = idOrUuidOrShort.trim();
		if (/^\d+$/.test(s)) return this.videos.get(Number(s));
		if (UUID_RE.test(s)) return this.videosByUuid.get(s.toLowerCase());
		const uuid = shortToUuid(s);
		return uuid ? this.videosByUuid.get(uuid) : undefined;
	}

	addJobs(n: number, overrides?: Partial<JobSeed> | ((i: number) => Partial<JobSeed>)): StandinJob[] {
		const created: StandinJob[] = [];
		const now = Date.now();
		for (let i = 0; i < n; i++) {
			const seed = typeof overrides === 'function' ? overrides(i) : (overrides ?? {});
			const state: JobState = seed.state ?? 'completed';
			const createdMs = seed.createdAt !== undefined ? new Date(seed.createdAt).getTime() : now - (i + 1) * 60_000;
			const started = state !== 'waiting' && state !== 'delayed';
			const finished = state === 'completed' || state === 'failed';
			const job: StandinJob = {
				id: this.nextIds.job++,
				state,
				type: seed.type ?? 'video-transcoding',
				data: seed.data ?? { videoUUID: newUuid() },
				priority: seed.priority !== undefined ? seed.priority : 100,
				progress: seed.progress !== undefined ? seed.progress : state === 'completed' ? 100 : state === 'active' ? 42 : 0,
				error:
					seed.error !== undefined
						? seed.error
						: state === 'failed'
							? 'Error: Command failed with exit code 1\n    at ChildProcess.exithandler (node:child_process:422:12)'
							: null,
				createdAt: toIso(createdMs),
				processedOn:
					seed.processedOn !== undefined
						? seed.processedOn === null
							? null
							: toIso(seed.processedOn)
						: started
							? toIso(createdMs + 1000)
							: null,
				finishedOn:
					seed.finishedOn !== undefined
						? seed.finishedOn === null
							? null
							: toIso(seed.finishedOn)
						: finished
							? toIso(createdMs + 5000)
							: null,
			};
			this.jobs.push(job);
			created.push(job);
		}
		return created;
	}

	// ---------------------------------------------------------------- test controls

	expireAccessTokens(): void {
		for (const t of this.tokensByAccess.values()) t.accessExpiresAt = 0;
	}

	revokeRefreshTokens(): void {
		for (const t of this.tokensByRefresh.values()) t.refreshRevoked = true;
	}

	issuedTokens(): { accessTokens: string[]; refreshTokens: string[] } {
		return {
			accessTokens: [...this.everIssued.accessTokens],
			refreshTokens: [...this.everIssued.refreshTokens],
		};
	}

	/**
	 * Cuts the connection of the next chunk PUT that covers `fileOffset`: the bytes before it are
	 * stored (as a server gets them before the line drops), then the socket is destroyed without an
	 * answer. One shot.
	 */
	cutUploadAt(fileOffset: number): void {
		this.uploadCut = fileOffset;
	}

	/** Resumable uploads in progress (finished ones are deleted, as PeerTube does). */
	uploadSessions(): Array<{ id: string; received: number; size: number; userId: number }> {
		return [...this.uploads.values()].map((u) => ({ id: u.id, received: u.received, size: u.size, userId: u.userId }));
	}

	failNext(
		method: string,
		pathOrRegex: string | RegExp,
		status: number,
		times = 1,
		headers: Record<string, string> = {},
	): void {
		this.failures.push({ method: method.toUpperCase(), matcher: pathOrRegex, status, remaining: times, headers });
	}

	// ---------------------------------------------------------------- lookups

	findUser(usernameOrEmail: string): StandinUser | undefined {
		const wanted = usernameOrEmail.toLowerCase();
		for (const u of this.users.values()) {
			if (u.username.toLowerCase() === wanted || u.email?.toLowerCase() === wanted) return u;
		}
		return undefined;
	}

	accountOfUser(userId: number): StandinAccount | undefined {
		for (const a of this.accounts.values()) if (a.userId === userId) return a;
		return undefined;
	}

	/** A channel of this instance, by name. */
	findChannel(name: string): StandinChannel | undefined {
		for (const c of this.channels.values()) if (c.host === undefined && c.name === name) return c;
		return undefined;
	}

	/** Local or fetched remote: what lists and lookups of this instance show. */
	isKnownChannel(c: StandinChannel): boolean {
		return c.host === undefined || c.known === true;
	}

	isKnownAccount(a: StandinAccount): boolean {
		return a.host === undefined || a.known === true;
	}

	/** `name`, `name@<this host>` or `name@<remote host>` of a remote channel this instance has fetched. */
	findChannelByHandle(handle: string): StandinChannel | undefined {
		const at = handle.indexOf('@');
		if (at < 0) return this.findChannel(handle);
		const host = handle.slice(at + 1).toLowerCase();
		if (host === this.hostname) return this.findChannel(handle.slice(0, at));
		const c = this.findRemote('channel', handle.slice(0, at), host) as StandinChannel | undefined;
		return c?.known ? c : undefined;
	}

	/** `name` or `name@host`; only this instance's host is known. */
	localHandle(handle: string): string | undefined {
		const at = handle.indexOf('@');
		if (at < 0) return handle;
		return handle.slice(at + 1).toLowerCase() === this.hostname ? handle.slice(0, at) : undefined;
	}

	/** `name`, `name@<this host>` or `name@<remote host>` of a remote account this instance has fetched. */
	findAccount(handle: string): StandinAccount | undefined {
		const name = this.localHandle(handle);
		if (name === undefined) {
			const at = handle.indexOf('@');
			const a = this.findRemote('account', handle.slice(0, at), handle.slice(at + 1).toLowerCase()) as StandinAccount | undefined;
			return a?.known ? a : undefined;
		}
		for (const a of this.accounts.values()) if (a.host === undefined && a.name === name) return a;
		return undefined;
	}

	ownerUserIdOfVideo(v: StandinVideo): number | undefined {
		const channel = this.channels.get(v.channelId);
		return channel ? this.accounts.get(channel.accountId)?.userId : undefined;
	}

	isStaff(user: StandinUser | undefined): boolean {
		return !!user && (user.role === 'admin' || user.role === 'moderator');
	}

	// ---------------------------------------------------------------- video creation

	createVideo(seed: Partial<VideoSeed>): StandinVideo {
		const id = this.nextIds.video++;
		let channel: StandinChannel | undefined;
		if (seed.channelName !== undefined) {
			channel = this.findChannelByHandle(seed.channelName);
			if (!channel) {
				const remote = seed.channelName.includes('@') ? ' (a remote channel must be fetched first: fetchRemoteActor)' : '';
				throw new Error(`Unknown channel ${seed.channelName}${remote}`);
			}
		} else {
			channel = this.channels.values().next().value;
			if (!channel) throw new Error('addVideos needs a channel: call addUser() first');
		}
		const uuid = (seed.uuid ?? newUuid()).toLowerCase();
		const publishedAt = seed.publishedAt !== undefined ? toIso(seed.publishedAt) : toIso(DEMO_BASE_TIME + id * 3_600_000);
		const name = seed.name ?? `Video ${id}`;
		const video: StandinVideo = {
			id,
			uuid,
			shortUUID: uuidToShort(uuid),
			name,
			channelId: channel.id,
			privacy: seed.privacy ?? 1,
			category: seed.category !== undefined ? seed.category : 15,
			licence: seed.licence !== undefined ? seed.licence : 1,
			language: seed.language !== undefined ? seed.language : 'en',
			tags: seed.tags ? [...seed.tags] : [],
			nsfw: seed.nsfw ?? false,
			isLive: seed.isLive ?? false,
			isLocal: seed.isLocal ?? channel.host === undefined,
			description: seed.description !== undefined ? seed.description : `Description of ${name}`,
			support: seed.support !== undefined ? seed.support : null,
			commentsPolicy: seed.commentsPolicy ?? 1,
			downloadEnabled: seed.downloadEnabled ?? true,
			waitTranscoding: seed.waitTranscoding ?? false,
			state: seed.state ?? 1,
			// Deterministic spread so sorting by these fields is meaningful in tests.
			duration: seed.duration ?? 30 + ((id * 37) % 600),
			views: seed.views ?? (id * 97) % 1000,
			likes: seed.likes ?? (id * 13) % 50,
			dislikes: seed.dislikes ?? (id * 7) % 5,
			publishedAt,
			createdAt: seed.createdAt !== undefined ? toIso(seed.createdAt) : publishedAt,
			updatedAt: seed.updatedAt !== undefined ? toIso(seed.updatedAt) : publishedAt,
			originallyPublishedAt:
				seed.originallyPublishedAt !== undefined && seed.originallyPublishedAt !== null
					? toIso(seed.originallyPublishedAt)
					: null,
			scheduledUpdate: null,
			videoPasswords: seed.videoPasswords ? [...seed.videoPasswords] : [],
		};
		if (this.videosByUuid.has(uuid)) throw new Error(`Duplicate video uuid ${uuid}`);
		this.videos.set(id, video);
		this.videosByUuid.set(uuid, video);
		this.membershipVersion++;
		return video;
	}

	removeVideo(v: StandinVideo): void {
		this.videos.delete(v.id);
		this.videosByUuid.delete(v.uuid);
		this.membershipVersion++;
	}

	// ---------------------------------------------------------------- formatting

	get baseUrl(): string {
		return `http://${this.hostname}`;
	}

	formatAccountSummary(a: StandinAccount) {
		return {
			id: a.id,
			name: a.name,
			displayName: a.displayName,
			url: `${a.host ? `https://${a.host}` : this.baseUrl}/accounts/${a.name}`,
			host: a.host ?? this.hostname,
			avatars: [],
		};
	}

	formatAccount(a: StandinAccount) {
		return {
			...this.formatAccountSummary(a),
			userId: a.userId,
			description: null,
			hostRedundancyAllowed: false,
			followingCount: 0,
			followersCount: 0,
			createdAt: a.createdAt,
			updatedAt: a.createdAt,
		};
	}

	formatChannelSummary(c: StandinChannel) {
		return {
			id: c.id,
			name: c.name,
			displayName: c.displayName,
			url: `${c.host ? `https://${c.host}` : this.baseUrl}/video-channels/${c.name}`,
			host: c.host ?? this.hostname,
			avatars: [],
		};
	}

	formatChannel(c: StandinChannel) {
		const account = this.accounts.get(c.accountId)!;
		return {
			...this.formatChannelSummary(c),
			description: c.description,
			support: c.support,
			isLocal: c.host === undefined,
			hostRedundancyAllowed: false,
			followingCount: 0,
			followersCount: 0,
			createdAt: c.createdAt,
			updatedAt: c.updatedAt,
			banners: [],
			ownerAccount: this.formatAccount(account),
		};
	}

	formatVideo(v: StandinVideo) {
		const channel = this.channels.get(v.channelId)!;
		const account = this.accounts.get(channel.accountId)!;
		return {
			id: v.id,
			uuid: v.uuid,
			shortUUID: v.shortUUID,
			url: `${channel.host ? `https://${channel.host}` : this.baseUrl}/videos/watch/${v.uuid}`,
			name: v.name,
			category: { id: v.category, label: v.category !== null ? (CATEGORIES[v.category] ?? 'Unknown') : 'Unknown' },
			licence: { id: v.licence, label: v.licence !== null ? (LICENCES[v.licence] ?? 'Unknown') : 'Unknown' },
			language: { id: v.language, label: v.language !== null ? (LANGUAGES[v.language] ?? 'Unknown') : 'Unknown' },
			privacy: { id: v.privacy, label: PRIVACIES[v.privacy] ?? 'Unknown' },
			nsfw: v.nsfw,
			truncatedDescription: truncateDescription(v.description),
			isLocal: v.isLocal,
			isLive: v.isLive,
			duration: v.duration,
			aspectRatio: v.isLive ? null : 1.7778,
			views: v.views,
			viewers: 0,
			likes: v.likes,
			dislikes: v.dislikes,
			thumbnailPath: `/lazy-static/thumbnails/${v.uuid}.jpg`,
			previewPath: `/lazy-static/previews/${v.uuid}.jpg`,
			embedPath: `/videos/embed/${v.uuid}`,
			createdAt: v.createdAt,
			updatedAt: v.updatedAt,
			publishedAt: v.publishedAt,
			originallyPublishedAt: v.originallyPublishedAt,
			waitTranscoding: v.waitTranscoding,
			state: { id: v.state, label: (v.state !== 12 || this.atLeast(8) ? VIDEO_STATES[v.state] : undefined) ?? 'Unknown' },
			scheduledUpdate: v.scheduledUpdate ? { ...v.scheduledUpdate } : null,
			blacklisted: false,
			blacklistedReason: null,
			account: this.formatAccountSummary(account),
			channel: this.formatChannelSummary(channel),
		};
	}

	formatVideoDetails(v: StandinVideo) {
		const channel = this.channels.get(v.channelId)!;
		const account = this.accounts.get(channel.accountId)!;
		return {
			...this.formatVideo(v),
			description: v.description,
			support: v.support,
			tags: [...v.tags],
			// commentsPolicy from 6.2; the boolean commentsEnabled until 7.x (removed in 8.0).
			...(this.atLeast(6, 2) ? { commentsPolicy: { id: v.commentsPolicy, label: COMMENTS_POLICIES[v.commentsPolicy] ?? 'Unknown' } } : {}),
			...(this.atLeast(8) ? {} : { commentsEnabled: v.commentsPolicy !== 2 }),
			downloadEnabled: v.downloadEnabled,
			// set when the file was replaced (Replace File)
			inputFileUpdatedAt: inputFileUpdatedAtOf(this, v.id),
			trackerUrls: [`${this.baseUrl}/tracker/announce`, `ws://${this.hostname}/tracker/socket`],
			files: [],
			streamingPlaylists: [],
			channel: this.formatChannel(channel),
			account: this.formatAccount(account),
		};
	}

	formatUser(u: StandinUser) {
		const account = this.accountOfUser(u.id)!;
		const meta = this.userMeta.get(u.id)!;
		const channels = [...this.channels.values()].filter((c) => c.accountId === account.id);
		return {
			id: u.id,
			username: u.username,
			email: u.email ?? null,
			pendingEmail: null,
			emailVerified: u.emailVerified !== false,
			emailPublic: false,
			nsfwPolicy: 'display',
			adminFlags: 0,
			autoPlayVideo: true,
			autoPlayNextVideo: false,
			autoPlayNextVideoPlaylist: true,
			p2pEnabled: true,
			videosHistoryEnabled: true,
			videoLanguages: null,
			theme: 'instance-default',
			role: { id: roleId(u.role), label: ROLE_LABELS[roleId(u.role)] },
			videoQuota: u.videoQuota ?? -1,
			videoQuotaDaily: u.videoQuotaDaily ?? -1,
			videoQuotaUsed: this.quotaUsed(u.id, false),
			videoQuotaUsedDaily: this.quotaUsed(u.id, true),
			noInstanceConfigWarningModal: true,
			noWelcomeModal: true,
			noAccountSetupWarningModal: true,
			blocked: !!u.blocked,
			blockedReason: null,
			pluginAuth: null,
			twoFactorEnabled: !!u.twoFactorSecret,
			lastLoginDate: meta.lastLoginDate,
			createdAt: meta.createdAt,
			account: this.formatAccount(account),
			videoChannels: channels.map((c) => this.formatChannel(c)),
			specialPlaylists: [],
		};
	}

	/** Bytes of the user's uploaded video files (all, or created in the last 24 h). */
	quotaUsed(userId: number, daily: boolean): number {
		const since = Date.now() - 24 * 3600 * 1000;
		let used = 0;
		for (const v of this.videos.values()) {
			if (!v.file || this.ownerUserIdOfVideo(v) !== userId) continue;
			if (daily && Date.parse(v.createdAt) < since) continue;
			used += v.file.size;
		}
		return used;
	}

	formatJob(j: StandinJob) {
		return {
			id: j.id,
			state: j.state,
			type: j.type,
			data: j.data,
			priority: j.priority,
			progress: j.progress,
			error: j.error,
			createdAt: j.createdAt,
			finishedOn: j.finishedOn,
			processedOn: j.processedOn,
			// develop after 8.2 (api-facts-2 §11): cancellable job types.
			...(this.atLeast(9)
				? { canCancel: ['video-transcoding', 'video-transcription', 'video-studio-edition', 'generate-video-storyboard'].includes(j.type) && ['waiting', 'delayed', 'active', 'prioritized', 'waiting-children'].includes(j.state) }
				: {}),
		};
	}

	// ---------------------------------------------------------------- HTTP plumbing

	async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const method = (req.method ?? 'GET').toUpperCase();
		const parsed = new URL(req.url ?? '/', 'http://standin.invalid');
		const rawQuery: Record<string, string | string[]> = {};
		const query: Query = {};
		for (const [k, v] of parsed.searchParams) {
			const prev = rawQuery[k];
			rawQuery[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
			const key = k.replace(/\[\d*\]$/, '');
			(query[key] ??= []).push(v);
		}
		const record: RecordedRequest = {
			method,
			path: parsed.pathname,
			query: rawQuery,
			headers: { ...req.headers },
			body: EMPTY,
			status: 0,
			at: Date.now(),
		};
		this.requests.push(record);

		const ctx: Ctx = { req, res, record, method, path: parsed.pathname, query, body: EMPTY, extraHeaders: {} };
		// uploadx locks an upload while a request streams into it: a second PUT meanwhile gets 423.
		const lockId = method === 'PUT' && UPLOAD_PATH.test(parsed.pathname) ? query.upload_id?.[0] : undefined;
		if (lockId !== undefined && !this.uploadLocks.has(lockId)) this.uploadLocks.set(lockId, record);
		try {
			if (lockId !== undefined && this.uploadStorage === 'disk') {
				// a server for big files: the route streams the chunk to its file, nothing is buffered
				this.streamedBodies.add(ctx);
			} else {
				const chunks: Buffer[] = [];
				for await (const chunk of req) chunks.push(chunk as Buffer);
				ctx.body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
				record.body = this.recordedBody(ctx.body);
			}
			await this.dispatch(ctx);
		} catch (err) {
			if (res.headersSent) {
				res.destroy();
				return;
			}
			if (err instanceof RawAnswer) this.send(ctx, err.status, err.body, err.headers);
			else if (err instanceof HttpError) this.sendProblem(ctx, err);
			else this.sendProblem(ctx, new HttpError(500, err instanceof Error ? err.message : String(err)));
		} finally {
			if (lockId !== undefined && this.uploadLocks.get(lockId) === record) this.uploadLocks.delete(lockId);
		}
	}

	send(ctx: Ctx, status: number, body?: string | Buffer, headers: Record<string, string> = {}): void {
		ctx.record.status = status;
		const length = body === undefined ? 0 : typeof body === 'string' ? Buffer.byteLength(body) : body.length;
		// An explicit length avoids chunked encoding, as Express answers.
		ctx.res.writeHead(status, { 'x-powered-by': 'PeerTube', 'content-length': String(length), ...ctx.extraHeaders, ...headers });
		ctx.res.end(body);
	}

	sendJson(ctx: Ctx, status: number, payload: unknown, headers: Record<string, string> = {}): void {
		this.send(ctx, status, JSON.stringify(payload), { 'content-type': 'application/json; charset=utf-8', ...headers });
	}

	/**
	 * RFC 7807 as PeerTube's res.fail() builds it (http-problem-details): `type` (about:blank without a
	 * code, then also `title`), `detail`, `instance` (validation errors only), `status`, the extension
	 * (`invalid-params`, `docs` of the route's openapi operation, `code`) and, up to 6.3 only, the
	 * deprecated `error` copy of detail (api-facts-2 §0, §12).
	 */
	sendProblem(ctx: Ctx, err: HttpError): void {
		const { code, invalidParams, headers, instance } = err.options;
		const body: Record<string, unknown> = { type: code ? DOCS_ERRORS + code : 'about:blank' };
		if (!code) body.title = http.STATUS_CODES[err.status] ?? 'Error';
		body.detail = err.message;
		if (instance) body.instance = ctx.req.url;
		body.status = err.status;
		if (invalidParams) body['invalid-params'] = invalidParams;
		if (ctx.docUrl) body.docs = ctx.docUrl;
		if (code) body.code = code;
		if (!this.atLeast(7)) body.error = err.message;
		this.send(ctx, err.status, JSON.stringify(body), {
			'content-type': 'application/problem+json; charset=utf-8',
			...(headers ?? {}),
		});
	}

	/** express-rate-limit's answer as PeerTube sends it: the plain-text message, `text/html`. */
	sendRateLimited(ctx: Ctx, headers: Record<string, string>): void {
		this.send(ctx, 429, RATE_LIMIT_MESSAGE, { 'content-type': 'text/html; charset=utf-8', ...headers });
	}

	clientIp(ctx: Ctx): string {
		return (ctx.req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
	}

	bearer(ctx: Ctx): string | undefined {
		const header = ctx.req.headers.authorization;
		if (header === undefined) return undefined;
		const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
		return m ? m[1] : '';
	}

	validTokenUser(token: string | undefined): StandinUser | undefined {
		if (!token) return undefined;
		const t = this.tokensByAccess.get(token);
		if (!t || t.accessExpiresAt <= Date.now()) return undefined;
		return this.users.get(t.userId);
	}

	/**
	 * PeerTube authenticates optional tokens too: a bad token fails even on public routes.
	 */
	auth(ctx: Ctx, required: true): StandinUser;
	auth(ctx: Ctx, required: false): StandinUser | undefined;
	auth(ctx: Ctx, required: boolean): StandinUser | undefined {
		// PeerTube's authenticate answers every failure with 'Token is invalid' and the oauth2-server
		// error name as code (unauthorized_request without a token, invalid_token otherwise).
		const token = this.bearer(ctx);
		if (token === undefined) {
			if (!required) return undefined;
			throw new HttpError(401, 'Token is invalid', { code: 'unauthorized_request' });
		}
		const user = this.validTokenUser(token);
		if (!user) throw new HttpError(401, 'Token is invalid', { code: 'invalid_token' });
		return user;
	}

	/**
	 * PeerTube's ensureUserHasRight: "User alice does not have right 7 to access to /failed." — the
	 * right's number (USER_RIGHTS) and the path under the router (/api/v1/jobs/failed → /failed).
	 */
	requireRight(ctx: Ctx, user: StandinUser, right: string | number, allowed: Role[]): void {
		if (!allowed.includes(user.role)) {
			const n = typeof right === 'number' ? right : (USER_RIGHTS[right] ?? right);
			const sub = this.normalisedPath(ctx).replace(/^\/api\/v1\/[^/]+/, '') || '/';
			throw new HttpError(403, `User ${user.username} does not have right ${n} to access to ${sub}.`);
		}
	}

	async dispatch(ctx: Ctx): Promise<void> {
		// Injected failures come first so tests get exactly the answer they asked for.
		const failure = this.failures.find((f) => (f.method === '*' || f.method === ctx.method) && matchesPath(f.matcher, ctx.path));
		if (failure) {
			if (--failure.remaining <= 0) this.failures.splice(this.failures.indexOf(failure), 1);
			if (failure.status === 429) {
				// Looks like a real one: plain text, the limiter's headers and Retry-After.
				const windowMs = this.apiLimiter?.windowMs ?? 10_000;
				return this.sendRateLimited(ctx, {
					'x-ratelimit-limit': String(this.apiLimiter?.max ?? 50),
					'x-ratelimit-remaining': '0',
					'x-ratelimit-reset': String(Math.ceil((Date.now() + windowMs) / 1000)),
					'retry-after': String(Math.ceil(windowMs / 1000)),
					...lowerKeys(failure.headers),
				});
			}
			throw new HttpError(failure.status, `Injected failure (${failure.status})`, { headers: failure.headers });
		}

		if (!ctx.path.startsWith('/api/v1/') && ctx.path !== '/api/v1') return this.routePublic(ctx);
		const path = this.normalisedPath(ctx);
		const router = /^\/api\/v1\/([^/]+)/.exec(path)?.[1];
		const now = Date.now();
		const ip = this.clientIp(ctx);
		// The API limiter is mounted per router (not on /ping, /runners or the catch-all); it always
		// counts, and past the limit lets through only a valid administrator or moderator token.
		if (this.apiLimiter && router !== undefined && RATE_LIMITED_ROUTERS.has(router)) {
			const r = this.apiLimiter.hit(ip, now);
			Object.assign(ctx.extraHeaders, r.headers);
			if (!r.allowed) this.passRateLimit(ctx, r.headers);
		}
		if (this.loginLimiter && ctx.method === 'POST' && path === '/api/v1/users/token') {
			const r = this.loginLimiter.hit(ip, now);
			Object.assign(ctx.extraHeaders, r.headers);
			if (!r.allowed) this.passRateLimit(ctx, r.headers);
		}
		return this.routeApi(ctx);
	}

	/** PeerTube's limiter handler past the limit: optionalAuthenticate, then staff pass, others get 429. */
	private passRateLimit(ctx: Ctx, headers: Record<string, string>): void {
		const token = this.bearer(ctx);
		if (token !== undefined) {
			const user = this.validTokenUser(token);
			// optionalAuthenticate fails on a bad token before the role is looked at.
			if (!user) throw new HttpError(401, 'Token is invalid', { code: 'invalid_token' });
			if (this.isStaff(user)) return;
		}
		throw new RawAnswer(429, RATE_LIMIT_MESSAGE, { 'content-type': 'text/html; charset=utf-8', ...headers });
	}

	/** Express' non-strict routing: one trailing slash is ignored. */
	normalisedPath(ctx: Ctx): string {
		return ctx.path.length > 1 && ctx.path.endsWith('/') ? ctx.path.slice(0, -1) : ctx.path;
	}

	routePublic(ctx: Ctx): void {
		const path = this.normalisedPath(ctx);
		if (path === '/.well-known/nodeinfo') {
			return this.sendJson(ctx, 200, {
				links: [{ rel: 'http://nodeinfo.diaspora.software/ns/schema/2.0', href: `${this.baseUrl}/nodeinfo/2.0.json` }],
			});
		}
		if (path === '/nodeinfo/2.0.json') {
			const local = [...this.videos.values()].filter((v) => v.isLocal).length;
			return this.send(
				ctx,
				200,
				JSON.stringify({
					version: '2.0',
					software: { name: 'peertube', version: this.serverVersion },
					protocols: ['activitypub'],
					services: { inbound: [], outbound: ['atom1.0', 'rss2.0'] },
					openRegistrations: false,
					usage: { users: { total: this.users.size }, localPosts: local, localComments: 0 },
					metadata: { nodeName: 'PeerTube stand-in', nodeDescription: 'A PeerTube stand-in for tests' },
				}),
				{ 'content-type': 'application/json; profile="http://nodeinfo.diaspora.software/ns/schema/2.0#"; charset=utf-8' },
			);
		}
		if (/^\/(lazy-static|static|client|plugins|themes)\//.test(path)) {
			return this.send(ctx, 404, 'Not Found', { 'content-type': 'text/plain; charset=utf-8' });
		}
		let title = 'PeerTube stand-in';
		const watch = /^\/(?:w|videos\/watch)\/([^/]+)$/.exec(path);
		const video = watch ? this.getVideo(decodeURIComponent(watch[1])) : undefined;
		if (video && video.privacy !== 3) title = video.name;
		const html =
			'<!doctype html><html lang="en"><head><meta charset="utf-8">' +
			`<title>${escapeHtml(title)}</title>` +
			'<meta property="og:platform" content="PeerTube">' +
			'<meta property="og:site_name" content="PeerTube stand-in">' +
			`<meta property="og:title" content="${escapeHtml(title)}">` +
			(video ? `<meta property="og:url" content="${this.baseUrl}/w/${video.shortUUID}"><meta property="og:type" content="video">` : '') +
			'</head><body><div id="root"></div></body></html>';
		this.send(ctx, 200, html, { 'content-type': 'text/html; charset=utf-8' });
	}

	async routeApi(ctx: Ctx): Promise<void> {
		const path = this.normalisedPath(ctx);
		const m = ctx.method;
		for (const route of API_ROUTES) {
			if (route.method !== m) continue;
			const found = route.path.exec(path);
			if (!found) continue;
			if (route.doc) ctx.docUrl = DOCS_OPERATIONS + route.doc;
			return route.handle(this, ctx, found);
		}
		// PeerTube's apiRouter.use('/*', badRequest): any unknown path or method, every version.
		this.catchAll(ctx);
	}

	/** The answer of PeerTube's API catch-all: 400, `Content-Type: application/json`, empty body. */
	catchAll(ctx: Ctx): void {
		this.send(ctx, 400, undefined, { 'content-type': 'application/json; charset=utf-8' });
	}

	// ---------------------------------------------------------------- session

	issueToken(userId: number): TokenRecord {
		const now = Date.now();
		const t: TokenRecord = {
			accessToken: randomHex(20),
			refreshToken: randomHex(20),
			userId,
			clientId: this.clientId,
			accessExpiresAt: now + this.accessLifetimeMs,
			refreshExpiresAt: now + this.refreshLifetimeMs,
			refreshRevoked: false,
		};
		this.tokensByAccess.set(t.accessToken, t);
		this.tokensByRefresh.set(t.refreshToken, t);
		this.everIssued.accessTokens.push(t.accessToken);
		this.everIssued.refreshTokens.push(t.refreshToken);
		return t;
	}

	deleteToken(t: TokenRecord): void {
		this.tokensByAccess.delete(t.accessToken);
		this.tokensByRefresh.delete(t.refreshToken);
	}

	// ---------------------------------------------------------------- lists

	q1(ctx: Ctx, name: string): string | undefined {
		return ctx.query[name]?.[0];
	}

	pagination(ctx: Ctx, sorts: string[], defaultSort: string): { start: number; count: number; sort: string } {
		const errors: InvalidParams = {};
		const startRaw = this.q1(ctx, 'start');
		const countRaw = this.q1(ctx, 'count');
		const sortRaw = this.q1(ctx, 'sort');
		let start = 0;
		let count = 15;
		if (startRaw !== undefined) {
			if (/^\d+$/.test(startRaw)) start = Number(startRaw);
			else invalid(errors, 'start', startRaw, 'Should have a number start', 'query');
		}
		if (countRaw !== undefined) {
			if (/^\d+$/.test(countRaw) && Number(countRaw) >= 1 && Number(countRaw) <= 100) count = Number(countRaw);
			else invalid(errors, 'count', countRaw, 'Should have a number count (max: 100)', 'query');
		}
		if (sortRaw !== undefined && !sorts.includes(sortRaw.replace(/^-/, ''))) {
			invalid(errors, 'sort', sortRaw, 'Should have correct sortable column', 'query');
		}
		if (Object.keys(errors).length) throw validationError(errors);
		return { start, count, sort: sortRaw ?? defaultSort };
	}

	sortedVideos(sort: string): StandinVideo[] {
		if (this.sortCacheVersion !== this.membershipVersion) {
			this.sortCache.clear();
			this.sortCacheVersion = this.membershipVersion;
		}
		const desc = sort.startsWith('-');
		let field = sort.replace(/^-/, '');
		if (field === 'trending' || field === 'hot' || field === 'best') field = 'views';
		if (field === 'match') field = 'publishedAt';
		const dir = desc ? -1 : 1;
		let cmp: (a: StandinVideo, b: StandinVideo) => number;
		switch (field) {
			case 'name':
				cmp = (a, b) => dir * nameCollator.compare(a.name, b.name) || a.id - b.id;
				break;
			case 'duration':
			case 'views':
			case 'likes': {
				const f = field;
				cmp = (a, b) => dir * (a[f] - b[f]) || a.id - b.id;
				break;
			}
			default: {
				const f = field as 'publishedAt' | 'createdAt' | 'originallyPublishedAt';
				cmp = (a, b) => {
					const x = a[f] ?? '';
					const y = b[f] ?? '';
					return (x < y ? -dir : x > y ? dir : 0) || a.id - b.id;
				};
			}
		}
		const key = `${desc ? '-' : ''}${field}`;
		let arr = this.sortCache.get(key);
		if (!arr) {
			arr = [...this.videos.values()];
			this.sortCache.set(key, arr);
		}
		// Re-sorting the cached order every time keeps it right after updates, and TimSort on an
		// already-sorted array is a single linear pass.
		arr.sort(cmp);
		return arr;
	}

	listVideos(
		ctx: Ctx,
		user: StandinUser | undefined,
		scope: (v: StandinVideo) => boolean,
		kind: 'public' | 'mine',
		ownerUserId?: number,
	): void {
		// PeerTube's own-videos list defaults to newest created, public lists to newest published.
		const { start, count, sort } = this.pagination(ctx, VIDEO_SORTS, kind === 'mine' ? '-createdAt' : '-publishedAt');
		const errors: InvalidParams = {};
		const ints = (name: string): number[] | undefined => {
			const values = ctx.query[name];
			if (!values) return undefined;
			if (!values.every((v) => /^\d+$/.test(v))) {
				invalid(errors, name, values.length === 1 ? values[0] : values, `Should have a valid ${name} array`, 'query');
				return undefined;
			}
			return values.map(Number);
		};
		const bool = (name: string): boolean | undefined => {
			const raw = this.q1(ctx, name);
			return raw === undefined ? undefined : (booleanOrNull(raw) as boolean);
		};
		// GET /users/me/videos honours only search, channelId (its route) and isLive besides paging
		// and sort (PeerTube's getUserVideos); every other filter is ignored there.
		const mine = kind === 'mine';
		const categories = mine ? undefined : ints('categoryOneOf');
		const licences = mine ? undefined : ints('licenceOneOf');
		const privacies = mine ? undefined : ints('privacyOneOf');
		if (privacies && !privacies.every((p) => PRIVACIES[p] !== undefined)) {
			invalid(errors, 'privacyOneOf', ctx.query.privacyOneOf, 'Should have a valid privacyOneOf array', 'query');
		}
		const languages = mine ? undefined : ctx.query.languageOneOf;
		const tagsOneOf = mine ? undefined : ctx.query.tagsOneOf?.map((t) => t.toLowerCase());
		const tagsAllOf = mine ? undefined : ctx.query.tagsAllOf?.map((t) => t.toLowerCase());
		const isLocal = mine ? undefined : bool('isLocal');
		const isLive = bool('isLive');
		const skipCount = !mine && bool('skipCount') === true;
		const nsfwRaw = mine ? undefined : this.q1(ctx, 'nsfw');
		if (nsfwRaw !== undefined && !['true', 'false', 'both'].includes(nsfwRaw)) {
			invalid(errors, 'nsfw', nsfwRaw, 'Should have a valid NSFW attribute', 'query');
		}
		const includeRaw = mine ? undefined : this.q1(ctx, 'include');
		let include = 0;
		if (includeRaw !== undefined) {
			if (/^\d+$/.test(includeRaw)) include = Number(includeRaw);
			else invalid(errors, 'include', includeRaw, 'Should have a valid include attribute', 'query');
		}
		if (Object.keys(errors).length) throw validationError(errors);

		let allowedPrivacies: Set<number> | undefined = new Set([1]);
		let anyState = false;
		if (kind === 'mine') {
			allowedPrivacies = privacies ? new Set(privacies) : undefined;
			anyState = true;
		} else if (privacies || includeRaw !== undefined) {
			// Seeing more than public videos needs moderation rights, or owning the account/channel.
			const canSeeAll = this.isStaff(user) || (user !== undefined && ownerUserId !== undefined && user.id === ownerUserId);
			if (!canSeeAll) throw new HttpError(401, 'You are not allowed to see all videos.');
			if (privacies) allowedPrivacies = new Set(privacies);
			anyState = (include & 1) === 1;
		}
		const search = this.q1(ctx, 'search')?.toLowerCase();

		const predicate = (v: StandinVideo): boolean => {
			if (allowedPrivacies && !allowedPrivacies.has(v.privacy)) return false;
			// Public lists show published videos, and uploads that don't wait for transcoding.
			if (!anyState && !(v.state === 1 || (v.state === 2 && !v.waitTranscoding))) return false;
			if (!scope(v)) return false;
			if (categories && (v.category === null || !categories.includes(v.category))) return false;
			if (licences && (v.licence === null || !licences.includes(v.licence))) return false;
			if (languages && (v.language === null || !languages.includes(v.language))) return false;
			if (isLocal !== undefined && v.isLocal !== isLocal) return false;
			if (isLive !== undefined && v.isLive !== isLive) return false;
			if (nsfwRaw === 'true' && !v.nsfw) return false;
			if (nsfwRaw === 'false' && v.nsfw) return false;
			if (tagsOneOf && !v.tags.some((t) => tagsOneOf.includes(t.toLowerCase()))) return false;
			if (tagsAllOf) {
				const lower = v.tags.map((t) => t.toLowerCase());
				if (!tagsAllOf.every((t) => lower.includes(t))) return false;
			}
			if (search && !v.name.toLowerCase().includes(search)) return false;
			return true;
		};

		const data: ReturnType<PeerTubeStandin['formatVideo']>[] = [];
		let total = 0;
		const end = start + count;
		for (const v of this.sortedVideos(sort)) {
			if (!predicate(v)) continue;
			if (total >= start && total < end) data.push(this.formatVideo(v));
			total++;
			if (skipCount && total >= end) break;
		}
		this.sendJson(ctx, 200, skipCount ? { data } : { total, data });
	}

	// ---------------------------------------------------------------- single video

	resolveVideo(id: string): StandinVideo {
		const video = this.getVideo(id);
		if (!video) throw new HttpError(404, 'Video not found');
		return video;
	}

	/**
	 * PeerTube's checkCanSeeVideo (middlewares/validators/shared/videos.ts), for any route that
	 * shows a video (details, comments, captions…): private/internal need a user (none:
	 * authenticate's 401), private needs the owner or SEE_ALL_VIDEOS (403); password protected needs
	 * x-peertube-video-password — without it only the owner or staff pass (403
	 * video_requires_password), a wrong one is refused for everybody (403 incorrect_video_password).
	 * `user` is the optional-auth result of the route (a bad token has already answered 401).
	 */
	checkCanSeeVideo(ctx: Ctx, video: StandinVideo, user: StandinUser | undefined): void {
		if (video.privacy === 3 || video.privacy === 4) {
			const viewer = user ?? this.auth(ctx, true);
			if (video.privacy === 3 && !this.canManage(viewer, video)) {
				throw new HttpError(403, 'Cannot fetch information of private/internal/blocked video');
			}
		}
		if (video.privacy === 5) {
			const given = ctx.req.headers['x-peertube-video-password'];
			if (given === undefined) {
				if (!(user && this.canManage(user, video))) {
					throw new HttpError(403, 'Please provide a password to access this password protected video', {
						code: 'video_requires_password',
					});
				}
			} else if (!video.videoPasswords.includes(String(given))) {
				throw new HttpError(403, 'Incorrect video password. Access to the video is denied.', {
					code: 'incorrect_video_password',
				});
			}
		}
	}

	canManage(user: StandinUser, v: StandinVideo): boolean {
		return this.isStaff(user) || this.ownerUserIdOfVideo(v) === user.id;
	}

	/** JSON, urlencoded or multipart body into PeerTube's req.body / req.files shape. */
	parseBody(ctx: Ctx): { body: Record<string, unknown>; files: MultipartFile[] } {
		const contentType = ctx.req.headers['content-type'] ?? '';
		const type = contentType.split(';')[0].trim().toLowerCase();
		if (ctx.body.length === 0) return { body: {}, files: [] };
		if (type === 'application/json' || type.endsWith('+json')) {
			let parsed: unknown;
			try {
				parsed = JSON.parse(ctx.body.toString('utf8'));
			} catch (err) {
				throw new HttpError(400, `Unexpected JSON body: ${(err as Error).message}`);
			}
			if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
				throw new HttpError(400, 'JSON body must be an object');
			}
			return { body: parsed as Record<string, unknown>, files: [] };
		}
		if (type === 'multipart/form-data') {
			try {
				const mp = parseMultipart(ctx.body, contentType);
				return { body: fieldsToObject(mp.fields), files: mp.files };
			} catch (err) {
				if (err instanceof MultipartError) throw new HttpError(400, err.message);
				throw err;
			}
		}
		if (type === 'application/x-www-form-urlencoded') {
			const body: Record<string, unknown> = {};
			for (const [k, v] of new URLSearchParams(ctx.body.toString('utf8'))) {
				const prev = body[k];
				body[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
			}
			return { body, files: [] };
		}
		// Express leaves req.body empty for other types: PeerTube then sees no fields at all.
		return { body: {}, files: [] };
	}

	/** Channel checks after field validation, in PeerTube's order (400 unknown / not yours). */
	checkChannel(user: StandinUser, channelId: number): StandinChannel {
		const channel = this.channels.get(channelId);
		if (!channel) throw new HttpError(400, 'Unknown video "video channel" for this instance.');
		if (!this.isStaff(user) && this.accounts.get(channel.accountId)?.userId !== user.id) {
			throw new HttpError(400, 'Unknown video "video channel" for this account.');
		}
		return channel;
	}

	applyChanges(video: StandinVideo, changes: VideoChanges): void {
		const simple = [
			'name',
			'category',
			'licence',
			'language',
			'privacy',
			'description',
			'support',
			'nsfw',
			'waitTranscoding',
			'downloadEnabled',
			'commentsPolicy',
			'originallyPublishedAt',
			'channelId',
			'thumbnail',
			'preview',
		] as const;
		const target = video as unknown as Record<string, unknown>;
		for (const key of simple) if (changes[key] !== undefined) target[key] = changes[key];
		if (changes.tags !== undefined) video.tags = [...changes.tags];
		if (changes.videoPasswords !== undefined) video.videoPasswords = [...changes.videoPasswords];
		if (changes.scheduleUpdate !== undefined) video.scheduledUpdate = changes.scheduleUpdate;
	}

	createFromChanges(
		channel: StandinChannel,
		changes: VideoChanges,
		name: string,
		state: number,
	): StandinVideo {
		const now = new Date().toISOString();
		const video = this.createVideo({
			name,
			channelName: channel.name,
			privacy: changes.privacy ?? 1,
			category: changes.category ?? null,
			licence: changes.licence ?? null,
			language: changes.language ?? null,
			tags: changes.tags ?? [],
			nsfw: changes.nsfw ?? false,
			description: changes.description ?? null,
			support: changes.support ?? null,
			commentsPolicy: changes.commentsPolicy ?? 1,
			downloadEnabled: changes.downloadEnabled ?? true,
			waitTranscoding: changes.waitTranscoding ?? false,
			originallyPublishedAt: changes.originallyPublishedAt ?? null,
			videoPasswords: changes.videoPasswords ?? [],
			state,
			duration: 0,
			views: 0,
			likes: 0,
			dislikes: 0,
			publishedAt: now,
			createdAt: now,
			updatedAt: now,
		});
		if (changes.scheduleUpdate) video.scheduledUpdate = changes.scheduleUpdate;
		return video;
	}

	// ---------------------------------------------------------------- resumable upload

	// ---------------------------------------------------------------- imports

	// ---------------------------------------------------------------- jobs

	/** Whether POST /jobs/pause was called more recently than /jobs/resume. */
	get jobQueuePaused(): boolean {
		return this.jobsPaused;
	}
}
