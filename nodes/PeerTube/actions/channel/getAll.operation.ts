import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { readLimit, returnAllOrLimit } from '../../helpers/descriptions';
import { localHandle } from '../../helpers/locators';
import { readSimplify, simplifyChannel, simplifyProperty } from '../../helpers/simplify';
import { parseHandle } from '../../helpers/video';
import { instanceBaseUrl, peerTubeApiRequestAllItems } from '../../transport';
import { myAccountName } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		options: [
			{ name: 'My Channels', value: 'mine', description: "The credential's own channels" },
			{ name: 'Account', value: 'account', description: 'The channels of one account' },
			{ name: 'Instance', value: 'instance', description: 'Every channel the instance knows (local and followed)' },
		],
		default: 'mine',
		description: 'Whose channels to list',
	},
	{
		displayName: 'Account Name',
		name: 'accountName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. alice or alice@videos.example.org',
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
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				description: 'Only channels whose name or display name contains this text (My Channels and Account; for the instance use Search → Channels)',
			},
			{
				displayName: 'With Stats',
				name: 'withStats',
				type: 'boolean',
				default: false,
				description: 'Whether to add the view counts of the last days (My Channels and Account only)',
			},
		],
	},
	{
		// n8n's guideline: sorting in its own parameter, below the filters
		displayName: 'Sort',
		name: 'sort',
		type: 'options',
		options: [
			{ name: 'Name', value: 'name' },
			{ name: 'Newest First', value: '-createdAt' },
			{ name: 'Oldest First', value: 'createdAt' },
			{ name: 'Recently Updated First', value: '-updatedAt' },
		],
		// PeerTube's own default order for these lists
		default: '-createdAt',
		description: 'The order PeerTube lists the channels in',
	},
	simplifyProperty('channels'),
];

export const description = updateDisplayOptions({ show: { resource: ['channel'], operation: ['getAll'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const source = this.getNodeParameter('source', i) as string;
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const limit = readLimit.call(this, i);
	const qs: IDataObject = {};
	if (typeof filters.search === 'string' && filters.search.trim() !== '') {
		// PeerTube's GET /video-channels accepts `search` but ignores it: refuse rather than return everything
		if (source === 'instance') {
			throw new NodeOperationError(this.getNode(), 'Search works with Source "My Channels" or "Account" only: to search the channels of the instance, use Search → Channels', {
				itemIndex: i,
			});
		}
		qs.search = filters.search.trim();
	}
	const sort = this.getNodeParameter('sort', i, '-createdAt') as string;
	if (sort) qs.sort = sort;
	let endpoint = '/video-channels';
	let notFound: string | undefined;
	if (source !== 'instance') {
		let account: string;
		if (source === 'account') {
			const raw = String(this.getNodeParameter('accountName', i, '') ?? '');
			const handle = localHandle(parseHandle(raw, 'account'), new URL(await instanceBaseUrl.call(this)).host);
			if (!handle) {
				throw new NodeOperationError(
					this.getNode(),
					raw.trim() === '' ? 'Account Name is empty: enter the account name (e.g. alice)' : `Account Name "${raw}" is not an account name, name@host or account page URL: e.g. alice or alice@videos.example.org`,
					{ itemIndex: i },
				);
			}
			account = handle;
			notFound = `There is no account "${handle}" on this PeerTube instance: check Account Name`;
		} else {
			account = await myAccountName.call(this, i);
		}
		endpoint = `/accounts/${encodeURIComponent(account)}/video-channels`;
		if (filters.withStats === true) qs.withStats = true;
	}
	const channels = await peerTubeApiRequestAllItems.call(this, endpoint, qs, limit, {
		itemIndex: i,
		errorMessages: notFound ? { 404: notFound } : undefined,
	});
	if (!readSimplify.call(this, i)) return channels.map((channel) => ({ json: channel }));
	const base = await instanceBaseUrl.call(this);
	return channels.map((channel) => ({ json: simplifyChannel(channel, base) }));
}
