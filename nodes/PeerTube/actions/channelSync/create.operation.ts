import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { channelLocator, resolveChannelId } from '../../helpers/locators';
import { peerTubeApiRequest } from '../../transport';
import { failer } from '../channel/common';
import { SYNC_DISABLED, withForbiddenMessage } from './common';

const properties: INodeProperties[] = [
	channelLocator({ description: 'Your channel that receives the videos: pick it, paste its page URL, or give its handle or ID' }),
	{
		displayName: 'External Channel URL',
		name: 'externalChannelUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://www.youtube.com/@my_channel',
		description: 'The channel to mirror (any site PeerTube\'s importer, yt-dlp, supports)',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['channelSync'], operation: ['create'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const fail = failer(this, i);
	const externalChannelUrl = String(this.getNodeParameter('externalChannelUrl', i, '')).trim();
	if (externalChannelUrl === '') fail('External Channel URL is empty: give the URL of the channel to mirror');
	let url: URL | undefined;
	try {
		url = new URL(externalChannelUrl);
	} catch {
		url = undefined;
	}
	if (!url || !/^https?:$/.test(url.protocol)) fail(`External Channel URL "${externalChannelUrl}" is not an http(s) URL: give the full address, e.g. https://www.youtube.com/@my_channel`);
	const videoChannelId = await resolveChannelId.call(this, i);
	const answer: IDataObject = await withForbiddenMessage.call(
		this,
		i,
		peerTubeApiRequest.call(this, 'POST', '/video-channel-syncs', {
			body: { externalChannelUrl, videoChannelId },
			itemIndex: i,
			errorMessages: { 404: `There is no channel with ID ${videoChannelId} on this PeerTube instance: check Channel` },
		}),
		/synchronization is not enabled/i,
		SYNC_DISABLED,
	);
	return [{ json: (answer.videoChannelSync ?? answer) as INodeExecutionData['json'] }];
}
