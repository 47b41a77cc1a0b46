import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as del from './delete.operation';
import * as getAll from './getAll.operation';
import * as syncNow from './syncNow.operation';

export { create, del as delete, getAll, syncNow };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['channelSync'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Mirror an external channel (e.g. YouTube) into one of your channels',
				action: 'Create channel sync',
			},
			{ name: 'Delete', value: 'delete', description: 'Stop a channel synchronisation', action: 'Delete channel sync' },
			{ name: 'Get Many', value: 'getAll', description: 'List your channel synchronisations', action: 'Get many channel syncs' },
			{
				name: 'Sync Now',
				value: 'syncNow',
				description: 'Import the external channel\'s videos now instead of waiting for the schedule',
				action: 'Run channel sync now',
			},
		],
		default: 'getAll',
	},
	...create.description,
	...getAll.description,
	...del.description,
	...syncNow.description,
];
