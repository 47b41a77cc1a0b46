import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { videoIdProperty, videoPath } from '../../helpers/descriptions';
import { videoOutput, videoSimplifyProperty } from '../../helpers/simplify';
import { peerTubeApiRequest } from '../../transport';

const properties: INodeProperties[] = [videoIdProperty, videoSimplifyProperty('video')];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { path, notFound } = videoPath.call(this, i);
	// the details include what lists leave out: description, tags, files, comments policy…
	const video = await peerTubeApiRequest.call(this, 'GET', path, { itemIndex: i, errorMessages: { 404: notFound } });
	const [output] = await videoOutput.call(this, i, [video]);
	return [{ json: output }];
}
