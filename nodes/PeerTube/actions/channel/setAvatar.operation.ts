import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { imageProperties, setImage } from './image';

export const description = updateDisplayOptions({ show: { resource: ['channel'], operation: ['setAvatar'] } }, imageProperties('avatar'));

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	return await setImage.call(this, i, 'avatar');
}
