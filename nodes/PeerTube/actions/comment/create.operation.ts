import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { videoIdProperty, videoPath } from '../../helpers/descriptions';
import { peerTubeApiRequest } from '../../transport';
import { COMMENTS_DISABLED, commentTextProperty, readCommentText } from './shared';

const properties: INodeProperties[] = [videoIdProperty, commentTextProperty];

export const description = updateDisplayOptions({ show: { resource: ['comment'], operation: ['create'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { path, notFound } = videoPath.call(this, i);
	const text = readCommentText.call(this, i);
	const answer = await peerTubeApiRequest.call(this, 'POST', `${path}/comment-threads`, {
		body: { text },
		itemIndex: i,
		errorMessages: { 404: notFound, 409: COMMENTS_DISABLED },
	});
	return [{ json: (answer.comment ?? answer) as INodeExecutionData['json'] }];
}
