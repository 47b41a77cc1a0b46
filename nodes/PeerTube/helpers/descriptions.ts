import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseVideoId } from './video';

export const videoIdProperty: INodeProperties = {
	displayName: 'Video',
	name: 'videoId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'https://videos.example.org/w/9c9de5e8-0a1e-484a-b099-e80766180a6d',
	description: 'Numeric ID, UUID, short UUID or watch page URL of the video',
};

/** The `/videos/{id}` path for what the user gave, or a clear error naming the Video field. */
export function videoPath(this: IExecuteFunctions, i: number): { path: string; notFound: string } {
	const raw = String(this.getNodeParameter('videoId', i) ?? '');
	const id = parseVideoId(raw);
	if (!id) {
		throw new NodeOperationError(
			this.getNode(),
			raw.trim() === ''
				? 'Video is empty: enter the numeric ID, UUID, short UUID or watch page URL of the video'
				: `Video "${raw}" is not a video ID, UUID, short UUID or watch page URL`,
			{ itemIndex: i },
		);
	}
	return { path: `/videos/${encodeURIComponent(id)}`, notFound: `There is no video "${raw}" on this PeerTube instance: check Video` };
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
