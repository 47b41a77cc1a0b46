import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { PRIVACY_OPTIONS, VIDEO_INCLUDE_OPTIONS, VIDEO_SORT_OPTIONS } from '../../helpers/constants';
import { parseHandle, splitList } from '../../helpers/video';
import { readLimit, returnAllOrLimit } from '../../helpers/descriptions';
import { peerTubeApiRequestAllItems } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		options: [
			{ name: 'Instance', value: 'instance', description: 'Public videos known to the instance (local and federated)' },
			{ name: 'Channel', value: 'channel', description: 'Videos of one channel' },
			{ name: 'Account', value: 'account', description: 'Videos of one account, across its channels' },
			{ name: 'My Videos', value: 'myVideos', description: "The credential's own videos, of every privacy" },
		],
		default: 'instance',
		description: 'Where to list videos from',
	},
	{
		displayName: 'Channel Handle',
		name: 'channelHandle',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'my_channel or my_channel@videos.example.org',
		description: 'Channel name, name@host for a remote channel, or the channel page URL',
		displayOptions: { show: { source: ['channel'] } },
	},
	{
		displayName: 'Account Name',
		name: 'accountName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'alice or alice@videos.example.org',
		description: 'Account name, name@host for a remote account, or the account page URL',
		displayOptions: { show: { source: ['account'] } },
	},
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Category Names or IDs',
				name: 'categoryOneOf',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getCategories' },
				default: [],
				description:
					'Only videos in one of these categories. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Include',
				name: 'include',
				type: 'multiOptions',
				options: VIDEO_INCLUDE_OPTIONS,
				default: [],
				description: 'Also list videos normally hidden (needs an administrator or moderator account)',
			},
			{
				displayName: 'Language Names or IDs',
				name: 'languageOneOf',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getLanguages' },
				default: [],
				description:
					'Only videos in one of these languages. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Live Only',
				name: 'isLive',
				type: 'boolean',
				default: false,
				description: 'Whether to list only live streams',
			},
			{
				displayName: 'Local Only',
				name: 'isLocal',
				type: 'boolean',
				default: false,
				description: 'Whether to list only videos published on this instance (not federated ones)',
			},
			{
				displayName: 'NSFW',
				name: 'nsfw',
				type: 'options',
				options: [
					{ name: 'Both', value: 'both' },
					{ name: 'Only NSFW', value: 'true' },
					{ name: 'Exclude NSFW', value: 'false' },
				],
				default: 'both',
				description: 'Whether to include videos marked as sensitive',
			},
			{
				displayName: 'Privacy',
				name: 'privacyOneOf',
				type: 'multiOptions',
				options: PRIVACY_OPTIONS,
				default: [],
				description: 'Only videos with one of these privacies (other than public needs an administrator or moderator account)',
			},
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				description: 'Only videos whose name matches this text',
			},
			{
				displayName: 'Sort',
				name: 'sort',
				type: 'options',
				options: VIDEO_SORT_OPTIONS,
				default: '-publishedAt',
			},
			{
				displayName: 'Tags (All Of)',
				name: 'tagsAllOf',
				type: 'string',
				default: '',
				placeholder: 'music, live',
				description: 'Comma-separated tags; only videos having all of them',
			},
			{
				displayName: 'Tags (One Of)',
				name: 'tagsOneOf',
				type: 'string',
				default: '',
				placeholder: 'music, live',
				description: 'Comma-separated tags (up to 5); only videos having at least one of them',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['getAll'] } }, properties);

function listEndpoint(this: IExecuteFunctions, i: number): { endpoint: string; notFound?: string } {
	const source = this.getNodeParameter('source', i) as string;
	if (source === 'instance') return { endpoint: '/videos' };
	if (source === 'myVideos') return { endpoint: '/users/me/videos' };
	const kind = source === 'channel' ? 'channel' : 'account';
	const parameter = kind === 'channel' ? 'channelHandle' : 'accountName';
	const value = String(this.getNodeParameter(parameter, i, '') ?? '');
	const handle = parseHandle(value, kind);
	if (!handle) {
		const field = kind === 'channel' ? 'Channel Handle' : 'Account Name';
		throw new NodeOperationError(
			this.getNode(),
			value.trim() === ''
				? `${field} is empty: enter the ${kind} name (e.g. ${kind === 'channel' ? 'my_channel' : 'alice'})`
				: `${field} "${value}" is not a ${kind} name, name@host or ${kind} page URL`,
			{ itemIndex: i },
		);
	}
	const path = kind === 'channel' ? 'video-channels' : 'accounts';
	return {
		endpoint: `/${path}/${encodeURIComponent(handle)}/videos`,
		notFound: `There is no ${kind} "${handle}" on this PeerTube instance: check ${kind === 'channel' ? 'Channel Handle' : 'Account Name'}`,
	};
}

function listQuery(this: IExecuteFunctions, i: number): IDataObject {
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const qs: IDataObject = {};
	if (filters.search) qs.search = String(filters.search);
	if (filters.sort) qs.sort = filters.sort;
	for (const key of ['categoryOneOf', 'languageOneOf', 'privacyOneOf'] as const) {
		const values = filters[key];
		if (Array.isArray(values) && values.length) qs[key] = values;
	}
	for (const key of ['tagsOneOf', 'tagsAllOf'] as const) {
		const tags = splitList(filters[key]);
		if (key === 'tagsOneOf' && tags.length > 5) {
			throw new NodeOperationError(this.getNode(), `Tags (One Of) has ${tags.length} tags: PeerTube accepts at most 5`, {
				itemIndex: i,
			});
		}
		if (tags.length) qs[key] = tags;
	}
	if (filters.isLocal === true) qs.isLocal = true;
	if (filters.isLive === true) qs.isLive = true;
	if (filters.nsfw === 'true' || filters.nsfw === 'false') qs.nsfw = filters.nsfw;
	const include = filters.include;
	if (Array.isArray(include) && include.length) {
		qs.include = include.reduce((flags: number, flag) => flags | Number(flag), 0);
	}
	return qs;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { endpoint, notFound } = listEndpoint.call(this, i);
	const qs = listQuery.call(this, i);
	const limit = readLimit.call(this, i);
	const videos = await peerTubeApiRequestAllItems.call(this, endpoint, qs, limit, {
		itemIndex: i,
		errorMessages: { 404: notFound },
	});
	return videos.map((video) => ({ json: video }));
}
