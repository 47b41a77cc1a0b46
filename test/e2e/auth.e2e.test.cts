/**
 * The login (the credential's preAuthentication) as real n8n runs it: tokens kept in n8n's
 * encrypted credential store, reused by the next execution, refreshed once when expired, and a
 * wrong password failing the execution with a clear message that does not show the password.
 */
import { PeerTubeStandin } from '../../standin/server.cjs';
import { N8nSandbox, itemsOf, tokenGrants, describeEachLine } from './harness.cjs';

const PASSWORD = 'Right-Passw0rd-7391';
const WRONG_PASSWORD = 'Wrong-Passw0rd-2468';

function listWorkflow(id: string, credentialId: string) {
	return {
		id,
		name: `List videos (${credentialId})`,
		active: false,
		nodes: [
			{ id: 'a0000000-0000-4000-8000-000000000001', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'a0000000-0000-4000-8000-000000000002',
				name: 'List my videos',
				type: 'n8n-nodes-peertube.peerTube',
				typeVersion: 1,
				position: [240, 0],
				parameters: { resource: 'video', operation: 'getAll', source: 'myVideos', returnAll: false, limit: 10, filters: {} },
				credentials: { peerTubeApi: { id: credentialId, name: credentialId } },
			},
		],
		connections: { Start: { main: [[{ node: 'List my videos', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

describeEachLine('login through real n8n', (line) => {
	let standin: PeerTubeStandin;
	let sandbox: N8nSandbox;
	let workflowId: string;

	beforeAll(async () => {
		standin = await PeerTubeStandin.start();
		standin.addUser({ username: 'editor', password: PASSWORD, role: 'user' });
		standin.addVideos(3, (i) => ({ name: `Video number ${i + 1}`, channelName: 'editor_channel' }));
		sandbox = await N8nSandbox.create('auth', { line });
		await sandbox.importCredential({ instanceUrl: standin.url, username: 'editor', password: PASSWORD }, 'ptGoodCredential', 'ptGoodCredential');
		workflowId = await sandbox.importWorkflow(listWorkflow('ptE2eListGood', 'ptGoodCredential'));
	});

	afterAll(async () => {
		await standin?.close();
		sandbox?.dispose();
	});

	test('the first execution logs in once and n8n stores the tokens, encrypted', async () => {
		const result = await sandbox.execute(workflowId);
		expect(result.code).toBe(0);
		expect(itemsOf(result.run, 'List my videos').map((v) => v.name).sort()).toEqual(['Video number 1', 'Video number 2', 'Video number 3']);
		expect(tokenGrants(standin.requests)).toEqual(['password']);
		expect(standin.logins()).toHaveLength(1);

		const issued = standin.issuedTokens();
		expect(issued.accessTokens).toHaveLength(1);
		const [cred] = (await sandbox.exportCredentials()).filter((c) => c.id === 'ptGoodCredential');
		expect(cred.type).toBe('peerTubeApi');
		expect(cred.data.accessToken).toBe(issued.accessTokens[0]);
		expect(cred.data.refreshToken).toBe(issued.refreshTokens[0]);
		expect(cred.data.password).toBe(PASSWORD);
		// the API call carried that token
		const api = standin.requests.find((r) => r.path === '/api/v1/users/me/videos')!;
		expect(api.headers.authorization).toBe(`Bearer ${issued.accessTokens[0]}`);
		expect(api.status).toBe(200);
		// what n8n printed holds no secret
		expect(result.output).not.toContain(PASSWORD);
		expect(result.output).not.toContain(issued.accessTokens[0]);
	});

	test('a second execution reuses the stored token: no new login', async () => {
		const before = standin.logins().length;
		standin.clearRequests();
		const result = await sandbox.execute(workflowId);
		expect(result.code).toBe(0);
		expect(itemsOf(result.run, 'List my videos')).toHaveLength(3);
		expect(standin.logins().length).toBe(0);
		expect(before).toBe(1);
		expect(standin.count('GET', '/api/v1/users/me/videos')).toBe(1);
	});

	test('an expired access token is refreshed exactly once, with the refresh token', async () => {
		const oldRefresh = standin.issuedTokens().refreshTokens.at(-1)!;
		standin.expireAccessTokens();
		standin.clearRequests();
		const result = await sandbox.execute(workflowId);
		expect(result.code).toBe(0);
		expect(itemsOf(result.run, 'List my videos')).toHaveLength(3);
		expect(tokenGrants(standin.requests)).toEqual(['refresh_token']);
		const grant = new URLSearchParams(standin.logins()[0].body.toString('utf8'));
		expect(grant.get('refresh_token')).toBe(oldRefresh);
		// 401 with the old token, then the retry with the new one
		const calls = standin.requests.filter((r) => r.path === '/api/v1/users/me/videos');
		expect(calls.map((r) => r.status)).toEqual([401, 200]);

		const issued = standin.issuedTokens();
		const [cred] = (await sandbox.exportCredentials()).filter((c) => c.id === 'ptGoodCredential');
		expect(cred.data.accessToken).toBe(issued.accessTokens.at(-1));
		expect(cred.data.refreshToken).toBe(issued.refreshTokens.at(-1));
		expect(calls[1].headers.authorization).toBe(`Bearer ${issued.accessTokens.at(-1)}`);

		// and the refreshed token is then reused
		standin.clearRequests();
		expect((await sandbox.execute(workflowId)).code).toBe(0);
		expect(standin.logins()).toHaveLength(0);
	});

	test('a wrong password fails the execution with a clear message, without the password', async () => {
		await sandbox.importCredential({ instanceUrl: standin.url, username: 'editor', password: WRONG_PASSWORD }, 'ptWrongPassword', 'ptWrongPassword');
		const id = await sandbox.importWorkflow(listWorkflow('ptE2eListWrong', 'ptWrongPassword'));
		standin.clearRequests();
		const result = await sandbox.execute(id);
		expect(result.code).not.toBe(0);
		expect(result.output).toMatch(/Login refused: wrong username or password for the account "editor" on http:\/\/127\.0\.0\.1:\d+/);
		expect(result.output).not.toContain(WRONG_PASSWORD);
		expect(result.output).not.toContain(PASSWORD);
		// tried the password grant, nothing else reached the API
		const grants = tokenGrants(standin.requests);
		expect(grants.length).toBeGreaterThanOrEqual(1);
		expect(new Set(grants)).toEqual(new Set(['password']));
		expect(standin.count('GET', '/api/v1/users/me/videos')).toBe(0);
		const [cred] = (await sandbox.exportCredentials()).filter((c) => c.id === 'ptWrongPassword');
		expect(cred.data.accessToken ?? '').toBe('');
	});
});
