import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { videoIdProperty, videoPath } from '../../helpers/descriptions';
import { peerTubeApiRequest } from '../../transport';
import { requireVersion } from '../../transport/version';
import { commentIdProperty, readCommentId } from './shared';

const properties: INodeProperties[] = [
	videoIdProperty,
	commentIdProperty('Comment ID', 'ID of the comment held for review (video with the Requires Approval comments policy)'),
];

export const description = updateDisplayOptions({ show: { resource: ['comment'], operation: ['approve'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { path } = videoPath.call(this, i);
	const commentId = readCommentId.call(this, i);
	// PeerTube before 6.2 has no approval route: its catch-all would answer a bare 400
	await requireVersion.call(this, [6, 2, 0], 'Comment approval', i);
	await peerTubeApiRequest.call(this, 'POST', `${path}/comments/${commentId}/approve`, {
		itemIndex: i,
		errorMessages: {
			403: `Comment ${commentId} can only be approved by the video's owner or a moderator: use one of their credentials`,
			404: `There is no comment ${commentId} on this video, or no such video: check Video and Comment ID`,
			409: `Comment ${commentId} is deleted: there is nothing left to approve`,
		},
	});
	return [{ json: { approved: true, id: commentId } }];
}
