import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as channel from './actions/channel/Channel.resource';
import * as channelSync from './actions/channelSync/ChannelSync.resource';
import * as comment from './actions/comment/Comment.resource';
import * as instance from './actions/instance/Instance.resource';
import * as job from './actions/job/Job.resource';
import * as myAccount from './actions/myAccount/MyAccount.resource';
import * as search from './actions/search/Search.resource';
import * as playlist from './actions/playlist/Playlist.resource';
import { router } from './actions/router';
import * as video from './actions/video/Video.resource';
import * as videoCaption from './actions/videoCaption/VideoCaption.resource';
import { withVersion1VideoFields } from './helpers/descriptions';
import { listSearch, loadOptions } from './methods';

export class PeerTube implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'PeerTube',
		name: 'peerTube',
		icon: { light: 'file:../../icons/peertube.svg', dark: 'file:../../icons/peertube.dark.svg' },
		group: ['transform'],
		// 2: the Video field is a resource locator (version 1 workflows keep their text field)
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Upload and manage videos, channels, playlists and comments on a PeerTube instance',
		defaults: { name: 'PeerTube' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'peerTubeApi', required: true }],
		properties: withVersion1VideoFields([
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Channel', value: 'channel' },
					{ name: 'Channel Sync', value: 'channelSync' },
					{ name: 'Comment', value: 'comment' },
					{ name: 'Instance', value: 'instance' },
					{ name: 'Job', value: 'job' },
					{ name: 'My Account', value: 'myAccount' },
					{ name: 'Playlist', value: 'playlist' },
					{ name: 'Search', value: 'search' },
					{ name: 'Video', value: 'video' },
					{ name: 'Video Caption', value: 'videoCaption' },
				],
				default: 'video',
			},
			...video.description,
			...videoCaption.description,
			...job.description,
			...comment.description,
			...search.description,
			...myAccount.description,
			...instance.description,
			...channel.description,
			...channelSync.description,
			...playlist.description,
		]),
	};

	methods = { loadOptions, listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
