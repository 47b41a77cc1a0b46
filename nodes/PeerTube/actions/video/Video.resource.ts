import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export { get, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['video'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get one video with all its details (tags, description, files…)',
				action: 'Get a video',
			},
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
	...get.description,
	...getAll.description,
	...update.description,
];
