import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { JOB_STATES, JOB_TYPES } from '../../helpers/constants';
import { readLimit, returnAllOrLimit } from '../../helpers/descriptions';
import { peerTubeApiRequestAllItems } from '../../transport';
import { isUnknownRouteAnswer } from '../../transport/version';

const properties: INodeProperties[] = [
	{
		displayName: 'State',
		name: 'state',
		type: 'options',
		// sorted by name, as n8n's lint rule for option lists asks
		options: [{ name: 'Any', value: 'any' }, ...JOB_STATES.map((state) => ({ name: state.charAt(0).toUpperCase() + state.slice(1), value: state }))].sort(
			(a, b) => a.name.localeCompare(b.name),
		),
		default: 'any',
		description: 'Only jobs in this state',
	},
	{
		displayName: 'Job Type',
		name: 'jobType',
		type: 'options',
		// PeerTube's own type names, as its Jobs page shows them; sorted by name
		options: [{ name: 'Any', value: '' }, ...JOB_TYPES.map((type) => ({ name: type, value: type }))].sort((a, b) => a.name.localeCompare(b.name)),
		default: '',
		description:
			'Only jobs of this type (PeerTube 6.0–8.2 job types). For a type not listed, use an <a href="https://docs.n8n.io/code/expressions/">expression</a> giving its name.',
	},
	{
		displayName: 'Sort',
		name: 'sort',
		type: 'options',
		options: [
			{ name: 'Newest First', value: '-createdAt' },
			{ name: 'Oldest First', value: 'createdAt' },
		],
		default: '-createdAt',
	},
	...returnAllOrLimit,
];

export const description = updateDisplayOptions({ show: { resource: ['job'], operation: ['getAll'] } }, properties);

const NEEDS_MANAGE_JOBS =
	'Listing jobs needs the "Manage Jobs" right, which only administrators have: use a credential of an administrator account';

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const state = this.getNodeParameter('state', i) as string;
	const jobType = this.getNodeParameter('jobType', i, '') as string;
	const sort = this.getNodeParameter('sort', i, '-createdAt') as string;
	const limit = readLimit.call(this, i);
	if (state !== 'any' && !(JOB_STATES as readonly string[]).includes(state)) {
		throw new NodeOperationError(this.getNode(), `State "${state}" is unknown: use any, ${JOB_STATES.join(', ')}`, { itemIndex: i });
	}
	const type = String(jobType ?? '').trim();
	if (type !== '' && !/^[a-z0-9-]+$/.test(type)) {
		throw new NodeOperationError(this.getNode(), `Job Type "${type}" is not a PeerTube job type name (lowercase words joined by -, e.g. video-transcoding)`, {
			itemIndex: i,
		});
	}
	const qs: IDataObject = { sort };
	if (type) qs.jobType = type;
	const errorMessages = {
		403: NEEDS_MANAGE_JOBS,
		// a validation error names the field; an unknown type is the usual cause
		...(type && !(JOB_TYPES as readonly string[]).includes(type)
			? { 400: `PeerTube rejected Job Type "${type}": this instance does not know that job type` }
			: {}),
	};

	// Every release up to 8.2 lists jobs at /jobs/{state} (no state: /jobs, every state).
	const path = state === 'any' ? '/jobs' : `/jobs/${state}`;
	let jobs: IDataObject[];
	try {
		jobs = await peerTubeApiRequestAllItems.call(this, path, qs, limit, { itemIndex: i, errorMessages: { 403: NEEDS_MANAGE_JOBS } });
	} catch (error) {
		// PeerTube answers a path it has no route for with its catch-all (400, empty body), never
		// 404: only then try the query form of unreleased development versions (`/jobs?states=`)
		if (state === 'any' || !isUnknownRouteAnswer(error)) throw rejectedType(this, error, errorMessages[400], i);
		try {
			jobs = await peerTubeApiRequestAllItems.call(this, '/jobs', { ...qs, states: [state] }, limit, {
				itemIndex: i,
				errorMessages: { 403: NEEDS_MANAGE_JOBS },
			});
		} catch (fallbackError) {
			throw rejectedType(this, fallbackError, errorMessages[400], i);
		}
	}
	return jobs.map((job) => ({ json: job }));
}

/** A validation 400 (not the catch-all) for an unlisted job type says so. */
function rejectedType(ctx: IExecuteFunctions, error: unknown, message: string | undefined, i: number): unknown {
	const status = (error as { httpCode?: string }).httpCode;
	if (message && status === '400' && !isUnknownRouteAnswer(error)) {
		return new NodeOperationError(ctx.getNode(), message, { itemIndex: i, description: (error as { description?: string }).description });
	}
	return error;
}
