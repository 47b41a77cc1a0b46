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
};

export const ROLE_IDS = { admin: 0, moderator: 1, user: 2 } as const;
export const ROLE_LABELS: Record<number, string> = { 0: 'Administrator', 1: 'Moderator', 2: 'User' };

export const JOB_STATES = ['active', 'completed', 'failed', 'waiting', 'delayed'] as const;
export type JobState = (typeof JOB_STATES)[number];

export const JOB_TYPES = [
	'activitypub-cleaner',
	'activitypub-follow',
	'activitypub-http-broadcast',
	'activitypub-http-broadcast-parallel',
	'activitypub-http-fetcher',
	'activitypub-http-unicast',
	'activitypub-refresher',
	'actor-keys',
	'after-video-channel-import',
	'email',
	'federate-video',
	'generate-video-storyboard',
	'manage-video-torrent',
	'move-to-file-system',
	'move-to-object-storage',
	'notify',
	'transcoding-job-builder',
	'video-channel-import',
	'video-file-import',
	'video-import',
	'video-live-ending',
	'video-redundancy',
	'video-studio-edition',
	'video-transcoding',
	'video-transcription',
	'videos-views-stats',
] as const;

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
}

export interface StandinAccount {
	id: number;
	name: string;
	displayName: string;
	userId: number;
	createdAt: string;
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
