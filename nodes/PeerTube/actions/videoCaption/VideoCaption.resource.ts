import type { INodeProperties } from 'n8n-workflow';

import * as deleteCaption from './delete.operation';
import * as generate from './generate.operation';
import * as getAll from './getAll.operation';
import * as upload from './upload.operation';

export { deleteCaption, generate, getAll, upload };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['videoCaption'] } },
		options: [
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete the caption of a video in one language',
				action: 'Delete video caption',
			},
			{
				name: 'Generate',
				value: 'generate',
				description: 'Have PeerTube transcribe the video into a caption (PeerTube 6.2 or newer)',
				action: 'Generate video caption',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the captions of a video',
				action: 'Get many video captions',
			},
			{
				name: 'Upload',
				value: 'upload',
				description: 'Add or replace the caption of a video in one language from a .vtt or .srt file',
				action: 'Upload video caption',
			},
		],
		default: 'getAll',
	},
	...deleteCaption.description,
	...generate.description,
	...getAll.description,
	...upload.description,
];
