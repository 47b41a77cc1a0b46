import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';
import * as update from './update.operation';

export { getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['video'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List videos of the instance, a channel, an account or your own',
				action: 'Get many videos',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change some fields of a video, leaving the others as they are',
				action: 'Update a video',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
	...update.description,
];
