import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { readLimit, returnAllOrLimit } from '../../helpers/descriptions';
import { peerTubeApiRequestAllItems } from '../../transport';
import { requireVersion } from '../../transport/version';
import { NOTIFICATION_TYPE_OPTIONS } from './shared';

const properties: INodeProperties[] = [
	{
		displayName: 'Unread Only',
		name: 'unreadOnly',
		type: 'boolean',
		default: false,
		description: 'Whether to return only the notifications not marked as read yet',
	},
	{
		displayName: 'Types',
		name: 'types',
		type: 'multiOptions',
		options: NOTIFICATION_TYPE_OPTIONS,
		default: [],
		description: 'Only notifications of these types (PeerTube 7.1 or newer); none chosen means all types',
	},
	{
		displayName: 'Sort',
		name: 'sort',
		type: 'options',
		options: [
			{ name: 'Newest First', value: '-createdAt' },
			{ name: 'Oldest First', value: 'createdAt' },
			{ name: 'Unread First', value: 'read' },
		],
		default: '-createdAt',
	},
	...returnAllOrLimit,
];

export const description = updateDisplayOptions({ show: { resource: ['myAccount'], operation: ['getNotifications'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const unreadOnly = this.getNodeParameter('unreadOnly', i, false) as boolean;
	const rawTypes = this.getNodeParameter('types', i, []) as unknown;
	const sort = this.getNodeParameter('sort', i, '-createdAt') as string;
	const limit = readLimit.call(this, i);
	const types = (Array.isArray(rawTypes) ? rawTypes : [rawTypes]).filter((t) => t !== '' && t !== null && t !== undefined).map(Number);
	const known = NOTIFICATION_TYPE_OPTIONS.map((o) => o.value as number);
	const unknown = types.filter((t) => !known.includes(t));
	if (unknown.length) {
		throw new NodeOperationError(this.getNode(), `Types has unknown notification types (${unknown.join(', ')}): pick them from the list`, { itemIndex: i });
	}
	const qs: IDataObject = { sort };
	if (unreadOnly) qs.unread = true;
	if (types.length) {
		// older versions ignore typeOneOf and would silently return every type
		await requireVersion.call(this, [7, 1, 0], 'Filtering notifications by type', i);
		qs.typeOneOf = types;
	}
	const notifications = await peerTubeApiRequestAllItems.call(this, '/users/me/notifications', qs, limit, { itemIndex: i });
	return notifications.map((notification) => ({ json: notification }));
}
