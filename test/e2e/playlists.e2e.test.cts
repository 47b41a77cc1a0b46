/**
 * Playlists and channel syncs in real n8n (`n8n execute`) against the PeerTube stand-in: a workflow
 * creates a playlist, searches videos and adds every result to it; another creates a channel
 * synchronisation and syncs it now.
 */
import { PeerTubeStandin } from '../../standin/server.cjs';
import { channelSyncState } from '../../standin/routes/channelSyncs.cjs';
import { playlistState } from '../../standin/routes/playlists.cjs';
import { N8nSandbox, itemsOf, tokenGrants, describeEachLine, chainWorkflow, peerTubeNode } from './harness.cjs';

const PASSWORD = 'Playlist-Passw0rd-42';
const rl = (value: string, mode = 'id') => ({ __rl: true, mode, value });

describeEachLine('playlists and channel syncs in real n8n', (line) => {
	let standin: PeerTubeStandin;
	let sandbox: N8nSandbox;

	beforeEach(async () => {
		standin = await PeerTubeStandin.start();
		standin.addUser({ username: 'curator', password: PASSWORD, role: 'user' });
		sandbox = await N8nSandbox.create('playlists', { line });
		await sandbox.importCredential({ instanceUrl: standin.url, username: 'curator', password: PASSWORD });
	});
	afterEach(async () => {
		await standin?.close();
		sandbox?.dispose();
	});

	test('creates a playlist, searches videos and adds the results to it', async () => {
		const cooking = standin.addVideos(3, (k) => ({ channelName: 'curator_channel', name: `Cooking lesson ${k + 1}` }));
		standin.addVideos(2, { channelName: 'curator_channel', name: 'Gardening' });
		const wf = chainWorkflow('ptE2ePlaylistFromSearch', [
			peerTubeNode(2, 'Create playlist', { resource: 'playlist', operation: 'create', displayName: 'Cooking', privacy: 1, channel: rl('curator_channel', 'list') }, 240),
			peerTubeNode(3, 'Search videos', { resource: 'search', operation: 'videos', search: 'Cooking lesson', returnAll: true }, 480),
			peerTubeNode(
				4,
				'Add to playlist',
				{
					resource: 'playlist',
					operation: 'addVideo',
					playlist: rl("={{ $('Create playlist').first().json.uuid }}"),
					videoId: rl('={{ $json.uuid }}'),
				},
				720,
			),
		]);
		const result = await sandbox.execute(await sandbox.importWorkflow(wf));
		expect(result.code).toBe(0);

		const [playlist] = [...playlistState(standin).playlists.values()];
		expect(playlist).toEqual(expect.objectContaining({ displayName: 'Cooking', privacy: 1, channelId: standin.findChannel('curator_channel')!.id }));
		expect(itemsOf(result.run, 'Create playlist')).toEqual([expect.objectContaining({ uuid: playlist.uuid, privacy: 'Public', channel: expect.objectContaining({ name: 'curator_channel' }) })]);
		expect(itemsOf(result.run, 'Add to playlist')).toHaveLength(3);
		expect(playlist.elements.map((e) => e.videoId).sort()).toEqual(cooking.map((v) => v.id).sort());

		// on the wire: one create with exactly these fields, one add per search result, one login
		const creates = standin.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/video-playlists');
		expect(creates.map((r) => JSON.parse(r.body.toString('utf8')))).toEqual([{ displayName: 'Cooking', privacy: 1, videoChannelId: standin.findChannel('curator_channel')!.id }]);
		const adds = standin.requests.filter((r) => r.method === 'POST' && r.path === `/api/v1/video-playlists/${playlist.uuid}/videos`);
		expect(adds.map((r) => JSON.parse(r.body.toString('utf8')).videoId).sort()).toEqual(cooking.map((v) => v.uuid).sort());
		expect(tokenGrants(standin.requests)).toEqual(['password']);
	});

	test('creates a channel sync and syncs it now', async () => {
		channelSyncState(standin).enabled = true;
		const wf = chainWorkflow('ptE2eChannelSync', [
			peerTubeNode(
				2,
				'Create sync',
				{ resource: 'channelSync', operation: 'create', channel: rl('curator_channel', 'handle'), externalChannelUrl: 'https://www.youtube.com/@curator' },
				240,
			),
			peerTubeNode(3, 'Sync now', { resource: 'channelSync', operation: 'syncNow', syncId: '={{ $json.id }}' }, 480),
		]);
		const result = await sandbox.execute(await sandbox.importWorkflow(wf));
		expect(result.code).toBe(0);
		const [created] = itemsOf(result.run, 'Create sync');
		expect(created).toEqual(expect.objectContaining({ externalChannelUrl: 'https://www.youtube.com/@curator', state: { id: 1, label: 'Waiting first run' } }));
		expect(itemsOf(result.run, 'Sync now')).toEqual([{ id: created.id, channel: 'curator_channel', externalChannelUrl: 'https://www.youtube.com/@curator', importStarted: true }]);
		const channelId = standin.findChannel('curator_channel')!.id;
		expect(channelSyncState(standin).imports).toEqual([{ channelId, externalChannelUrl: 'https://www.youtube.com/@curator', videoChannelSyncId: created.id }]);
		const imports = standin.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/video-channels/curator_channel/import-videos');
		expect(imports.map((r) => JSON.parse(r.body.toString('utf8')))).toEqual([{ externalChannelUrl: 'https://www.youtube.com/@curator', videoChannelSyncId: created.id }]);
		expect(tokenGrants(standin.requests)).toEqual(['password']);
	});

	test('a disabled synchronisation fails the node with the message saying who can enable it', async () => {
		const wf = chainWorkflow('ptE2eChannelSyncDisabled', [
			peerTubeNode(2, 'Create sync', { resource: 'channelSync', operation: 'create', channel: rl('curator_channel', 'handle'), externalChannelUrl: 'https://www.youtube.com/@curator' }, 240),
		]);
		const result = await sandbox.execute(await sandbox.importWorkflow(wf));
		expect(result.code).not.toBe(0);
		expect(result.output).toContain('Channel synchronisation is disabled on this PeerTube instance: an administrator can enable it');
		expect(result.output).not.toContain(PASSWORD);
		expect(channelSyncState(standin).syncs.size).toBe(0);
	});
});
