import type { INodeProperties } from 'n8n-workflow';

import * as approve from './approve.operation';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as reply from './reply.operation';

export { approve, create, del as delete, get, getAll, reply };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['comment'] } },
		options: [
			{
				name: 'Approve',
				value: 'approve',
				description: 'Publish a comment held for review (PeerTube 6.2 or newer)',
				action: 'Approve comment',
			},
			{ name: 'Create', value: 'create', description: 'Start a new comment thread on a video', action: 'Create comment' },
			{ name: 'Delete', value: 'delete', description: 'Delete a comment', action: 'Delete comment' },
			{ name: 'Get', value: 'get', description: 'Get a comment thread with all its replies', action: 'Get comment thread' },
			{ name: 'Get Many', value: 'getAll', description: 'List the comment threads of a video', action: 'Get many comment threads' },
			{ name: 'Reply', value: 'reply', description: 'Answer a comment', action: 'Reply to comment' },
		],
		default: 'getAll',
	},
	...getAll.description,
	...get.description,
	...create.description,
	...reply.description,
	...del.description,
	...approve.description,
];
