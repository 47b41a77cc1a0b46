import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readSimplify, simplifyProperty } from '../../helpers/simplify';
import { peerTubeApiRequest } from '../../transport';
import { channelFields, checkChannelName, failer, readChannel } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. my_channel',
		description:
			'The channel handle, used in its URL: 1 to 50 lowercase letters, digits, _ (and . or - inside). It can never be changed, and a name used once on the instance can never be reused.',
	},
	{
		displayName: 'Display Name',
		name: 'displayName',
		type: 'string',
		required: true,
		default: '',
		description: 'The name shown to viewers (1 to 120 characters)',
	},
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
				description: 'Channel description (3 to 1000 characters)',
			},
			{
				displayName: 'Support',
				name: 'support',
				type: 'string',
				default: '',
				description: 'How viewers can support the channel (3 to 1000 characters)',
			},
		],
	},
	simplifyProperty('channel'),
];

export const description = updateDisplayOptions({ show: { resource: ['channel'], operation: ['create'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const fail = failer(this, i);
	const name = String(this.getNodeParameter('name', i, '')).trim();
	checkChannelName(name, fail);
	const additional = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const body: IDataObject = { name, ...channelFields({ ...additional, displayName: this.getNodeParameter('displayName', i, '') }, fail) };
	await peerTubeApiRequest.call(this, 'POST', '/video-channels', {
		body,
		itemIndex: i,
		errorMessages: {
			409: `A channel or account named "${name}" exists, or existed, on this instance: PeerTube never reuses a name, choose another Name`,
		},
	});
	// PeerTube answers only the new id: read the channel so the output is the whole channel
	return [{ json: await readChannel.call(this, i, name, readSimplify.call(this, i)) }];
}
