export interface MultipartFile {
	field: string;
	filename: string;
	mimetype: string;
	size: number;
	data: Buffer;
}

export interface MultipartResult {
	/** Text fields in arrival order; names kept raw (`tags[]`, `scheduleUpdate[updateAt]`...). */
	fields: Array<[string, string]>;
	files: MultipartFile[];
}

export class MultipartError extends Error {}

export function boundaryOf(contentType: string): string | undefined {
	const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
	return m ? (m[1] ?? m[2]) : undefined;
}

function dispositionParam(header: string, name: string): string | undefined {
	// RFC 5987 extended form wins when present (non-ASCII file names).
	const ext = new RegExp(`;\\s*${name}\\*=([^']*)'[^']*'([^;]+)`, 'i').exec(header);
	if (ext) {
		try {
			return decodeURIComponent(ext[2].trim());
		} catch {
			return ext[2].trim();
		}
	}
	const quoted = new RegExp(`;\\s*${name}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(header);
	if (quoted) return quoted[1].replace(/\\(.)/g, '$1');
	const bare = new RegExp(`;\\s*${name}=([^;]+)`, 'i').exec(header);
	return bare ? bare[1].trim() : undefined;
}

/** Minimal multipart/form-data parser: enough for what form-data / undici / browsers send. */
export function parseMultipart(body: Buffer, contentType: string): MultipartResult {
	const boundary = boundaryOf(contentType);
	if (!boundary) throw new MultipartError('Multipart: boundary not found');
	const delimiter = Buffer.from(`--${boundary}`);
	const nextDelimiter = Buffer.from(`\r\n--${boundary}`);
	const result: MultipartResult = { fields: [], files: [] };

	let pos = body.indexOf(delimiter);
	if (pos < 0) throw new MultipartError('Multipart: unexpected end of form');
	pos += delimiter.length;
	for (;;) {
		if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break; // closing "--"
		// Skip transport padding then the CRLF that ends the delimiter line.
		while (body[pos] === 0x20 || body[pos] === 0x09) pos++;
		if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2;
		else throw new MultipartError('Multipart: malformed part delimiter');

		const headerEnd = body.indexOf('\r\n\r\n', pos);
		if (headerEnd < 0) throw new MultipartError('Multipart: unexpected end of form');
		const headerLines = body.subarray(pos, headerEnd).toString('utf8').split('\r\n');
		const contentStart = headerEnd + 4;
		const end = body.indexOf(nextDelimiter, contentStart);
		if (end < 0) throw new MultipartError('Multipart: unexpected end of form');
		const content = body.subarray(contentStart, end);
		pos = end + nextDelimiter.length;

		let disposition = '';
		let partType = '';
		for (const line of headerLines) {
			const colon = line.indexOf(':');
			if (colon < 0) continue;
			const key = line.slice(0, colon).trim().toLowerCase();
			const value = line.slice(colon + 1).trim();
			if (key === 'content-disposition') disposition = value;
			else if (key === 'content-type') partType = value;
		}
		const name = dispositionParam(disposition, 'name');
		if (name === undefined) continue;
		const filename = dispositionParam(disposition, 'filename');
		if (filename !== undefined) {
			result.files.push({
				field: name,
				filename,
				mimetype: partType || 'application/octet-stream',
				size: content.length,
				data: Buffer.from(content),
			});
		} else {
			result.fields.push([name, content.toString('utf8')]);
		}
	}
	return result;
}

type Nested = Record<string, unknown>;

/**
 * Builds an object from form field names the way multer's append-field does for PeerTube:
 * `tags[]` and repeated `tags` become arrays, `tags[0]` sets an index, `a[b]` nests.
 * A single plain `tags` field stays a string (and so fails PeerTube's tags validation).
 */
export function fieldsToObject(fields: Array<[string, string]>): Nested {
	const root: Nested = {};
	for (const [rawName, value] of fields) {
		const m = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(rawName);
		if (!m) {
			appendPlain(root, rawName, value);
			continue;
		}
		const segments = [...m[2].matchAll(/\[([^[\]]*)\]/g)].map((s) => s[1]);
		if (segments.length === 0) {
			appendPlain(root, m[1], value);
			continue;
		}
		setPath(root, m[1], segments, value);
	}
	return compactArrays(root) as Nested;
}

function appendPlain(obj: Nested, key: string, value: string): void {
	const current = obj[key];
	if (current === undefined) obj[key] = value;
	else if (Array.isArray(current)) current.push(value);
	else obj[key] = [current, value];
}

function setPath(container: Nested | unknown[], key: string, segments: string[], value: string): void {
	const [head, ...rest] = segments;
	const get = (): unknown => (Array.isArray(container) ? container[Number(key)] : container[key]);
	const set = (v: unknown): void => {
		if (Array.isArray(container)) container[Number(key)] = v;
		else container[key] = v;
	};
	if (head === '') {
		let arr = get();
		if (!Array.isArray(arr)) {
			arr = arr === undefined ? [] : [arr];
			set(arr);
		}
		(arr as unknown[]).push(value);
		return;
	}
	const isIndex = /^\d+$/.test(head);
	let child = get();
	if (child === undefined || typeof child !== 'object' || child === null) {
		child = isIndex ? [] : {};
		set(child);
	}
	if (rest.length === 0) {
		if (Array.isArray(child)) child[Number(head)] = value;
		else (child as Nested)[head] = value;
		return;
	}
	setPath(child as Nested | unknown[], head, rest, value);
}

function compactArrays(value: unknown): unknown {
	if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(compactArrays);
	if (value && typeof value === 'object') {
		const out: Nested = {};
		for (const [k, v] of Object.entries(value)) out[k] = compactArrays(v);
		return out;
	}
	return value;
}
