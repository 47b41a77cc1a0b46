/**
 * The example workflows of examples/*.json, run by real n8n (`n8n execute`) against the PeerTube
 * stand-in, each in a fresh n8n user folder. Asserts on what n8n output and on what reached the
 * stand-in.
 */
import { PeerTubeStandin, type StandinVideo, seedDemo } from '../../standin/server.cjs';
import { N8nSandbox, itemsOf, readExample, tokenGrants, describeEachLine } from './harness.cjs';

const MINUTE = 60_000;

function allVideos(s: PeerTubeStandin) {
	const out: StandinVideo[] = [];
	for (let id = 1; ; id++) {
		const v = s.getVideo(id);
		if (!v) return out;
		out.push(v);
	}
}

describeEachLine('example workflows in real n8n', (line) => {
	let standin: PeerTubeStandin;
	let sandbox: N8nSandbox;

	afterEach(async () => {
		await standin?.close();
		sandbox?.dispose();
	});

	async function setUp(seed: (s: PeerTubeStandin) => { username: string; password: string }) {
		standin = await PeerTubeStandin.start();
		const user = seed(standin);
		sandbox = await N8nSandbox.create('example', { line });
		await sandbox.importCredential({ instanceUrl: standin.url, username: user.username, password: user.password });
	}

	test('1: tags my untagged videos, and only those', async () => {
		await setUp((s) => {
			seedDemo(s);
			return { username: 'root', password: 'demo-root-password' };
		});
		const workflow = readExample('1-tag-untagged-videos.json');
		const videos = allVideos(standin);
		// seedDemo gives root exactly one video without tags
		const untagged = videos.find((v) => v.name === 'Server maintenance notes')!;
		expect(untagged.tags).toEqual([]);
		const taggedBefore = videos.filter((v) => v.tags.length > 0).map((v) => ({ uuid: v.uuid, tags: [...v.tags] }));

		const result = await sandbox.execute(await sandbox.importWorkflow(workflow));
		expect(result.code).toBe(0);

		const listed = itemsOf(result.run, 'Get my videos');
		expect(listed).toHaveLength(6); // root's videos, every privacy
		expect(itemsOf(result.run, 'Get video details')).toHaveLength(6);
		const updated = itemsOf(result.run, 'Add default tags');
		expect(updated).toHaveLength(1);
		expect(updated[0].uuid).toBe(untagged.uuid);
		expect(updated[0].tags).toEqual(['untagged', 'needs-review']);

		// the stand-in: one PUT, for that video, carrying the tags; the others untouched
		const puts = standin.requests.filter((r) => r.method === 'PUT');
		expect(puts).toHaveLength(1);
		expect(puts[0].path).toMatch(new RegExp(`^/api/v1/videos/(${untagged.uuid}|${untagged.id}|${untagged.shortUUID})$`));
		expect(JSON.parse(puts[0].body.toString('utf8')).tags).toEqual(['untagged', 'needs-review']);
		expect(puts[0].status).toBe(204);
		expect(standin.getVideo(untagged.uuid)!.tags).toEqual(['untagged', 'needs-review']);
		for (const v of taggedBefore) expect(standin.getVideo(v.uuid)!.tags).toEqual(v.tags);
		expect(standin.count('GET', '/api/v1/users/me/videos')).toBeGreaterThanOrEqual(1);
		// one login for the whole execution, shared by the three PeerTube nodes
		expect(tokenGrants(standin.requests)).toEqual(['password']);
	});

	test('2: composes a message for each job that failed since the last run', async () => {
		await setUp((s) => {
			s.addUser({ username: 'admin', password: 'admin-password-1', role: 'admin' });
			const now = Date.now();
			s.addJobs(1, { state: 'failed', type: 'video-import', error: 'Error: getaddrinfo ENOTFOUND videos.example.org', createdAt: now - 10 * MINUTE });
			s.addJobs(1, { state: 'failed', type: 'video-transcoding', error: 'Error: ffmpeg exited with code 1', createdAt: now - 40 * MINUTE });
			s.addJobs(1, { state: 'failed', type: 'email', error: 'Error: old failure', createdAt: now - 3 * 60 * MINUTE });
			s.addJobs(2, { state: 'completed', type: 'video-transcoding', createdAt: now - 5 * MINUTE });
			return { username: 'admin', password: 'admin-password-1' };
		});
		const workflow = readExample('2-failed-jobs-alert.json');
		const result = await sandbox.execute(await sandbox.importWorkflow(workflow));
		expect(result.code).toBe(0);

		const failed = itemsOf(result.run, 'Get failed jobs');
		expect(failed.map((j) => j.state)).toEqual(['failed', 'failed', 'failed']);
		expect(itemsOf(result.run, 'Failed in the last hour')).toHaveLength(2);
		const notes = itemsOf(result.run, 'Compose notification');
		expect(notes).toHaveLength(2);
		expect(notes[0].message).toMatch(/^PeerTube job #\d+ of type video-import failed at .+: Error: getaddrinfo ENOTFOUND videos\.example\.org$/);
		expect(notes[1].message).toMatch(/of type video-transcoding failed .*ffmpeg exited with code 1/);
		expect(notes[0].subject).toMatch(/^PeerTube job #\d+ \(video-import\) failed$/);
		expect(Object.keys(notes[0]).sort()).toEqual(['jobId', 'message', 'subject']);
		expect(notes.some((n) => /old failure/.test(n.message))).toBe(false);

		const jobRequests = standin.requests.filter((r) => r.path.startsWith('/api/v1/jobs'));
		expect(jobRequests.length).toBeGreaterThanOrEqual(1);
		const asked = jobRequests[0];
		expect(asked.path === '/api/v1/jobs/failed' || asked.query.states === 'failed').toBe(true);
		expect(asked.query.sort).toBe('-createdAt');
		expect(asked.status).toBe(200);
		expect(standin.requests.filter((r) => r.method !== 'GET' && r.path !== '/api/v1/users/token')).toEqual([]);
	});

	test('3: changes the privacy of the channel videos matching a search', async () => {
		await setUp((s) => {
			seedDemo(s);
			return { username: 'root', password: 'demo-root-password' };
		});
		const workflow = readExample('3-set-privacy-of-channel-videos.json');
		const result = await sandbox.execute(await sandbox.importWorkflow(workflow));
		expect(result.code).toBe(0);

		const found = itemsOf(result.run, 'Find videos in the channel');
		expect(found.map((v) => v.name)).toEqual(['How federation works']);
		const updated = itemsOf(result.run, 'Make unlisted');
		expect(updated).toHaveLength(1);
		expect(updated[0].privacy).toEqual({ id: 2, label: 'Unlisted' });

		const list = standin.requests.find((r) => r.path === '/api/v1/video-channels/root_channel/videos');
		expect(list?.query.search).toBe('federation');
		const puts = standin.requests.filter((r) => r.method === 'PUT');
		expect(puts).toHaveLength(1);
		expect(JSON.parse(puts[0].body.toString('utf8'))).toEqual({ privacy: 2 });
		expect(standin.getVideo(found[0].uuid)!.privacy).toBe(2);
	});
});
