/**
 * What every stand-in route module shares: the request context, the error type PeerTube's
 * handlers answer with, and the shape of a route. Kept apart from server.cts so that route modules
 * import it without a cycle.
 */
import type http from 'node:http';

import type { PeerTubeStandin, RecordedRequest } from './server.cjs';
import type { InvalidParams } from './validate.cjs';

export type Query = Record<string, string[]>;

export interface Ctx {
	req: http.IncomingMessage;
	res: http.ServerResponse;
	record: RecordedRequest;
	method: string;
	path: string;
	/** normalised query: `a[]` / `a[0]` folded into `a` like Express' qs parser */
	query: Query;
	body: Buffer;
	extraHeaders: Record<string, string>;
	/** `docs` of problem bodies: PeerTube's openapiOperationDoc of the route, once it matched. */
	docUrl?: string;
}


export class HttpError extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly options: {
			code?: string;
			invalidParams?: InvalidParams;
			headers?: Record<string, string>;
			/** Whether the problem carries `instance` (PeerTube sets it for validation errors only). */
			instance?: boolean;
		} = {},
	) {
		super(message);
	}
}

/**
 * An answer that is not a PeerTube problem document, sent as is: uploadx's own errors
 * (`{"error":{"code","message"}}`), empty bodies, plain text.
 */
export class RawAnswer extends Error {
	constructor(
		readonly status: number,
		readonly body: string,
		readonly headers: Record<string, string> = {},
	) {
		super(`HTTP ${status}`);
	}
}

/** uploadx's error answer: plain JSON `{"error":{"code","message"}}` with `Content-Type: application/json`. */
export function uploadxError(status: number, code: string, message: string, headers: Record<string, string> = {}): RawAnswer {
	return new RawAnswer(status, JSON.stringify({ error: { code, message } }), { 'content-type': 'application/json', ...headers });
}

export function validationError(errors: InvalidParams): HttpError {
	return new HttpError(400, 'Incorrect request parameters: ' + Object.keys(errors).join(', '), {
		invalidParams: errors,
		instance: true,
	});
}


/**
 * One API route: `path` is matched against the pathname (trailing slash removed) of requests
 * under /api/; the first route whose method and path match answers. Unmatched API requests get
 * PeerTube's catch-all answer.
 */
export interface Route {
	method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
	path: RegExp;
	/** PeerTube's openapi operationId of the route: problem bodies then carry `docs`. */
	doc?: string;
	handle(s: PeerTubeStandin, ctx: Ctx, match: RegExpExecArray): void | Promise<void>;
}
