import type { INodeProperties } from 'n8n-workflow';

import * as getAbout from './getAbout.operation';
import * as getConfig from './getConfig.operation';
import * as getStats from './getStats.operation';

export { getAbout, getConfig, getStats };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['instance'] } },
		options: [
			{
				name: 'Get About',
				value: 'getAbout',
				description: 'Get the instance\'s presentation: name, description, terms, moderation information',
				action: 'Get instance presentation',
			},
			{
				name: 'Get Config',
				value: 'getConfig',
				description: 'Get the public configuration: PeerTube version, signup, limits, enabled features',
				action: 'Get instance configuration',
			},
			{
				name: 'Get Stats',
				value: 'getStats',
				description: 'Get the instance\'s statistics: users, videos, comments, channels, federation',
				action: 'Get instance statistics',
			},
		],
		default: 'getConfig',
	},
	...getAbout.description,
	...getConfig.description,
	...getStats.description,
];
