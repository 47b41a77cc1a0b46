import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../helpers/descriptions';
import { simplifyPlaylist, simplifyProperty } from '../../helpers/simplify';
import { readHost, readUuids, nameSortProperty, runSearch, searchTargetProperty, searchTermProperty } from './shared';

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
			{ displayName: 'Host', name: 'host', type: 'string', default: '', placeholder: 'e.g. video.blender.org', description: 'Only playlists of this instance' },
			{
				displayName: 'UUIDs',
				name: 'uuids',
				type: 'string',
				default: '',
				description: 'Comma-separated playlist UUIDs (up to 100); only these playlists',
			},
		],
	},
	simplifyProperty('playlists'),
];

export const description = updateDisplayOptions({ show: { resource: ['search'], operation: ['playlists'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const search = String(this.getNodeParameter('search', i, '') ?? '').trim();
	const sort = this.getNodeParameter('sort', i, '-match') as string;
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const qs: IDataObject = { sort };
	if (search) qs.search = search;
	const host = readHost.call(this, i, filters.host);
	if (host) qs.host = host;
	const uuids = readUuids.call(this, i, filters.uuids);
	if (uuids) qs.uuids = uuids;
	const playlists = await runSearch.call(this, i, '/search/video-playlists', qs, simplifyPlaylist);
	return playlists.map((playlist) => ({ json: playlist }));
}
