/**
 * Parses a multipart/form-data body the way a server would, so that tests compare the complete
 * set of fields and files a request carried (not just look for a few substrings).
 */
export interface MultipartFile {
	filename: string;
	contentType: string | undefined;
	data: Buffer;
}

export interface ParsedMultipart {
	/** every non-file part, by name (a repeated name → the values in order) */
	fields: Record<string, string | string[]>;
	files: Record<string, MultipartFile>;
}

export function parseMultipart(body: Buffer, contentType: string | string[] | undefined): ParsedMultipart {
	const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(String(contentType ?? ''));
	if (!boundary) throw new Error(`not a multipart content type: ${String(contentType)}`);
	const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
	const fields: ParsedMultipart['fields'] = {};
	const files: ParsedMultipart['files'] = {};
	let position = body.indexOf(delimiter);
	if (position !== 0) throw new Error('multipart body does not start with its boundary');
	for (;;) {
		position += delimiter.length;
		if (body.subarray(position, position + 2).toString() === '--') break; // closing delimiter
		if (body.subarray(position, position + 2).toString() !== '\r\n') throw new Error('malformed multipart delimiter line');
		position += 2;
		const headerEnd = body.indexOf('\r\n\r\n', position);
		if (headerEnd < 0) throw new Error('multipart part without headers end');
		const headers = body.subarray(position, headerEnd).toString('latin1').split('\r\n');
		const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
		if (next < 0) throw new Error('multipart part without a following boundary');
		const data = body.subarray(headerEnd + 4, next);
		const disposition = headers.find((line) => /^content-disposition:/i.test(line)) ?? '';
		const name = /\bname="([^"]*)"/.exec(disposition)?.[1];
		if (name === undefined) throw new Error(`multipart part without a name: ${disposition}`);
		const filename = /\bfilename="([^"]*)"/.exec(disposition)?.[1];
		if (filename !== undefined) {
			if (files[name]) throw new Error(`file part ${name} sent twice`);
			const type = headers.find((line) => /^content-type:/i.test(line))?.replace(/^content-type:\s*/i, '');
			files[name] = { filename, contentType: type, data: Buffer.from(data) };
		} else {
			const value = data.toString('utf8');
			const previous = fields[name];
			fields[name] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
		}
		position = next + 2;
	}
	return { fields, files };
}
