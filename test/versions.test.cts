/**
 * The version matrix: each operation's main scenario against the stand-in playing each PeerTube
 * line the node supports. Where an operation needs a newer PeerTube, the older lines must fail
 * with the message naming the version, and send nothing but the version read.
 */
import type { NodeParameterValueType } from 'n8n-workflow';

import type { PeerTubeStandin } from '../standin/server.cjs';
import { ADMIN, credentialData, type Instance, run, startInstance, storeWith, USER } from './helpers/fixture.cjs';

const VERSIONS = ['6.0.3', '6.3.0', '7.1.0', '8.2.1', '9.0.0'] as const;

interface Scenario {
	name: string;
	/** the oldest version that has the feature ([major, minor]); older lines expect the version message */
	since?: [number, number];
	/** seeds the stand-in; returns the node parameters */
	setup(server: PeerTubeStandin, version: string): Record<string, NodeParameterValueType>;
	as?: 'admin' | 'user';
	/** checks the output and the wire on a version that has the feature */
	check(result: Awaited<ReturnType<typeof run>>, server: PeerTubeStandin, version: string): void;
}

const apiRequests = (server: PeerTubeStandin) =>
	server.requests.filter((r) => r.path.startsWith('/api/v1/') && !['/api/v1/oauth-clients/local', '/api/v1/users/token', '/api/v1/config'].includes(r.path));

export const scenarios: Scenario[] = [
	{
		name: 'Video → Get',
		setup: (server) => {
			const [video] = server.addVideos(1, { channelName: 'alice_channel', name: 'Matrix video', tags: ['aa'] });
			return { resource: 'video', operation: 'get', videoId: String(video.id) };
		},
		check: (result, server) => {
			expect(result.items.map((i) => i.json.name)).toEqual(['Matrix video']);
			expect(apiRequests(server).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/v1/videos/1']);
		},
	},
	{
		name: 'Video → Get Many (instance, Return All)',
		setup: (server) => {
			server.addVideos(130, { channelName: 'alice_channel' });
			return { resource: 'video', operation: 'getAll', source: 'instance', returnAll: true };
		},
		check: (result, server) => {
			expect(result.items).toHaveLength(130);
			expect(apiRequests(server).map((r) => [r.path, r.query.start, r.query.count])).toEqual([
				['/api/v1/videos', '0', '100'],
				['/api/v1/videos', '100', '100'],
			]);
		},
	},
	{
		name: 'Video → Update (name)',
		setup: (server) => {
			const [video] = server.addVideos(1, { channelName: 'alice_channel', name: 'Before' });
			return { resource: 'video', operation: 'update', videoId: String(video.id), updateFields: { name: 'After the update' } };
		},
		check: (result, server) => {
			expect(result.items[0].json.name).toBe('After the update');
			const put = apiRequests(server).find((r) => r.method === 'PUT')!;
			expect(JSON.parse(put.body.toString())).toEqual({ name: 'After the update' });
		},
	},
	{
		name: 'Job → Get Many (failed)',
		as: 'admin',
		setup: (server) => {
			server.addJobs(3, { state: 'failed' });
			server.addJobs(2, { state: 'completed' });
			return { resource: 'job', operation: 'getAll', state: 'failed', returnAll: true };
		},
		check: (result, server) => {
			expect(result.items).toHaveLength(3);
			expect(result.items.every((i) => i.json.state === 'failed')).toBe(true);
			expect(apiRequests(server).every((r) => r.path === '/api/v1/jobs/failed')).toBe(true);
		},
	},
];

const older = (version: string, since: [number, number]) => {
	const [major, minor] = version.split('.').map(Number);
	return major < since[0] || (major === since[0] && minor < since[1]);
};

describe.each(VERSIONS)('PeerTube %s', (version) => {
	let instance: Instance;

	beforeEach(async () => {
		instance = await startInstance({ serverVersion: version });
	});
	afterEach(async () => await instance.server.close());

	it.each(scenarios.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
		const parameters = scenario.setup(instance.server, version);
		const store = storeWith(credentialData(instance.server, scenario.as === 'admin' ? ADMIN : USER));
		instance.server.clearRequests();
		const result = await run(parameters, store);
		if (scenario.since && older(version, scenario.since)) {
			expect(result.error?.message).toMatch(new RegExp(`needs PeerTube ${scenario.since.join('\\.')} or newer; this instance runs ${version.replace(/\./g, '\\.')}`));
			expect(apiRequests(instance.server).filter((r) => r.method !== 'GET')).toHaveLength(0);
			return;
		}
		expect(result.error?.message).toBeUndefined();
		scenario.check(result, instance.server, version);
	});
});
