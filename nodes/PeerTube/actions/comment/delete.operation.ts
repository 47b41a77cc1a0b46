import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { videoIdProperty, videoPath } from '../../helpers/descriptions';
import { peerTubeApiRequest } from '../../transport';
import { commentIdProperty, readCommentId } from './shared';

const properties: INodeProperties[] = [videoIdProperty, commentIdProperty('Comment ID', 'ID of the comment to delete')];

export const description = updateDisplayOptions({ show: { resource: ['comment'], operation: ['delete'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { path } = videoPath.call(this, i);
	const commentId = readCommentId.call(this, i);
	await peerTubeApiRequest.call(this, 'DELETE', `${path}/comments/${commentId}`, {
		itemIndex: i,
		errorMessages: {
			403: `Comment ${commentId} can only be deleted by its author, the video's owner or a moderator: use one of their credentials`,
			404: `There is no comment ${commentId} on this video, or no such video: check Video and Comment ID`,
			409: `Comment ${commentId} is already deleted`,
		},
	});
	return [{ json: { deleted: true, id: commentId } }];
}
