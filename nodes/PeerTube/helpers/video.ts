import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// PeerTube's short UUIDs are the UUID in base58 (Flickr alphabet): 20–22 characters
const SHORT_UUID = /^[1-9A-HJ-NP-Za-km-z]{20,22}$/;

/**
 * Turns what a user may paste (numeric id, UUID, short UUID, watch or embed URL) into the id
 * PeerTube's `/videos/{id}` accepts; `undefined` when it is none of these.
 */
export function parseVideoId(input: unknown): string | undefined {
	const raw = String(input ?? '').trim();
	if (raw === '') return undefined;
	if (/^\d+$/.test(raw)) return Number(raw) >= 1 ? String(Number(raw)) : undefined;
	if (UUID.test(raw)) return raw.toLowerCase();
	if (SHORT_UUID.test(raw)) return raw;
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		return undefined;
	}
	const match = /^\/(?:w|videos\/watch|videos\/embed|video\/watch)\/([^/?#]+)\/?$/.exec(url.pathname);
	if (!match || match[1] === 'p') return undefined;
	const id = decodeURIComponent(match[1]);
	return UUID.test(id) || SHORT_UUID.test(id) ? id : undefined;
}

/**
 * A channel or account given as name, `@name`, `name@host` or a page URL (`/c/name`,
 * `/video-channels/name`, `/a/name`, `/accounts/name`) becomes the handle PeerTube expects. A page
 * URL on another host than the instance's means a remote actor: `name@thatHost`; on the
 * instance's own host (`instanceHost`, e.g. `videos.example.org` or `127.0.0.1:9000`), `name`.
 * A `name@host` naming the instance's own host becomes `name` too.
 */
export function parseHandle(input: unknown, kind: 'channel' | 'account', instanceHost?: string): string | undefined {
	let raw = String(input ?? '').trim();
	if (raw === '') return undefined;
	const ownHost = instanceHost?.toLowerCase();
	if (/^https?:\/\//i.test(raw)) {
		let url: URL;
		try {
			url = new URL(raw);
		} catch {
			return undefined;
		}
		const prefix = kind === 'channel' ? '(?:c|video-channels)' : '(?:a|accounts)';
		const match = new RegExp(`^/${prefix}/([^/?#]+)`).exec(url.pathname);
		if (!match) return undefined;
		raw = decodeURIComponent(match[1]).replace(/^@/, '');
		// a page URL may itself carry a full handle (`/c/name@host`): that host wins
		if (!raw.includes('@')) {
			const host = url.host.toLowerCase();
			if (ownHost === undefined || host !== ownHost) raw = `${raw}@${host}`;
		}
	}
	raw = raw.replace(/^@/, '');
	if (!/^[^\s/@]+(@[^\s/@]+)?$/.test(raw)) return undefined;
	const [name, host] = raw.split('@');
	if (host !== undefined && ownHost !== undefined && host.toLowerCase() === ownHost) return name;
	return raw;
}

/** Whether a handle names an actor of another instance (`name@host`). */
export function isRemoteHandle(handle: string): boolean {
	return handle.includes('@');
}

const NAIVE_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/;
const WITH_ZONE = /(?:Z|[+-]\d{2}:?\d{2}|\b(?:GMT|UTC)(?:[+-]\d{1,4})?)$/i;

/** Offset of `timeZone` from UTC at the instant `utcMs`, in milliseconds (positive east of UTC). */
function zoneOffsetMs(utcMs: number, timeZone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(utcMs));
	const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
	const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
	return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** Whether the runtime knows this IANA time zone name. */
export function isKnownTimeZone(timeZone: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone });
		return true;
	} catch {
		return false;
	}
}

/**
 * The UTC ISO string of a date the user gave, read the way n8n reads dates: a value with an
 * offset or `Z` (or a Date, or a Luxon DateTime from an expression) is an exact instant; a value
 * without one (`2030-01-01T12:00:00`, `2030-01-01`) is a wall-clock time in `timeZone` (the
 * workflow's time zone) — never in the n8n host's own time zone. `undefined` when not a date.
 */
export function toUtcIso(value: unknown, timeZone: string): string | undefined {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
	if (value !== null && typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
		value = (value as { toISO: () => string }).toISO();
	}
	const text = String(value ?? '').trim();
	const naive = NAIVE_DATE.exec(text);
	if (naive) {
		const [year, month, day, hour, minute, second] = naive.slice(1, 7).map((part) => Number(part ?? 0));
		const millis = Number((naive[7] ?? '0').padEnd(3, '0').slice(0, 3));
		if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
		const wall = Date.UTC(year, month - 1, day, hour, minute, second, millis);
		if (new Date(wall).getUTCDate() !== day) return undefined; // 2030-02-31
		// the instant whose wall-clock time in the zone is `wall` (second pass: DST changes)
		let utc = wall - zoneOffsetMs(wall, timeZone);
		utc = wall - zoneOffsetMs(utc, timeZone);
		return new Date(utc).toISOString();
	}
	if (!WITH_ZONE.test(text)) return undefined;
	const time = Date.parse(text);
	return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** The workflow's time zone, in which dates without an offset are read (n8n's convention). */
export function workflowTimeZone(ctx: IExecuteFunctions, itemIndex: number): string {
	const timeZone = ctx.getTimezone();
	if (!isKnownTimeZone(timeZone)) {
		throw new NodeOperationError(ctx.getNode(), `The workflow's time zone "${timeZone}" is unknown: pick one in the workflow settings`, { itemIndex });
	}
	return timeZone;
}

/** An optional date parameter as a UTC ISO string, read in the workflow's time zone. */
export function dateParameter(ctx: IExecuteFunctions, itemIndex: number, label: string, value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const iso = toUtcIso(value, workflowTimeZone(ctx, itemIndex));
	if (iso === undefined) {
		throw new NodeOperationError(
			ctx.getNode(),
			`${label} "${String(value)}" is not a date: use an ISO 8601 date such as 2026-01-31T00:00:00Z (without an offset it is read in the workflow's time zone)`,
			{ itemIndex },
		);
	}
	return iso;
}

/** The image types PeerTube takes as a video's thumbnail or preview. */
const VIDEO_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

export interface VideoImage {
	field: 'thumbnailfile' | 'previewfile';
	fileName: string;
	mimeType: string;
	data: Buffer;
}

/** The thumbnail and preview images named by the Binary Field parameters, checked before sending. */
export async function readVideoImages(
	ctx: IExecuteFunctions,
	itemIndex: number,
	properties: { thumbnailBinaryProperty?: unknown; previewBinaryProperty?: unknown },
	fail: (message: string) => never,
): Promise<VideoImage[]> {
	const images: VideoImage[] = [];
	for (const [field, property, label] of [
		['thumbnailfile', properties.thumbnailBinaryProperty, 'Thumbnail'],
		['previewfile', properties.previewBinaryProperty, 'Preview'],
	] as const) {
		if (property === undefined) continue;
		const name = String(property).trim();
		if (!name) fail(`${label} Binary Field is empty: give the name of the binary field holding the image`);
		const binary = ctx.getInputData()[itemIndex]?.binary?.[name];
		if (!binary) fail(`${label} Binary Field "${name}" does not exist on the input item: check the name, or add the image with a node before`);
		const mimeType = String(binary!.mimeType ?? '').toLowerCase();
		if (!VIDEO_IMAGE_TYPES.includes(mimeType)) {
			fail(`${label} must be a JPEG, PNG or WebP image (the binary field "${name}" is ${mimeType || 'of unknown type'}): give the field holding the image`);
		}
		const data = await ctx.helpers.getBinaryDataBuffer(itemIndex, name);
		images.push({ field, fileName: binary!.fileName ?? `${field}.${mimeType.split('/')[1]}`, mimeType, data });
	}
	return images;
}

/** Comma-separated text (or an array from an expression) as a clean list. */
export function splitList(value: unknown): string[] {
	const parts = Array.isArray(value) ? value.map((v) => String(v)) : String(value ?? '').split(',');
	return parts.map((part) => part.trim()).filter((part) => part !== '');
}

/** The multipart body PeerTube's PUT needs to carry images: a Buffer, so it can be resent. */
export function buildMultipart(
	fields: IDataObject,
	files: Array<{ field: string; fileName: string; mimeType: string; data: Buffer }>,
): { body: Buffer; contentType: string } {
	const boundary = `----n8nPeerTube${Date.now().toString(16)}${Math.random().toString(16).slice(2)}`;
	const chunks: Buffer[] = [];
	const addField = (name: string, value: string) => {
		chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
	};
	const flatten = (prefix: string, value: unknown) => {
		if (value === undefined) return;
		if (Array.isArray(value)) value.forEach((entry, index) => flatten(`${prefix}[${index}]`, entry));
		else if (value !== null && typeof value === 'object') {
			for (const [key, entry] of Object.entries(value)) flatten(`${prefix}[${key}]`, entry);
		} else addField(prefix, value === null ? '' : String(value));
	};
	for (const [name, value] of Object.entries(fields)) flatten(name, value);
	for (const file of files) {
		const safeName = file.fileName.replace(/["\r\n]/g, '_');
		chunks.push(
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${safeName}"\r\nContent-Type: ${file.mimeType}\r\n\r\n`,
			),
			file.data,
			Buffer.from('\r\n'),
		);
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
