import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { videoIdProperty } from '../../helpers/descriptions';
import { parseVideoId } from '../../helpers/video';
import { peerTubeApiRequest } from '../../transport';

const properties: INodeProperties[] = [videoIdProperty];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['get'] } }, properties);

/** The `/videos/{id}` path for what the user gave, or a clear error naming the Video field. */
export function videoPath(this: IExecuteFunctions, i: number): { path: string; notFound: string } {
	const raw = String(this.getNodeParameter('videoId', i) ?? '');
	const id = parseVideoId(raw);
	if (!id) {
		throw new NodeOperationError(
			this.getNode(),
			raw.trim() === ''
				? 'Video is empty: enter the numeric ID, UUID, short UUID or watch page URL of the video'
				: `Video "${raw}" is not a video ID, UUID, short UUID or watch page URL`,
			{ itemIndex: i },
		);
	}
	return { path: `/videos/${encodeURIComponent(id)}`, notFound: `There is no video "${raw}" on this PeerTube instance: check Video` };
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { path, notFound } = videoPath.call(this, i);
	// the details include what lists leave out: description, tags, files, comments policy…
	const video = await peerTubeApiRequest.call(this, 'GET', path, { itemIndex: i, errorMessages: { 404: notFound } });
	return [{ json: video }];
}
