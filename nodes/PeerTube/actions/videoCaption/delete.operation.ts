import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { videoIdProperty, videoPath } from '../../helpers/descriptions';
import { peerTubeApiRequest } from '../../transport';
import { languageProperty, readLanguage } from './shared';

const properties: INodeProperties[] = [videoIdProperty, languageProperty];

export const description = updateDisplayOptions({ show: { resource: ['videoCaption'], operation: ['delete'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { path, id } = videoPath.call(this, i);
	const language = readLanguage.call(this, i);
	await peerTubeApiRequest.call(this, 'DELETE', `${path}/captions/${encodeURIComponent(language)}`, {
		itemIndex: i,
		errorMessages: {
			// PeerTube says "Video not found" or "Video caption not found": the transport appends its detail
			404: `PeerTube found no "${language}" caption on video "${id}": check Video and Language (Get Many lists the video's captions)`,
			403: "PeerTube refused to delete the caption: the credential's account does not own this video (and is not a moderator): use a credential of the video's owner or of a moderator",
		},
	});
	return [{ json: { deleted: true, id: language, videoId: /^\d+$/.test(id) ? Number(id) : id } }];
}
