import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import * as channel from './channel/Channel.resource';
import * as channelSync from './channelSync/ChannelSync.resource';
import * as comment from './comment/Comment.resource';
import * as instance from './instance/Instance.resource';
import * as job from './job/Job.resource';
import * as myAccount from './myAccount/MyAccount.resource';
import * as search from './search/Search.resource';
import * as playlist from './playlist/Playlist.resource';
import * as video from './video/Video.resource';
import * as videoCaption from './videoCaption/VideoCaption.resource';

type Operation = (this: IExecuteFunctions, itemIndex: number) => Promise<INodeExecutionData[]>;

const operations: Record<string, Record<string, Operation>> = {
	channel: {
		create: channel.create.execute,
		delete: channel.delete.execute,
		get: channel.get.execute,
		getAll: channel.getAll.execute,
		setAvatar: channel.setAvatar.execute,
		setBanner: channel.setBanner.execute,
		update: channel.update.execute,
	},
	channelSync: {
		create: channelSync.create.execute,
		delete: channelSync.delete.execute,
		getAll: channelSync.getAll.execute,
		syncNow: channelSync.syncNow.execute,
	},
	playlist: {
		addVideo: playlist.addVideo.execute,
		create: playlist.create.execute,
		delete: playlist.delete.execute,
		get: playlist.get.execute,
		getAll: playlist.getAll.execute,
		getVideos: playlist.getVideos.execute,
		moveVideo: playlist.moveVideo.execute,
		removeVideo: playlist.removeVideo.execute,
		update: playlist.update.execute,
	},
	video: { delete: video.deleteVideo.execute, get: video.get.execute, getAll: video.getAll.execute, import: video.importVideo.execute, update: video.update.execute, getStats: video.getStats.execute, rate: video.rate.execute, upload: video.upload.execute, replaceFile: video.replaceFile.execute },
	job: { getAll: job.getAll.execute },
	videoCaption: {
		delete: videoCaption.deleteCaption.execute,
		generate: videoCaption.generate.execute,
		getAll: videoCaption.getAll.execute,
		upload: videoCaption.upload.execute,
	},
	comment: {
		approve: comment.approve.execute,
		create: comment.create.execute,
		delete: comment.delete.execute,
		get: comment.get.execute,
		getAll: comment.getAll.execute,
		reply: comment.reply.execute,
	},
	search: { channels: search.channels.execute, playlists: search.playlists.execute, videos: search.videos.execute },
	myAccount: {
		get: myAccount.get.execute,
		getNotifications: myAccount.getNotifications.execute,
		getSubscriptions: myAccount.getSubscriptions.execute,
		markNotificationsAsRead: myAccount.markNotificationsAsRead.execute,
		subscribe: myAccount.subscribe.execute,
		unsubscribe: myAccount.unsubscribe.execute,
	},
	instance: { getAbout: instance.getAbout.execute, getConfig: instance.getConfig.execute, getStats: instance.getStats.execute },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const returnData: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		const resource = this.getNodeParameter('resource', i) as string;
		const operation = this.getNodeParameter('operation', i) as string;
		const run = operations[resource]?.[operation];
		try {
			if (!run) {
				throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported: choose a Resource and an Operation from the lists`, { itemIndex: i });
			}
			const results = await run.call(this, i);
			returnData.push(...this.helpers.constructExecutionMetaData(results, { itemData: { item: i } }));
		} catch (error) {
			const nodeError =
				error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
			if (this.continueOnFail()) {
				returnData.push({
					json: { error: nodeError.message, description: nodeError.description ?? null },
					pairedItem: { item: i },
				});
				continue;
			}
			throw nodeError;
		}
	}
	return [returnData];
}
