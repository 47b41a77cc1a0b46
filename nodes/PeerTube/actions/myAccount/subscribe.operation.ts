import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { peerTubeApiRequest } from '../../transport';
import { readChannelHandle } from './shared';

const properties: INodeProperties[] = [
	{
		displayName: 'Channel Handle',
		name: 'channelHandle',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. blender_channel@video.blender.org',
		description: 'The channel as name@host, on this instance or another one',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['myAccount'], operation: ['subscribe'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const uri = readChannelHandle.call(this, i);
	// PeerTube answers at once and follows the channel in a background job
	await peerTubeApiRequest.call(this, 'POST', '/users/me/subscriptions', { body: { uri }, itemIndex: i });
	return [{ json: { subscribed: true, uri } }];
}
