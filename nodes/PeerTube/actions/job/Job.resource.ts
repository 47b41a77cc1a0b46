import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['job'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the instance\'s background jobs (administrators only)',
				action: 'Get many jobs',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
