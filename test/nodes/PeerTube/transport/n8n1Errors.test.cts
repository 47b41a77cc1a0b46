/**
 * n8n 1.x wraps every failure of httpRequestWithAuthentication in a NodeApiError whose `cause` is
 * gone (n8n-workflow 1.x's ExecutionBaseError re-declares `cause` as a class field and keeps only a
 * non-Error cause). The same NodeApiError of n8n-workflow 2.x, with its cause removed, is what 1.x
 * hands the node; the e2e tier checks the same cases inside a real n8n 1.123.
 */
import { AxiosError, AxiosHeaders } from 'axios';
import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

import { PeerTubeLoginError } from '../../../../credentials/peerTubeLogin';
import { failureOf } from '../../../../nodes/PeerTube/transport';

const node: INode = { id: '1', name: 'PeerTube', type: 'n8n-nodes-peertube.peerTube', typeVersion: 2, position: [0, 0], parameters: {} };

function asN8n1(error: Error): NodeApiError {
	const wrapped = new NodeApiError(node, error as unknown as JsonObject);
	Object.defineProperty(wrapped, 'cause', { value: undefined, writable: true, configurable: true });
	return wrapped;
}

function httpError(status: number, data: unknown, headers: Record<string, string> = {}): AxiosError {
	const config = { headers: new AxiosHeaders() } as never;
	return new AxiosError(`Request failed with status code ${status}`, 'ERR_BAD_REQUEST', config, {}, {
		status,
		statusText: '',
		headers,
		config,
		data,
	});
}

describe('failures as n8n 1.x reports them (no cause on the NodeApiError)', () => {
	it('a failed login is still the login error, with its own message', () => {
		const failure = failureOf(asN8n1(new PeerTubeLoginError('Login refused: wrong username or password (PeerTube code: invalid_grant)')));
		expect(failure.loginError?.message).toBe('Login refused: wrong username or password (PeerTube code: invalid_grant)');
		expect(failure.status).toBeUndefined();
	});

	it('an HTTP status keeps its status and PeerTube problem body', () => {
		const body = { type: 'about:blank', title: 'Forbidden', detail: 'Synchronization is disabled on this instance', status: 403, code: 'sync_disabled' };
		const failure = failureOf(asN8n1(httpError(403, body)));
		expect(failure.status).toBe(403);
		expect(failure.body).toEqual(body);
	});

	it('a catch-all 400 with an empty body stays recognisable', () => {
		const failure = failureOf(asN8n1(httpError(400, '')));
		expect(failure.status).toBe(400);
		expect(failure.body).toBeUndefined();
	});

	it('a connection failure is a network failure with its code', () => {
		const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
		const failure = failureOf(asN8n1(refused));
		expect(failure).toEqual({ headers: {}, networkCode: 'ECONNREFUSED' });
	});

	it('on n8n 2.x (cause kept) the same errors read the same, headers included', () => {
		const login = failureOf(new NodeApiError(node, new PeerTubeLoginError('Login refused') as unknown as JsonObject));
		expect(login.loginError?.message).toBe('Login refused');
		const limited = failureOf(new NodeApiError(node, httpError(429, 'Too many requests', { 'retry-after': '7' }) as unknown as JsonObject));
		expect(limited.status).toBe(429);
		expect(limited.headers['retry-after']).toBe('7');
	});

	it("the login error carries no `code`: n8n's credential test would show that code instead of the message", () => {
		expect(Object.keys(new PeerTubeLoginError('Login refused'))).not.toContain('code');
	});
});
