import { randomUUID } from 'node:crypto';

// Labels as PeerTube 7 ships them (a representative subset for languages).
export const CATEGORIES: Record<number, string> = {
	1: 'Music',
	2: 'Films',
	3: 'Vehicles',
	4: 'Art',
	5: 'Sports',
	6: 'Travels',
	7: 'Gaming',
	8: 'People',
	9: 'Comedy',
	10: 'Entertainment',
	11: 'News & Politics',
	12: 'How To',
	13: 'Education',
	14: 'Activism',
	15: 'Science & Technology',
	16: 'Animals',
	17: 'Kids',
	18: 'Food',
};

export const LICENCES: Record<number, string> = {
	1: 'Attribution',
	2: 'Attribution - Share Alike',
	3: 'Attribution - No Derivatives',
	4: 'Attribution - Non Commercial',
	5: 'Attribution - Non Commercial - Share Alike',
	6: 'Attribution - Non Commercial - No Derivatives',
	7: 'Public Domain Dedication',
};

export const LANGUAGES: Record<string, string> = {
	ar: 'Arabic',
	ca: 'Catalan',
	de: 'German',
	en: 'English',
	eo: 'Esperanto',
	es: 'Spanish',
	eu: 'Basque',
	fr: 'French',
	it: 'Italian',
	ja: 'Japanese',
	nl: 'Dutch',
	pl: 'Polish',
	pt: 'Portuguese',
	ru: 'Russian',
	sv: 'Swedish',
	zh: 'Chinese',
};

export const PRIVACIES: Record<number, string> = {
	1: 'Public',
	2: 'Unlisted',
	3: 'Private',
	4: 'Internal',
	5: 'Password protected',
};

export const COMMENTS_POLICIES: Record<number, string> = {
	1: 'Enabled',
	2: 'Disabled',
	3: 'Requires approval',
};

export const VIDEO_STATES: Record<number, string> = {
	1: 'Published',
	2: 'To transcode',
	3: 'To import',
	4: 'Waiting for live stream',
	5: 'Live ended',
	6: 'To move to an external storage',
	7: 'Transcoding failed',
	8: 'Moving to an external storage failed',
	9: 'To edit using studio edition feature',
	10: 'To move to file system',
	11: 'Move to file system failed',
	// 8.0+ only (formatVideo answers it only when the stand-in plays 8.0 or newer).
	12: 'Import failed',
};

export const ROLE_IDS = { admin: 0, moderator: 1, user: 2 } as const;
export const ROLE_LABELS: Record<number, string> = { 0: 'Administrator', 1: 'Moderator', 2: 'User' };

/**
 * Job states the jobs validator accepts (PeerTube `jobStates`, server/core/helpers/custom-validators/jobs.ts;
 * the same in 6.x and ≈8.2.1 per api-facts-2 §11). Listing `waiting` also returns `waiting-children`
 * and `prioritized` jobs (JobQueue.buildStateFilter).
 */
export const JOB_STATES = ['active', 'completed', 'failed', 'waiting', 'delayed', 'paused', 'waiting-children', 'prioritized'] as const;
export type JobState = (typeof JOB_STATES)[number];

/**
 * Job types, i.e. PeerTube's own `jobTypes` list of server/core/lib/job-queue/job-queue.ts (what the
 * `jobType` query is validated against). Kept here by hand from PeerTube's code — never from the
 * node's constants:
 * - 6.x: a compiled 6.x job-queue.js (it has `video-transcription`, so 6.2+; 6.0/6.1 lack a few of
 *   these — unconfirmed which, the stand-in accepts this list for every 6.x);
 * - 7.x and 8.x: the same list. @peertube/peertube-types 8.1.3 (the types published from PeerTube
 *   8.1.3) still has `videos-views-stats` and no `build-automatic-tags`; a fork of upstream develop
 *   after v8.2.1 (wuweiran809-dev/BOOMBOOM@4145d0b8 server/core/lib/job-queue/job-queue.ts) renames it
 *   `videos-stats` and adds `build-automatic-tags`, which the stand-in takes as 9.0 material.
 * - 9.0: Chocobozzz/PeerTube@06a09b37 packages/models/src/server/job.model.ts (develop):
 *   adds `build-object-automatic-tags` and `video-files-lifecycle`.
 */
const JOB_TYPES_6 = [
	'activitypub-cleaner',
	'activitypub-follow',
	'activitypub-http-broadcast-parallel',
	'activitypub-http-broadcast',
	'activitypub-http-fetcher',
	'activitypub-http-unicast',
	'activitypub-refresher',
	'actor-keys',
	'after-video-channel-import',
	'email',
	'federate-video',
	'generate-video-storyboard',
	'manage-video-torrent',
	'move-to-object-storage',
	'move-to-file-system',
	'notify',
	'transcoding-job-builder',
	'video-channel-import',
	'video-file-import',
	'video-import',
	'video-live-ending',
	'video-redundancy',
	'video-studio-edition',
	'video-transcription',
	'videos-views-stats',
	'create-user-export',
	'import-user-archive',
	'video-transcoding',
];
const JOB_TYPES_9 = [
	'build-automatic-tags',
	...JOB_TYPES_6.filter((t) => t !== 'videos-views-stats'),
	'videos-stats',
	'build-object-automatic-tags',
	'video-files-lifecycle',
];

export function jobTypesOf(major: number): readonly string[] {
	return major >= 9 ? JOB_TYPES_9 : JOB_TYPES_6;
}

/** All job types any supported version knows (for seeding). */
export const JOB_TYPES: readonly string[] = [...new Set([...JOB_TYPES_6, ...JOB_TYPES_9])];

/** PeerTube's UserRight enum (packages/models/src/users/user-right.enum.ts): "does not have right N". */
export const USER_RIGHTS: Record<string, number> = {
	ALL: 0,
	MANAGE_USERS: 1,
	MANAGE_SERVER_FOLLOW: 2,
	MANAGE_LOGS: 3,
	MANAGE_DEBUG: 4,
	MANAGE_SERVER_REDUNDANCY: 5,
	MANAGE_ABUSES: 6,
	MANAGE_JOBS: 7,
	MANAGE_CONFIGURATION: 8,
	MANAGE_INSTANCE_CUSTOM_PAGE: 9,
	MANAGE_SERVER_ACCOUNTS_BLOCKLIST: 10,
	MANAGE_SERVER_SERVERS_BLOCKLIST: 11,
	MANAGE_VIDEO_BLACKLIST: 12,
	MANAGE_ANY_VIDEO_CHANNEL: 13,
	REMOVE_ANY_VIDEO: 14,
	REMOVE_ANY_VIDEO_PLAYLIST: 15,
	MANAGE_ANY_VIDEO_COMMENT: 16,
	UPDATE_ANY_VIDEO: 17,
	UPDATE_ANY_VIDEO_PLAYLIST: 18,
	GET_ANY_LIVE: 19,
	SEE_ALL_VIDEOS: 20,
	SEE_ALL_COMMENTS: 21,
	CHANGE_VIDEO_OWNERSHIP: 22,
	MANAGE_PLUGINS: 23,
	MANAGE_VIDEOS_REDUNDANCIES: 24,
	MANAGE_VIDEO_FILES: 25,
	RUN_VIDEO_TRANSCODING: 26,
	MANAGE_VIDEO_IMPORTS: 27,
	MANAGE_REGISTRATIONS: 28,
	MANAGE_RUNNERS: 29,
	MANAGE_USER_EXPORTS: 30,
	MANAGE_USER_IMPORTS: 31,
	MANAGE_INSTANCE_WATCHED_WORDS: 32,
	MANAGE_INSTANCE_AUTO_TAGS: 33,
	MANAGE_SERVER_BLOCKLIST_SUBSCRIPTIONS: 34,
};

/**
 * Video MIME types the upload accepts with transcoding and `allow_additional_extensions` on
 * (PeerTube constants buildVideoMimetypeExt, api-facts-2 §1); the extensions are what
 * GET /api/v1/config answers in `video.file.extensions`.
 */
export const VIDEO_MIMETYPE_EXT: Record<string, string | string[]> = {
	'video/webm': '.webm',
	'video/ogg': '.ogv',
	'video/mp4': '.mp4',
	'video/x-matroska': '.mkv',
	'video/quicktime': ['.mov', '.qt'],
	'video/x-m4v': '.m4v',
	'video/x-flv': '.flv',
	'video/x-f4v': '.f4v',
	'video/x-ms-wmv': '.wmv',
	'video/x-msvideo': '.avi',
	'video/3gpp': '.3gp',
	'video/3gpp2': '.3g2',
	'application/x-nut': '.nut',
	'video/mp2t': '.mts',
	'video/m2ts': '.m2ts',
	'video/mpv': '.mpv',
	'video/x-mpeg2': '.m2v',
	'video/mpeg': '.mpeg',
	'video/dvd': '.vob',
	'application/mxf': '.mxf',
	'application/octet-stream': [],
};
export const VIDEO_EXTENSIONS: string[] = [...new Set(Object.values(VIDEO_MIMETYPE_EXT).flat())];

export const IMAGE_MIMETYPES = ['image/png', 'image/jpg', 'image/jpeg', 'image/webp'];
export const IMAGE_MAX_SIZE = 8 * 1024 * 1024;

export type Role = 'admin' | 'moderator' | 'user';

export interface StandinUser {
	id: number;
	username: string;
	password: string;
	role: Role;
	email?: string;
	/** base32 TOTP secret */
	twoFactorSecret?: string;
	blocked?: boolean;
	waitingForApproval?: boolean;
	/** default true; false => email_not_verified at login */
	emailVerified?: boolean;
	/** bytes, -1 (default) = unlimited: uploads beyond it answer 413 quota_reached at init */
	videoQuota?: number;
	/** bytes per 24 h, -1 (default) = unlimited */
	videoQuotaDaily?: number;
}

export interface StandinAccount {
	id: number;
	name: string;
	displayName: string;
	/** Local accounts only. */
	userId?: number;
	createdAt: string;
	/** Set for an account of another instance (lower-cased host[:port]). */
	host?: string;
	/** Remote actors only: whether this instance has fetched it yet (unknown ones answer 404). */
	known?: boolean;
}

export interface StandinChannel {
	id: number;
	name: string;
	displayName: string;
	description: string | null;
	support: string | null;
	accountId: number;
	createdAt: string;
	updatedAt: string;
	/** Set for a channel of another instance (lower-cased host[:port]). */
	host?: string;
	/** Remote actors only: whether this instance has fetched it yet (unknown ones answer 404). */
	known?: boolean;
}

export interface StoredFile {
	filename: string;
	mimetype: string;
	size: number;
}

// A type alias rather than an interface so it is assignable to Record<string, unknown> in tests.
export type StandinVideo = {
	id: number;
	uuid: string;
	shortUUID: string;
	name: string;
	channelId: number;
	privacy: number;
	category: number | null;
	licence: number | null;
	language: string | null;
	tags: string[];
	nsfw: boolean;
	isLive: boolean;
	isLocal: boolean;
	description: string | null;
	support: string | null;
	commentsPolicy: number;
	downloadEnabled: boolean;
	waitTranscoding: boolean;
	state: number;
	duration: number;
	views: number;
	likes: number;
	dislikes: number;
	publishedAt: string;
	createdAt: string;
	updatedAt: string;
	originallyPublishedAt: string | null;
	scheduledUpdate: { updateAt: string; privacy?: number } | null;
	videoPasswords: string[];
	/** Set by PUT multipart `thumbnailfile` / `previewfile`. */
	thumbnail?: StoredFile;
	preview?: StoredFile;
	/** Set when a resumable upload completes. */
	file?: StoredFile & { sha256: string };
	/** Set by POST /videos/imports. */
	importSource?: { targetUrl?: string; magnetUri?: string; torrentfile?: StoredFile };
};

type DateLike = string | Date | number;

export interface VideoSeed {
	name: string;
	/** Default: the first channel created. */
	channelName: string;
	privacy: number;
	category: number | null;
	licence: number | null;
	language: string | null;
	tags: string[];
	nsfw: boolean;
	isLive: boolean;
	isLocal: boolean;
	description: string | null;
	support: string | null;
	commentsPolicy: number;
	downloadEnabled: boolean;
	waitTranscoding: boolean;
	state: number;
	duration: number;
	views: number;
	likes: number;
	dislikes: number;
	publishedAt: DateLike;
	createdAt: DateLike;
	updatedAt: DateLike;
	originallyPublishedAt: DateLike | null;
	videoPasswords: string[];
	uuid: string;
}

export type StandinJob = {
	id: number;
	state: JobState;
	type: string;
	data: Record<string, unknown>;
	priority: number | null;
	progress: number | null;
	error: string | null;
	createdAt: string;
	processedOn: string | null;
	finishedOn: string | null;
};

export interface JobSeed {
	state: JobState;
	type: string;
	data: Record<string, unknown>;
	priority: number | null;
	progress: number | null;
	error: string | null;
	createdAt: DateLike;
	processedOn: DateLike | null;
	finishedOn: DateLike | null;
}

export function toIso(d: DateLike): string {
	return new Date(d).toISOString();
}

// PeerTube's short UUIDs are the UUID in flickrBase58, padded to 22 chars (short-uuid defaults).
const BASE58 = '123456789abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
const SHORT_LENGTH = 22;

export function uuidToShort(uuid: string): string {
	let n = BigInt('0x' + uuid.replace(/-/g, ''));
	let out = '';
	while (n > 0n) {
		out = BASE58[Number(n % 58n)] + out;
		n /= 58n;
	}
	return out.padStart(SHORT_LENGTH, BASE58[0]);
}

export function shortToUuid(short: string): string | undefined {
	if (!/^[1-9a-km-zA-HJ-NP-Z]+$/.test(short)) return undefined;
	let n = 0n;
	for (const ch of short) n = n * 58n + BigInt(BASE58.indexOf(ch));
	const hex = n.toString(16);
	if (hex.length > 32) return undefined;
	const h = hex.padStart(32, '0');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function newUuid(): string {
	return randomUUID();
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** PeerTube truncates list descriptions to 250 characters (lodash truncate, "..." omission). */
export function truncateDescription(description: string | null): string | null {
	if (description === null) return null;
	if (description.length <= 250) return description;
	return description.slice(0, 247) + '...';
}
