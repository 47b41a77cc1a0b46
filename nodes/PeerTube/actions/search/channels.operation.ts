import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../helpers/descriptions';
import { simplifyChannel, simplifyProperty } from '../../helpers/simplify';
import { listParameter, readHost, nameSortProperty, runSearch, searchTargetProperty, searchTermProperty } from './shared';

const properties: INodeProperties[] = [
	searchTermProperty,
	searchTargetProperty,
	nameSortProperty,
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Handles',
				name: 'handles',
				type: 'string',
				default: '',
				placeholder: 'e.g. blender_channel@video.blender.org, news@example.org',
				description: 'Comma-separated channel handles (name@host); only these channels',
			},
			{ displayName: 'Host', name: 'host', type: 'string', default: '', placeholder: 'e.g. video.blender.org', description: 'Only channels of this instance' },
		],
	},
	simplifyProperty('channels'),
];

export const description = updateDisplayOptions({ show: { resource: ['search'], operation: ['channels'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const search = String(this.getNodeParameter('search', i, '') ?? '').trim();
	const sort = this.getNodeParameter('sort', i, '-match') as string;
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const qs: IDataObject = { sort };
	if (search) qs.search = search;
	const host = readHost.call(this, i, filters.host);
	if (host) qs.host = host;
	const handles = listParameter(filters.handles).map((h) => (h.startsWith('@') ? h.slice(1) : h));
	const bad = handles.filter((h) => h.split('@').length > 2 || h.startsWith('@') || h.endsWith('@'));
	if (bad.length) {
		throw new NodeOperationError(this.getNode(), `Handles must be name or name@host, separated by commas: "${bad.join('", "')}" is not`, { itemIndex: i });
	}
	if (handles.length) qs.handles = handles;
	const channels = await runSearch.call(this, i, '/search/video-channels', qs, simplifyChannel);
	return channels.map((channel) => ({ json: channel }));
}
