/**
 * Instance and Channel resources in real n8n (`n8n execute`) against the PeerTube stand-in: a
 * workflow reads the instance's config, creates a channel named after the instance with it, and
 * lists the account's channels.
 */
import { PeerTubeStandin } from '../../standin/server.cjs';
import { N8nSandbox, itemsOf, tokenGrants, describeEachLine, chainWorkflow, peerTubeNode } from './harness.cjs';

const PASSWORD = 'Channel-Passw0rd-42';

describeEachLine(
	'instance and channels in real n8n',
	(line) => {
		let standin: PeerTubeStandin;
		let sandbox: N8nSandbox;

		beforeEach(async () => {
			standin = await PeerTubeStandin.start();
			standin.addUser({ username: 'newsroom', password: PASSWORD, role: 'user' });
			sandbox = await N8nSandbox.create('channels', { line });
			await sandbox.importCredential({ instanceUrl: standin.url, username: 'newsroom', password: PASSWORD });
		});
		afterEach(async () => {
			await standin?.close();
			sandbox?.dispose();
		});

		test('reads the config, creates a channel named after the instance, lists my channels', async () => {
			const wf = chainWorkflow('ptE2eChannels', [
				peerTubeNode(2, 'Config', { resource: 'instance', operation: 'getConfig' }, 240),
				peerTubeNode(3, 'Create channel', { resource: 'channel', operation: 'create', name: 'n8n_news', displayName: '={{ "News of " + $json.instance.name }}' }, 480),
				{ ...peerTubeNode(4, 'My channels', { resource: 'channel', operation: 'getAll', source: 'mine', returnAll: true }, 720), executeOnce: true },
			]);
			const result = await sandbox.execute(await sandbox.importWorkflow(wf));
			expect(result.code).toBe(0);

			const [config] = itemsOf(result.run, 'Config');
			const instanceName = config.instance.name as string;
			expect(typeof instanceName).toBe('string');
			const [created] = itemsOf(result.run, 'Create channel');
			expect(created).toEqual(expect.objectContaining({ name: 'n8n_news', displayName: `News of ${instanceName}` }));
			expect(itemsOf(result.run, 'My channels').map((c) => c.name).sort()).toEqual(['n8n_news', 'newsroom_channel'].sort());

			// on the wire: one config read, one creation with exactly the two fields, one login
			const posts = standin.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/video-channels');
			expect(posts.map((r) => [r.status, JSON.parse(r.body.toString('utf8'))])).toEqual([[200, { name: 'n8n_news', displayName: `News of ${instanceName}` }]]);
			expect(standin.requests.filter((r) => r.path === '/api/v1/config').length).toBeGreaterThanOrEqual(1);
			expect(tokenGrants(standin.requests)).toEqual(['password']);
		});
	},
	['2.x'],
);
