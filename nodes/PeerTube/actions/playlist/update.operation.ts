import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { channelLocator, playlistLocator, playlistPath } from '../../helpers/locators';
import { readSimplify, simplifyProperty } from '../../helpers/simplify';
import { peerTubeApiRequest } from '../../transport';
import { failer } from '../channel/common';
import { NOT_YOURS, PLAYLIST_PRIVACY_OPTIONS, optionalChannelId, playlistFields, playlistRequestBody, readPlaylist, readThumbnail } from './common';

const properties: INodeProperties[] = [
	playlistLocator(),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here are sent; everything else stays as it is',
		options: [
			{
				...channelLocator({ name: 'channel', required: false, description: 'Move the playlist to another of your channels' }),
			},
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				typeOptions: { rows: 4 },
				default: '',
				description: 'Playlist description (3 to 1000 characters)',
			},
			{
				displayName: 'Display Name',
				name: 'displayName',
				type: 'string',
				default: '',
				description: 'The playlist name (1 to 120 characters)',
			},
			{
				displayName: 'Privacy',
				name: 'privacy',
				type: 'options',
				options: PLAYLIST_PRIVACY_OPTIONS,
				default: 3,
				description: 'Who can see the playlist. A Public playlist must belong to a channel.',
			},
			{
				displayName: 'Thumbnail Binary Field',
				name: 'thumbnailBinaryProperty',
				type: 'string',
				default: 'data',
				description: 'Name of the input binary field holding the new thumbnail (JPEG)',
			},
		],
	},
	simplifyProperty('playlist'),
];

export const description = updateDisplayOptions({ show: { resource: ['playlist'], operation: ['update'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const fail = failer(this, i);
	const { path, notFound } = playlistPath.call(this, i);
	const fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
	const { thumbnailBinaryProperty, channel, ...values } = fields;
	const body = playlistFields(values, fail);
	const thumbnail = thumbnailBinaryProperty === undefined ? undefined : await readThumbnail.call(this, i, String(thumbnailBinaryProperty), fail);
	if (channel !== undefined) {
		const channelId = await optionalChannelId.call(this, i, 'updateFields.channel');
		if (channelId === undefined) fail('Channel is empty: pick a channel, or remove the Channel field');
		body.videoChannelId = channelId;
	}
	if (Object.keys(body).length === 0 && !thumbnail) fail('Update Fields is empty: add at least one field to change');
	await peerTubeApiRequest.call(this, 'PUT', path, {
		...playlistRequestBody(body, thumbnail),
		itemIndex: i,
		errorMessages: { 404: notFound, 403: NOT_YOURS },
	});
	return [{ json: await readPlaylist.call(this, i, path, notFound, readSimplify.call(this, i)) }];
}
