import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { JOB_STATES, JOB_TYPES } from '../../helpers/constants';
import { readLimit, returnAllOrLimit } from '../../helpers/descriptions';
import { peerTubeApiRequestAllItems } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'State',
		name: 'state',
		type: 'options',
		options: [
			{ name: 'Any', value: 'any' },
			...JOB_STATES.map((state) => ({ name: state.charAt(0).toUpperCase() + state.slice(1), value: state })),
		],
		default: 'any',
		description: 'Only jobs in this state',
	},
	{
		displayName: 'Job Type',
		name: 'jobType',
		type: 'options',
		options: [{ name: 'Any', value: '' }, ...JOB_TYPES.map((type) => ({ name: type, value: type }))],
		default: '',
		description: 'Only jobs of this type',
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
	const qs: IDataObject = { sort };
	if (jobType) qs.jobType = jobType;
	const errorMessages = { 403: NEEDS_MANAGE_JOBS };

	if (state === 'any') {
		// `/jobs` lists every state on both route forms
		const jobs = await peerTubeApiRequestAllItems.call(this, '/jobs', qs, limit, { itemIndex: i, errorMessages });
		return jobs.map((job) => ({ json: job }));
	}
	let jobs: IDataObject[] | undefined;
	try {
		// PeerTube up to 7 takes the state in the path
		jobs = await peerTubeApiRequestAllItems.call(this, `/jobs/${state}`, qs, limit, { itemIndex: i, errorMessages });
	} catch (error) {
		if (!(error instanceof NodeApiError && error.httpCode === '404')) throw new NodeApiError(this.getNode(), error as JsonObject);
	}
	// newer PeerTube has no such route: it lists jobs at /jobs with the states as a query parameter
	jobs ??= await peerTubeApiRequestAllItems.call(this, '/jobs', { ...qs, states: [state] }, limit, { itemIndex: i, errorMessages });
	return jobs.map((job) => ({ json: job }));
}
