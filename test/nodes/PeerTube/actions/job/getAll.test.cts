import { readFileSync } from 'fs';
import type { NodeParameterValueType } from 'n8n-workflow';

import { description as jobGetAllDescription } from '../../../../../nodes/PeerTube/actions/job/getAll.operation';
import { JOB_TYPES } from '../../../../../nodes/PeerTube/helpers/constants';

import { ADMIN, credentialData, type Instance, run, startInstance, storeWith, USER } from '../../../../helpers/fixture.cjs';

const jobGetAll = (extra: Record<string, NodeParameterValueType> = {}) => ({ resource: 'job', operation: 'getAll', returnAll: true, ...extra });

/** 130 jobs, one a second over the last hour: failed / completed / active in turn, email and video-transcoding. */
function seedJobs(instance: Instance): void {
	const base = Date.now() - 3600_000;
	instance.server.addJobs(130, (i) => ({
		state: (['failed', 'completed', 'active'] as const)[i % 3],
		type: i % 2 ? 'video-transcoding' : 'email',
		createdAt: new Date(base + i * 1000).toISOString(),
	}));
}

// Every release the node supports (6.0 → 9.0) lists jobs at /jobs/{state} (api-facts-2 §0, §11)
describe('Job → Get Many (GET /jobs/{state}, as every release serves it)', () => {
	let instance: Instance;
	const jobListRequests = () => instance.server.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/api/v1/jobs'));

	beforeEach(async () => {
		instance = await startInstance({ serverVersion: '7.0.0' });
		seedJobs(instance);
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
		// one request, state in the path: no probe of another form
		expect(jobListRequests().map((r) => [r.path, r.status])).toEqual([['/api/v1/jobs/failed', 200]]);
		expect(jobListRequests()[0].query).toEqual({ jobType: 'email', sort: '-createdAt', start: '0', count: '100' });
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
		expect(jobListRequests().map((r) => [r.path, r.query.count])).toEqual([['/api/v1/jobs/completed', '5']]);
	});

	it('a non-admin account gets a clear "needs the Manage Jobs right" error', async () => {
		const result = await run(jobGetAll({ state: 'failed' }), storeWith(credentialData(instance.server, USER)));
		expect(result.error?.message).toBe(
			'Listing jobs needs the "Manage Jobs" right, which only administrators have: use a credential of an administrator account',
		);
		expect(result.error?.httpCode).toBe('403');
	});
});

// No release serves this form; one stored development version of PeerTube did (api-facts-2 §0). The
// node only falls back to it when /jobs/{state} gets PeerTube's catch-all (400, empty body).
describe('Job → Get Many on a development build that lists jobs only by ?states= (stand-in jobsApi: develop-query-form)', () => {
	let instance: Instance;
	const jobListRequests = () => instance.server.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/api/v1/jobs'));

	beforeEach(async () => {
		instance = await startInstance({ jobsApi: 'develop-query-form', serverVersion: '8.0.0' });
		seedJobs(instance);
	});
	afterEach(async () => await instance.server.close());

	const admin = () => storeWith(credentialData(instance.server, ADMIN));

	it('one probe of the path form answered by the catch-all, then the query form', async () => {
		const result = await run(jobGetAll({ state: 'failed', jobType: 'email' }), admin());
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(22);
		expect(jobListRequests().map((r) => [r.path, r.status])).toEqual([
			['/api/v1/jobs/failed', 400],
			['/api/v1/jobs', 200],
		]);
		expect(jobListRequests()[1].query).toEqual({ jobType: 'email', sort: '-createdAt', states: 'failed', start: '0', count: '100' });
	});

	it('Limit applies to the query form too', async () => {
		const result = await run(jobGetAll({ state: 'completed', returnAll: false, limit: 5 }), admin());
		expect(result.items).toHaveLength(5);
		expect(jobListRequests().filter((r) => r.status === 200).map((r) => [r.path, r.query.count])).toEqual([['/api/v1/jobs', '5']]);
	});
});

describe('Job → Get Many: job types and answers', () => {
	let instance: Instance;
	beforeEach(async () => {
		instance = await startInstance({ serverVersion: '8.0.0' });
		instance.server.addJobs(4, (i) => ({ state: 'failed', type: i % 2 ? 'video-transcoding' : 'create-user-export' }));
	});
	afterEach(async () => await instance.server.close());
	const admin = () => storeWith(credentialData(instance.server, ADMIN));

	it('the Job Type list is PeerTube\'s own JobType list (@peertube/peertube-types 8.1.3)', () => {
		const types = readFileSync(require.resolve('@peertube/peertube-types/index.d.ts'), 'utf8');
		const union = /type JobType = ([^;]+);/.exec(types)![1];
		const peerTube = [...union.matchAll(/'([^']+)'/g)].map((m) => m[1]).sort();
		expect([...JOB_TYPES].sort()).toEqual(peerTube);
		const description = jobGetAllDescription as unknown as Array<{ name: string; options?: Array<{ value: string }> }>;
		const offered = description.find((p) => p.name === 'jobType')!.options!.map((o) => o.value).filter(Boolean).sort();
		expect(offered).toEqual(peerTube);
	});

	it('a listed type newer than 6.0 (create-user-export) is sent as it is', async () => {
		const result = await run(jobGetAll({ state: 'failed', jobType: 'create-user-export' }), admin());
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		expect(instance.server.requests.filter((r) => r.path === '/api/v1/jobs/failed')[0].query).toEqual({
			jobType: 'create-user-export',
			sort: '-createdAt',
			start: '0',
			count: '100',
		});
	});

	it('an unlisted type given by expression is sent; when the instance refuses it, the message says so', async () => {
		const result = await run(jobGetAll({ state: 'failed', jobType: '={{ "build-automatic-tags" }}' }), admin());
		const [request] = instance.server.requests.filter((r) => r.path === '/api/v1/jobs/failed');
		expect(request.query.jobType).toBe('build-automatic-tags');
		// a type of PeerTube's development line that this (released) version does not know
		expect(request.status).toBe(400);
		expect(result.error?.message).toBe('PeerTube rejected Job Type "build-automatic-tags": this instance does not know that job type');
	});

	it('a Job Type that is no type name is refused before any request', async () => {
		const result = await run(jobGetAll({ state: 'failed', jobType: '={{ "video transcoding!" }}' }), admin());
		expect(result.error?.message).toMatch(/Job Type "video transcoding!" is not a PeerTube job type name/);
		expect(instance.server.requests.filter((r) => r.path.startsWith('/api/v1/jobs'))).toHaveLength(0);
	});

	it('a 404 is not taken for a missing route: no second form is tried', async () => {
		instance.server.failNext('GET', '/api/v1/jobs/failed', 404, 1);
		const result = await run(jobGetAll({ state: 'failed' }), admin());
		expect(result.error?.httpCode).toBe('404');
		expect(instance.server.requests.filter((r) => r.path.startsWith('/api/v1/jobs')).map((r) => r.path)).toEqual(['/api/v1/jobs/failed']);
	});
});
