import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { videoIdProperty, videoPath } from '../../helpers/descriptions';
import { playlistLocator, playlistPath, readPlaylistId } from '../../helpers/locators';
import { peerTubeApiRequest } from '../../transport';
import { failer } from '../channel/common';
import { NOT_YOURS } from './common';

const properties: INodeProperties[] = [
	playlistLocator(),
	{ ...videoIdProperty, description: 'The video to add: pick one of yours, paste its URL, or give its ID' },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Start at (Seconds)',
				name: 'startTimestamp',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'Play the video in this playlist from this second',
			},
			{
				displayName: 'Stop at (Seconds)',
				name: 'stopTimestamp',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'Stop the video in this playlist at this second',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['playlist'], operation: ['addVideo'] } }, properties);

export function timestamps(options: IDataObject, fail: (message: string) => never): IDataObject {
	const body: IDataObject = {};
	for (const [key, label] of [
		['startTimestamp', 'Start at (Seconds)'],
		['stopTimestamp', 'Stop at (Seconds)'],
	] as const) {
		if (options[key] === undefined) continue;
		const value = Number(options[key]);
		if (!Number.isInteger(value) || value < 0) fail(`${label} must be a whole number, 0 or more (got "${String(options[key])}")`);
		body[key] = value;
	}
	if (body.startTimestamp !== undefined && body.stopTimestamp !== undefined && (body.stopTimestamp as number) <= (body.startTimestamp as number)) {
		fail(`Stop at (${String(body.stopTimestamp)} s) must be after Start at (${String(body.startTimestamp)} s): raise Stop at, or lower Start at`);
	}
	return body;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const fail = failer(this, i);
	const { path, notFound } = playlistPath.call(this, i);
	const video = videoPath.call(this, i);
	const body: IDataObject = { videoId: video.id, ...timestamps(this.getNodeParameter('options', i, {}) as IDataObject, fail) };
	const answer = await peerTubeApiRequest.call(this, 'POST', `${path}/videos`, {
		body,
		itemIndex: i,
		errorMessages: {
			// PeerTube checks the playlist first, then the video: both answer 404
			404: `${notFound}; or there is no video "${video.id}" (check Video)`,
			403: NOT_YOURS,
		},
	});
	const element = (answer.videoPlaylistElement ?? {}) as IDataObject;
	return [{ json: { playlistElementId: element.id ?? null, playlist: readPlaylistId.call(this, i), videoId: video.id, ...body, added: true } }];
}
