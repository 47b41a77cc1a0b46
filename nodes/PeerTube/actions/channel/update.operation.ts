import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { channelLocator, resolveChannelHandle } from '../../helpers/locators';
import { readSimplify, simplifyProperty } from '../../helpers/simplify';
import { peerTubeApiRequest } from '../../transport';
import { NOT_YOURS, channelFields, failer, notFoundMessage, readChannel } from './common';

const properties: INodeProperties[] = [
	channelLocator(),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here are sent; the name (handle) of a channel can never change',
		options: [
			{
				displayName: 'Apply Support to All Videos',
				name: 'bulkVideosSupportUpdate',
				type: 'boolean',
				default: false,
				description: 'Whether to also write the new Support text into every video of the channel',
			},
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				typeOptions: { rows: 4 },
				default: '',
				description: 'Channel description (3 to 1000 characters)',
			},
			{
				displayName: 'Display Name',
				name: 'displayName',
				type: 'string',
				default: '',
				description: 'The name shown to viewers (1 to 120 characters)',
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

export const description = updateDisplayOptions({ show: { resource: ['channel'], operation: ['update'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const fail = failer(this, i);
	const fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
	const body = channelFields(fields, fail);
	if (fields.bulkVideosSupportUpdate !== undefined) {
		if (body.support === undefined) fail('Apply Support to All Videos needs Support: add the Support field too, or remove this option');
		body.bulkVideosSupportUpdate = fields.bulkVideosSupportUpdate === true;
	}
	if (Object.keys(body).length === 0) fail('Update Fields is empty: add at least one field to change');
	const handle = await resolveChannelHandle.call(this, i);
	await peerTubeApiRequest.call(this, 'PUT', `/video-channels/${encodeURIComponent(handle)}`, {
		body,
		itemIndex: i,
		errorMessages: { 404: notFoundMessage(handle), 403: NOT_YOURS },
	});
	return [{ json: await readChannel.call(this, i, handle, readSimplify.call(this, i)) }];
}
