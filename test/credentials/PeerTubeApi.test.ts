import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync } from 'fs';
import { createServer as createHttpsServer } from 'https';
import type { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { Workflow } from 'n8n-workflow';

import { PeerTubeApi } from '../../credentials/PeerTubeApi.credentials';
import { nodeTypes } from '../helpers/n8n';
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
} from '../helpers/fixture';
import { totp } from '../standin/server';

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

		it('login rate limit: says when to retry', async () => {
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

		it('TLS failure: https to a server that does not speak TLS', async () => {
			const url = instance.server.url.replace('http://', 'https://');
			const result = await run(videoGetAll(), storeWith(credentialData(instance.server, USER, { instanceUrl: url })));
			expect(result.error?.message).toMatch(/TLS|certificate/);
			expect(result.error?.message).toMatch(/check that the Instance URL is right/);
		});

		it('TLS failure: a self-signed certificate', async () => {
			const dir = mkdtempSync(join(tmpdir(), 'peertube-tls-'));
			execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
			const server = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_req, res) => res.end('{}'));
			await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
			try {
				const { port } = server.address() as AddressInfo;
				const result = await run(videoGetAll(), storeWith(credentialData(instance.server, USER, { instanceUrl: `https://127.0.0.1:${port}` })));
				expect(result.error?.message).toMatch(/The TLS certificate of https:\/\/127\.0\.0\.1:\d+ was rejected \(\w+\)/);
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
});
