import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { videoIdProperty, videoPath } from '../../helpers/descriptions';
import { peerTubeApiRequest } from '../../transport';

const RATINGS = ['like', 'dislike', 'none'];

const properties: INodeProperties[] = [
	videoIdProperty,
	{
		displayName: 'Rating',
		name: 'rating',
		type: 'options',
		options: [
			{ name: 'Like', value: 'like' },
			{ name: 'Dislike', value: 'dislike' },
			{ name: 'None', value: 'none', description: 'Remove your like or dislike' },
		],
		default: 'like',
		description: 'Your rating of the video, as the credential\'s account',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['rate'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { path, notFound } = videoPath.call(this, i);
	const id = decodeURIComponent(path.slice('/videos/'.length));
	const rating = this.getNodeParameter('rating', i) as string;
	if (!RATINGS.includes(rating)) {
		throw new NodeOperationError(this.getNode(), `Rating "${rating}" is unknown: use like, dislike or none`, { itemIndex: i });
	}
	await peerTubeApiRequest.call(this, 'PUT', `${path}/rate`, { body: { rating }, itemIndex: i, errorMessages: { 404: notFound } });
	return [{ json: { rated: true, id, rating } }];
}
