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
		description: 'The channel as name@host',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['myAccount'], operation: ['unsubscribe'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const uri = readChannelHandle.call(this, i);
	await peerTubeApiRequest.call(this, 'DELETE', `/users/me/subscriptions/${encodeURIComponent(uri)}`, {
		itemIndex: i,
		errorMessages: { 404: `The account is not subscribed to ${uri}: check Channel Handle (Get Subscriptions lists them)` },
	});
	return [{ json: { unsubscribed: true, uri } }];
}
