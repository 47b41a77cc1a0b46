/**
 * Many executions of one process using one credential at once (n8n's main process, or a
 * queue-mode worker): they must not turn into a login storm against PeerTube's 15 logins / 5 min.
 */
import type { Instance } from '../helpers/fixture.cjs';
import { credentialData, run, startInstance, storeWith, USER, videoGetAll } from '../helpers/fixture.cjs';

const grants = (instance: Instance, grant: string) =>
	instance.server.logins().filter((r) => new URLSearchParams(r.body.toString()).get('grant_type') === grant).length;

describe('concurrent executions share one login', () => {
	let instance: Instance;

	beforeEach(async () => {
		instance = await startInstance();
		instance.server.addVideos(3);
	});

	afterEach(async () => {
		await instance.server.close();
	});

	it('10 executions at once with no stored token log in exactly once, and all succeed', async () => {
		const store = storeWith(credentialData(instance.server, USER));
		const results = await Promise.all(Array.from({ length: 10 }, async () => await run(videoGetAll(), store)));
		expect(results.map((r) => r.error?.message)).toEqual(Array(10).fill(undefined));
		expect(results.map((r) => r.items.length)).toEqual(Array(10).fill(3));
		expect(grants(instance, 'password')).toBe(1);
		expect(grants(instance, 'refresh_token')).toBe(0);
		// every list request carried the one token that login issued
		const issued = instance.server.issuedTokens().accessTokens;
		expect(issued).toHaveLength(1);
		const lists = instance.server.requests.filter((r) => r.path === '/api/v1/videos');
		expect(lists).toHaveLength(10);
		expect(new Set(lists.map((r) => r.headers.authorization))).toEqual(new Set([`Bearer ${issued[0]}`]));
	});

	it('10 executions whose token expired refresh exactly once (no password login, no failed refresh)', async () => {
		const store = storeWith(credentialData(instance.server, USER));
		await run(videoGetAll(), store);
		instance.server.expireAccessTokens();
		instance.server.clearRequests();
		const results = await Promise.all(Array.from({ length: 10 }, async () => await run(videoGetAll(), store)));
		expect(results.map((r) => r.error?.message)).toEqual(Array(10).fill(undefined));
		expect(grants(instance, 'refresh_token')).toBe(1);
		expect(grants(instance, 'password')).toBe(0);
		expect(instance.server.requests.filter((r) => r.status === 400)).toHaveLength(0);
	});

	it('an execution that read the credential before a fresh login was saved reuses it', async () => {
		const data = credentialData(instance.server, USER);
		await run(videoGetAll(), storeWith({ ...data }));
		// a second copy of the same credential, still without the token (read before the save)
		const stale = storeWith({ ...data });
		const result = await run(videoGetAll(), stale);
		expect(result.error).toBeUndefined();
		expect(grants(instance, 'password')).toBe(1);
	});

	it('a fresh session that PeerTube revoked within the reuse window is not handed out twice: one more login, no failure', async () => {
		const store = storeWith(credentialData(instance.server, USER));
		await run(videoGetAll(), store);
		// an execution (on this process) read the credential now, with the first token
		const stale = storeWith({ ...store.get('cred-1') });
		instance.server.expireAccessTokens();
		await run(videoGetAll(), store); // a refresh: the fresh session is shared for a few seconds
		// every token revoked seconds after that refresh (e.g. the account's sessions were ended)
		instance.server.expireAccessTokens();
		instance.server.clearRequests();
		const result = await run(videoGetAll(), stale);
		expect(result.error?.message).toBeUndefined();
		expect(result.items).toHaveLength(3);
		// first token → 401, n8n's re-authentication gets the shared but revoked session → 401; the
		// transport sends once more: that session → 401, which n8n now refreshes for real → 200
		expect(instance.server.requests.filter((r) => r.path === '/api/v1/videos').map((r) => r.status)).toEqual([401, 401, 401, 200]);
		expect(grants(instance, 'refresh_token') + grants(instance, 'password')).toBe(1);
	});

	it('is never shared with a credential of the same account that has another password', async () => {
		const good = storeWith(credentialData(instance.server, USER));
		const wrong = storeWith(credentialData(instance.server, { ...USER, password: 'not-the-password' }));
		const [ok, refused] = await Promise.all([run(videoGetAll(), good), run(videoGetAll(), wrong)]);
		expect(ok.error).toBeUndefined();
		expect(refused.error?.message).toMatch(/^Login refused: wrong username or password/);
		expect(grants(instance, 'password')).toBeGreaterThanOrEqual(2);
		// the wrong-password credential never sent a request with the good one's token
		const withToken = instance.server.requests.filter((r) => r.path === '/api/v1/videos');
		expect(withToken).toHaveLength(1);
	});
});
