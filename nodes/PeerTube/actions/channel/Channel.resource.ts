import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as setAvatar from './setAvatar.operation';
import * as setBanner from './setBanner.operation';
import * as update from './update.operation';

export { create, del as delete, get, getAll, setAvatar, setBanner, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['channel'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a channel for the credential\'s account', action: 'Create channel' },
			{ name: 'Delete', value: 'delete', description: 'Delete a channel with its videos and playlists', action: 'Delete channel' },
			{ name: 'Get', value: 'get', description: 'Get one channel', action: 'Get channel' },
			{ name: 'Get Many', value: 'getAll', description: 'List your channels, an account\'s or the instance\'s', action: 'Get many channels' },
			{ name: 'Set Avatar', value: 'setAvatar', description: 'Replace the avatar of a channel with an image', action: 'Set channel avatar' },
			{ name: 'Set Banner', value: 'setBanner', description: 'Replace the banner of a channel with an image', action: 'Set channel banner' },
			{ name: 'Update', value: 'update', description: 'Change the display name, description or support text', action: 'Update channel' },
		],
		default: 'getAll',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...update.description,
	...del.description,
	...setAvatar.description,
	...setBanner.description,
];
