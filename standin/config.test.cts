/**
 * GET /api/v1/config reports the instance's import switches as they are set (PeerTube's
 * ServerConfig.import: `videos.http.enabled`, `videos.torrent.enabled`,
 * `videoChannelSynchronization.enabled`), not fixed values.
 */
import { channelSyncState } from './routes/channelSyncs.cjs';
import { importsEnabled, setImportsEnabled } from './routes/imports.cjs';
import { PeerTubeStandin } from './server.cjs';
import { call } from './testing.cjs';

describe('stand-in /api/v1/config: import and channel synchronisation switches', () => {
	let s: PeerTubeStandin;
	beforeEach(async () => (s = await PeerTubeStandin.start({ apiRateLimit: false, loginRateLimit: false })));
	afterEach(async () => await s.close());

	const importConfig = async () => (await call(s, 'GET', '/api/v1/config')).json.import;

	it("PeerTube's defaults: imports on, channel synchronisation off", async () => {
		expect(await importConfig()).toEqual({
			videos: { http: { enabled: true }, torrent: { enabled: true } },
			videoChannelSynchronization: { enabled: false },
		});
	});

	it('follows what the tests switch', async () => {
		channelSyncState(s).enabled = true;
		setImportsEnabled(s, { torrent: false });
		expect(await importConfig()).toEqual({
			videos: { http: { enabled: true }, torrent: { enabled: false } },
			videoChannelSynchronization: { enabled: true },
		});
		setImportsEnabled(s, { http: false });
		expect((await importConfig()).videos.http.enabled).toBe(false);
	});

	it('HTTP import is one switch for URL imports and channel imports', async () => {
		channelSyncState(s).httpImportEnabled = false;
		expect(importsEnabled(s).http).toBe(false);
		expect((await importConfig()).videos.http.enabled).toBe(false);
		setImportsEnabled(s, { http: true });
		expect(channelSyncState(s).httpImportEnabled).toBe(true);
	});
});
