import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readLimit, returnAllOrLimit } from '../../helpers/descriptions';
import { readSimplify, simplifyChannel, simplifyProperty } from '../../helpers/simplify';
import { instanceBaseUrl, peerTubeApiRequestAllItems } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Search',
		name: 'search',
		type: 'string',
		default: '',
		description: 'Only channels whose name or display name contains this',
	},
	{
		displayName: 'Sort',
		name: 'sort',
		type: 'options',
		options: [
			{ name: 'Newest Subscription First', value: '-createdAt' },
			{ name: 'Oldest Subscription First', value: 'createdAt' },
		],
		default: '-createdAt',
	},
	...returnAllOrLimit,
	simplifyProperty('channels'),
];

export const description = updateDisplayOptions({ show: { resource: ['myAccount'], operation: ['getSubscriptions'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const search = String(this.getNodeParameter('search', i, '') ?? '').trim();
	const sort = this.getNodeParameter('sort', i, '-createdAt') as string;
	const limit = readLimit.call(this, i);
	const simplify = readSimplify.call(this, i);
	const qs: IDataObject = { sort };
	if (search) qs.search = search;
	const channels = await peerTubeApiRequestAllItems.call(this, '/users/me/subscriptions', qs, limit, { itemIndex: i });
	const base = simplify ? await instanceBaseUrl.call(this) : undefined;
	return channels.map((channel) => ({ json: simplify ? simplifyChannel(channel, base) : channel }));
}
