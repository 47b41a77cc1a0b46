/**
 * `n8n start` with the package installed as a community package: the editor's REST API knows
 * the node and the credential, and the credential test button (POST /rest/credentials/test)
 * answers OK for a right password and our message for a wrong one.
 */
import { PeerTubeStandin } from '../../standin/server.cjs';
import { N8nSandbox, type RunningN8n, tokenGrants, describeEachLine } from './harness.cjs';

const PASSWORD = 'Editor-Passw0rd-5150';
const WRONG_PASSWORD = 'Nope-Passw0rd-0000';

describeEachLine('n8n editor API with the package loaded', (line) => {
	let standin: PeerTubeStandin;
	let sandbox: N8nSandbox;
	let n8n: RunningN8n;

	beforeAll(async () => {
		standin = await PeerTubeStandin.start();
		standin.addUser({ username: 'editor', password: PASSWORD, role: 'user' });
		sandbox = await N8nSandbox.create('rest', { line });
		n8n = await sandbox.start();
		await n8n.setupOwner();
	});

	afterAll(async () => {
		await n8n?.stop();
		await standin?.close();
		sandbox?.dispose();
	});

	test('n8n knows the PeerTube node and credential types', async () => {
		const nodes = await n8n.request('GET', '/types/nodes.json');
		expect(nodes.status).toBe(200);
		const peertube = (nodes.json as Array<{ name: string; version: number | number[]; credentials?: Array<{ name: string }> }>).filter(
			(n) => n.name === 'n8n-nodes-peertube.peerTube',
		);
		expect(peertube).toHaveLength(1);
		expect(peertube[0].credentials?.map((c) => c.name)).toContain('peerTubeApi');

		const creds = await n8n.request('GET', '/types/credentials.json');
		expect(creds.status).toBe(200);
		const type = (creds.json as Array<{ name: string; properties: Array<{ name: string }> }>).find((c) => c.name === 'peerTubeApi');
		expect(type).toBeDefined();
		expect(type!.properties.map((p) => p.name)).toEqual(expect.arrayContaining(['instanceUrl', 'username', 'password', 'accessToken']));
	});

	test('the credential test succeeds with the right password (saved, then tested, as the editor does)', async () => {
		const data = { instanceUrl: standin.url, username: 'editor', password: PASSWORD };
		const created = await n8n.request('POST', '/rest/credentials', { name: 'PeerTube (editor)', type: 'peerTubeApi', data });
		expect(created.status).toBe(200);
		const id = created.json.data.id as string;
		expect(id).toBeTruthy();
		const r = await n8n.request('POST', '/rest/credentials/test', { credentials: { id, name: 'PeerTube (editor)', type: 'peerTubeApi', data } });
		expect(r.status).toBe(200);
		expect(r.json.data).toEqual({ status: 'OK', message: expect.any(String) });
		expect(tokenGrants(standin.requests)).toEqual(['password']);
		const me = standin.requests.filter((req) => req.path === '/api/v1/users/me');
		expect(me.map((req) => req.status)).toEqual([200]);
		// the login's tokens were stored with the credential
		const [cred] = (await sandbox.exportCredentials()).filter((c) => c.id === id);
		expect(cred.data.accessToken).toBe(standin.issuedTokens().accessTokens.at(-1));
	});

	test('the credential test shows our message for a wrong password, without the password', async () => {
		standin.clearRequests();
		// saved first, then tested, as the editor does (n8n 1.x answers 403 to a test of a credential it does not have)
		const data = { instanceUrl: standin.url, username: 'editor', password: WRONG_PASSWORD };
		const created = await n8n.request('POST', '/rest/credentials', { name: 'PeerTube (wrong password)', type: 'peerTubeApi', data });
		expect(created.status).toBe(200);
		const id = created.json.data.id as string;
		const r = await n8n.request('POST', '/rest/credentials/test', { credentials: { id, name: 'PeerTube (wrong password)', type: 'peerTubeApi', data } });
		expect(r.status).toBe(200);
		expect(r.json.data.status).toBe('Error');
		expect(r.json.data.message).toMatch(/wrong username or password/);
		expect(r.text).not.toContain(WRONG_PASSWORD);
		expect(n8n.log()).not.toContain(WRONG_PASSWORD);
		// the login was tried with that password and nothing else reached the API
		expect(tokenGrants(standin.requests)).toContain('password');
		expect(standin.requests.filter((req) => req.path === '/api/v1/users/me')).toEqual([]);
	});
});
