import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readLimit, returnAllOrLimit } from '../../helpers/descriptions';
import { listMySyncs } from './common';

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	{
		displayName: 'Sort',
		name: 'sort',
		type: 'options',
		options: [
			{ name: 'Channel', value: 'videoChannel' },
			{ name: 'External Channel URL', value: 'externalChannelUrl' },
			{ name: 'Last Synced First', value: '-lastSyncAt' },
			{ name: 'Newest First', value: '-createdAt' },
			{ name: 'Oldest First', value: 'createdAt' },
			{ name: 'State', value: 'state' },
		],
		default: '-createdAt',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['channelSync'], operation: ['getAll'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const limit = readLimit.call(this, i);
	const qs: IDataObject = {};
	const sort = this.getNodeParameter('sort', i, '') as string;
	if (sort) qs.sort = sort;
	const syncs = await listMySyncs.call(this, i, limit, qs);
	return syncs.map((sync) => ({ json: sync }));
}
