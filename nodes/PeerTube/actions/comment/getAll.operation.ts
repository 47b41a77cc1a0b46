import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readLimit, returnAllOrLimit, videoIdProperty, videoPath } from '../../helpers/descriptions';
import { peerTubeApiRequestAllItems } from '../../transport';

const properties: INodeProperties[] = [
	videoIdProperty,
	{
		displayName: 'Sort',
		name: 'sort',
		type: 'options',
		options: [
			{ name: 'Newest First', value: '-createdAt' },
			{ name: 'Oldest First', value: 'createdAt' },
			{ name: 'Most Replies First', value: '-totalReplies' },
		],
		default: '-createdAt',
	},
	...returnAllOrLimit,
];

export const description = updateDisplayOptions({ show: { resource: ['comment'], operation: ['getAll'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { path, notFound } = videoPath.call(this, i);
	const sort = this.getNodeParameter('sort', i, '-createdAt') as string;
	const limit = readLimit.call(this, i);
	// a video with comments disabled answers an empty list, as PeerTube does
	const threads = await peerTubeApiRequestAllItems.call(this, `${path}/comment-threads`, { sort }, limit, {
		itemIndex: i,
		errorMessages: { 404: notFound },
	});
	return threads.map((thread) => ({ json: thread }));
}
