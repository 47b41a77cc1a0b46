/**
 * Runs every failure (and a few successes) through n8n and searches everything a user could see
 * — error messages, descriptions, the serialized execution data, the output items — for the
 * password, the TOTP secret, client secrets and every token the instance ever issued.
 */
import type { IRun } from 'n8n-workflow';

import { closedPort, credentialData, type Instance, run, startInstance, startOtherServer, storeWith, USER, videoGetAll, serializeAll } from './helpers/fixture.cjs';
import { captureN8nLogs, loadOptions, type RunResult } from './helpers/n8n.cjs';

const TOTP_SECRET = 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU';
const WRONG_TOTP_SECRET = 'MFRGGZDFMZTWQ2LKMFRGGZDFMZTWQ2LK';
const WRONG_PASSWORD = 'Wr0ng-but-secret-pass';
const OVERRIDE_SECRET = 'override-secret-'.padEnd(32, 'z');
const VIDEO_PASSWORDS = ['video-pass-stored-1', 'video-pass-stored-2'];
const TYPED_VIDEO_PASSWORD = 'video-pass-typed-in-node';

describe('no secret ever reaches a message or an output', () => {
	let instance: Instance;
	const seen: string[] = [];
	/** per scenario: what it claims to show, and everything it did show */
	const scenarios: Array<{ label: string; expected: RegExp; text: string }> = [];
	let logs: ReturnType<typeof captureN8nLogs>;
	const record = (result: RunResult, label = 'run', expected: RegExp = /[\s\S]*/) => {
		// n8n attaches the node (the parameters as the user typed them in the workflow) to errors and
		// to the execution's stack: that is the user's own workflow, not something the node produced
		const { node: _node, ...errorFields } = result.error
			? Object.fromEntries(Object.getOwnPropertyNames(result.error).map((key) => [key, (result.error as never)[key]]))
			: ({ node: undefined } as Record<string, unknown>);
		const runData = (result.run as IRun | undefined)?.data?.resultData?.runData;
		const text = [
			serializeAll(errorFields),
			serializeAll(result.items),
			serializeAll(Object.values(runData ?? {}).map((tasks) => tasks.map((task) => ({ data: task.data, error: task.error?.message, description: task.error?.description })))),
			result.error ? `${String(result.error.message)} ${String(result.error.description ?? '')}` : '',
		].join('\n');
		seen.push(text);
		scenarios.push({ label, expected, text });
	};

	beforeAll(async () => {
		logs = captureN8nLogs();
		instance = await startInstance({ loginRateLimit: { max: 12, windowMs: 60000 } });
		instance.server.addUser({ username: 'bob', password: 'B0b-2fa-pass-phrase', role: 'user', twoFactorSecret: TOTP_SECRET });
		instance.server.addVideos(3, { channelName: 'alice_channel' });
		const [locked] = instance.server.addVideos(1, { channelName: 'alice_channel', name: 'Locked one', privacy: 5, videoPasswords: VIDEO_PASSWORDS });
		const server = instance.server;
		const bob = { username: 'bob', password: 'B0b-2fa-pass-phrase' };

		// successes: tokens are issued and used, outputs must not carry them
		const store = storeWith(credentialData(server, USER));
		record(await run(videoGetAll({ source: 'myVideos' }), store), 'My Videos', /Locked one/);
		server.expireAccessTokens();
		record(await run(videoGetAll(), store), 'list after a refresh', /"uuid"/);
		server.expireAccessTokens();
		server.revokeRefreshTokens();
		record(await run({ resource: 'video', operation: 'update', videoId: '1', updateFields: { name: 'Renamed once' } }, store), 'update after a re-login', /Renamed once/);
		record(await run({ resource: 'video', operation: 'get', videoId: String(locked.id) }, store), 'Video → Get of a password-protected video', /Locked one/);
		record(
			await run({ resource: 'video', operation: 'update', videoId: String(locked.id), updateFields: { name: 'Locked renamed' } }, store),
			'update of a password-protected video (passwords resent)',
			/Locked renamed/,
		);
		server.failNext('PUT', `/api/v1/videos/${locked.id}`, 500, 1);
		record(
			await run({ resource: 'video', operation: 'update', videoId: String(locked.id), updateFields: { privacy: 5, videoPasswords: TYPED_VIDEO_PASSWORD } }, store),
			'failed update with Video Passwords typed in the node',
			/PeerTube failed to answer \(HTTP 500\)/,
		);
		server.failNext('GET', `/api/v1/videos/${locked.id}/passwords`, 403, 1);
		record(
			await run({ resource: 'video', operation: 'update', videoId: String(locked.id), updateFields: { name: 'Locked again' } }, store),
			'passwords that cannot be read',
			/could not read them/,
		);
		record(await run(videoGetAll(), storeWith(credentialData(server, bob, { twoFactorSecret: TOTP_SECRET }))), '2FA login', /"uuid"/);
		for (const method of ['getCategories', 'getLanguages', 'getMyChannels']) {
			const options = await loadOptions(method, store);
			seen.push(serializeAll(options));
			scenarios.push({ label: `load options ${method}`, expected: /"name"/, text: serializeAll(options) });
		}
		const refused = await loadOptions('getMyChannels', storeWith(credentialData(server, USER, { password: WRONG_PASSWORD }))).catch((error: unknown) => error);
		seen.push(serializeAll(refused));
		scenarios.push({ label: 'load options with a wrong password', expected: /wrong username or password/, text: serializeAll(refused) });

		// failures
		record(await run(videoGetAll(), storeWith(credentialData(server, USER, { password: WRONG_PASSWORD }))), 'wrong password', /wrong username or password/);
		record(await run(videoGetAll(), storeWith(credentialData(server, bob))), '2FA without secret', /two-factor authentication enabled/);
		record(await run(videoGetAll(), storeWith(credentialData(server, bob, { twoFactorSecret: WRONG_TOTP_SECRET }))), 'wrong 2FA secret', /rejected the two-factor code/);
		record(await run(videoGetAll(), storeWith(credentialData(server, bob, { twoFactorSecret: `${TOTP_SECRET}!` }))), '2FA secret not base32', /not a base32 key/);
		record(
			await run(videoGetAll(), storeWith(credentialData(server, USER, { clientId: 'c'.repeat(32), clientSecret: OVERRIDE_SECRET }))),
			'wrong client override',
			/does not know the Client ID/,
		);
		record(
			await run(videoGetAll(), storeWith(credentialData(server, USER, { instanceUrl: `http://alice:${USER.password}@127.0.0.1:1` }))),
			'password in the Instance URL',
			/must not contain a user name or password/,
		);
		record(await run(videoGetAll(), storeWith(credentialData(server, USER, { instanceUrl: `http://127.0.0.1:${await closedPort()}` }))), 'closed port', /connection was refused/);
		record(await run(videoGetAll(), storeWith(credentialData(server, USER, { instanceUrl: server.url.replace('http:', 'https:') }))), 'https to http', /does not answer in TLS/);
		const html = await startOtherServer((_req, res) => res.end('<html></html>'));
		record(await run(videoGetAll(), storeWith(credentialData(server, USER, { instanceUrl: html.url }))), 'not PeerTube', /does not look like a PeerTube instance/);
		await html.close();
		record(await run({ resource: 'job', operation: 'getAll', state: 'failed', returnAll: true }, store), 'jobs as a non-admin', /Manage Jobs/);
		server.failNext('GET', '/api/v1/videos', 503, 5);
		record(await run(videoGetAll(), store), '5xx', /HTTP 503/);
		record(await run({ resource: 'video', operation: 'update', videoId: '999', updateFields: { name: 'Nope nope' } }, store), 'unknown video', /There is no video "999"/);
		record(
			await run({ resource: 'video', operation: 'update', videoId: '1', updateFields: { privacy: 5, videoPasswords: 'x' } }, store),
			'too-short video password',
			/each password must be 2 to 99 characters/,
		);
		// login rate limit, reached on purpose
		for (let i = 0; i < 6; i++) record(await run(videoGetAll(), storeWith(credentialData(server, USER, { password: WRONG_PASSWORD }))));
		record(await run(videoGetAll(), storeWith(credentialData(server, USER, { password: WRONG_PASSWORD }))), 'login rate limit', /Too many logins/);
		logs.stop();
	}, 60000);
	afterAll(async () => await instance.server.close());

	it('each scenario really produced what it claims (the scan is not empty)', () => {
		for (const { label, expected, text } of scenarios) expect([label, expected.test(text)]).toEqual([label, true]);
		expect(scenarios.length).toBeGreaterThan(25);
		expect(instance.server.issuedTokens().accessTokens.length).toBeGreaterThanOrEqual(3);
		// the stored passwords really travelled (resent by the update), so their absence below means something
		expect(instance.server.requests.some((r) => r.method === 'PUT' && r.body.toString().includes(VIDEO_PASSWORDS[0]))).toBe(true);
	});

	it('n8n\'s log output (down to debug) was captured and holds no secret either', () => {
		expect(logs.lines.length).toBeGreaterThan(10);
		expect(logs.lines.some((line) => line.level === 'debug')).toBe(true);
		const text = logs.lines.map((line) => line.text).join('\n').split(`"videoPasswords":"${TYPED_VIDEO_PASSWORD}"`).join('');
		// at info and above (n8n's default level) nothing at all
		const userLevel = logs.lines.filter((line) => line.level !== 'debug').map((line) => line.text).join('\n');
		for (const secret of allSecrets()) expect(['info+', secret, userLevel.includes(secret)]).toEqual(['info+', secret, false]);
		// at debug, n8n itself prints a failed node with its parameters as the user typed them
		// (n8n's behaviour, not the node's): that one spot is the only place a typed Video Password
		// may appear
		const typedAsParameter = `"videoPasswords":"${TYPED_VIDEO_PASSWORD}"`;
		for (const line of logs.lines.filter((l) => l.text.includes(TYPED_VIDEO_PASSWORD))) {
			expect(line.text.split(typedAsParameter).join('')).not.toContain(TYPED_VIDEO_PASSWORD);
		}

		for (const secret of allSecrets()) expect([secret, text.includes(secret)]).toEqual([secret, false]);
	});

	function allSecrets(): string[] {
		const { accessTokens, refreshTokens } = instance.server.issuedTokens();
		return [
			USER.password,
			'B0b-2fa-pass-phrase',
			WRONG_PASSWORD,
			TOTP_SECRET,
			WRONG_TOTP_SECRET,
			OVERRIDE_SECRET,
			instance.server.clientSecret,
			...VIDEO_PASSWORDS,
			TYPED_VIDEO_PASSWORD,
			...accessTokens,
			...refreshTokens,
		];
	}

	it('finds none of the passwords, TOTP secrets, client secrets, video passwords or tokens in what users see', () => {
		const text = seen.join('\n');
		for (const secret of allSecrets()) expect([secret, text.includes(secret)]).toEqual([secret, false]);
	});
});
