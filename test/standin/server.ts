import http from 'node:http';
import { AddressInfo } from 'node:net';
import { createHash, Hash, randomBytes } from 'node:crypto';

import {
	CATEGORIES,
	COMMENTS_POLICIES,
	JOB_STATES,
	JOB_TYPES,
	JobSeed,
	JobState,
	LANGUAGES,
	LICENCES,
	PRIVACIES,
	ROLE_IDS,
	ROLE_LABELS,
	Role,
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
} from './data';
import { MultipartError, MultipartFile, fieldsToObject, parseMultipart } from './multipart';
import { verifyTotp } from './totp';
import { InvalidParams, VideoChanges, booleanOrNull, invalid, isHttpUrl, validateVideoBody } from './validate';

export { totp } from './totp';
export { seedDemo } from './seed';
export type { Role, StandinUser, StandinVideo, VideoSeed, StandinJob, JobSeed, JobState } from './data';

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
	/** 'path' (PeerTube <= 7): GET /api/v1/jobs/:state? ; 'query' (newer): GET /api/v1/jobs?states=... */
	jobsApi?: 'path' | 'query';
	/** GET /api/v1/config serverVersion, default '7.0.0' */
	serverVersion?: string;
	/** resumable upload hint in /api/v1/config, default 100 MiB */
	maxChunkSize?: number;
}

type Query = Record<string, string[]>;

interface Ctx {
	req: http.IncomingMessage;
	res: http.ServerResponse;
	record: RecordedRequest;
	method: string;
	path: string;
	/** normalised query: `a[]` / `a[0]` folded into `a` like Express' qs parser */
	query: Query;
	body: Buffer;
	extraHeaders: Record<string, string>;
}

interface TokenRecord {
	accessToken: string;
	refreshToken: string;
	userId: number;
	clientId: string;
	accessExpiresAt: number;
	refreshExpiresAt: number;
	refreshRevoked: boolean;
}

interface UploadSession {
	id: string;
	userId: number;
	size: number;
	mimetype: string;
	filename: string;
	metadata: VideoChanges;
	received: number;
	hash: Hash;
	result?: { id: number; uuid: string; shortUUID: string };
}

interface InjectedFailure {
	method: string;
	matcher: string | RegExp;
	status: number;
	remaining: number;
	headers: Record<string, string>;
}

class HttpError extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly options: { code?: string; invalidParams?: InvalidParams; headers?: Record<string, string> } = {},
	) {
		super(message);
	}
}

function validationError(errors: InvalidParams): HttpError {
	return new HttpError(400, 'Incorrect request parameters: ' + Object.keys(errors).join(', '), {
		invalidParams: errors,
	});
}

/**
 * Fixed window per client IP, the window starting at the client's first hit — the behaviour of
 * express-rate-limit's memory store that PeerTube uses. Every counted request uses one slot.
 */
class FixedWindowLimiter {
	private readonly hits = new Map<string, { count: number; resetAt: number }>();
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
		if (!allowed) headers['retry-after'] = String(Math.max(1, Math.ceil((entry.resetAt - now) / 1000)));
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
// Request bodies above this are recorded empty so a long demo session doesn't hoard upload bytes.
const RECORD_BODY_LIMIT = 32 * 1024 * 1024;
const EMPTY = Buffer.alloc(0);
const DOCS_ERRORS = 'https://docs.joinpeertube.org/api-rest-reference.html#section/Errors/';
const DEMO_BASE_TIME = Date.UTC(2024, 0, 1);
const nameCollator = new Intl.Collator('en', { sensitivity: 'base', numeric: false });

function roleId(role: Role): number {
	return ROLE_IDS[role];
}

function matchesPath(matcher: string | RegExp, path: string): boolean {
	return typeof matcher === 'string' ? matcher === path : matcher.test(path);
}

function randomHex(bytes: number): string {
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

	private readonly hostname: string;
	private readonly accessLifetimeMs: number;
	private readonly refreshLifetimeMs: number;
	private readonly apiLimiter?: FixedWindowLimiter;
	private readonly loginLimiter?: FixedWindowLimiter;
	private readonly jobsApi: 'path' | 'query';
	private readonly serverVersion: string;
	private readonly maxChunkSize: number;

	private readonly users = new Map<number, StandinUser>();
	private readonly userMeta = new Map<number, { createdAt: string; lastLoginDate: string | null }>();
	private readonly accounts = new Map<number, StandinAccount>();
	private readonly channels = new Map<number, StandinChannel>();
	private readonly videos = new Map<number, StandinVideo>();
	private readonly videosByUuid = new Map<string, StandinVideo>();
	private readonly jobs: StandinJob[] = [];
	private readonly tokensByAccess = new Map<string, TokenRecord>();
	private readonly tokensByRefresh = new Map<string, TokenRecord>();
	private readonly everIssued = { accessTokens: [] as string[], refreshTokens: [] as string[] };
	private readonly uploads = new Map<string, UploadSession>();
	private readonly failures: InjectedFailure[] = [];
	private readonly sortCache = new Map<string, StandinVideo[]>();
	private membershipVersion = 0;
	private sortCacheVersion = -1;
	private nextIds = { user: 1, account: 1, channel: 1, video: 1, job: 1, import: 1 };
	private jobsPaused = false;

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
		this.jobsApi = options.jobsApi ?? 'path';
		this.serverVersion = options.serverVersion ?? '7.0.0';
		this.maxChunkSize = options.maxChunkSize ?? DEFAULT_MAX_CHUNK;
	}

	static async start(options: StandinOptions = {}): Promise<PeerTubeStandin> {
		let instance: PeerTubeStandin | undefined;
		const server = http.createServer((req, res) => {
			// Requests can't arrive before listen() resolves, so instance is always set here.
			void instance!.handle(req, res);
		});
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(options.port ?? 0, '127.0.0.1', () => {
				server.off('error', reject);
				resolve();
			});
		});
		const { port } = server.address() as AddressInfo;
		instance = new PeerTubeStandin(server, port, options);
		return instance;
	}

	close(): Promise<void> {
		return new Promise((resolve) => {
			this.server.close(() => resolve());
			// Keep-alive sockets (undici, n8n) would otherwise hold close() open.
			this.server.closeAllConnections();
		});
	}

	// ---------------------------------------------------------------- request log

	clearRequests(): void {
		this.requests = [];
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

	private findUser(usernameOrEmail: string): StandinUser | undefined {
		const wanted = usernameOrEmail.toLowerCase();
		for (const u of this.users.values()) {
			if (u.username.toLowerCase() === wanted || u.email?.toLowerCase() === wanted) return u;
		}
		return undefined;
	}

	private accountOfUser(userId: number): StandinAccount | undefined {
		for (const a of this.accounts.values()) if (a.userId === userId) return a;
		return undefined;
	}

	private findChannel(name: string): StandinChannel | undefined {
		for (const c of this.channels.values()) if (c.name === name) return c;
		return undefined;
	}

	/** `name` or `name@host`; only this instance's host is known. */
	private localHandle(handle: string): string | undefined {
		const at = handle.indexOf('@');
		if (at < 0) return handle;
		return handle.slice(at + 1).toLowerCase() === this.hostname ? handle.slice(0, at) : undefined;
	}

	private findAccount(handle: string): StandinAccount | undefined {
		const name = this.localHandle(handle);
		if (name === undefined) return undefined;
		for (const a of this.accounts.values()) if (a.name === name) return a;
		return undefined;
	}

	private ownerUserIdOfVideo(v: StandinVideo): number | undefined {
		const channel = this.channels.get(v.channelId);
		return channel ? this.accounts.get(channel.accountId)?.userId : undefined;
	}

	private isStaff(user: StandinUser | undefined): boolean {
		return !!user && (user.role === 'admin' || user.role === 'moderator');
	}

	// ---------------------------------------------------------------- video creation

	private createVideo(seed: Partial<VideoSeed>): StandinVideo {
		const id = this.nextIds.video++;
		let channel: StandinChannel | undefined;
		if (seed.channelName !== undefined) {
			channel = this.findChannel(seed.channelName);
			if (!channel) throw new Error(`Unknown channel ${seed.channelName}`);
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
			isLocal: seed.isLocal ?? true,
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

	private removeVideo(v: StandinVideo): void {
		this.videos.delete(v.id);
		this.videosByUuid.delete(v.uuid);
		this.membershipVersion++;
	}

	// ---------------------------------------------------------------- formatting

	private get baseUrl(): string {
		return `http://${this.hostname}`;
	}

	private formatAccountSummary(a: StandinAccount) {
		return {
			id: a.id,
			name: a.name,
			displayName: a.displayName,
			url: `${this.baseUrl}/accounts/${a.name}`,
			host: this.hostname,
			avatars: [],
		};
	}

	private formatAccount(a: StandinAccount) {
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

	private formatChannelSummary(c: StandinChannel) {
		return {
			id: c.id,
			name: c.name,
			displayName: c.displayName,
			url: `${this.baseUrl}/video-channels/${c.name}`,
			host: this.hostname,
			avatars: [],
		};
	}

	private formatChannel(c: StandinChannel) {
		const account = this.accounts.get(c.accountId)!;
		return {
			...this.formatChannelSummary(c),
			description: c.description,
			support: c.support,
			isLocal: true,
			hostRedundancyAllowed: false,
			followingCount: 0,
			followersCount: 0,
			createdAt: c.createdAt,
			updatedAt: c.updatedAt,
			banners: [],
			ownerAccount: this.formatAccount(account),
		};
	}

	private formatVideo(v: StandinVideo) {
		const channel = this.channels.get(v.channelId)!;
		const account = this.accounts.get(channel.accountId)!;
		return {
			id: v.id,
			uuid: v.uuid,
			shortUUID: v.shortUUID,
			url: `${this.baseUrl}/videos/watch/${v.uuid}`,
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
			state: { id: v.state, label: VIDEO_STATES[v.state] ?? 'Unknown' },
			scheduledUpdate: v.scheduledUpdate ? { ...v.scheduledUpdate } : null,
			blacklisted: false,
			blacklistedReason: null,
			account: this.formatAccountSummary(account),
			channel: this.formatChannelSummary(channel),
		};
	}

	private formatVideoDetails(v: StandinVideo) {
		const channel = this.channels.get(v.channelId)!;
		const account = this.accounts.get(channel.accountId)!;
		return {
			...this.formatVideo(v),
			description: v.description,
			support: v.support,
			tags: [...v.tags],
			commentsPolicy: { id: v.commentsPolicy, label: COMMENTS_POLICIES[v.commentsPolicy] ?? 'Unknown' },
			commentsEnabled: v.commentsPolicy !== 2,
			downloadEnabled: v.downloadEnabled,
			inputFileUpdatedAt: null,
			trackerUrls: [`${this.baseUrl}/tracker/announce`, `ws://${this.hostname}/tracker/socket`],
			files: [],
			streamingPlaylists: [],
			channel: this.formatChannel(channel),
			account: this.formatAccount(account),
		};
	}

	private formatUser(u: StandinUser) {
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
			videoQuota: -1,
			videoQuotaDaily: -1,
			videoQuotaUsed: 0,
			videoQuotaUsedDaily: 0,
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

	private formatJob(j: StandinJob) {
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
		};
	}

	// ---------------------------------------------------------------- HTTP plumbing

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
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
		try {
			const chunks: Buffer[] = [];
			for await (const chunk of req) chunks.push(chunk as Buffer);
			ctx.body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
			record.body = ctx.body.length <= RECORD_BODY_LIMIT ? ctx.body : EMPTY;
			await this.dispatch(ctx);
		} catch (err) {
			if (res.headersSent) {
				res.destroy();
				return;
			}
			if (err instanceof HttpError) this.sendProblem(ctx, err);
			else this.sendProblem(ctx, new HttpError(500, err instanceof Error ? err.message : String(err)));
		}
	}

	private send(ctx: Ctx, status: number, body?: string | Buffer, headers: Record<string, string> = {}): void {
		ctx.record.status = status;
		const length = body === undefined ? 0 : typeof body === 'string' ? Buffer.byteLength(body) : body.length;
		// An explicit length avoids chunked encoding, as Express answers.
		ctx.res.writeHead(status, { 'x-powered-by': 'PeerTube', 'content-length': String(length), ...ctx.extraHeaders, ...headers });
		ctx.res.end(body);
	}

	private sendJson(ctx: Ctx, status: number, payload: unknown, headers: Record<string, string> = {}): void {
		this.send(ctx, status, JSON.stringify(payload), { 'content-type': 'application/json; charset=utf-8', ...headers });
	}

	/** RFC 7807 as PeerTube's res.fail() builds it (plus the deprecated `error` copy of detail). */
	private sendProblem(ctx: Ctx, err: HttpError): void {
		const { code, invalidParams, headers } = err.options;
		const body: Record<string, unknown> = {
			type: code ? DOCS_ERRORS + code : 'about:blank',
			title: http.STATUS_CODES[err.status] ?? 'Error',
			status: err.status,
			detail: err.message,
			instance: ctx.req.url,
			error: err.message,
		};
		if (code) body.code = code;
		if (invalidParams) body['invalid-params'] = invalidParams;
		this.send(ctx, err.status, JSON.stringify(body), {
			'content-type': 'application/problem+json; charset=utf-8',
			...(headers ?? {}),
		});
	}

	private clientIp(ctx: Ctx): string {
		return (ctx.req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
	}

	private bearer(ctx: Ctx): string | undefined {
		const header = ctx.req.headers.authorization;
		if (header === undefined) return undefined;
		const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
		return m ? m[1] : '';
	}

	private validTokenUser(token: string | undefined): StandinUser | undefined {
		if (!token) return undefined;
		const t = this.tokensByAccess.get(token);
		if (!t || t.accessExpiresAt <= Date.now()) return undefined;
		return this.users.get(t.userId);
	}

	/**
	 * PeerTube authenticates optional tokens too: a bad token fails even on public routes.
	 */
	private auth(ctx: Ctx, required: true): StandinUser;
	private auth(ctx: Ctx, required: false): StandinUser | undefined;
	private auth(ctx: Ctx, required: boolean): StandinUser | undefined {
		const token = this.bearer(ctx);
		if (token === undefined) {
			if (!required) return undefined;
			throw new HttpError(401, 'Token is invalid.', {
				code: 'invalid_token',
				headers: { 'www-authenticate': 'Bearer realm="Service"' },
			});
		}
		const user = this.validTokenUser(token);
		if (!user) throw new HttpError(401, 'Token is invalid.', { code: 'invalid_token' });
		return user;
	}

	private requireRight(ctx: Ctx, user: StandinUser, right: string, allowed: Role[]): void {
		if (!allowed.includes(user.role)) {
			throw new HttpError(403, `User ${user.username} does not have right ${right} to access to ${ctx.path.replace(/^\/api\/v1/, '')}.`);
		}
	}

	private async dispatch(ctx: Ctx): Promise<void> {
		// Injected failures come first so tests get exactly the answer they asked for.
		const failure = this.failures.find((f) => (f.method === '*' || f.method === ctx.method) && matchesPath(f.matcher, ctx.path));
		if (failure) {
			if (--failure.remaining <= 0) this.failures.splice(this.failures.indexOf(failure), 1);
			const detail =
				failure.status === 429 ? 'Too many requests, please try again later.' : `Injected failure (${failure.status})`;
			throw new HttpError(failure.status, detail, { headers: failure.headers });
		}

		const isApi = ctx.path === '/api' || ctx.path.startsWith('/api/');
		if (isApi) {
			const now = Date.now();
			const ip = this.clientIp(ctx);
			if (this.apiLimiter && !this.isStaff(this.validTokenUser(this.bearer(ctx)))) {
				const r = this.apiLimiter.hit(ip, now);
				Object.assign(ctx.extraHeaders, r.headers);
				if (!r.allowed) throw new HttpError(429, 'Too many requests, please try again later.');
			}
			if (this.loginLimiter && ctx.method === 'POST' && this.normalisedPath(ctx) === '/api/v1/users/token') {
				const r = this.loginLimiter.hit(ip, now);
				Object.assign(ctx.extraHeaders, r.headers);
				if (!r.allowed) throw new HttpError(429, 'You are doing too many login attempts, please try again later.');
			}
			return this.routeApi(ctx);
		}
		return this.routePublic(ctx);
	}

	/** Express' non-strict routing: one trailing slash is ignored. */
	private normalisedPath(ctx: Ctx): string {
		return ctx.path.length > 1 && ctx.path.endsWith('/') ? ctx.path.slice(0, -1) : ctx.path;
	}

	private routePublic(ctx: Ctx): void {
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

	private async routeApi(ctx: Ctx): Promise<void> {
		const path = this.normalisedPath(ctx);
		const m = ctx.method;
		let match: RegExpExecArray | null;

		if (m === 'GET' && path === '/api/v1/ping') return this.send(ctx, 200, 'pong', { 'content-type': 'text/plain' });
		if (m === 'GET' && path === '/api/v1/config') return this.getConfig(ctx);
		if (m === 'GET' && path === '/api/v1/oauth-clients/local') return this.getOAuthClient(ctx);
		if (m === 'POST' && path === '/api/v1/users/token') return this.postToken(ctx);
		if (m === 'POST' && path === '/api/v1/users/revoke-token') return this.revokeToken(ctx);
		if (m === 'GET' && path === '/api/v1/users/me') {
			return this.sendJson(ctx, 200, this.formatUser(this.auth(ctx, true)));
		}
		if (m === 'GET' && path === '/api/v1/users/me/videos') {
			const user = this.auth(ctx, true);
			const account = this.accountOfUser(user.id)!;
			return this.listVideos(ctx, user, (v) => this.channels.get(v.channelId)?.accountId === account.id, 'mine');
		}
		// Routes PeerTube serves without any authentication middleware: a stale token is ignored there.
		if (m === 'GET' && (match = /^\/api\/v1\/videos\/(categories|licences|languages|privacies)$/.exec(path))) {
			const maps = { categories: CATEGORIES, licences: LICENCES, languages: LANGUAGES, privacies: PRIVACIES };
			return this.sendJson(ctx, 200, maps[match[1] as keyof typeof maps]);
		}
		if (m === 'GET' && path === '/api/v1/videos') {
			const user = this.auth(ctx, false);
			return this.listVideos(ctx, user, () => true, 'public');
		}
		if (m === 'GET' && path === '/api/v1/search/videos') {
			const user = this.auth(ctx, false);
			if (!this.q1(ctx, 'search')) {
				const errors: InvalidParams = {};
				invalid(errors, 'search', undefined, 'Should have a valid search', 'query');
				throw validationError(errors);
			}
			return this.listVideos(ctx, user, () => true, 'public');
		}
		if (path === '/api/v1/videos/upload-resumable') {
			if (m === 'POST') return this.uploadInit(ctx);
			if (m === 'PUT') return this.uploadChunk(ctx);
			if (m === 'DELETE') return this.uploadCancel(ctx);
		}
		if (m === 'POST' && path === '/api/v1/videos/imports') return this.importVideo(ctx);
		if ((match = /^\/api\/v1\/videos\/([^/]+)$/.exec(path))) {
			const id = decodeURIComponent(match[1]);
			if (m === 'GET') return this.getVideoRoute(ctx, id);
			if (m === 'PUT') return this.updateVideo(ctx, id);
			if (m === 'DELETE') return this.deleteVideo(ctx, id);
		}
		if (m === 'GET' && path === '/api/v1/video-channels') {
			const { start, count } = this.pagination(ctx, ['createdAt', 'name', 'updatedAt'], 'createdAt');
			const all = [...this.channels.values()];
			return this.sendJson(ctx, 200, {
				total: all.length,
				data: all.slice(start, start + count).map((c) => this.formatChannel(c)),
			});
		}
		if (m === 'GET' && (match = /^\/api\/v1\/video-channels\/([^/]+)(\/videos)?$/.exec(path))) {
			const user = match[2] ? this.auth(ctx, false) : undefined;
			const name = this.localHandle(decodeURIComponent(match[1]));
			const channel = name !== undefined ? this.findChannel(name) : undefined;
			if (!channel) throw new HttpError(404, 'Video channel not found');
			if (!match[2]) return this.sendJson(ctx, 200, this.formatChannel(channel));
			const owner = this.accounts.get(channel.accountId)?.userId;
			return this.listVideos(ctx, user, (v) => v.channelId === channel.id, 'public', owner);
		}
		if (m === 'GET' && (match = /^\/api\/v1\/accounts\/([^/]+)(\/videos|\/video-channels)?$/.exec(path))) {
			const user = match[2] === '/videos' ? this.auth(ctx, false) : undefined;
			const account = this.findAccount(decodeURIComponent(match[1]));
			if (!account) throw new HttpError(404, 'Account not found');
			if (!match[2]) return this.sendJson(ctx, 200, this.formatAccount(account));
			if (match[2] === '/video-channels') {
				const list = [...this.channels.values()].filter((c) => c.accountId === account.id);
				return this.sendJson(ctx, 200, { total: list.length, data: list.map((c) => this.formatChannel(c)) });
			}
			return this.listVideos(ctx, user, (v) => this.channels.get(v.channelId)?.accountId === account.id, 'public', account.userId);
		}
		if (m === 'POST' && (match = /^\/api\/v1\/jobs\/(pause|resume)$/.exec(path))) {
			const user = this.auth(ctx, true);
			this.requireRight(ctx, user, 'MANAGE_JOBS', ['admin']);
			this.jobsPaused = match[1] === 'pause';
			return this.send(ctx, 204);
		}
		if (m === 'GET' && (match = /^\/api\/v1\/jobs(?:\/([^/]*))?$/.exec(path))) {
			const stateInPath = match[1];
			if (this.jobsApi === 'path' || stateInPath === undefined) return this.listJobs(ctx, stateInPath);
		}
		throw new HttpError(404, 'Not found');
	}

	// ---------------------------------------------------------------- session

	private getConfig(ctx: Ctx): void {
		this.sendJson(ctx, 200, {
			serverVersion: this.serverVersion,
			serverCommit: 'standin',
			instance: {
				name: 'PeerTube stand-in',
				shortDescription: 'A PeerTube stand-in for tests and demos',
				isNSFW: false,
				defaultNSFWPolicy: 'display',
				defaultClientRoute: '/videos/browse',
				customizations: { javascript: '', css: '' },
			},
			signup: { allowed: false, allowedForCurrentIP: false, requiresEmailVerification: false, requiresApproval: true, minimumAge: 16 },
			transcoding: { hls: { enabled: true }, web_videos: { enabled: false }, enabledResolutions: [240, 480, 720] },
			live: { enabled: false },
			import: { videos: { http: { enabled: true }, torrent: { enabled: true } }, videoChannelSynchronization: { enabled: false } },
			video: {
				image: { extensions: ['.png', '.jpg', '.jpeg', '.webp'], size: { max: 8 * 1024 * 1024 } },
				file: { extensions: ['.webm', '.ogv', '.ogg', '.mp4', '.mkv', '.mov', '.qt', '.mqv', '.m4v', '.flv', '.f4v', '.wmv', '.avi', '.3gp', '.3gpp', '.3g2', '.3gpp2', '.nut', '.mts', '.m2ts', '.mpv', '.m2v', '.m1v', '.mpg', '.mpe', '.mpeg', '.vob', '.mxf'] },
			},
			user: { videoQuota: -1, videoQuotaDaily: -1 },
			client: {
				videos: {
					miniature: { preferAuthorDisplayName: false, displayAuthorAvatar: false },
					resumableUpload: { maxChunkSize: this.maxChunkSize },
				},
				menu: { login: { redirectOnSingleExternalAuth: false } },
			},
			plugin: { registered: [], registeredExternalAuths: [], registeredIdAndPassAuths: [] },
			theme: { registered: [], default: 'default' },
		});
	}

	private getOAuthClient(ctx: Ctx): void {
		const host = (ctx.req.headers.host ?? '').toLowerCase();
		if (host !== this.hostname) {
			throw new HttpError(403, `Getting client tokens for host ${ctx.req.headers.host ?? ''} is forbidden`);
		}
		this.sendJson(ctx, 200, { client_id: this.clientId, client_secret: this.clientSecret });
	}

	private issueToken(userId: number): TokenRecord {
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

	private deleteToken(t: TokenRecord): void {
		this.tokensByAccess.delete(t.accessToken);
		this.tokensByRefresh.delete(t.refreshToken);
	}

	/** Follows PeerTube's handleOAuthToken step by step, so errors come in the same order. */
	private postToken(ctx: Ctx): void {
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
		if (clientId !== this.clientId || clientSecret !== this.clientSecret) {
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
			const user = this.findUser(username);
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
			token = this.issueToken(user.id);
			this.userMeta.get(user.id)!.lastLoginDate = new Date().toISOString();
		} else if (grantType === 'refresh_token') {
			const refresh = form.get('refresh_token');
			if (!refresh) throw new HttpError(400, 'Missing parameter: `refresh_token`', { code: 'invalid_request' });
			const old = this.tokensByRefresh.get(refresh);
			if (!old || old.refreshRevoked || old.clientId !== clientId) {
				throw new HttpError(400, 'Invalid grant: refresh token is invalid', { code: 'invalid_grant' });
			}
			if (old.refreshExpiresAt <= Date.now()) {
				throw new HttpError(400, 'Invalid grant: refresh token has expired', { code: 'invalid_grant' });
			}
			// Rotation: the whole old pair goes, as PeerTube deletes the token row.
			this.deleteToken(old);
			token = this.issueToken(old.userId);
		} else {
			throw new HttpError(400, 'Unsupported grant type: `grant_type` is invalid', { code: 'unsupported_grant_type' });
		}
		this.sendJson(ctx, 200, {
			token_type: 'Bearer',
			access_token: token.accessToken,
			refresh_token: token.refreshToken,
			expires_in: Math.floor(this.accessLifetimeMs / 1000),
			refresh_token_expires_in: Math.floor(this.refreshLifetimeMs / 1000),
		});
	}

	private revokeToken(ctx: Ctx): void {
		this.auth(ctx, true);
		const t = this.tokensByAccess.get(this.bearer(ctx)!);
		if (t) this.deleteToken(t);
		this.sendJson(ctx, 200, {});
	}

	// ---------------------------------------------------------------- lists

	private q1(ctx: Ctx, name: string): string | undefined {
		return ctx.query[name]?.[0];
	}

	private pagination(ctx: Ctx, sorts: string[], defaultSort: string): { start: number; count: number; sort: string } {
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

	private sortedVideos(sort: string): StandinVideo[] {
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

	private listVideos(
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
		const categories = ints('categoryOneOf');
		const licences = ints('licenceOneOf');
		const privacies = ints('privacyOneOf');
		if (privacies && !privacies.every((p) => PRIVACIES[p] !== undefined)) {
			invalid(errors, 'privacyOneOf', ctx.query.privacyOneOf, 'Should have a valid privacyOneOf array', 'query');
		}
		const languages = ctx.query.languageOneOf;
		const tagsOneOf = ctx.query.tagsOneOf?.map((t) => t.toLowerCase());
		const tagsAllOf = ctx.query.tagsAllOf?.map((t) => t.toLowerCase());
		const isLocal = bool('isLocal');
		const isLive = bool('isLive');
		const skipCount = bool('skipCount') === true;
		const nsfwRaw = this.q1(ctx, 'nsfw');
		if (nsfwRaw !== undefined && !['true', 'false', 'both'].includes(nsfwRaw)) {
			invalid(errors, 'nsfw', nsfwRaw, 'Should have a valid NSFW attribute', 'query');
		}
		const includeRaw = this.q1(ctx, 'include');
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

	private resolveVideo(id: string): StandinVideo {
		const video = this.getVideo(id);
		if (!video) throw new HttpError(404, 'Video not found');
		return video;
	}

	private canManage(user: StandinUser, v: StandinVideo): boolean {
		return this.isStaff(user) || this.ownerUserIdOfVideo(v) === user.id;
	}

	private getVideoRoute(ctx: Ctx, id: string): void {
		const user = this.auth(ctx, false);
		const video = this.resolveVideo(id);
		const manager = user !== undefined && this.canManage(user, video);
		if (video.privacy === 3 && !manager) {
			throw new HttpError(user ? 403 : 401, 'Cannot get this private video of another user');
		}
		if (video.privacy === 4 && !user) throw new HttpError(401, 'Cannot get this internal video without being logged in');
		if (video.privacy === 5 && !manager) {
			const given = ctx.req.headers['x-peertube-video-password'];
			if (given === undefined) {
				throw new HttpError(403, 'Please provide a password to access this password protected video', {
					code: 'video_requires_password',
				});
			}
			if (!video.videoPasswords.includes(String(given))) {
				throw new HttpError(403, 'Incorrect video password. Access to the video is denied.', {
					code: 'incorrect_video_password',
				});
			}
		}
		this.sendJson(ctx, 200, this.formatVideoDetails(video));
	}

	/** JSON, urlencoded or multipart body into PeerTube's req.body / req.files shape. */
	private parseBody(ctx: Ctx): { body: Record<string, unknown>; files: MultipartFile[] } {
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
	private checkChannel(user: StandinUser, channelId: number): StandinChannel {
		const channel = this.channels.get(channelId);
		if (!channel) throw new HttpError(400, 'Unknown video "video channel" for this instance.');
		if (!this.isStaff(user) && this.accounts.get(channel.accountId)?.userId !== user.id) {
			throw new HttpError(400, 'Unknown video "video channel" for this account.');
		}
		return channel;
	}

	private applyChanges(video: StandinVideo, changes: VideoChanges): void {
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

	private updateVideo(ctx: Ctx, id: string): void {
		const user = this.auth(ctx, true);
		const { body, files } = this.parseBody(ctx);
		const { changes, errors, scheduleMissingUpdateAt } = validateVideoBody(body, files, 'update');
		if (Object.keys(errors).length) throw validationError(errors);
		if (scheduleMissingUpdateAt) throw new HttpError(400, 'Schedule update at is mandatory.');
		const video = this.resolveVideo(id);
		if (!video.isLocal) throw new HttpError(403, 'Cannot manage a video of another server.');
		if (!this.canManage(user, video)) throw new HttpError(403, 'Cannot manage a video of another user.');
		if (changes.privacy === 5 && video.privacy !== 5 && !changes.videoPasswords?.length) {
			throw new HttpError(400, 'Video passwords are required for a password protected video', {
				invalidParams: {
					videoPasswords: { type: 'field', value: body.videoPasswords, msg: 'Should have at least one video password', path: 'videoPasswords', param: 'videoPasswords', location: 'body' },
				},
			});
		}
		if (changes.channelId !== undefined) this.checkChannel(user, changes.channelId);

		this.applyChanges(video, changes);
		if (changes.privacy !== undefined && changes.privacy !== 5 && changes.videoPasswords === undefined) {
			video.videoPasswords = [];
		}
		video.updatedAt = new Date(Math.max(Date.now(), Date.parse(video.updatedAt) + 1)).toISOString();
		this.send(ctx, 204);
	}

	private deleteVideo(ctx: Ctx, id: string): void {
		const user = this.auth(ctx, true);
		const video = this.resolveVideo(id);
		if (!this.canManage(user, video)) throw new HttpError(403, 'Cannot remove video of another user');
		this.removeVideo(video);
		this.send(ctx, 204);
	}

	private createFromChanges(
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

	private uploadInit(ctx: Ctx): void {
		const user = this.auth(ctx, true);
		const { body, files } = this.parseBody(ctx);
		const { changes, errors, scheduleMissingUpdateAt } = validateVideoBody(body, files, 'create');
		if (typeof body.filename !== 'string' || body.filename.length === 0) {
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
		const mimetype = (typeHeader as string).split(';')[0].trim().toLowerCase();
		if (!mimetype.startsWith('video/')) {
			throw new HttpError(415, `This file is not supported. Please, make sure it is of the following type: video/*`);
		}
		if (changes.privacy === 5 && !changes.videoPasswords?.length) {
			throw new HttpError(400, 'Video passwords are required for a password protected video');
		}
		this.checkChannel(user, changes.channelId!);

		const session: UploadSession = {
			id: `${user.id}-${randomHex(16)}`,
			userId: user.id,
			size: Number((lengthHeader as string).trim()),
			mimetype,
			filename: body.filename as string,
			metadata: changes,
			received: 0,
			hash: createHash('sha256'),
		};
		this.uploads.set(session.id, session);
		this.send(ctx, 201, undefined, {
			location: `${this.url}/api/v1/videos/upload-resumable?upload_id=${session.id}`,
		});
	}

	private uploadSession(ctx: Ctx, user: StandinUser): UploadSession {
		const id = this.q1(ctx, 'upload_id');
		const session = id ? this.uploads.get(id) : undefined;
		// Sessions are scoped to their user, so someone else's id is simply not found.
		if (!session || session.userId !== user.id) throw new HttpError(404, 'Upload not found');
		return session;
	}

	private rangeHeader(session: UploadSession): Record<string, string> {
		return session.received > 0 ? { range: `bytes=0-${session.received - 1}` } : {};
	}

	private uploadChunk(ctx: Ctx): void {
		const user = this.auth(ctx, true);
		const session = this.uploadSession(ctx, user);
		const header = ctx.req.headers['content-range'] ?? '';
		const probe = /^bytes \*\/(\d+)$/.exec(header.trim());
		const chunk = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(header.trim());
		if (session.result) {
			// Lets a client that lost the final answer retry and still learn the video id.
			return this.sendJson(ctx, 200, { video: session.result });
		}
		if (probe) {
			if (Number(probe[1]) !== session.size) throw new HttpError(400, 'Content-Range total does not match the upload size');
			return this.send(ctx, 308, undefined, this.rangeHeader(session));
		}
		if (!chunk) throw new HttpError(400, 'Missing or invalid Content-Range header');
		const from = Number(chunk[1]);
		const to = Number(chunk[2]);
		const total = Number(chunk[3]);
		if (total !== session.size || to < from || to >= total) throw new HttpError(400, 'Invalid Content-Range header');
		if (to - from + 1 !== ctx.body.length) throw new HttpError(400, 'Content-Range does not match the body length');
		if (from !== session.received) {
			throw new HttpError(409, `Chunk does not match the upload range: expected to start at ${session.received}`, {
				headers: this.rangeHeader(session),
			});
		}
		session.hash.update(ctx.body);
		session.received += ctx.body.length;
		if (session.received < session.size) {
			return this.send(ctx, 308, undefined, this.rangeHeader(session));
		}
		const changes = session.metadata;
		const channel = this.channels.get(changes.channelId!);
		if (!channel) throw new HttpError(400, 'Unknown video "video channel" for this instance.');
		const video = this.createFromChanges(channel, changes, changes.name!, 2);
		video.file = { filename: session.filename, mimetype: session.mimetype, size: session.size, sha256: session.hash.digest('hex') };
		if (changes.thumbnail) video.thumbnail = changes.thumbnail;
		if (changes.preview) video.preview = changes.preview;
		session.result = { id: video.id, uuid: video.uuid, shortUUID: video.shortUUID };
		this.sendJson(ctx, 200, { video: session.result });
	}

	private uploadCancel(ctx: Ctx): void {
		const user = this.auth(ctx, true);
		const session = this.uploadSession(ctx, user);
		this.uploads.delete(session.id);
		this.send(ctx, 204);
	}

	// ---------------------------------------------------------------- imports

	private importVideo(ctx: Ctx): void {
		const user = this.auth(ctx, true);
		const { body, files } = this.parseBody(ctx);
		const { changes, errors, scheduleMissingUpdateAt } = validateVideoBody(body, files, 'import');
		if (body.targetUrl !== undefined && !isHttpUrl(body.targetUrl)) {
			invalid(errors, 'targetUrl', body.targetUrl, 'Should have a valid video import target URL');
		}
		if (body.magnetUri !== undefined && !(typeof body.magnetUri === 'string' && body.magnetUri.startsWith('magnet:?'))) {
			invalid(errors, 'magnetUri', body.magnetUri, 'Should have a valid video magnet URI');
		}
		if (Object.keys(errors).length) throw validationError(errors);
		if (scheduleMissingUpdateAt) throw new HttpError(400, 'Schedule update at is mandatory.');
		const torrent = files.find((f) => f.field === 'torrentfile');
		if (body.targetUrl === undefined && body.magnetUri === undefined && !torrent) {
			throw new HttpError(400, 'Should have a magnetUri or a targetUrl or a torrent file.');
		}
		const channel = this.checkChannel(user, changes.channelId!);
		const source = (body.targetUrl as string | undefined) ?? (body.magnetUri as string | undefined) ?? torrent!.filename;
		const fallbackName = source.split(/[/?#&]/).filter(Boolean).pop() ?? 'Imported video';
		const name = changes.name ?? (fallbackName.length >= 3 ? fallbackName.slice(0, 120) : 'Imported video');
		const video = this.createFromChanges(channel, changes, name, 3);
		video.importSource = {
			targetUrl: body.targetUrl as string | undefined,
			magnetUri: body.magnetUri as string | undefined,
			torrentfile: torrent ? { filename: torrent.filename, mimetype: torrent.mimetype, size: torrent.size } : undefined,
		};
		if (changes.thumbnail) video.thumbnail = changes.thumbnail;
		if (changes.preview) video.preview = changes.preview;
		const now = new Date().toISOString();
		this.sendJson(ctx, 200, {
			id: this.nextIds.import++,
			targetUrl: body.targetUrl ?? null,
			magnetUri: body.magnetUri ?? null,
			torrentName: torrent?.filename ?? null,
			state: { id: 1, label: 'Pending' },
			error: null,
			createdAt: now,
			updatedAt: now,
			video: this.formatVideo(video),
		});
	}

	// ---------------------------------------------------------------- jobs

	private listJobs(ctx: Ctx, stateInPath: string | undefined): void {
		const user = this.auth(ctx, true);
		this.requireRight(ctx, user, 'MANAGE_JOBS', ['admin']);
		const { start, count, sort } = this.pagination(ctx, ['createdAt'], '-createdAt');
		const errors: InvalidParams = {};
		let states: string[] = [];
		if (this.jobsApi === 'path') {
			// PeerTube <= 7 ignores an unknown `states` query: only the path selects.
			if (stateInPath) states = [stateInPath];
		} else {
			states = ctx.query.states ?? [];
		}
		const badState = states.find((s) => !(JOB_STATES as readonly string[]).includes(s));
		if (badState !== undefined) {
			invalid(errors, this.jobsApi === 'path' ? 'state' : 'states', badState, 'Should have a valid job state', this.jobsApi === 'path' ? 'params' : 'query');
		}
		const jobType = this.q1(ctx, 'jobType');
		if (jobType !== undefined && !(JOB_TYPES as readonly string[]).includes(jobType) && !this.jobs.some((j) => j.type === jobType)) {
			invalid(errors, 'jobType', jobType, 'Should have a valid job type', 'query');
		}
		if (Object.keys(errors).length) throw validationError(errors);
		const dir = sort.startsWith('-') ? -1 : 1;
		const list = this.jobs
			.filter((j) => (states.length === 0 || states.includes(j.state)) && (jobType === undefined || j.type === jobType))
			.sort((a, b) => (a.createdAt < b.createdAt ? -dir : a.createdAt > b.createdAt ? dir : 0) || dir * (a.id - b.id));
		this.sendJson(ctx, 200, { total: list.length, data: list.slice(start, start + count).map((j) => this.formatJob(j)) });
	}

	/** Whether POST /jobs/pause was called more recently than /jobs/resume. */
	get jobQueuePaused(): boolean {
		return this.jobsPaused;
	}
}
