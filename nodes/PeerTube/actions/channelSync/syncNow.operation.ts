import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { peerTubeApiRequest } from '../../transport';
import { HTTP_IMPORT_DISABLED, listMySyncs, readSyncId, syncIdProperty, withForbiddenMessage } from './common';

const properties: INodeProperties[] = [syncIdProperty];

export const description = updateDisplayOptions({ show: { resource: ['channelSync'], operation: ['syncNow'] } }, properties);

/**
 * PeerTube has no "sync now" route for a sync (OpenAPI 7's /video-channel-syncs/{id}/sync is not
 * implemented): its web client imports the external channel into the sync's channel with
 * `POST /video-channels/{handle}/import-videos`, naming the sync so the imports are counted to it.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = readSyncId.call(this, i);
	const syncs = await listMySyncs.call(this, i, undefined);
	const sync = syncs.find((candidate) => Number(candidate.id) === id);
	if (!sync) {
		throw new NodeOperationError(this.getNode(), `Channel sync ${id} is not one of your channel syncs: check Channel Sync ID (Channel Sync → Get Many lists them)`, {
			itemIndex: i,
		});
	}
	const channel = (sync.channel ?? {}) as IDataObject;
	const handle = String(channel.name ?? '');
	const externalChannelUrl = String(sync.externalChannelUrl ?? '');
	if (!handle) {
		throw new NodeOperationError(this.getNode(), `Channel sync ${id} has no channel any more: delete it and create a new one`, { itemIndex: i });
	}
	await withForbiddenMessage.call(
		this,
		i,
		peerTubeApiRequest.call(this, 'POST', `/video-channels/${encodeURIComponent(handle)}/import-videos`, {
			body: { externalChannelUrl, videoChannelSyncId: id },
			itemIndex: i,
			errorMessages: {
				413: `The owner of channel "${handle}" has no video quota left: PeerTube imports nothing until quota is freed or raised`,
			},
		}),
		/video upload via HTTP is not enabled/i,
		HTTP_IMPORT_DISABLED,
	);
	return [{ json: { id, channel: handle, externalChannelUrl, importStarted: true } }];
}
