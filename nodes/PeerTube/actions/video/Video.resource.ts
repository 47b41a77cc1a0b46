import type { INodeProperties } from 'n8n-workflow';

import * as deleteVideo from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getStats from './getStats.operation';
import * as importVideo from './import.operation';
import * as rate from './rate.operation';
import * as replaceFile from './replaceFile.operation';
import * as update from './update.operation';
import * as upload from './upload.operation';

export { deleteVideo, get, getAll, importVideo, update };
export { getStats, rate };
export { replaceFile, upload };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['video'] } },
		options: [
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a video for good (its files, comments and captions go with it)',
				action: 'Delete video',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get one video with all its details (tags, description, files…)',
				action: 'Get video',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List videos of the instance, a channel, an account or your own',
				action: 'Get many videos',
			},
			{
				name: 'Get Stats',
				value: 'getStats',
				description: 'Get the viewing statistics of one of your videos (watch time, viewers, countries)',
				action: 'Get video statistics',
			},
			{
				name: 'Import',
				value: 'import',
				description: 'Have the instance import a video from a URL, a magnet URI or a torrent file',
				action: 'Import video',
			},
			{
				name: 'Rate',
				value: 'rate',
				description: 'Like or dislike a video, or remove your rating',
				action: 'Rate video',
			},
			{
				name: 'Replace File',
				value: 'replaceFile',
				description: 'Replace the video file of an existing video, keeping its page, comments and views (PeerTube 6.0+)',
				action: 'Replace video file',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change some fields of a video, leaving the others as they are',
				action: 'Update video',
			},
			{
				name: 'Upload',
				value: 'upload',
				description: 'Publish a video file from binary data (resumable upload, any size)',
				action: 'Upload video',
			},
		],
		default: 'getAll',
	},
	...deleteVideo.description,
	...importVideo.description,
	...get.description,
	...getAll.description,
	...update.description,
	...getStats.description,
	...rate.description,
	...upload.description,
	...replaceFile.description,
];
