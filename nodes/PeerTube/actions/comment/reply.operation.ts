import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { videoIdProperty, videoPath } from '../../helpers/descriptions';
import { peerTubeApiRequest } from '../../transport';
import { COMMENTS_DISABLED, commentIdProperty, commentTextProperty, readCommentId, readCommentText } from './shared';

const properties: INodeProperties[] = [
	videoIdProperty,
	commentIdProperty('Comment ID', 'ID of the comment to answer: a thread\'s first comment or any reply in it'),
	commentTextProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['comment'], operation: ['reply'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { path } = videoPath.call(this, i);
	const commentId = readCommentId.call(this, i);
	const text = readCommentText.call(this, i);
	const answer = await peerTubeApiRequest.call(this, 'POST', `${path}/comments/${commentId}`, {
		body: { text },
		itemIndex: i,
		errorMessages: {
			404: `There is no comment ${commentId} on this video, or no such video: check Video and Comment ID`,
			409: COMMENTS_DISABLED,
		},
	});
	return [{ json: (answer.comment ?? answer) as INodeExecutionData['json'] }];
}
