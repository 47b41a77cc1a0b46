import {
	CATEGORIES,
	COMMENTS_POLICIES,
	IMAGE_MAX_SIZE,
	IMAGE_MIMETYPES,
	LANGUAGES,
	LICENCES,
	PRIVACIES,
	StoredFile,
} from './data.cjs';
import { MultipartFile } from './multipart.cjs';

/** express-validator v7 `mapped()` entry, plus the older `param` alias. */
export interface InvalidParam {
	type: 'field';
	value: unknown;
	msg: string;
	path: string;
	location: string;
}
export type InvalidParams = Record<string, InvalidParam>;

export function invalid(
	errors: InvalidParams,
	path: string,
	value: unknown,
	msg: string,
	location = 'body',
): void {
	// express-validator 7 (PeerTube 6+): no `param` any more (captured on 6.3.0).
	if (!errors[path]) errors[path] = { type: 'field', value, msg, path, location };
}

// Sanitizers mirroring PeerTube's toValueOrNull / toIntOrNull / toBooleanOrNull.
export function valueOrNull(v: unknown): unknown {
	return v === 'null' ? null : v;
}

export function intOrNull(v: unknown): number | null | undefined {
	const x = valueOrNull(v);
	if (x === null || x === undefined) return x as null | undefined;
	if (typeof x === 'number') return Number.isInteger(x) ? x : NaN;
	if (typeof x === 'string' && /^[+-]?\d+$/.test(x.trim())) return parseInt(x, 10);
	return NaN;
}

/** validator.toBoolean non-strict: any string but '', '0' and 'false' is true; null stays invalid. */
export function booleanOrNull(v: unknown): boolean | null | undefined {
	const x = valueOrNull(v);
	if (x === null || x === undefined) return x as null | undefined;
	if (typeof x === 'boolean') return x;
	const s = String(x);
	return s !== '0' && s !== 'false' && s !== '';
}

const ISO_8601 =
	/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

export function isDateValid(v: unknown): v is string {
	return typeof v === 'string' && ISO_8601.test(v) && !Number.isNaN(Date.parse(v));
}

function isLength(v: unknown, min: number, max: number): v is string {
	return typeof v === 'string' && v.length >= min && v.length <= max;
}

export function isHttpUrl(v: unknown): v is string {
	if (typeof v !== 'string') return false;
	try {
		const u = new URL(v);
		return u.protocol === 'http:' || u.protocol === 'https:';
	} catch {
		return false;
	}
}

export interface VideoChanges {
	name?: string;
	category?: number | null;
	licence?: number | null;
	language?: string | null;
	privacy?: number;
	description?: string | null;
	support?: string | null;
	nsfw?: boolean;
	waitTranscoding?: boolean;
	downloadEnabled?: boolean;
	commentsPolicy?: number;
	tags?: string[];
	originallyPublishedAt?: string | null;
	scheduleUpdate?: { updateAt: string; privacy?: number } | null;
	videoPasswords?: string[];
	channelId?: number;
	thumbnail?: StoredFile;
	preview?: StoredFile;
}

const IMAGE_EXTS = '.png, .jpg, .jpeg, .webp';

/**
 * Validates video metadata as PeerTube's videos validators do (update, resumable-init, import).
 * `create` makes name and channelId mandatory; `import` makes only channelId mandatory.
 */
export function validateVideoBody(
	body: Record<string, unknown>,
	files: MultipartFile[],
	mode: 'update' | 'create' | 'import',
	/**
	 * Which comment fields the played version knows: `commentsPolicy` from 6.2, the boolean
	 * `commentsEnabled` until 7.x (8.0 ignores it). Default: both (6.2–7.x).
	 */
	version: { commentsPolicy?: boolean; commentsEnabled?: boolean } = {},
): { changes: VideoChanges; errors: InvalidParams; scheduleMissingUpdateAt: boolean } {
	const knowsPolicy = version.commentsPolicy ?? true;
	const knowsEnabled = version.commentsEnabled ?? true;
	const errors: InvalidParams = {};
	const changes: VideoChanges = {};
	const has = (k: string) => body[k] !== undefined;

	if (has('name') || mode === 'create') {
		if (isLength(body.name, 3, 120)) changes.name = body.name;
		else invalid(errors, 'name', body.name, 'Should have a valid name');
	}
	if (has('category')) {
		const v = intOrNull(body.category);
		if (v === null || (typeof v === 'number' && CATEGORIES[v] !== undefined)) changes.category = v;
		else invalid(errors, 'category', body.category, 'Should have a valid category');
	}
	if (has('licence')) {
		const v = intOrNull(body.licence);
		if (v === null || (typeof v === 'number' && LICENCES[v] !== undefined)) changes.licence = v;
		else invalid(errors, 'licence', body.licence, 'Should have a valid licence');
	}
	if (has('language')) {
		const v = valueOrNull(body.language);
		if (v === null) changes.language = null;
		else if (typeof v === 'string' && LANGUAGES[v] !== undefined) changes.language = v;
		else invalid(errors, 'language', body.language, 'Should have a valid language');
	}
	if (has('privacy')) {
		const v = intOrNull(body.privacy);
		if (typeof v === 'number' && PRIVACIES[v] !== undefined) changes.privacy = v;
		else invalid(errors, 'privacy', body.privacy, 'Should have correct video privacy');
	}
	if (has('description')) {
		const v = valueOrNull(body.description);
		if (v === null || isLength(v, 3, 10000)) changes.description = v;
		else invalid(errors, 'description', body.description, 'Should have a valid description');
	}
	if (has('support')) {
		const v = valueOrNull(body.support);
		if (v === null || isLength(v, 3, 1000)) changes.support = v;
		else invalid(errors, 'support', body.support, 'Should have a valid support text');
	}
	for (const [key, msg] of [
		['nsfw', 'Should have a valid nsfw boolean'],
		['waitTranscoding', 'Should have a valid waitTranscoding boolean'],
		['downloadEnabled', 'Should have downloadEnabled boolean'],
		['commentsEnabled', 'Should have commentsEnabled boolean'],
	] as const) {
		if (!has(key)) continue;
		// Fields a version does not know are ignored, as express-validator ignores unknown fields.
		if (key === 'commentsEnabled' && !knowsEnabled) continue;
		const v = booleanOrNull(body[key]);
		if (typeof v !== 'boolean') {
			invalid(errors, key, body[key], msg);
		} else if (key === 'commentsEnabled') {
			// Deprecated since 6.2; still honoured when commentsPolicy is absent.
			if (!has('commentsPolicy') || !knowsPolicy) changes.commentsPolicy = v ? 1 : 2;
		} else {
			changes[key] = v;
		}
	}
	if (has('commentsPolicy') && knowsPolicy) {
		const v = intOrNull(body.commentsPolicy);
		if (typeof v === 'number' && COMMENTS_POLICIES[v] !== undefined) changes.commentsPolicy = v;
		else invalid(errors, 'commentsPolicy', body.commentsPolicy, 'Should have a valid comments policy');
	}
	if (has('tags')) {
		const v = valueOrNull(body.tags);
		if (v === null) changes.tags = [];
		else if (Array.isArray(v) && v.length <= 5 && v.every((t) => isLength(t, 2, 30))) {
			changes.tags = v as string[];
		} else {
			invalid(errors, 'tags', body.tags, 'Should have an array of up to 5 tags between 2 and 30 characters each');
		}
	}
	if (has('originallyPublishedAt')) {
		const v = valueOrNull(body.originallyPublishedAt);
		if (v === null) changes.originallyPublishedAt = null;
		else if (isDateValid(v)) changes.originallyPublishedAt = new Date(v).toISOString();
		else {
			invalid(errors, 'originallyPublishedAt', body.originallyPublishedAt, 'Should have a valid original publication date');
		}
	}
	let scheduleMissingUpdateAt = false;
	if (has('scheduleUpdate')) {
		const v = valueOrNull(body.scheduleUpdate);
		if (v === null) changes.scheduleUpdate = null;
		else if (typeof v !== 'object' || Array.isArray(v)) {
			invalid(errors, 'scheduleUpdate', body.scheduleUpdate, 'Should have a valid schedule update');
		} else {
			const su = v as Record<string, unknown>;
			const out: { updateAt: string; privacy?: number } = { updateAt: '' };
			if (su.updateAt === undefined || su.updateAt === '') {
				scheduleMissingUpdateAt = true;
			} else if (!isDateValid(su.updateAt)) {
				invalid(errors, 'scheduleUpdate.updateAt', su.updateAt, 'Should have a schedule update date that conforms to ISO 8601');
			} else if (Date.parse(su.updateAt) <= Date.now()) {
				invalid(errors, 'scheduleUpdate.updateAt', su.updateAt, 'Should have a schedule update date in the future');
			} else {
				out.updateAt = new Date(su.updateAt).toISOString();
			}
			if (su.privacy !== undefined) {
				const p = intOrNull(su.privacy);
				if (p === 1 || p === 2 || p === 4) out.privacy = p;
				else invalid(errors, 'scheduleUpdate.privacy', su.privacy, 'Should have correct schedule update privacy');
			}
			changes.scheduleUpdate = out;
		}
	}
	if (has('videoPasswords')) {
		// Only the array shape is a field rule; the passwords themselves are checked by
		// passwordProtectedPrivacyError(), and only when the video ends up password protected.
		const v = body.videoPasswords;
		if (!Array.isArray(v)) invalid(errors, 'videoPasswords', v, 'Video passwords should be an array.');
		else changes.videoPasswords = v.map(String);
	}
	if (has('channelId') || mode !== 'update') {
		const v = intOrNull(body.channelId);
		if (typeof v === 'number' && v >= 1) changes.channelId = v;
		else invalid(errors, 'channelId', body.channelId, 'Should have correct video channel id');
	}
	for (const [field, key, label] of [
		['thumbnailfile', 'thumbnail', 'thumbnail'],
		['previewfile', 'preview', 'preview'],
	] as const) {
		const file = files.find((f) => f.field === field);
		if (!file) continue;
		const mimetype = file.mimetype.split(';')[0].trim().toLowerCase();
		if (IMAGE_MIMETYPES.includes(mimetype) && file.size > 0 && file.size <= IMAGE_MAX_SIZE) {
			changes[key] = { filename: file.filename, mimetype: file.mimetype, size: file.size };
		} else {
			invalid(
				errors,
				field,
				undefined,
				`This ${label} file is not supported or too large. Please, make sure it is of the following type: ${IMAGE_EXTS}`,
			);
		}
	}
	return { changes, errors, scheduleMissingUpdateAt };
}

/**
 * PeerTube's isValidPasswordProtectedPrivacy (custom-validators/videos.ts): when the privacy sent,
 * else the video's current one, is 5 (password protected), `videoPasswords` (or `passwords`) must be
 * there: a non-empty list of unique strings of 2 to 99 characters. Answers the plain 400 message, or
 * undefined when fine.
 */
export function passwordProtectedPrivacyError(body: Record<string, unknown>, currentPrivacy?: number): string | undefined {
	const sent = intOrNull(body.privacy);
	const privacy = body.privacy !== undefined && body.privacy !== null ? sent : currentPrivacy;
	if (privacy !== 5) return undefined;
	const passwords = body.videoPasswords ?? body.passwords;
	if (passwords === undefined || passwords === null) return 'Video passwords are missing.';
	if (!Array.isArray(passwords)) return 'Video passwords should be an array.';
	if (passwords.length === 0) return 'At least one video password is required.';
	if (new Set(passwords).size !== passwords.length) return 'Duplicate video passwords are not allowed.';
	for (const p of passwords) {
		if (typeof p !== 'string') return 'Video password should be a string.';
		if (p.length < 2 || p.length >= 100) {
			return 'Invalid video password. Password length should be at least 2 characters and no more than 100 characters.';
		}
	}
	return undefined;
}
