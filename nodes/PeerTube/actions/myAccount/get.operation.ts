import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { peerTubeApiRequest } from '../../transport';

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions({ show: { resource: ['myAccount'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const me = await peerTubeApiRequest.call(this, 'GET', '/users/me', { itemIndex: i });
	// what the videos already uploaded take, in bytes: in total and over the last 24 hours
	const used = await peerTubeApiRequest.call(this, 'GET', '/users/me/video-quota-used', { itemIndex: i });
	return [{ json: { ...me, videoQuotaUsed: used.videoQuotaUsed ?? null, videoQuotaUsedDaily: used.videoQuotaUsedDaily ?? null } }];
}
