import type { NodeParameterValueType } from 'n8n-workflow';

import { ADMIN, credentialData, type Instance, run, startInstance, storeWith, USER } from '../../../../helpers/fixture';

const jobGetAll = (extra: Record<string, NodeParameterValueType> = {}) => ({ resource: 'job', operation: 'getAll', returnAll: true, ...extra });

describe.each(['path', 'query'] as const)('Job → Get Many (PeerTube jobs API in %s form)', (jobsApi) => {
	let instance: Instance;
	const jobListRequests = () => instance.server.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/api/v1/jobs'));

	beforeEach(async () => {
		instance = await startInstance({ jobsApi, serverVersion: jobsApi === 'path' ? '7.0.0' : '8.0.0' });
		const base = Date.now() - 3600_000;
		instance.server.addJobs(130, (i) => ({
			state: (['failed', 'completed', 'active'] as const)[i % 3],
			type: i % 2 ? 'video-transcoding' : 'email',
			createdAt: new Date(base + i * 1000).toISOString(),
		}));
	});
	afterEach(async () => await instance.server.close());

	const admin = () => storeWith(credentialData(instance.server, ADMIN));

	it('lists jobs of one state and type, newest first, paging at 100', async () => {
		const result = await run(jobGetAll({ state: 'failed', jobType: 'email' }), admin());
		expect(result.error).toBeUndefined();
		// i % 3 === 0 and i even → i % 6 === 0 → 22 jobs among 130
		expect(result.items).toHaveLength(22);
		for (const item of result.items) expect(item.json).toEqual(expect.objectContaining({ state: 'failed', type: 'email' }));
		const created = result.items.map((item) => Date.parse(item.json.createdAt as string));
		expect(created).toEqual([...created].sort((a, b) => b - a));
		const successful = jobListRequests().filter((r) => r.status === 200);
		expect(successful).toHaveLength(1);
		expect(successful[0].query).toEqual(
			expect.objectContaining({ jobType: 'email', sort: '-createdAt', start: '0', count: '100', ...(jobsApi === 'query' ? { states: 'failed' } : {}) }),
		);
		expect(successful[0].path).toBe(jobsApi === 'path' ? '/api/v1/jobs/failed' : '/api/v1/jobs');
		// the newer form costs one probe of the path form, no more
		expect(jobListRequests()).toHaveLength(jobsApi === 'path' ? 1 : 2);
	});

	it('Return All pages through every job of any state', async () => {
		const result = await run(jobGetAll({ state: 'any', sort: 'createdAt' }), admin());
		expect(result.items).toHaveLength(130);
		expect(jobListRequests().map((r) => [r.path, r.query.start, r.query.count])).toEqual([
			['/api/v1/jobs', '0', '100'],
			['/api/v1/jobs', '100', '100'],
		]);
	});

	it('Limit stops early', async () => {
		const result = await run(jobGetAll({ state: 'completed', returnAll: false, limit: 5 }), admin());
		expect(result.items).toHaveLength(5);
		expect(jobListRequests().filter((r) => r.status === 200).map((r) => r.query.count)).toEqual(['5']);
	});

	it('a non-admin account gets a clear "needs the Manage Jobs right" error', async () => {
		const result = await run(jobGetAll({ state: 'failed' }), storeWith(credentialData(instance.server, USER)));
		expect(result.error?.message).toBe(
			'Listing jobs needs the "Manage Jobs" right, which only administrators have: use a credential of an administrator account',
		);
		expect(result.error?.httpCode).toBe('403');
	});
});
