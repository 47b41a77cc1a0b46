import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseVideoId } from './video';

// What the By ID mode accepts: a numeric id, a UUID, or a short UUID (base58, 20–22 characters)
const VIDEO_ID_REGEX = '(?:[1-9][0-9]*|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[1-9A-HJ-NP-Za-km-z]{20,22})';
// What the By URL mode accepts: a watch page (`/w/…`, `/videos/watch/…`) or an embed URL (`/videos/embed/…`)
const VIDEO_URL_REGEX = 'https?://[^/\\s]+/(?:w|videos/watch|videos/embed|video/watch)/[^/?#\\s]+/?(?:[?#]\\S*)?';

/**
 * Node versions 2 and later, for what version 2 added: the Video resource locator, and Simplify and
 * a separate Sort on the Video operations (version 1 workflows keep what was released).
 */
export const SINCE_VERSION_2 = { _cnd: { gte: 2 } };

/** Node versions that show the Video field as a resource locator (version 1 has a plain text field). */
export const LOCATOR_VERSIONS = SINCE_VERSION_2;

/**
 * The Video field: a resource locator (From List, By URL, By ID) from node version 2 on. Version 1
 * workflows keep their plain text field: see `withVersion1VideoFields`.
 */
export const videoIdProperty: INodeProperties = {
	displayName: 'Video',
	name: 'videoId',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'list', value: '' },
	description: 'The video: pick one of your videos, paste its watch or embed URL, or give its ID',
	displayOptions: { show: { '@version': [LOCATOR_VERSIONS] } },
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select one of your videos...',
			typeOptions: { searchListMethod: 'searchVideos', searchable: true, searchFilterRequired: false },
		},
		{
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder: 'e.g. https://videos.example.org/w/9c9de5e8-0a1e-484a-b099-e80766180a6d',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: VIDEO_URL_REGEX,
						errorMessage: 'Not a PeerTube video URL: use a watch page (…/w/…, …/videos/watch/…) or embed (…/videos/embed/…) address',
					},
				},
			],
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 9c9de5e8-0a1e-484a-b099-e80766180a6d',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: VIDEO_ID_REGEX,
						errorMessage: 'Not a video ID: use the numeric ID, the UUID or the short UUID of the video',
					},
				},
			],
		},
	],
};

/** Version 1's Video field (plain text), kept so that workflows saved with version 1 run unchanged. */
export const videoIdPropertyV1: INodeProperties = {
	displayName: 'Video',
	name: 'videoId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. https://videos.example.org/w/9c9de5e8-0a1e-484a-b099-e80766180a6d',
	description: 'Numeric ID, UUID, short UUID or watch page URL of the video',
};

/**
 * Puts version 1's plain text Video field before every Video resource locator of the node, with
 * the same display conditions plus `@version: [1]`. Every operation that uses `videoIdProperty`
 * thereby keeps working for workflows saved with version 1, without each operation repeating it.
 */
export function withVersion1VideoFields(properties: INodeProperties[]): INodeProperties[] {
	const result: INodeProperties[] = [];
	for (const property of properties) {
		if (property.name === 'videoId' && property.type === 'resourceLocator') {
			const show: IDataObject = { ...(property.displayOptions?.show ?? {}), '@version': [1] };
			result.push({
				...videoIdPropertyV1,
				displayOptions: { ...property.displayOptions, show: show as NonNullable<INodeProperties['displayOptions']>['show'] },
			});
		}
		result.push(property);
	}
	return result;
}

/** What the user gave in the Video field, as text, whichever the node version and locator mode. */
function videoFieldValue(this: IExecuteFunctions, i: number): { raw: string; mode: string } {
	const value = this.getNodeParameter('videoId', i, '') as unknown;
	if (value !== null && typeof value === 'object' && '__rl' in (value as IDataObject)) {
		const locator = value as { mode?: string; value?: unknown };
		return { raw: String(locator.value ?? '').trim(), mode: String(locator.mode ?? '') };
	}
	return { raw: String(value ?? '').trim(), mode: 'text' };
}

/** The `/videos/{id}` path for what the user gave, or a clear error naming the Video field. */
export function videoPath(this: IExecuteFunctions, i: number): { path: string; notFound: string; id: string } {
	const { raw, mode } = videoFieldValue.call(this, i);
	const id = parseVideoId(raw);
	if (!id) {
		let message: string;
		if (raw === '') message = mode === 'list' ? 'Video is empty: pick one of your videos in the list, or switch the field to By URL or By ID' : 'Video is empty: enter the numeric ID, UUID, short UUID or watch page URL of the video';
		else if (mode === 'url') message = `Video URL "${raw}" is not a PeerTube watch page (…/w/…, …/videos/watch/…) or embed (…/videos/embed/…) URL`;
		else if (mode === 'id') message = `Video ID "${raw}" is not a numeric ID, UUID or short UUID`;
		else message = `Video "${raw}" is not a video ID, UUID, short UUID or watch page URL`;
		throw new NodeOperationError(this.getNode(), message, { itemIndex: i });
	}
	return { path: `/videos/${encodeURIComponent(id)}`, notFound: `There is no video "${raw}" on this PeerTube instance: check Video`, id };
}

/** The Return All / Limit pair every list operation shows. */
export const returnAllOrLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/** `undefined` for Return All, else the Limit, checked (an expression can bypass the editor's minimum). */
export function readLimit(this: IExecuteFunctions, i: number): number | undefined {
	if (this.getNodeParameter('returnAll', i) as boolean) return undefined;
	const limit = this.getNodeParameter('limit', i) as number;
	if (!Number.isInteger(limit) || limit < 1) {
		throw new NodeOperationError(this.getNode(), `Limit must be a whole number of at least 1 (got ${limit})`, { itemIndex: i });
	}
	return limit;
}
