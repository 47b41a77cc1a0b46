import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { playlistLocator, playlistPath, readPlaylistId } from '../../helpers/locators';
import { peerTubeApiRequest } from '../../transport';
import { failer } from '../channel/common';
import { NOT_YOURS } from './common';

const properties: INodeProperties[] = [
	playlistLocator(),
	{
		displayName: 'Start Position',
		name: 'startPosition',
		type: 'number',
		typeOptions: { minValue: 1 },
		required: true,
		default: 1,
		description: 'Position of the first video to move (the first video of the playlist is 1)',
	},
	{
		displayName: 'Insert After Position',
		name: 'insertAfterPosition',
		type: 'number',
		typeOptions: { minValue: 0 },
		required: true,
		default: 0,
		description: 'Put the moved videos after this position (0 moves them to the top)',
	},
	{
		displayName: 'Number of Videos',
		name: 'reorderLength',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
		description: 'How many consecutive videos to move, starting at Start Position',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['playlist'], operation: ['moveVideo'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const fail = failer(this, i);
	const { path, notFound } = playlistPath.call(this, i);
	const body: IDataObject = {};
	for (const [key, label, min] of [
		['startPosition', 'Start Position', 1],
		['insertAfterPosition', 'Insert After Position', 0],
		['reorderLength', 'Number of Videos', 1],
	] as const) {
		const raw = this.getNodeParameter(key, i, key === 'reorderLength' ? 1 : undefined) as unknown;
		const value = Number(raw);
		if (!Number.isInteger(value) || value < min) fail(`${label} must be a whole number of at least ${min} (got "${String(raw)}")`);
		body[key] = value;
	}
	await peerTubeApiRequest.call(this, 'POST', `${path}/videos/reorder`, {
		body,
		itemIndex: i,
		errorMessages: { 404: notFound, 403: NOT_YOURS },
	});
	return [{ json: { moved: true, playlist: readPlaylistId.call(this, i), ...body } }];
}
