/**
 * Helpers for the stand-in's own tests: plain HTTP calls over undici (no node code involved),
 * logins and multipart bodies.
 */
import { request } from 'undici';

import type { PeerTubeStandin } from './server.cjs';

export type Json = Record<string, any>;

export interface Answer {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	text: string;
	json: Json;
}

export interface CallOptions {
	token?: string;
	headers?: Record<string, string>;
	body?: string | Buffer;
	json?: unknown;
	form?: Record<string, string>;
}

export async function call(s: PeerTubeStandin, method: string, path: string, opts: CallOptions = {}): Promise<Answer> {
	const headers: Record<string, string> = { ...(opts.headers ?? {}) };
	let body = opts.body;
	if (opts.token) headers.authorization = `Bearer ${opts.token}`;
	if (opts.json !== undefined) {
		headers['content-type'] = 'application/json';
		body = JSON.stringify(opts.json);
	}
	if (opts.form) {
		headers['content-type'] = 'application/x-www-form-urlencoded';
		body = new URLSearchParams(opts.form).toString();
	}
	const res = await request(s.url + path, { method: method as 'GET', headers, body });
	const text = await res.body.text();
	let json: Json = {};
	try {
		json = text ? JSON.parse(text) : {};
	} catch {
		/* html / plain text / empty */
	}
	return { status: res.statusCode, headers: res.headers, text, json };
}

export async function login(
	s: PeerTubeStandin,
	username: string,
	password: string,
	headers: Record<string, string> = {},
): Promise<Answer> {
	return await call(s, 'POST', '/api/v1/users/token', {
		headers,
		form: { client_id: s.clientId, client_secret: s.clientSecret, grant_type: 'password', username, password },
	});
}

export async function tokenOf(s: PeerTubeStandin, u: { username: string; password: string }): Promise<string> {
	const r = await login(s, u.username, u.password);
	if (r.status !== 200) throw new Error(`login of ${u.username} failed: ${r.status} ${r.text}`);
	return r.json.access_token as string;
}

export function multipart(
	parts: Array<{ name: string; value: string | Buffer; filename?: string; type?: string }>,
): { body: Buffer; contentType: string } {
	const boundary = '----standin' + Math.random().toString(16).slice(2);
	const chunks: Buffer[] = [];
	for (const p of parts) {
		let head = `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"`;
		if (p.filename) head += `; filename="${p.filename}"\r\nContent-Type: ${p.type ?? 'application/octet-stream'}`;
		chunks.push(Buffer.from(head + '\r\n\r\n'), Buffer.isBuffer(p.value) ? p.value : Buffer.from(p.value), Buffer.from('\r\n'));
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

export const ADMIN = { username: 'root', password: 'admin-password', role: 'admin' as const };
export const ALICE = { username: 'alice', password: 'alice-password' };
export const MODERATOR = { username: 'bob', password: 'bob-password', role: 'moderator' as const };
