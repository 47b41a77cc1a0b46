import type { INodeProperties } from 'n8n-workflow';

import * as channels from './channels.operation';
import * as playlists from './playlists.operation';
import * as videos from './videos.operation';

export { channels, playlists, videos };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['search'] } },
		options: [
			{ name: 'Channels', value: 'channels', description: 'Search channels, here or across the federation', action: 'Search channels' },
			{ name: 'Playlists', value: 'playlists', description: 'Search playlists, here or across the federation', action: 'Search playlists' },
			{ name: 'Videos', value: 'videos', description: 'Search videos, here or across the federation', action: 'Search videos' },
		],
		default: 'videos',
	},
	...videos.description,
	...channels.description,
	...playlists.description,
];
