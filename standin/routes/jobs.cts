/**
 * Jobs (right MANAGE_JOBS = administrators): GET /api/v1/jobs/:state? (every release 6.0–8.2; state
 * empty = all; `waiting` also lists waiting-children and prioritized), pause, resume. The job types
 * `jobType` is checked against are PeerTube's own per version (data.cts jobTypesOf).
 * `jobsApi: 'develop-query-form'` serves the ?states=a,b form one stored develop version had instead.
 */
import { JOB_STATES, jobTypesOf } from '../data.cjs';
import { validationError } from '../http.cjs';
import type { Ctx, Route } from '../http.cjs';
import type { PeerTubeStandin } from '../server.cjs';
import { invalid } from '../validate.cjs';
import type { InvalidParams } from '../validate.cjs';

function listJobs(s: PeerTubeStandin, ctx: Ctx, states: string[], stateLocation: 'params' | 'query'): void {
	const user = s.auth(ctx, true);
	s.requireRight(ctx, user, 'MANAGE_JOBS', ['admin']);
	const { start, count, sort } = s.pagination(ctx, ['createdAt'], '-createdAt');
	const errors: InvalidParams = {};
	const badState = states.find((st) => !(JOB_STATES as readonly string[]).includes(st));
	if (badState !== undefined) {
		invalid(errors, stateLocation === 'params' ? 'state' : 'states', badState, 'Should have a valid job state', stateLocation);
	}
	const jobType = s.q1(ctx, 'jobType');
	if (jobType !== undefined && !jobTypesOf(s.majorVersion).includes(jobType)) {
		invalid(errors, 'jobType', jobType, 'Should have a valid job type', 'query');
	}
	if (Object.keys(errors).length) throw validationError(errors);
	const wanted = new Set<string>(states);
	if (wanted.has('waiting')) {
		wanted.add('waiting-children');
		wanted.add('prioritized');
	}
	const dir = sort.startsWith('-') ? -1 : 1;
	const list = s.jobs
		.filter((j) => (wanted.size === 0 || wanted.has(j.state)) && (jobType === undefined || j.type === jobType))
		.sort((a, b) => (a.createdAt < b.createdAt ? -dir : a.createdAt > b.createdAt ? dir : 0) || dir * (a.id - b.id));
	s.sendJson(ctx, 200, { total: list.length, data: list.slice(start, start + count).map((j) => s.formatJob(j)) });
}

export const jobRoutes: Route[] = [
	{
		method: 'POST',
		path: /^\/api\/v1\/jobs\/(pause|resume)$/,
		handle: (s, ctx, match) => {
			const user = s.auth(ctx, true);
			s.requireRight(ctx, user, 'MANAGE_JOBS', ['admin']);
			s.jobsPaused = match[1] === 'pause';
			s.send(ctx, 204);
		},
	},
	{
		method: 'GET',
		path: /^\/api\/v1\/jobs(?:\/([^/]*))?$/,
		doc: 'getJobs',
		handle: (s, ctx, match) => {
			const stateInPath = match[1];
			if (s.jobsApi === 'path') return listJobs(s, ctx, stateInPath ? [stateInPath] : [], 'params');
			// develop-query-form: only /jobs, states as a comma list; /jobs/:state is an unknown route.
			if (stateInPath !== undefined) return s.catchAll(ctx);
			const states = (ctx.query.states ?? []).flatMap((v) => v.split(',')).filter((v) => v !== '');
			return listJobs(s, ctx, states, 'query');
		},
	},
];
