import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { peerTubeApiRequest } from '../../transport';

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions({ show: { resource: ['instance'], operation: ['getAbout'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	// name, descriptions, terms, code of conduct, moderation information, languages, categories…
	const about = await peerTubeApiRequest.call(this, 'GET', '/config/about', { itemIndex: i });
	return [{ json: about }];
}
