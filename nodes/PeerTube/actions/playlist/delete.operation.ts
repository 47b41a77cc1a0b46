import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { playlistLocator, playlistPath, readPlaylistId } from '../../helpers/locators';
import { peerTubeApiRequest } from '../../transport';
import { NOT_YOURS } from './common';

const properties: INodeProperties[] = [playlistLocator()];

export const description = updateDisplayOptions({ show: { resource: ['playlist'], operation: ['delete'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { path, notFound } = playlistPath.call(this, i);
	await peerTubeApiRequest.call(this, 'DELETE', path, { itemIndex: i, errorMessages: { 404: notFound, 403: NOT_YOURS } });
	return [{ json: { deleted: true, id: readPlaylistId.call(this, i) } }];
}
