/**
 * Runs every failure (and a few successes) through n8n and searches everything a user could see
 * — error messages, descriptions, the serialized execution data, the output items — for the
 * password, the TOTP secret, client secrets and every token the instance ever issued.
 */
import type { IRun } from 'n8n-workflow';

import { closedPort, credentialData, type Instance, run, startInstance, startOtherServer, storeWith, USER, videoGetAll } from './helpers/fixture';
import type { RunResult } from './helpers/n8n';

const TOTP_SECRET = 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU';
const WRONG_TOTP_SECRET = 'MFRGGZDFMZTWQ2LKMFRGGZDFMZTWQ2LK';
const WRONG_PASSWORD = 'Wr0ng-but-secret-pass';
const OVERRIDE_SECRET = 'override-secret-'.padEnd(32, 'z');

/** Everything reachable from a value, including errors' own (non-enumerable) fields. */
function serialize(value: unknown): string {
	const seen = new WeakSet<object>();
	const walk = (current: unknown, depth: number): unknown => {
		if (depth > 12 || current === null || typeof current !== 'object') return current;
		if (seen.has(current)) return '[seen]';
		seen.add(current);
		if (Buffer.isBuffer(current)) return current.toString('latin1');
		const out: Record<string, unknown> = {};
		for (const key of Object.getOwnPropertyNames(current)) {
			try {
				out[key] = walk((current as Record<string, unknown>)[key], depth + 1);
			} catch {
				out[key] = '[unreadable]';
			}
		}
		return out;
	};
	return JSON.stringify(walk(value, 0));
}

describe('no secret ever reaches a message or an output', () => {
	let instance: Instance;
	const seen: string[] = [];
	const record = (result: RunResult) => {
		seen.push(serialize(result.error), serialize(result.items), serialize((result.run as IRun | undefined)?.data?.resultData));
		if (result.error) seen.push(String(result.error.message), String(result.error.description ?? ''));
	};

	beforeAll(async () => {
		instance = await startInstance({ loginRateLimit: { max: 12, windowMs: 60000 } });
		instance.server.addUser({ username: 'bob', password: 'B0b-2fa-pass-phrase', role: 'user', twoFactorSecret: TOTP_SECRET });
		instance.server.addVideos(3, { channelName: 'alice_channel' });
		const server = instance.server;
		const bob = { username: 'bob', password: 'B0b-2fa-pass-phrase' };

		// successes: tokens are issued and used, outputs must not carry them
		const store = storeWith(credentialData(server, USER));
		record(await run(videoGetAll({ source: 'myVideos' }), store));
		server.expireAccessTokens();
		record(await run(videoGetAll(), store));
		server.expireAccessTokens();
		server.revokeRefreshTokens();
		record(await run({ resource: 'video', operation: 'update', videoId: '1', updateFields: { name: 'Renamed once' } }, store));
		record(await run(videoGetAll(), storeWith(credentialData(server, bob, { twoFactorSecret: TOTP_SECRET }))));

		// failures
		record(await run(videoGetAll(), storeWith(credentialData(server, USER, { password: WRONG_PASSWORD }))));
		record(await run(videoGetAll(), storeWith(credentialData(server, bob))));
		record(await run(videoGetAll(), storeWith(credentialData(server, bob, { twoFactorSecret: WRONG_TOTP_SECRET }))));
		record(await run(videoGetAll(), storeWith(credentialData(server, bob, { twoFactorSecret: `${TOTP_SECRET}!` }))));
		record(await run(videoGetAll(), storeWith(credentialData(server, USER, { clientId: 'c'.repeat(32), clientSecret: OVERRIDE_SECRET }))));
		record(await run(videoGetAll(), storeWith(credentialData(server, USER, { instanceUrl: `http://alice:${USER.password}@127.0.0.1:1` }))));
		record(await run(videoGetAll(), storeWith(credentialData(server, USER, { instanceUrl: `http://127.0.0.1:${await closedPort()}` }))));
		record(await run(videoGetAll(), storeWith(credentialData(server, USER, { instanceUrl: server.url.replace('http:', 'https:') }))));
		const html = await startOtherServer((_req, res) => res.end('<html></html>'));
		record(await run(videoGetAll(), storeWith(credentialData(server, USER, { instanceUrl: html.url }))));
		await html.close();
		record(await run({ resource: 'job', operation: 'getAll', state: 'failed', returnAll: true }, store));
		server.failNext('GET', '/api/v1/videos', 503, 5);
		record(await run(videoGetAll(), store));
		record(await run({ resource: 'video', operation: 'update', videoId: '999', updateFields: { name: 'Nope nope' } }, store));
		record(await run({ resource: 'video', operation: 'update', videoId: '1', updateFields: { privacy: 5, videoPasswords: 'x' } }, store));
		// login rate limit, reached on purpose
		for (let i = 0; i < 6; i++) record(await run(videoGetAll(), storeWith(credentialData(server, USER, { password: WRONG_PASSWORD }))));
	}, 60000);
	afterAll(async () => await instance.server.close());

	it('really exercised the failures (the scan is not empty)', () => {
		const text = seen.join('\n');
		expect(text).toMatch(/wrong username or password/);
		expect(text).toMatch(/two-factor authentication enabled/);
		expect(text).toMatch(/rejected the two-factor code/);
		expect(text).toMatch(/not a base32 key/);
		expect(text).toMatch(/does not know the Client ID/);
		expect(text).toMatch(/must not contain a user name or password/);
		expect(text).toMatch(/connection was refused/);
		expect(text).toMatch(/does not look like a PeerTube instance/);
		expect(text).toMatch(/Manage Jobs/);
		expect(text).toMatch(/Too many logins/);
		expect(text).toMatch(/Renamed once/);
		expect(instance.server.issuedTokens().accessTokens.length).toBeGreaterThanOrEqual(3);
	});

	it('finds none of the passwords, TOTP secrets, client secrets or tokens', () => {
		const text = seen.join('\n');
		const { accessTokens, refreshTokens } = instance.server.issuedTokens();
		const secrets = [
			USER.password,
			'B0b-2fa-pass-phrase',
			WRONG_PASSWORD,
			TOTP_SECRET,
			WRONG_TOTP_SECRET,
			OVERRIDE_SECRET,
			instance.server.clientSecret,
			...accessTokens,
			...refreshTokens,
		];
		for (const secret of secrets) expect([secret, text.includes(secret)]).toEqual([secret, false]);
	});
});
