import type { IDataObject } from 'n8n-workflow';

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
 * `/video-channels/name`, `/a/name`, `/accounts/name`) becomes the handle PeerTube expects.
 */
export function parseHandle(input: unknown, kind: 'channel' | 'account'): string | undefined {
	let raw = String(input ?? '').trim();
	if (raw === '') return undefined;
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
		raw = decodeURIComponent(match[1]);
	}
	raw = raw.replace(/^@/, '');
	return /^[^\s/@]+(@[^\s/@]+)?$/.test(raw) ? raw : undefined;
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
