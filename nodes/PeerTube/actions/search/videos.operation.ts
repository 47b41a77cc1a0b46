import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../helpers/descriptions';
import { dateParameter } from '../../helpers/video';
import { simplifyProperty, simplifyVideo } from '../../helpers/simplify';
import { listParameter, readHost, readUuids, runSearch, searchTargetProperty, searchTermProperty } from './shared';

const properties: INodeProperties[] = [
	searchTermProperty,
	searchTargetProperty,
	{
		displayName: 'Sort',
		name: 'sort',
		type: 'options',
		options: [
			{ name: 'Best Match', value: '-match' },
			{ name: 'Longest First', value: '-duration' },
			{ name: 'Most Liked', value: '-likes' },
			{ name: 'Most Viewed', value: '-views' },
			{ name: 'Name', value: 'name' },
			{ name: 'Newest Published First', value: '-publishedAt' },
			{ name: 'Oldest Published First', value: 'publishedAt' },
		],
		default: '-match',
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
			{ displayName: 'Duration Max (Seconds)', name: 'durationMax', type: 'number', typeOptions: { minValue: 0 }, default: 0 },
			{ displayName: 'Duration Min (Seconds)', name: 'durationMin', type: 'number', typeOptions: { minValue: 0 }, default: 0 },
			{ displayName: 'Host', name: 'host', type: 'string', default: '', placeholder: 'e.g. video.blender.org', description: 'Only videos published on this instance' },
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
				displayName: 'Licence Names or IDs',
				name: 'licenceOneOf',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getLicences' },
				default: [],
				description:
					'Only videos under one of these licences. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Live',
				name: 'isLive',
				type: 'options',
				options: [
					{ name: 'Both', value: '' },
					{ name: 'Live Only', value: 'true' },
					{ name: 'No Live', value: 'false' },
				],
				default: '',
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
				description: 'Which videos to list by their sensitive-content (NSFW) mark',
			},
			{ displayName: 'Originally Published After', name: 'originallyPublishedStartDate', type: 'dateTime', default: '' },
			{ displayName: 'Originally Published Before', name: 'originallyPublishedEndDate', type: 'dateTime', default: '' },
			{ displayName: 'Published After', name: 'startDate', type: 'dateTime', default: '' },
			{ displayName: 'Published Before', name: 'endDate', type: 'dateTime', default: '' },
			{
				displayName: 'Tags (All Of)',
				name: 'tagsAllOf',
				type: 'string',
				default: '',
				placeholder: 'e.g. music, live',
				description: 'Comma-separated tags; only videos having all of them',
			},
			{
				displayName: 'Tags (One Of)',
				name: 'tagsOneOf',
				type: 'string',
				default: '',
				placeholder: 'e.g. music, live',
				description: 'Comma-separated tags; only videos having at least one of them',
			},
			{
				displayName: 'UUIDs',
				name: 'uuids',
				type: 'string',
				default: '',
				description: 'Comma-separated UUIDs (up to 100); only these videos',
			},
		],
	},
	simplifyProperty('videos'),
];

export const description = updateDisplayOptions({ show: { resource: ['search'], operation: ['videos'] } }, properties);


function wholeSeconds(this: IExecuteFunctions, i: number, label: string, value: unknown): number | undefined {
	if (value === undefined || value === null || value === '' || value === 0) return undefined;
	const n = Number(value);
	if (!Number.isInteger(n) || n < 0) {
		throw new NodeOperationError(this.getNode(), `${label} must be a whole number of seconds (got ${String(value)})`, { itemIndex: i });
	}
	return n;
}

export function buildVideoSearchQuery(this: IExecuteFunctions, i: number): IDataObject {
	const search = String(this.getNodeParameter('search', i, '') ?? '').trim();
	const sort = this.getNodeParameter('sort', i, '-match') as string;
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const qs: IDataObject = { sort };
	if (search) qs.search = search;
	const dates: Array<[string, string]> = [
		['startDate', 'Published After'],
		['endDate', 'Published Before'],
		['originallyPublishedStartDate', 'Originally Published After'],
		['originallyPublishedEndDate', 'Originally Published Before'],
	];
	for (const [name, label] of dates) {
		const value = dateParameter(this, i, label, filters[name]);
		if (value) qs[name] = value;
	}
	const durationMin = wholeSeconds.call(this, i, 'Duration Min', filters.durationMin);
	const durationMax = wholeSeconds.call(this, i, 'Duration Max', filters.durationMax);
	if (durationMin !== undefined && durationMax !== undefined && durationMin > durationMax) {
		throw new NodeOperationError(this.getNode(), `Duration Min (${durationMin} s) is more than Duration Max (${durationMax} s): swap them`, { itemIndex: i });
	}
	if (durationMin !== undefined) qs.durationMin = durationMin;
	if (durationMax !== undefined) qs.durationMax = durationMax;
	for (const name of ['categoryOneOf', 'licenceOneOf', 'languageOneOf']) {
		const values = listParameter(filters[name]);
		if (values.length) qs[name] = values;
	}
	for (const name of ['tagsOneOf', 'tagsAllOf']) {
		const values = listParameter(filters[name]);
		if (values.length) qs[name] = values;
	}
	if (filters.isLive === 'true' || filters.isLive === 'false') qs.isLive = filters.isLive;
	if (filters.nsfw === 'true' || filters.nsfw === 'false' || filters.nsfw === 'both') qs.nsfw = filters.nsfw;
	const host = readHost.call(this, i, filters.host);
	if (host) qs.host = host;
	const uuids = readUuids.call(this, i, filters.uuids);
	if (uuids) qs.uuids = uuids;
	return qs;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const qs = buildVideoSearchQuery.call(this, i);
	const videos = await runSearch.call(this, i, '/search/videos', qs, simplifyVideo);
	return videos.map((video) => ({ json: video }));
}
