import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { videoIdProperty, videoPath } from '../../helpers/descriptions';
import { peerTubeApiRequest } from '../../transport';

const properties: INodeProperties[] = [videoIdProperty];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['delete'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { path, notFound, id } = videoPath.call(this, i);
	// PeerTube answers 204 with no body
	await peerTubeApiRequest.call(this, 'DELETE', path, {
		itemIndex: i,
		errorMessages: {
			404: notFound,
			403: "PeerTube refused to delete this video: the credential's account does not own it and has no right to remove other users' videos (administrators and moderators have it)",
		},
	});
	return [{ json: { deleted: true, id: /^\d+$/.test(id) ? Number(id) : id } }];
}
