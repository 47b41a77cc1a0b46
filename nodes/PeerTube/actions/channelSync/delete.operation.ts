import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { peerTubeApiRequest } from '../../transport';
import { readSyncId, syncIdProperty } from './common';

const properties: INodeProperties[] = [syncIdProperty];

export const description = updateDisplayOptions({ show: { resource: ['channelSync'], operation: ['delete'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = readSyncId.call(this, i);
	await peerTubeApiRequest.call(this, 'DELETE', `/video-channel-syncs/${id}`, {
		itemIndex: i,
		errorMessages: {
			404: `There is no channel sync ${id} on this PeerTube instance: check Channel Sync ID`,
			403: `PeerTube refused: channel sync ${id} belongs to a channel the credential's account does not manage. Use a credential of the channel's owner`,
		},
	});
	return [{ json: { deleted: true, id } }];
}
