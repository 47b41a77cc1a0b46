import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { normalizeInstanceUrl } from '../../../credentials/instanceUrl';
import { LOGIN_ERROR_CODE } from '../../../credentials/peerTubeLogin';
import { retryAfterSeconds } from '../../../credentials/retryAfter';
import { acquire, observe, paceKey, setExempt } from './pacing';

export type PeerTubeContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export const CREDENTIAL_TYPE = 'peerTubeApi';

/** PeerTube refuses `count` above 100 on every list route. */
export const MAX_PAGE_SIZE = 100;

/** Retry policy: PeerTube says when to come back on 429; 5xx on reads are usually passing. */
const MAX_RATE_LIMIT_RETRIES = 3;
const MAX_RETRY_AFTER_SECONDS = 60;
const MAX_SERVER_ERROR_RETRIES = 2;
const SERVER_ERROR_BACKOFF_MS = 500;

export interface PeerTubeRequest {
	qs?: IDataObject;
	/** JSON body, or a ready multipart body (a Buffer, so n8n may resend it after a re-login) */
	body?: IDataObject | Buffer;
	headers?: IDataObject;
	itemIndex?: number;
	/** messages to use instead of the generic one, by HTTP status */
	errorMessages?: Partial<Record<number, string>>;
}

export interface ListPage<T = IDataObject> {
	total: number;
	data: T[];
}

export interface HttpFailure {
	status?: number;
	headers: Record<string, unknown>;
	body?: IDataObject;
	networkCode?: string;
	loginError?: Error;
}

interface ContextInfo {
	base: string;
	/** pacing key: instance + account */
	paceKey: string;
}

const contextInfos = new WeakMap<object, ContextInfo>();

async function contextInfo(ctx: PeerTubeContext): Promise<ContextInfo> {
	const cached = contextInfos.get(ctx);
	if (cached) return cached;
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	let base: string;
	try {
		base = normalizeInstanceUrl(credentials.instanceUrl);
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), `PeerTube credential: ${(error as Error).message}`);
	}
	const info = { base, paceKey: paceKey(base, credentials.username) };
	contextInfos.set(ctx, info);
	return info;
}

/** The instance origin, computed once per execution context. */
export async function instanceBaseUrl(this: PeerTubeContext): Promise<string> {
	return (await contextInfo(this)).base;
}

/**
 * n8n 1.x's NodeApiError keeps no Error cause (its base class resets it): what survives is the
 * status as `httpCode` (or the network or login code), the original message first in `messages`,
 * and a JSON body as `context.data`. Response headers (Retry-After) are lost there.
 */
function failureOfCauselessError(error: {
	httpCode?: string | null;
	messages?: string[];
	context?: { data?: unknown };
}): HttpFailure | undefined {
	const httpCode = error.httpCode;
	if (typeof httpCode !== 'string' || httpCode === '') return undefined;
	if (httpCode === LOGIN_ERROR_CODE) {
		const message = error.messages?.[0];
		const loginError = new Error(message || 'PeerTube login failed: check the credential');
		loginError.name = 'PeerTubeLoginError';
		return { headers: {}, loginError };
	}
	if (!/^\d{3}$/.test(httpCode)) return { headers: {}, networkCode: httpCode };
	const data = error.context?.data;
	const body = data && typeof data === 'object' && !Array.isArray(data) ? (data as IDataObject) : undefined;
	return { status: Number(httpCode), headers: {}, body };
}

export function failureOf(error: unknown): HttpFailure {
	// httpRequestWithAuthentication wraps everything in NodeApiError; the cause is what really happened
	const wrapped = error as { name?: string; cause?: unknown };
	if (wrapped.cause === undefined && wrapped.name === 'NodeApiError') {
		const fromN8n1 = failureOfCauselessError(error as Parameters<typeof failureOfCauselessError>[0]);
		if (fromN8n1) return fromN8n1;
	}
	const cause = (wrapped.cause ?? error) as {
		name?: string;
		code?: string;
		response?: { status?: number; headers?: Record<string, unknown>; data?: unknown };
	};
	if (cause.name === 'PeerTubeLoginError') {
		return { headers: {}, loginError: cause as Error };
	}
	const response = cause.response;
	if (!response?.status) return { headers: {}, networkCode: cause.code };
	let body: IDataObject | undefined;
	const data = response.data;
	if (data && typeof data === 'object' && !Buffer.isBuffer(data)) body = data as IDataObject;
	else if (typeof data === 'string' || Buffer.isBuffer(data)) {
		try {
			body = JSON.parse(data.toString()) as IDataObject;
		} catch {
			body = undefined;
		}
	}
	return { status: response.status, headers: response.headers ?? {}, body };
}

function invalidParams(body: IDataObject | undefined): string | undefined {
	const params = body?.['invalid-params'];
	if (!params || typeof params !== 'object') return undefined;
	const lines = Object.entries(params as Record<string, { msg?: string }>).map(
		([field, info]) => `${field}: ${info?.msg ?? 'invalid'}`,
	);
	return lines.length ? lines.join('; ') : undefined;
}

/** Errors that are PeerTube's catch-all answer to a path it has no route for (see version.ts). */
export const unknownRouteErrors = new WeakSet<Error>();

export function toNodeError(ctx: PeerTubeContext, failure: HttpFailure, request: PeerTubeRequest, base: string, route: string): Error {
	const itemIndex = request.itemIndex;
	if (failure.status === 400 && (failure.body === undefined || Object.keys(failure.body).length === 0)) {
		// not a validation error (those always have a body): PeerTube has no such route
		const error = new NodeApiError(ctx.getNode(), {} as JsonObject, {
			message: request.errorMessages?.[400] ?? `This PeerTube instance has no API route ${route}: it probably runs a version without this feature`,
			httpCode: '400',
			itemIndex,
		});
		unknownRouteErrors.add(error);
		return error;
	}
	if (failure.loginError) {
		return new NodeApiError(ctx.getNode(), { message: failure.loginError.message } as JsonObject, {
			message: failure.loginError.message,
			itemIndex,
		});
	}
	if (failure.status === undefined) {
		const code = failure.networkCode ?? 'no answer';
		return new NodeApiError(ctx.getNode(), { message: code } as JsonObject, {
			message: `Could not reach the PeerTube instance at ${base} (${code}): check the Instance URL in the credential and that the server is online`,
			itemIndex,
		});
	}
	const status = failure.status;
	const body = failure.body ?? {};
	const detail = typeof body.detail === 'string' ? body.detail : typeof body.error === 'string' ? body.error : undefined;
	const code = typeof body.code === 'string' ? body.code : undefined;
	let message = request.errorMessages?.[status];
	if (!message) {
		if (status === 401) message = 'PeerTube rejected the access token even after a new login: check the credential';
		else if (status === 403) message = `PeerTube refused this action for the credential's account${detail ? `: ${detail}` : ''}`;
		else if (status === 404) message = `Not found on PeerTube${detail ? `: ${detail}` : ''}`;
		else if (status === 429) {
			const wait = retryAfterSeconds(failure.headers);
			message = `PeerTube's rate limit was hit and did not clear after ${MAX_RATE_LIMIT_RETRIES} retries${wait !== undefined ? `; PeerTube asks to retry in ${Math.ceil(wait)} s` : ''}`;
		} else if (status >= 500) message = `PeerTube failed to answer (HTTP ${status})${detail ? `: ${detail}` : ''}`;
		else message = `PeerTube rejected the request (HTTP ${status})${detail ? `: ${detail}` : ''}`;
	}
	const parts = [invalidParams(failure.body), code ? `PeerTube code: ${code}` : undefined, detail && !message.includes(detail) ? detail : undefined];
	const description = parts.filter(Boolean).join('\n') || undefined;
	return new NodeApiError(ctx.getNode(), body as JsonObject, {
		message,
		description,
		httpCode: String(status),
		itemIndex,
	});
}

interface FullResponse {
	body: unknown;
	headers: Record<string, unknown>;
	statusCode: number;
}

/** Once the budget runs low: is the account an administrator or moderator (not rate limited)? */
async function checkExemption(ctx: PeerTubeContext, base: string, key: string): Promise<void> {
	let exempt: boolean | undefined;
	try {
		const response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_TYPE, {
			method: 'GET',
			url: `${base}/api/v1/users/me`,
			headers: { accept: 'application/json' },
			json: true,
			returnFullResponse: true,
		})) as FullResponse;
		observe(key, response.statusCode, response.headers);
		const role = ((response.body as IDataObject)?.role as IDataObject | undefined)?.id;
		if (role !== undefined) exempt = Number(role) === 0 || Number(role) === 1;
	} catch (error) {
		const failure = failureOf(error);
		observe(key, failure.status, failure.headers, failure.status === 429 ? retryAfterSeconds(failure.headers) : undefined);
	}
	setExempt(key, exempt);
}

/**
 * One HTTP exchange with authentication and pacing (no retries). Answers with any HTTP status
 * come back as they are; a failed login throws; a connection failure comes back as status 0.
 */
export async function peerTubeRawRequest(
	this: PeerTubeContext,
	options: IHttpRequestOptions,
): Promise<{ status: number; headers: Record<string, unknown>; body: unknown; networkCode?: string; failure?: HttpFailure }> {
	const { base, paceKey: key } = await contextInfo(this);
	await acquire(key);
	try {
		// Statuses come back as answers (a thrown error would cost a deep walk of the request,
		// chunk bytes included, per 308), except 401, which n8n must see to refresh the token.
		let response = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, {
			...options,
			returnFullResponse: true,
			ignoreHttpStatusErrors: { ignore: true, except: [401] },
		} as IHttpRequestOptions)) as FullResponse;
		if (response.statusCode === 401) {
			// an n8n that ignores every status: send it again the classic way, so that n8n refreshes
			observe(key, response.statusCode, response.headers);
			await acquire(key);
			response = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, {
				...options,
				returnFullResponse: true,
			})) as FullResponse;
		}
		if (observe(key, response.statusCode, response.headers)) await checkExemption(this, base, key);
		let body = response.body;
		if (response.statusCode >= 300 && (typeof body === 'string' || Buffer.isBuffer(body))) {
			const text = body.toString();
			try {
				body = text ? JSON.parse(text) : undefined;
			} catch {
				body = text;
			}
		}
		const headers = response.headers ?? {};
		const failure: HttpFailure | undefined =
			response.statusCode >= 400
				? { status: response.statusCode, headers, body: body && typeof body === 'object' ? (body as IDataObject) : undefined }
				: undefined;
		return { status: response.statusCode, headers, body, failure };
	} catch (error) {
		const failure = failureOf(error);
		const askRole = observe(key, failure.status, failure.headers, failure.status === 429 ? retryAfterSeconds(failure.headers) : undefined);
		if (failure.loginError) throw toNodeError(this, failure, {}, base, `${options.method ?? 'GET'} ${options.url}`);
		if (askRole) await checkExemption(this, base, key);
		if (failure.status === undefined) return { status: 0, headers: {}, body: undefined, networkCode: failure.networkCode ?? 'no answer', failure };
		const raw = ((error as { cause?: { response?: { data?: unknown } } }).cause ?? (error as { response?: { data?: unknown } })) as {
			response?: { data?: unknown };
		};
		return { status: failure.status, headers: failure.headers, body: failure.body ?? raw.response?.data, failure };
	}
}

/** Every PeerTube API call goes through here: base URL, auth, pacing, retries and error mapping. */
export async function peerTubeApiRequest(
	this: PeerTubeContext,
	method: IHttpRequestMethods,
	endpoint: string,
	request: PeerTubeRequest = {},
): Promise<IDataObject> {
	const { base, paceKey: key } = await contextInfo(this);
	const options: IHttpRequestOptions = {
		method,
		url: `${base}/api/v1${endpoint}`,
		qs: request.qs,
		headers: { accept: 'application/json', ...request.headers },
		arrayFormat: 'repeat',
		json: !Buffer.isBuffer(request.body),
		// the headers carry PeerTube's rate-limit counters, which the pacing reads
		returnFullResponse: true,
	};
	if (request.body !== undefined) options.body = request.body;

	let rateLimited = 0;
	let serverErrors = 0;
	let authRetried = false;
	for (;;) {
		await acquire(key);
		try {
			const response = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, options)) as FullResponse;
			if (observe(key, response.statusCode, response.headers)) await checkExemption(this, base, key);
			return response.body as IDataObject;
		} catch (error) {
			const failure = failureOf(error);
			const wait = failure.status === 429 ? retryAfterSeconds(failure.headers) : undefined;
			if (observe(key, failure.status, failure.headers, wait)) await checkExemption(this, base, key);
			if (failure.status === 401 && !authRetried) {
				// n8n re-authenticates once per request; the session it got may be one that concurrent
				// executions share and that PeerTube revoked meanwhile. Once more: n8n then sees this
				// very token rejected and logs in for real. A 401 means nothing was done, so writes too.
				authRetried = true;
				continue;
			}
			if (failure.status === 429 && rateLimited < MAX_RATE_LIMIT_RETRIES) {
				// a 429 means nothing was done, so even a write may be sent again
				const seconds = wait ?? 1;
				if (seconds <= MAX_RETRY_AFTER_SECONDS) {
					rateLimited++;
					await sleep(Math.ceil(seconds * 1000));
					continue;
				}
			}
			if (failure.status !== undefined && failure.status >= 500 && method === 'GET' && serverErrors < MAX_SERVER_ERROR_RETRIES) {
				serverErrors++;
				await sleep(SERVER_ERROR_BACKOFF_MS * serverErrors);
				continue;
			}
			throw toNodeError(this, failure, request, base, `${method} /api/v1${endpoint}`);
		}
	}
}

/**
 * Pages a `{ total, data }` list with the largest pages PeerTube allows, stopping at `total` or
 * at `limit` so that no request is wasted.
 */
export async function peerTubeApiRequestAllItems(
	this: PeerTubeContext,
	endpoint: string,
	qs: IDataObject,
	limit: number | undefined,
	request: Omit<PeerTubeRequest, 'qs' | 'body'> = {},
): Promise<IDataObject[]> {
	const items: IDataObject[] = [];
	let start = 0;
	for (;;) {
		const wanted = limit === undefined ? MAX_PAGE_SIZE : Math.min(MAX_PAGE_SIZE, limit - items.length);
		if (wanted <= 0) break;
		const page = (await peerTubeApiRequest.call(this, 'GET', endpoint, {
			...request,
			qs: { ...qs, start, count: wanted },
		})) as unknown as Partial<ListPage>;
		const data = Array.isArray(page?.data) ? page.data : [];
		for (const item of data) items.push(item);
		start += data.length;
		if (data.length === 0 || start >= Number(page.total ?? 0)) break;
	}
	return items;
}
