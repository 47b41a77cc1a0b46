import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { channelLocator } from '../../helpers/locators';
import { readSimplify, simplifyProperty } from '../../helpers/simplify';
import { peerTubeApiRequest } from '../../transport';
import { failer } from '../channel/common';
import { PLAYLIST_PRIVACY_OPTIONS, hasChannel, optionalChannelId, playlistFields, playlistRequestBody, privacyName, readPlaylist, readThumbnail } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'Display Name',
		name: 'displayName',
		type: 'string',
		required: true,
		default: '',
		description: 'The playlist name (1 to 120 characters)',
	},
	{
		displayName: 'Privacy',
		name: 'privacy',
		type: 'options',
		options: PLAYLIST_PRIVACY_OPTIONS,
		default: 3,
		description: 'Who can see the playlist. Public and Unlisted playlists must belong to a channel.',
	},
	channelLocator({
		name: 'channel',
		required: false,
		description: 'The channel the playlist belongs to (required for Public and Unlisted): pick one of yours, or give its handle or ID',
	}),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				typeOptions: { rows: 4 },
				default: '',
				description: 'Playlist description (3 to 1000 characters)',
			},
			{
				displayName: 'Thumbnail Binary Field',
				name: 'thumbnailBinaryProperty',
				type: 'string',
				default: 'data',
				description: 'Name of the input binary field holding the thumbnail (JPEG)',
			},
		],
	},
	simplifyProperty('playlist'),
];

export const description = updateDisplayOptions({ show: { resource: ['playlist'], operation: ['create'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const fail = failer(this, i);
	const { thumbnailBinaryProperty, ...additional } = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const body = playlistFields(
		{ ...additional, displayName: this.getNodeParameter('displayName', i, ''), privacy: this.getNodeParameter('privacy', i, 3) },
		fail,
	);
	const privacy = body.privacy as number;
	if ((privacy === 1 || privacy === 2) && !hasChannel.call(this, i, 'channel')) {
		fail(`A ${privacyName(privacy)} playlist must belong to a channel: choose Channel, or set Privacy to Private`);
	}
	const thumbnail = thumbnailBinaryProperty === undefined ? undefined : await readThumbnail.call(this, i, String(thumbnailBinaryProperty), fail);
	const channelId = await optionalChannelId.call(this, i, 'channel');
	if (channelId !== undefined) body.videoChannelId = channelId;
	const answer = await peerTubeApiRequest.call(this, 'POST', '/video-playlists', {
		...playlistRequestBody(body, thumbnail),
		itemIndex: i,
	});
	const created = (answer.videoPlaylist ?? {}) as IDataObject;
	const id = String(created.uuid ?? created.id);
	const path = `/video-playlists/${encodeURIComponent(id)}`;
	return [{ json: await readPlaylist.call(this, i, path, `The new playlist ${id} could not be read back`, readSimplify.call(this, i)) }];
}
