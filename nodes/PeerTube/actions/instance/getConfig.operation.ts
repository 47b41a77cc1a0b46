import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { peerTubeApiRequest } from '../../transport';

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions({ show: { resource: ['instance'], operation: ['getConfig'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	// serverVersion, signup, transcoding, import, video limits, user quota defaults, search settings…
	const config = await peerTubeApiRequest.call(this, 'GET', '/config', { itemIndex: i });
	return [{ json: config }];
}
