import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { peerTubeApiRequest } from '../../transport';

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions({ show: { resource: ['instance'], operation: ['getStats'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	// PeerTube caches these for a few minutes: counts of users, videos, comments, channels, follows…
	const stats = await peerTubeApiRequest.call(this, 'GET', '/server/stats', { itemIndex: i });
	return [{ json: stats }];
}
