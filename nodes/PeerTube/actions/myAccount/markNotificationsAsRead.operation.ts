import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { peerTubeApiRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Notifications',
		name: 'which',
		type: 'options',
		options: [
			{ name: 'Given IDs', value: 'ids', description: 'The notifications whose IDs you give' },
			{ name: 'All', value: 'all', description: 'Every notification of the account' },
		],
		default: 'ids',
	},
	{
		displayName: 'Notification IDs',
		name: 'notificationIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 12, 13, 20',
		description: 'IDs of the notifications, separated by commas (or an array from an expression)',
		displayOptions: { show: { which: ['ids'] } },
	},
];

export const description = updateDisplayOptions({ show: { resource: ['myAccount'], operation: ['markNotificationsAsRead'] } }, properties);

function readIds(this: IExecuteFunctions, i: number): number[] {
	const raw = this.getNodeParameter('notificationIds', i, '') as unknown;
	const parts = (Array.isArray(raw) ? raw : String(raw ?? '').split(',')).map((p) => String(p).trim()).filter((p) => p !== '');
	if (parts.length === 0) {
		throw new NodeOperationError(this.getNode(), 'Notification IDs is empty: give the IDs of the notifications to mark, or set Notifications to All', {
			itemIndex: i,
		});
	}
	const bad = parts.filter((p) => !/^\d+$/.test(p) || Number(p) < 1);
	if (bad.length) {
		throw new NodeOperationError(this.getNode(), `Notification IDs must be whole numbers of at least 1, separated by commas: "${bad.join('", "')}" is not`, {
			itemIndex: i,
		});
	}
	return [...new Set(parts.map(Number))];
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const which = this.getNodeParameter('which', i, 'ids') as string;
	if (which === 'all') {
		await peerTubeApiRequest.call(this, 'POST', '/users/me/notifications/read-all', { itemIndex: i });
		return [{ json: { read: true, all: true } }];
	}
	const ids = readIds.call(this, i);
	// PeerTube ignores IDs that are not the account's own notifications
	await peerTubeApiRequest.call(this, 'POST', '/users/me/notifications/read', { body: { ids }, itemIndex: i });
	return [{ json: { read: true, ids } }];
}
