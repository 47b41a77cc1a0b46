import type { INodeProperties } from 'n8n-workflow';

import * as addVideo from './addVideo.operation';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getVideos from './getVideos.operation';
import * as moveVideo from './moveVideo.operation';
import * as removeVideo from './removeVideo.operation';
import * as update from './update.operation';

export { addVideo, create, del as delete, get, getAll, getVideos, moveVideo, removeVideo, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['playlist'] } },
		options: [
			{ name: 'Add Video', value: 'addVideo', description: 'Add a video at the end of a playlist', action: 'Add video to playlist' },
			{ name: 'Create', value: 'create', description: 'Create a playlist', action: 'Create playlist' },
			{ name: 'Delete', value: 'delete', description: 'Delete a playlist (its videos stay)', action: 'Delete playlist' },
			{ name: 'Get', value: 'get', description: 'Get one playlist', action: 'Get playlist' },
			{ name: 'Get Many', value: 'getAll', description: 'List your playlists, a channel\'s or the instance\'s', action: 'Get many playlists' },
			{ name: 'Get Videos', value: 'getVideos', description: 'List the videos of a playlist in order', action: 'Get playlist videos' },
			{ name: 'Move Video', value: 'moveVideo', description: 'Move videos to another position in a playlist', action: 'Move videos in playlist' },
			{ name: 'Remove Video', value: 'removeVideo', description: 'Take a video out of a playlist', action: 'Remove video from playlist' },
			{ name: 'Update', value: 'update', description: 'Change the name, description, privacy, channel or thumbnail', action: 'Update playlist' },
		],
		default: 'getAll',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...update.description,
	...del.description,
	...addVideo.description,
	...removeVideo.description,
	...getVideos.description,
	...moveVideo.description,
];
