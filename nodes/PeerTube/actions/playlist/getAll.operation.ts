import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readLimit, returnAllOrLimit } from '../../helpers/descriptions';
import { channelLocator, resolveChannelHandle } from '../../helpers/locators';
import { readSimplify, simplifyPlaylist, simplifyProperty } from '../../helpers/simplify';
import { instanceBaseUrl, peerTubeApiRequestAllItems } from '../../transport';
import { failer, myAccountName } from '../channel/common';

const properties: INodeProperties[] = [
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		options: [
			{ name: 'My Playlists', value: 'mine', description: "The credential's playlists, private ones and Watch Later included" },
			{ name: 'Channel', value: 'channel', description: 'The public playlists of one channel' },
			{ name: 'Instance', value: 'instance', description: 'Public playlists the instance knows (local and followed)' },
		],
		default: 'mine',
		description: 'Whose playlists to list',
	},
	{ ...channelLocator({ list: 'instance' }), displayOptions: { show: { source: ['channel'] } } },
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Playlist Type',
				name: 'playlistType',
				type: 'options',
				options: [
					{ name: 'Regular', value: 1 },
					{ name: 'Watch Later', value: 2 },
				],
				default: 1,
			},
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				description: 'Only playlists whose name contains this text (My Playlists only)',
			},
		],
	},
	{
		// n8n's guideline: sorting in its own parameter, below the filters
		displayName: 'Sort',
		name: 'sort',
		type: 'options',
		options: [
			{ name: 'Name', value: 'displayName' },
			{ name: 'Newest First', value: '-createdAt' },
			{ name: 'Oldest First', value: 'createdAt' },
			{ name: 'Recently Updated First', value: '-updatedAt' },
		],
		// PeerTube's own default order for these lists
		default: '-createdAt',
		description: 'The order PeerTube lists the playlists in',
	},
	simplifyProperty('playlists'),
];

export const description = updateDisplayOptions({ show: { resource: ['playlist'], operation: ['getAll'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const fail = failer(this, i);
	const source = this.getNodeParameter('source', i) as string;
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const limit = readLimit.call(this, i);
	const qs: IDataObject = {};
	const sort = this.getNodeParameter('sort', i, '-createdAt') as string;
	if (sort) qs.sort = sort;
	if (filters.playlistType !== undefined) qs.playlistType = Number(filters.playlistType);
	const search = typeof filters.search === 'string' ? filters.search.trim() : '';
	if (search !== '' && source !== 'mine') fail('Search works with Source "My Playlists" only: PeerTube does not search the playlists of a channel or the instance here (use Search → Playlists)');
	let endpoint = '/video-playlists';
	let notFound: string | undefined;
	if (source === 'mine') {
		endpoint = `/accounts/${encodeURIComponent(await myAccountName.call(this, i))}/video-playlists`;
		if (search !== '') qs.search = search;
	} else if (source === 'channel') {
		const handle = await resolveChannelHandle.call(this, i);
		endpoint = `/video-channels/${encodeURIComponent(handle)}/video-playlists`;
		notFound = `There is no channel "${handle}" on this PeerTube instance: check Channel`;
	}
	const playlists = await peerTubeApiRequestAllItems.call(this, endpoint, qs, limit, {
		itemIndex: i,
		errorMessages: notFound ? { 404: notFound } : undefined,
	});
	if (!readSimplify.call(this, i)) return playlists.map((playlist) => ({ json: playlist }));
	const base = await instanceBaseUrl.call(this);
	return playlists.map((playlist) => ({ json: simplifyPlaylist(playlist, base) }));
}
