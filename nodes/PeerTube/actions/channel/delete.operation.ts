import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { channelLocator, resolveChannelHandle } from '../../helpers/locators';
import { peerTubeApiRequest } from '../../transport';
import { NOT_YOURS, notFoundMessage } from './common';

const properties: INodeProperties[] = [
	channelLocator({ description: 'The channel to delete, with all its videos and playlists: pick it, paste its page URL, or give its handle' }),
];

export const description = updateDisplayOptions({ show: { resource: ['channel'], operation: ['delete'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const handle = await resolveChannelHandle.call(this, i);
	await peerTubeApiRequest.call(this, 'DELETE', `/video-channels/${encodeURIComponent(handle)}`, {
		itemIndex: i,
		errorMessages: {
			404: notFoundMessage(handle),
			403: NOT_YOURS,
			409: `Channel "${handle}" is the last channel of its account, and PeerTube keeps at least one: create another channel first`,
		},
	});
	return [{ json: { deleted: true, id: handle } }];
}
