import { createHmac } from 'crypto';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { normalizeInstanceUrl } from './instanceUrl';
import { retryAfterSeconds } from './retryAfter';

/** What the credential persists (hidden fields) after a login or a refresh. */
export interface PeerTubeSession extends IDataObject {
	accessToken: string;
	refreshToken: string;
	oauthClientId: string;
	oauthClientSecret: string;
	/** instance + username the stored tokens belong to: a stale session is never reused for another account */
	sessionFor: string;
}

interface LoginResponse {
	status: number;
	headers: Record<string, unknown>;
	body: IDataObject | undefined;
	/** true when the answer was JSON at all (HTML or empty means "not PeerTube") */
	isJson: boolean;
}

interface OAuthClient {
	id: string;
	secret: string;
	source: 'override' | 'stored' | 'fetched';
}

/** Error for a failed login; the message is shown as is by n8n, so it must never carry a secret. */
/**
 * n8n 1.x's NodeApiError drops an Error cause but copies an `errorCode` into its `httpCode`: this
 * is how the transport still tells a failed login apart there. Not `code`: n8n's credential test
 * shows a cause's `code` instead of its message.
 */
export const LOGIN_ERROR_CODE = 'PEERTUBE_LOGIN_FAILED';

export class PeerTubeLoginError extends Error {
	readonly errorCode = LOGIN_ERROR_CODE;

	constructor(message: string, readonly peerTubeCode?: string) {
		super(message);
		this.name = 'PeerTubeLoginError';
	}
}

const NETWORK_ERRORS: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ENOTFOUND: 'the host name does not resolve',
	EAI_AGAIN: 'the host name could not be resolved (DNS)',
	ETIMEDOUT: 'the connection timed out',
	ECONNRESET: 'the connection was reset',
	EHOSTUNREACH: 'the host is unreachable',
	ENETUNREACH: 'the network is unreachable',
};

/** The server's certificate was not accepted (expired, self-signed, wrong host, unknown CA…). */
function isCertificateError(code: string): boolean {
	return /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|DEPTH_ZERO|HOSTNAME|ALTNAME/.test(code);
}

/** No TLS conversation at all: typically https:// to a port that speaks plain HTTP. */
function isProtocolMismatch(code: string): boolean {
	return /EPROTO|WRONG_VERSION_NUMBER|SSL|TLS/.test(code);
}

function parseBody(data: unknown): { body: IDataObject | undefined; isJson: boolean } {
	if (data && typeof data === 'object' && !Buffer.isBuffer(data)) {
		return { body: data as IDataObject, isJson: true };
	}
	const text = Buffer.isBuffer(data) ? data.toString('utf8') : typeof data === 'string' ? data : '';
	if (text.trim().startsWith('{')) {
		try {
			return { body: JSON.parse(text) as IDataObject, isJson: true };
		} catch {
			// fall through: not JSON after all
		}
	}
	return { body: undefined, isJson: false };
}

async function send(
	helper: IHttpRequestHelper,
	baseUrl: string,
	request: { method: 'GET' | 'POST'; path: string; form?: Record<string, string>; headers?: Record<string, string> },
): Promise<LoginResponse> {
	const headers: IDataObject = { accept: 'application/json', ...request.headers };
	let body: string | undefined;
	if (request.form) {
		// PeerTube's OAuth server only accepts form-urlencoded bodies
		headers['content-type'] = 'application/x-www-form-urlencoded';
		body = new URLSearchParams(request.form).toString();
	}
	let response: { statusCode: number; headers: Record<string, unknown>; body: unknown } | undefined;
	let networkCode = '';
	try {
		response = (await helper.helpers.httpRequest({
			method: request.method,
			url: `${baseUrl}${request.path}`,
			headers,
			body,
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			timeout: 30000,
		})) as { statusCode: number; headers: Record<string, unknown>; body: unknown };
	} catch (error) {
		const failure = error as { code?: unknown; cause?: { code?: unknown } };
		networkCode = String(failure.code ?? failure.cause?.code ?? '');
	}
	if (response) return { status: response.statusCode, headers: response.headers ?? {}, ...parseBody(response.body) };
	if (networkCode && isCertificateError(networkCode)) {
		throw new PeerTubeLoginError(
			`The TLS certificate of ${baseUrl} was rejected (${networkCode}): check that the Instance URL is right and that the instance has a valid certificate`,
		);
	}
	if (networkCode && isProtocolMismatch(networkCode)) {
		throw new PeerTubeLoginError(
			`${baseUrl} does not answer in TLS (${networkCode}): the server at that address speaks another protocol, often plain HTTP. Check the Instance URL: https:// or http://, and the port`,
		);
	}
	const reason = NETWORK_ERRORS[networkCode] ?? (networkCode ? `network error ${networkCode}` : 'no answer');
	throw new PeerTubeLoginError(
		`Could not reach the PeerTube instance at ${baseUrl}: ${reason}. Check the Instance URL and that the server is online`,
	);
}

function notPeerTube(baseUrl: string, response: LoginResponse, path: string): PeerTubeLoginError {
	const what = response.isJson ? `HTTP ${response.status}` : `HTTP ${response.status} without a JSON answer`;
	return new PeerTubeLoginError(
		`${baseUrl} does not look like a PeerTube instance (${path} answered ${what}): check the Instance URL — it should be the address of the PeerTube site, e.g. https://videos.example.org`,
	);
}

/** Like the node's transport: a 429 from the API limiter is waited out (Retry-After ≤ 60 s, 3 times). */
const MAX_API_RATE_LIMIT_RETRIES = 3;
const MAX_RETRY_AFTER_SECONDS = 60;

async function fetchClient(helper: IHttpRequestHelper, baseUrl: string): Promise<OAuthClient> {
	const path = '/api/v1/oauth-clients/local';
	let response = await send(helper, baseUrl, { method: 'GET', path });
	// /oauth-clients sits under PeerTube's general API rate limiter (not the login limiter)
	let retries = 0;
	while (response.status === 429 && retries < MAX_API_RATE_LIMIT_RETRIES) {
		const wait = retryAfterSeconds(response.headers) ?? 1;
		if (wait > MAX_RETRY_AFTER_SECONDS) break;
		retries++;
		await sleep(Math.ceil(wait * 1000));
		response = await send(helper, baseUrl, { method: 'GET', path });
	}
	const body = response.body;
	if (response.status === 200 && typeof body?.client_id === 'string' && typeof body.client_secret === 'string') {
		return { id: body.client_id, secret: body.client_secret, source: 'fetched' };
	}
	if (response.status === 403 && response.isJson) {
		const host = new URL(baseUrl).host;
		throw new PeerTubeLoginError(
			`${baseUrl} refused to give out its OAuth client: the instance is configured for another host name than "${host}" (PeerTube checks the Host header). Use the instance's public address as Instance URL, or fill in Client ID and Client Secret (open /api/v1/oauth-clients/local in a browser on the instance's own address to read them)`,
		);
	}
	if (response.status === 429) throw apiRateLimited(baseUrl, response, retries);
	throw notPeerTube(baseUrl, response, path);
}

function retryWhen(response: LoginResponse, fallback: string): string {
	const after = retryAfterSeconds(response.headers);
	const wait = after === undefined ? undefined : Math.ceil(after);
	return wait === undefined ? fallback : `in ${wait} second${wait === 1 ? '' : 's'}`;
}

/** What the limiter itself says it allows (`X-RateLimit-Limit`), when it says it. */
function statedLimit(response: LoginResponse): string {
	const raw = response.headers['x-ratelimit-limit'] ?? response.headers['X-RateLimit-Limit'];
	const limit = Number(Array.isArray(raw) ? raw[0] : raw);
	return Number.isFinite(limit) && limit > 0 ? `; this instance allows ${limit} per window` : '';
}

/** 429 on the login itself (POST /users/token): PeerTube's login limiter. */
function tooManyRequests(baseUrl: string, response: LoginResponse): PeerTubeLoginError {
	return new PeerTubeLoginError(
		`Too many logins on ${baseUrl}: PeerTube's login rate limit was hit (by default 15 logins per 5 minutes per IP address${statedLimit(response)}). Retry ${retryWhen(response, 'in a few minutes')}`,
		'too_many_requests',
	);
}

/** 429 on an ordinary API route (GET /oauth-clients/local): PeerTube's API limiter, not the login one. */
function apiRateLimited(baseUrl: string, response: LoginResponse, retries: number): PeerTubeLoginError {
	const tried = retries > 0 ? `, and it did not clear after ${retries} retr${retries === 1 ? 'y' : 'ies'}` : '';
	return new PeerTubeLoginError(
		`${baseUrl} is rate limiting API requests: PeerTube's API rate limit was hit (by default 50 requests per 10 seconds per IP address${statedLimit(response)}) while fetching its OAuth client${tried}. Retry ${retryWhen(response, 'in a few seconds')}`,
		'too_many_requests',
	);
}

/** RFC 4648 base32, as shown by PeerTube (and authenticator apps) when 2FA is enabled. */
function base32Decode(secret: string): Buffer {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
	const clean = secret.replace(/[\s-]/g, '').replace(/=+$/, '').toUpperCase();
	if (clean === '' || /[^A-Z2-7]/.test(clean)) {
		throw new PeerTubeLoginError(
			'Two-Factor Secret is not a base32 key: paste the secret PeerTube showed when you enabled two-factor authentication (letters A–Z and digits 2–7), not a 6-digit code',
		);
	}
	let bits = 0;
	let value = 0;
	const bytes: number[] = [];
	for (const char of clean) {
		value = (value << 5) | alphabet.indexOf(char);
		bits += 5;
		if (bits >= 8) {
			bytes.push((value >>> (bits - 8)) & 0xff);
			bits -= 8;
		}
	}
	return Buffer.from(bytes);
}

/** RFC 6238 TOTP (HMAC-SHA1, 6 digits, 30 s), what PeerTube expects in `x-peertube-otp`. */
export function totpCode(secretBase32: string, now = Date.now()): string {
	const counter = Buffer.alloc(8);
	counter.writeBigUInt64BE(BigInt(Math.floor(now / 1000 / 30)));
	const hmac = createHmac('sha1', base32Decode(secretBase32)).update(counter).digest();
	const offset = hmac[hmac.length - 1] & 0x0f;
	const binary = hmac.readUInt32BE(offset) & 0x7fffffff;
	return String(binary % 1_000_000).padStart(6, '0');
}

function loginFailure(baseUrl: string, username: string, response: LoginResponse, hasTotpSecret: boolean, client: OAuthClient) {
	const code = typeof response.body?.code === 'string' ? response.body.code : undefined;
	const account = `the account "${username}" on ${baseUrl}`;
	switch (code) {
		case 'invalid_grant':
			return new PeerTubeLoginError(`Login refused: wrong username or password for ${account}. Check Username and Password`, code);
		case 'account_blocked':
			return new PeerTubeLoginError(`Login refused: ${account} is blocked. Ask the instance's moderators to unblock it`, code);
		case 'account_waiting_for_approval':
			return new PeerTubeLoginError(`Login refused: ${account} is still waiting for approval by the instance's moderators`, code);
		case 'account_approval_rejected':
			return new PeerTubeLoginError(`Login refused: the registration of ${account} was rejected by the instance's moderators`, code);
		case 'email_not_verified':
			return new PeerTubeLoginError(
				`Login refused: ${account} has not verified its email address yet. Follow the link in PeerTube's email, then try again`,
				code,
			);
		case 'missing_two_factor':
			return new PeerTubeLoginError(
				hasTotpSecret
					? `Login refused: ${account} asks for a two-factor code that was not accepted. Check the Two-Factor Secret`
					: `Login refused: ${account} has two-factor authentication enabled. Fill in Two-Factor Secret with the base32 secret PeerTube showed when you enabled it`,
				code,
			);
		case 'invalid_two_factor':
			return new PeerTubeLoginError(
				`Login refused: PeerTube rejected the two-factor code for ${account}. Check the Two-Factor Secret (the base32 key, not a 6-digit code) and that the clock of the n8n server is right`,
				code,
			);
		case 'invalid_client':
			return new PeerTubeLoginError(
				client.source === 'override'
					? `Login refused: ${baseUrl} does not know the Client ID / Client Secret you entered. Copy them again from /api/v1/oauth-clients/local, or clear both fields to use the instance's own client`
					: `Login refused: ${baseUrl} rejected its own OAuth client. Fill in Client ID and Client Secret from /api/v1/oauth-clients/local`,
				code,
			);
		case 'too_many_login_failures':
			return new PeerTubeLoginError(
				`Login refused: ${account} is temporarily locked after too many failed logins. Wait, then check Username and Password`,
				code,
			);
		case 'too_long_password':
			return new PeerTubeLoginError(`Login refused: the password is longer than PeerTube accepts. Check the Password field`, code);
	}
	if (response.status === 429) return tooManyRequests(baseUrl, response);
	if (!response.isJson) return notPeerTube(baseUrl, response, '/api/v1/users/token');
	const detail = typeof response.body?.detail === 'string' ? `: ${response.body.detail}` : '';
	return new PeerTubeLoginError(`Login to ${baseUrl} failed (HTTP ${response.status}${code ? `, ${code}` : ''})${detail}`, code);
}

function tokensFrom(response: LoginResponse): { accessToken: string; refreshToken: string } | undefined {
	const body = response.body;
	if (response.status !== 200 || typeof body?.access_token !== 'string' || body.access_token === '') return undefined;
	return { accessToken: body.access_token, refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : '' };
}

function redact(message: string, secrets: string[]): string {
	return secrets.filter((s) => s.length >= 4).reduce((text, secret) => text.split(secret).join('***'), message);
}

/**
 * PeerTube's login (OAuth 2 password grant, no browser), done by n8n's preAuthentication hook:
 * refresh the stored session when there is one, else log in with the password.
 */
export async function peerTubeLogin(helper: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<PeerTubeSession> {
	const secrets = ['password', 'twoFactorSecret', 'clientSecret', 'accessToken', 'refreshToken', 'oauthClientSecret']
		.map((key) => credentials[key])
		.filter((value): value is string => typeof value === 'string');
	let failure: Error;
	try {
		return await login(helper, credentials);
	} catch (error) {
		failure = error as Error;
	}
	// defence in depth: whatever went wrong, the message shown must not echo a secret
	const message = failure instanceof PeerTubeLoginError ? failure.message : `Login failed: ${failure.message}`;
	throw new PeerTubeLoginError(redact(message, secrets), (failure as PeerTubeLoginError).peerTubeCode);
}

async function login(helper: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<PeerTubeSession> {
	const baseUrl = normalizeInstanceUrl(credentials.instanceUrl);
	const username = String(credentials.username ?? '').trim();
	const password = String(credentials.password ?? '');
	if (username === '') throw new PeerTubeLoginError('Username is empty: enter the PeerTube username (or email) to log in with');
	if (password === '') throw new PeerTubeLoginError('Password is empty: enter the password of the PeerTube account');
	const totpSecret = String(credentials.twoFactorSecret ?? '').trim();
	const overrideId = String(credentials.clientId ?? '').trim();
	const overrideSecret = String(credentials.clientSecret ?? '').trim();
	if ((overrideId === '') !== (overrideSecret === '')) {
		throw new PeerTubeLoginError('Fill in both Client ID and Client Secret, or leave both empty to use the instance\'s own client');
	}

	const sessionFor = `${baseUrl}|${username}`;
	const sameSession = credentials.sessionFor === sessionFor;
	const storedId = String(credentials.oauthClientId ?? '');
	const storedSecret = String(credentials.oauthClientSecret ?? '');
	let client: OAuthClient | undefined = overrideId
		? { id: overrideId, secret: overrideSecret, source: 'override' }
		: sameSession && storedId && storedSecret
			? { id: storedId, secret: storedSecret, source: 'stored' }
			: undefined;

	const session = (tokens: { accessToken: string; refreshToken: string }, used: OAuthClient): PeerTubeSession => ({
		...tokens,
		oauthClientId: used.id,
		oauthClientSecret: used.secret,
		sessionFor,
	});

	// A refresh costs no password and keeps 2FA accounts working without a fresh code.
	const storedRefresh = String(credentials.refreshToken ?? '');
	if (client && sameSession && storedRefresh) {
		const response = await send(helper, baseUrl, {
			method: 'POST',
			path: '/api/v1/users/token',
			form: { client_id: client.id, client_secret: client.secret, grant_type: 'refresh_token', refresh_token: storedRefresh },
		});
		const tokens = tokensFrom(response);
		if (tokens) return session(tokens, client);
		const code = response.body?.code;
		if (response.status === 429) throw tooManyRequests(baseUrl, response);
		if (code === 'invalid_client' && client.source === 'stored') client = undefined;
		else if (code !== 'invalid_grant' && code !== 'invalid_token') throw loginFailure(baseUrl, username, response, totpSecret !== '', client);
		// else: refresh token revoked or expired, fall back to the password
	}

	for (let attempt = 0; attempt < 2; attempt++) {
		if (!client) client = await fetchClient(helper, baseUrl);
		const headers: Record<string, string> = {};
		if (totpSecret) headers['x-peertube-otp'] = totpCode(totpSecret);
		const response = await send(helper, baseUrl, {
			method: 'POST',
			path: '/api/v1/users/token',
			headers,
			form: {
				client_id: client.id,
				client_secret: client.secret,
				grant_type: 'password',
				response_type: 'code',
				username,
				password,
			},
		});
		const tokens = tokensFrom(response);
		if (tokens) return session(tokens, client);
		// a stored client may have been recreated on the instance: fetch it once more
		if (response.body?.code === 'invalid_client' && client.source === 'stored') {
			client = undefined;
			continue;
		}
		throw loginFailure(baseUrl, username, response, totpSecret !== '', client);
	}
	throw new PeerTubeLoginError(`Login to ${baseUrl} failed: the instance keeps rejecting its own OAuth client. Fill in Client ID and Client Secret from /api/v1/oauth-clients/local`);
}
