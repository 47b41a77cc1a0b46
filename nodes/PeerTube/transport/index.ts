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
import { retryAfterSeconds } from '../../../credentials/retryAfter';

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

interface HttpFailure {
	status?: number;
	headers: Record<string, unknown>;
	body?: IDataObject;
	networkCode?: string;
	loginError?: Error;
}

const baseUrls = new WeakMap<object, string>();

/** The instance origin, computed once per execution context. */
export async function instanceBaseUrl(this: PeerTubeContext): Promise<string> {
	const cached = baseUrls.get(this);
	if (cached) return cached;
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	let base: string;
	try {
		base = normalizeInstanceUrl(credentials.instanceUrl);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), `PeerTube credential: ${(error as Error).message}`);
	}
	baseUrls.set(this, base);
	return base;
}

function failureOf(error: unknown): HttpFailure {
	// httpRequestWithAuthentication wraps everything in NodeApiError; the cause is what really happened
	const cause = ((error as { cause?: unknown }).cause ?? error) as {
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

function toNodeError(ctx: PeerTubeContext, failure: HttpFailure, request: PeerTubeRequest, base: string): Error {
	const itemIndex = request.itemIndex;
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

/** Every PeerTube API call goes through here: base URL, auth, retries and error mapping. */
export async function peerTubeApiRequest(
	this: PeerTubeContext,
	method: IHttpRequestMethods,
	endpoint: string,
	request: PeerTubeRequest = {},
): Promise<IDataObject> {
	const base = await instanceBaseUrl.call(this);
	const options: IHttpRequestOptions = {
		method,
		url: `${base}/api/v1${endpoint}`,
		qs: request.qs,
		headers: { accept: 'application/json', ...request.headers },
		arrayFormat: 'repeat',
		json: !Buffer.isBuffer(request.body),
	};
	if (request.body !== undefined) options.body = request.body;

	let rateLimited = 0;
	let serverErrors = 0;
	for (;;) {
		try {
			return (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, options)) as IDataObject;
		} catch (error) {
			const failure = failureOf(error);
			if (failure.status === 429 && rateLimited < MAX_RATE_LIMIT_RETRIES) {
				// a 429 means nothing was done, so even a write may be sent again
				const wait = retryAfterSeconds(failure.headers) ?? 1;
				if (wait <= MAX_RETRY_AFTER_SECONDS) {
					rateLimited++;
					await sleep(Math.ceil(wait * 1000));
					continue;
				}
			}
			if (failure.status !== undefined && failure.status >= 500 && method === 'GET' && serverErrors < MAX_SERVER_ERROR_RETRIES) {
				serverErrors++;
				await sleep(SERVER_ERROR_BACKOFF_MS * serverErrors);
				continue;
			}
			throw toNodeError(this, failure, request, base);
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
