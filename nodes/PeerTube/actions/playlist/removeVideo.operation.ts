import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { videoIdProperty, videoPath } from '../../helpers/descriptions';
import { playlistLocator, playlistPath, readPlaylistId } from '../../helpers/locators';
import { peerTubeApiRequest, peerTubeApiRequestAllItems } from '../../transport';
import { failer } from '../channel/common';
import { NOT_YOURS } from './common';

const properties: INodeProperties[] = [
	playlistLocator(),
	{
		displayName: 'Remove By',
		name: 'removeBy',
		type: 'options',
		options: [
			{ name: 'Video', value: 'video', description: 'Find the video in the playlist (its first occurrence)' },
			{ name: 'Playlist Element ID', value: 'element', description: 'The ID of the entry, as Add Video or Get Videos return it' },
		],
		default: 'video',
	},
	{ ...videoIdProperty, displayOptions: { show: { ...videoIdProperty.displayOptions?.show, removeBy: ['video'] } }, description: 'The video to take out of the playlist' },
	{
		displayName: 'Playlist Element ID',
		name: 'playlistElementId',
		type: 'number',
		required: true,
		default: 0,
		displayOptions: { show: { removeBy: ['element'] } },
	},
];

export const description = updateDisplayOptions({ show: { resource: ['playlist'], operation: ['removeVideo'] } }, properties);

function sameVideo(video: IDataObject | undefined, id: string): boolean {
	if (!video) return false;
	return [video.id, video.uuid, video.shortUUID].some((value) => value !== undefined && String(value).toLowerCase() === id.toLowerCase());
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const fail = failer(this, i);
	const { path, notFound } = playlistPath.call(this, i);
	const removeBy = this.getNodeParameter('removeBy', i, 'video') as string;
	let elementId: number;
	let videoId: string | undefined;
	if (removeBy === 'element') {
		const raw = this.getNodeParameter('playlistElementId', i, 0) as unknown;
		elementId = Number(raw);
		if (!Number.isInteger(elementId) || elementId < 1) fail(`Playlist Element ID must be a whole number of at least 1 (got "${String(raw)}")`);
	} else {
		videoId = videoPath.call(this, i).id;
		const elements = await peerTubeApiRequestAllItems.call(this, `${path}/videos`, {}, undefined, { itemIndex: i, errorMessages: { 404: notFound } });
		const element = elements.find((candidate) => sameVideo(candidate.video as IDataObject | undefined, videoId!));
		if (!element) fail(`Video "${videoId}" is not in playlist "${readPlaylistId.call(this, i)}": nothing to remove`);
		elementId = Number(element!.id);
	}
	await peerTubeApiRequest.call(this, 'DELETE', `${path}/videos/${elementId}`, {
		itemIndex: i,
		errorMessages: { 404: `${notFound}; or it has no element ${elementId} (check Playlist Element ID)`, 403: NOT_YOURS },
	});
	return [{ json: { deleted: true, id: elementId, playlist: readPlaylistId.call(this, i), ...(videoId ? { videoId } : {}) } }];
}
