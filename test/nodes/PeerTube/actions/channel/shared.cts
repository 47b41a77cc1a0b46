/** Test helpers shared by the Channel, Channel Sync and Playlist tests. */
import type { NodeParameterValueType } from 'n8n-workflow';

import { parseMultipart } from '../../../../../standin/multipart.cjs';
import type { PeerTubeStandin, RecordedRequest } from '../../../../../standin/server.cjs';
import type { RunResult } from '../../../../helpers/n8n.cjs';
import { ADMIN, USER } from '../../../../helpers/fixture.cjs';

/** A resource locator value as n8n stores it. */
export function rl(value: string, mode = 'list'): NodeParameterValueType {
	return { __rl: true, mode, value } as unknown as NodeParameterValueType;
}

/** API requests other than the credential's login and the version probe. */
export function apiCalls(server: PeerTubeStandin): RecordedRequest[] {
	return server.requests.filter((r) => r.path.startsWith('/api/v1/') && !['/api/v1/users/token', '/api/v1/oauth-clients/local', '/api/v1/config'].includes(r.path));
}

export function writes(server: PeerTubeStandin): RecordedRequest[] {
	return apiCalls(server).filter((r) => r.method !== 'GET');
}

export function jsonBody(request: RecordedRequest): unknown {
	return JSON.parse(request.body.toString('utf8'));
}

/** Every text field and file of a multipart request, as PeerTube's multer would see them. */
export function multipartOf(request: RecordedRequest) {
	return parseMultipart(request.body, String(request.headers['content-type']));
}

/** No password or token may appear in an output or error. */
export function expectNoSecrets(server: PeerTubeStandin, result: RunResult): void {
	const text = JSON.stringify({
		items: result.items,
		message: result.error?.message,
		description: result.error?.description,
		stack: result.error?.stack,
	});
	const { accessTokens, refreshTokens } = server.issuedTokens();
	for (const secret of [ADMIN.password, USER.password, ...accessTokens, ...refreshTokens]) {
		expect(text.includes(secret)).toBe(false);
	}
}
