import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { videoIdProperty, videoPath } from '../../helpers/descriptions';
import { peerTubeApiRequest } from '../../transport';
import { readCommentId } from './shared';

const properties: INodeProperties[] = [
	videoIdProperty,
	{
		displayName: 'Thread ID',
		name: 'threadId',
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { minValue: 1, numberPrecision: 0 },
		description: 'ID of the thread\'s first comment (the `threadId` of any comment in it)',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['comment'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { path } = videoPath.call(this, i);
	const threadId = readCommentId.call(this, i, 'threadId', 'Thread ID');
	// `{ comment, children: [{ comment, children }] }`: the whole tree of replies
	const tree = await peerTubeApiRequest.call(this, 'GET', `${path}/comment-threads/${threadId}`, {
		itemIndex: i,
		errorMessages: {
			404: `There is no comment thread ${threadId} on this video, or no such video: check Video and Thread ID`,
			400: `Comment ${threadId} is not the start of a thread of this video: use the threadId of the comment, on the video it belongs to`,
		},
	});
	return [{ json: tree }];
}
