import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync } from 'fs';
import { createServer as createHttpsServer } from 'https';
import type { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { Workflow } from 'n8n-workflow';

import { PeerTubeApi } from '../../credentials/PeerTubeApi.credentials';
import { nodeTypes } from '../helpers/n8n.cjs';
import {
	ADMIN,
	closedPort,
	credentialData,
	type Instance,
	run,
	startInstance,
	startOtherServer,
	storeWith,
	USER,
	videoGetAll,
} from '../helpers/fixture.cjs';
import { totp } from '../../standin/server.cjs';

const tokenPosts = (instance: Instance, grant?: string) =>
	instance.server.logins().filter((r) => !grant || new URLSearchParams(r.body.toString()).get('grant_type') === grant);

describe('PeerTube API credential: login through n8n', () => {
	let instance: Instance;

	beforeEach(async () => {
		instance = await startInstance();
		instance.server.addVideos(3);
	});
	afterEach(async () => await instance.server.close());

	it('logs in once for many items, with the form-urlencoded password grant, and signs with Bearer', async () => {
		const store = storeWith(credentialData(instance.server, USER));
		const items = [{ json: { n: 1 } }, { json: { n: 2 } }, { json: { n: 3 } }];
		const result = await run(videoGetAll({ returnAll: false, limit: 1 }), store, { items });

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		expect(instance.server.count('GET', '/api/v1/oauth-clients/local')).toBe(1);
		const logins = tokenPosts(instance);
		expect(logins).toHaveLength(1);
		expect(logins[0].headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
		const form = new URLSearchParams(logins[0].body.toString());
		expect(form.get('grant_type')).toBe('password');
		expect(form.get('username')).toBe(USER.username);
		expect(form.get('password')).toBe(USER.password);
		expect(form.get('client_id')).toBe(instance.server.clientId);
		expect(form.get('client_secret')).toBe(instance.server.clientSecret);

		const saved = store.get('cred-1');
		expect(saved.accessToken).toEqual(expect.any(String));
		expect(saved.refreshToken).toEqual(expect.any(String));
		const lists = instance.server.requests.filter((r) => r.path === '/api/v1/videos');
		expect(lists).toHaveLength(3);
		for (const request of lists) expect(request.headers.authorization).toBe(`Bearer ${saved.accessToken}`);
	});

	it('reuses the stored token in a second execution: no second login', async () => {
		const store = storeWith(credentialData(instance.server, USER));
		await run(videoGetAll(), store);
		instance.server.clearRequests();
		const second = await run(videoGetAll(), store);

		expect(second.error).toBeUndefined();
		expect(second.items).toHaveLength(3);
		expect(tokenPosts(instance)).toHaveLength(0);
		expect(instance.server.count('GET', '/api/v1/oauth-clients/local')).toBe(0);
		expect(store.preAuthenticationCalls).toBe(1);
	});

	it('refreshes an expired token once, with the refresh grant and the stored client, then retries the request', async () => {
		const store = storeWith(credentialData(instance.server, USER));
		await run(videoGetAll(), store);
		const before = store.get('cred-1');
		instance.server.expireAccessTokens();
		instance.server.clearRequests();

		const result = await run(videoGetAll(), store);

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		expect(tokenPosts(instance, 'refresh_token')).toHaveLength(1);
		expect(tokenPosts(instance, 'password')).toHaveLength(0);
		expect(instance.server.count('GET', '/api/v1/oauth-clients/local')).toBe(0);
		const refresh = new URLSearchParams(tokenPosts(instance)[0].body.toString());
		expect(refresh.get('refresh_token')).toBe(before.refreshToken);
		// the expired token got a 401, then the same request went again with the new one
		const lists = instance.server.requests.filter((r) => r.path === '/api/v1/videos');
		expect(lists.map((r) => r.status)).toEqual([401, 200]);
		const after = store.get('cred-1');
		expect(after.accessToken).not.toBe(before.accessToken);
		expect(after.refreshToken).not.toBe(before.refreshToken); // rotation is persisted
		expect(lists[1].headers.authorization).toBe(`Bearer ${after.accessToken}`);
	});

	it('falls back to the password when the refresh token is revoked', async () => {
		const store = storeWith(credentialData(instance.server, USER));
		await run(videoGetAll(), store);
		instance.server.expireAccessTokens();
		instance.server.revokeRefreshTokens();
		instance.server.clearRequests();

		const result = await run(videoGetAll(), store);

		expect(result.error).toBeUndefined();
		expect(tokenPosts(instance).map((r) => new URLSearchParams(r.body.toString()).get('grant_type'))).toEqual([
			'refresh_token',
			'password',
		]);
		expect(result.items).toHaveLength(3);
	});

	it.each([
		['instance/', (url: string) => `${url}/`],
		['instance///', (url: string) => `${url}///`],
		['pasted /api/v1', (url: string) => `${url}/api/v1`],
		['pasted /api/v1/', (url: string) => `${url}/api/v1/`],
		['pasted watch page', (url: string) => `${url}/w/kkGMgK9ZtnKfYAgnEtQxbv`],
		['spaces around', (url: string) => `  ${url}  `],
	])('accepts the Instance URL as %s', async (_label, variant) => {
		const store = storeWith(credentialData(instance.server, USER, { instanceUrl: variant(instance.server.url) }));
		const result = await run(videoGetAll(), store);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		for (const request of instance.server.requests) expect(request.path).toMatch(/^\/api\/v1\/[a-z]/);
	});

	it('the credential test request targets the instance origin whatever URL form was pasted', () => {
		const workflow = new Workflow({ nodes: [], connections: {}, active: false, nodeTypes });
		const node = { id: 'n', name: 'n', type: 'x', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
		const test = new PeerTubeApi().test;
		for (const pasted of ['https://v.example.org/api/v1/', 'https://v.example.org/w/abc', ' https://v.example.org ']) {
			const base = workflow.expression.getSimpleParameterValue(node, test.request.baseURL as string, 'internal', {
				$credentials: { instanceUrl: pasted },
			} as never);
			expect(base).toBe('https://v.example.org');
		}
		expect(test.request.url).toBe('/api/v1/users/me');
	});

	describe('two-factor accounts', () => {
		const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

		beforeEach(() => {
			instance.server.addUser({ username: 'bob', password: 'B0b-pass-phrase', role: 'user', twoFactorSecret: SECRET });
		});

		it('sends the current TOTP code in x-peertube-otp when a secret is set', async () => {
			const store = storeWith(credentialData(instance.server, { username: 'bob', password: 'B0b-pass-phrase' }, { twoFactorSecret: SECRET }));
			const result = await run(videoGetAll(), store);
			expect(result.error).toBeUndefined();
			const login = tokenPosts(instance)[0];
			const codes = [totp(SECRET, Date.now() - 30000), totp(SECRET), totp(SECRET, Date.now() + 30000)];
			expect(codes).toContain(login.headers['x-peertube-otp']);
		});

		it('says the account needs a Two-Factor Secret, after a single login attempt', async () => {
			const store = storeWith(credentialData(instance.server, { username: 'bob', password: 'B0b-pass-phrase' }));
			const result = await run(videoGetAll(), store);
			expect(result.error?.message).toMatch(/two-factor authentication enabled\. Fill in Two-Factor Secret/);
			expect(tokenPosts(instance)).toHaveLength(1);
		});

		it('says the two-factor code was rejected when the secret is wrong', async () => {
			const store = storeWith(
				credentialData(instance.server, { username: 'bob', password: 'B0b-pass-phrase' }, { twoFactorSecret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' }),
			);
			const result = await run(videoGetAll(), store);
			expect(result.error?.message).toMatch(/rejected the two-factor code.*Check the Two-Factor Secret/);
		});

		it('says a secret that is not base32 is not one, before any login', async () => {
			const store = storeWith(credentialData(instance.server, { username: 'bob', password: 'B0b-pass-phrase' }, { twoFactorSecret: '123456' }));
			const result = await run(videoGetAll(), store);
			expect(result.error?.message).toMatch(/Two-Factor Secret is not a base32 key/);
			expect(tokenPosts(instance)).toHaveLength(0);
		});
	});

	describe('each failure names what to fix', () => {
		it.each([
			['wrong password', { password: 'not-the-password' }, /wrong username or password for the account "alice".*Check Username and Password/],
			['unknown user', { username: 'nobody' }, /wrong username or password for the account "nobody"/],
			['empty password', { password: '' }, /Password is empty/],
			['empty username', { username: '  ' }, /Username is empty/],
			['instance URL without scheme', { instanceUrl: 'videos.example.org' }, /has no scheme: write it with https:\/\//],
			['instance URL with another scheme', { instanceUrl: 'ftp://videos.example.org' }, /uses "ftp:\/\/"/],
			['client id without secret', { clientId: 'abc' }, /Fill in both Client ID and Client Secret/],
		])('%s', async (_label, override, message) => {
			const store = storeWith({ ...credentialData(instance.server, USER), ...override });
			const result = await run(videoGetAll(), store);
			expect(result.error?.message).toMatch(message);
			expect(instance.server.requests.filter((r) => r.path === '/api/v1/videos')).toHaveLength(0);
		});

		it.each([
			['blocked', { blocked: true }, /is blocked\. Ask the instance's moderators/],
			['waiting for approval', { waitingForApproval: true }, /still waiting for approval/],
			['email not verified', { emailVerified: false }, /has not verified its email address yet/],
		])('account %s', async (_label, flags, message) => {
			instance.server.addUser({ username: 'carol', password: 'Car0l-pass-phrase', role: 'user', ...flags });
			const store = storeWith(credentialData(instance.server, { username: 'carol', password: 'Car0l-pass-phrase' }));
			const result = await run(videoGetAll(), store);
			expect(result.error?.message).toMatch(message);
		});

		it('login rate limit (POST /users/token): names the login limit and says when to retry', async () => {
			await instance.server.close();
			instance = await startInstance({ loginRateLimit: { max: 1, windowMs: 60000 } });
			const store = storeWith(credentialData(instance.server, USER, { password: 'wrong-password' }));
			await run(videoGetAll(), store);
			const result = await run(videoGetAll(), storeWith(credentialData(instance.server, USER)));
			expect(result.error?.message).toMatch(/Too many logins on .*login rate limit.*Retry in \d+ seconds?/);
		});

		it('unreachable host', async () => {
			const port = await closedPort();
			const result = await run(videoGetAll(), storeWith(credentialData(instance.server, USER, { instanceUrl: `http://127.0.0.1:${port}` })));
			expect(result.error?.message).toMatch(/Could not reach the PeerTube instance at http:\/\/127\.0\.0\.1:\d+: the connection was refused\. Check the Instance URL/);
		});

		it('protocol mismatch: https to a server that speaks plain HTTP is not called a certificate problem', async () => {
			const url = instance.server.url.replace('http://', 'https://');
			const result = await run(videoGetAll(), storeWith(credentialData(instance.server, USER, { instanceUrl: url })));
			expect(result.error?.message).toMatch(/^https:\/\/127\.0\.0\.1:\d+ does not answer in TLS \(\w+\): the server at that address speaks another protocol, often plain HTTP/);
			expect(result.error?.message).not.toMatch(/certificate/);
		});

		it('TLS failure: a self-signed certificate', async () => {
			const dir = mkdtempSync(join(tmpdir(), 'peertube-tls-'));
			execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
			const server = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_req, res) => res.end('{}'));
			await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
			try {
				const { port } = server.address() as AddressInfo;
				const result = await run(videoGetAll(), storeWith(credentialData(instance.server, USER, { instanceUrl: `https://127.0.0.1:${port}` })));
				expect(result.error?.message).toMatch(/^The TLS certificate of https:\/\/127\.0\.0\.1:\d+ was rejected \(\w+\)/);
				expect(result.error?.message).not.toMatch(/does not answer in TLS/);
			} finally {
				await new Promise<void>((resolve) => server.close(() => resolve()));
			}
		});

		it.each([
			['an HTML site', (res: import('http').ServerResponse) => { res.setHeader('content-type', 'text/html'); res.end('<html><body>Hello</body></html>'); }],
			['a JSON 404', (res: import('http').ServerResponse) => { res.statusCode = 404; res.setHeader('content-type', 'application/json'); res.end('{"message":"not found"}'); }],
			['an empty 200', (res: import('http').ServerResponse) => res.end()],
		])('URL of %s is not a PeerTube instance', async (_label, answer) => {
			const other = await startOtherServer((_req, res) => answer(res));
			try {
				const result = await run(videoGetAll(), storeWith(credentialData(instance.server, USER, { instanceUrl: other.url })));
				expect(result.error?.message).toMatch(/does not look like a PeerTube instance .*check the Instance URL/);
			} finally {
				await other.close();
			}
		});
	});

	describe('Host mismatch on the OAuth client', () => {
		beforeEach(async () => {
			await instance.server.close();
			instance = await startInstance({ hostname: 'videos.example.org' });
			instance.server.addVideos(2);
		});

		it('explains the refusal and suggests the client override', async () => {
			const result = await run(videoGetAll(), storeWith(credentialData(instance.server, ADMIN)));
			expect(result.error?.message).toMatch(/configured for another host name.*fill in Client ID and Client Secret/);
			expect(tokenPosts(instance)).toHaveLength(0);
		});

		it('logs in with the Client ID / Client Secret override without asking for the client', async () => {
			const store = storeWith(
				credentialData(instance.server, ADMIN, { clientId: instance.server.clientId, clientSecret: instance.server.clientSecret }),
			);
			const result = await run(videoGetAll(), store);
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(2);
			expect(instance.server.count('GET', '/api/v1/oauth-clients/local')).toBe(0);
		});

		it('says a wrong override is not known to the instance', async () => {
			const store = storeWith(credentialData(instance.server, ADMIN, { clientId: 'x'.repeat(32), clientSecret: 'y'.repeat(32) }));
			const result = await run(videoGetAll(), store);
			expect(result.error?.message).toMatch(/does not know the Client ID \/ Client Secret you entered/);
		});
	});

	describe('guards', () => {
		const grants = () => tokenPosts(instance).map((r) => new URLSearchParams(r.body.toString()).get('grant_type'));

		it('sessionFor: after the username changes, the stored refresh token and client are not reused', async () => {
			const store = storeWith(credentialData(instance.server, USER));
			await run(videoGetAll(), store);
			const aliceRefresh = store.get('cred-1').refreshToken;
			// the user edits the credential: another account, same stored (hidden) session
			store.update('cred-1', { username: ADMIN.username, password: ADMIN.password });
			instance.server.expireAccessTokens();
			instance.server.clearRequests();
			const result = await run(videoGetAll(), store);
			expect(result.error).toBeUndefined();
			expect(grants()).toEqual(['password']);
			const form = new URLSearchParams(tokenPosts(instance)[0].body.toString());
			expect(form.get('username')).toBe(ADMIN.username);
			expect(tokenPosts(instance).some((r) => r.body.toString().includes(String(aliceRefresh)))).toBe(false);
			// the stored client is re-read for the new session too
			expect(instance.server.count('GET', '/api/v1/oauth-clients/local')).toBe(1);
			expect(store.get('cred-1').sessionFor).toBe(`${instance.server.url}|${ADMIN.username}`);
		});

		it('sessionFor: after the Instance URL changes, nothing of the old instance\'s session is sent to the new one', async () => {
			const store = storeWith(credentialData(instance.server, USER));
			await run(videoGetAll(), store);
			const old = store.get('cred-1');
			const other = await startInstance();
			try {
				other.server.addVideos(2);
				store.update('cred-1', { instanceUrl: other.server.url });
				const result = await run(videoGetAll(), store);
				expect(result.error).toBeUndefined();
				expect(result.items).toHaveLength(2);
				const sent = other.server.requests.map((r) => `${JSON.stringify(r.headers)} ${r.body.toString()}`).join('\n');
				// the old access token is tried once (n8n signs with what it has), then refused; the
				// refresh token and the OAuth client of the old instance never travel
				expect(sent).not.toContain(String(old.refreshToken));
				expect(sent).not.toContain(String(old.oauthClientSecret));
				expect(other.server.logins().map((r) => new URLSearchParams(r.body.toString()).get('grant_type'))).toEqual(['password']);
				expect(other.server.count('GET', '/api/v1/oauth-clients/local')).toBe(1);
			} finally {
				await other.server.close();
			}
		});

		it('a stored OAuth client the instance rejects is fetched again, once, and the login goes on', async () => {
			const store = storeWith(
				credentialData(instance.server, USER, {
					sessionFor: `${instance.server.url}|${USER.username}`,
					oauthClientId: 'stale-client-id-'.padEnd(32, '0'),
					oauthClientSecret: 'stale-client-secret-'.padEnd(32, '0'),
				}),
			);
			const result = await run(videoGetAll(), store);
			expect(result.error).toBeUndefined();
			const steps = instance.server.requests
				.filter((r) => r.path === '/api/v1/users/token' || r.path === '/api/v1/oauth-clients/local')
				.map((r) => [r.method, r.path, r.status]);
			expect(steps).toEqual([
				['POST', '/api/v1/users/token', 400],
				['GET', '/api/v1/oauth-clients/local', 200],
				['POST', '/api/v1/users/token', 200],
			]);
			expect(store.get('cred-1').oauthClientId).toBe(instance.server.clientId);
		});

		it('a 429 of the API limiter on GET /oauth-clients/local is waited out (Retry-After) and the login goes on', async () => {
			instance.server.failNext('GET', '/api/v1/oauth-clients/local', 429, 1, { 'Retry-After': '1' });
			const result = await run(videoGetAll(), storeWith(credentialData(instance.server, USER)));
			expect(result.error).toBeUndefined();
			const fetches = instance.server.requests.filter((r) => r.path === '/api/v1/oauth-clients/local');
			expect(fetches.map((r) => r.status)).toEqual([429, 200]);
			expect(fetches[1].at - fetches[0].at).toBeGreaterThanOrEqual(950);
			expect(tokenPosts(instance)).toHaveLength(1);
		});

		it('a 429 on GET /oauth-clients/local that does not clear: bounded retries, and the API limit is named (not the login limit)', async () => {
			instance.server.failNext('GET', '/api/v1/oauth-clients/local', 429, 10, { 'Retry-After': '0', 'X-RateLimit-Limit': '50' });
			const result = await run(videoGetAll(), storeWith(credentialData(instance.server, USER)));
			expect(result.error?.message).toMatch(
				/is rate limiting API requests: PeerTube's API rate limit was hit \(by default 50 requests per 10 seconds per IP address; this instance allows 50 per window\) while fetching its OAuth client, and it did not clear after 3 retries\. Retry in 0 seconds/,
			);
			expect(result.error?.message).not.toMatch(/login/i);
			expect(instance.server.count('GET', '/api/v1/oauth-clients/local')).toBe(4);
			expect(tokenPosts(instance)).toHaveLength(0);
		});
	});

	describe('login refusals PeerTube has and the stand-in does not model (a server answering as PeerTube 6.3.0 does)', () => {
		it.each([
			['account_approval_rejected', /^Login refused: the registration of the account "alice" on http:\/\/127\.0\.0\.1:\d+ was rejected by the instance's moderators$/],
			['too_many_login_failures', /^Login refused: the account "alice" on .* is temporarily locked after too many failed logins\. Wait, then check Username and Password$/],
			['too_long_password', /^Login refused: the password is longer than PeerTube accepts\. Check the Password field$/],
		])('%s', async (code, message) => {
			const seen: string[] = [];
			const other = await startOtherServer((req, res) => {
				seen.push(`${req.method} ${req.url}`);
				res.setHeader('content-type', 'application/json');
				if (req.url === '/api/v1/oauth-clients/local') {
					res.end(JSON.stringify({ client_id: 'c'.repeat(32), client_secret: 's'.repeat(32) }));
				} else {
					res.statusCode = 400;
					res.setHeader('content-type', 'application/problem+json; charset=utf-8');
					res.end(JSON.stringify({ type: 'about:blank', title: 'Bad Request', detail: code, status: 400, code, error: code }));
				}
			});
			try {
				const result = await run(videoGetAll(), storeWith(credentialData(instance.server, USER, { instanceUrl: other.url })));
				expect(result.error?.message).toMatch(message);
				expect(result.error?.message).not.toContain(USER.password);
				expect(seen).toEqual(['GET /api/v1/oauth-clients/local', 'POST /api/v1/users/token']);
			} finally {
				await other.close();
			}
		});
	});
});
