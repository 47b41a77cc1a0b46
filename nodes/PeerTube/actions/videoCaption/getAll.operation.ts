import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readLimit, returnAllOrLimit, videoIdProperty, videoPath } from '../../helpers/descriptions';
import { peerTubeApiRequest } from '../../transport';

const properties: INodeProperties[] = [videoIdProperty, ...returnAllOrLimit];

export const description = updateDisplayOptions({ show: { resource: ['videoCaption'], operation: ['getAll'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { path, notFound } = videoPath.call(this, i);
	const limit = readLimit.call(this, i);
	// PeerTube returns all captions of a video in one answer (the route has no paging)
	const page = await peerTubeApiRequest.call(this, 'GET', `${path}/captions`, { itemIndex: i, errorMessages: { 404: notFound } });
	const captions = Array.isArray(page.data) ? (page.data as IDataObject[]) : [];
	return (limit === undefined ? captions : captions.slice(0, limit)).map((caption) => ({ json: caption }));
}
