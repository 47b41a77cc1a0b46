import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readLimit, returnAllOrLimit } from '../../helpers/descriptions';
import { playlistLocator, playlistPath } from '../../helpers/locators';
import { readSimplify, simplifyProperty, simplifyVideo } from '../../helpers/simplify';
import { instanceBaseUrl, peerTubeApiRequestAllItems } from '../../transport';
import { PRIVATE_PLAYLIST } from './common';

const properties: INodeProperties[] = [playlistLocator(), ...returnAllOrLimit, simplifyProperty('videos')];

export const description = updateDisplayOptions({ show: { resource: ['playlist'], operation: ['getVideos'] } }, properties);

/** One playlist element, simplified: its own fields and the simplified video (null when unavailable). */
export function simplifyElement(element: IDataObject, baseUrl: string): IDataObject {
	const video = element.video && typeof element.video === 'object' ? simplifyVideo(element.video as IDataObject, baseUrl) : null;
	return {
		playlistElementId: element.id ?? null,
		position: element.position ?? null,
		startTimestamp: element.startTimestamp ?? null,
		stopTimestamp: element.stopTimestamp ?? null,
		// 0 regular, 1 deleted, 2 private, 3 unavailable (blocked), 4 deleted
		elementType: element.type ?? null,
		video,
	};
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { path, notFound } = playlistPath.call(this, i);
	const limit = readLimit.call(this, i);
	const elements = await peerTubeApiRequestAllItems.call(this, `${path}/videos`, {}, limit, {
		itemIndex: i,
		errorMessages: { 404: notFound, 403: PRIVATE_PLAYLIST },
	});
	if (!readSimplify.call(this, i)) return elements.map((element) => ({ json: element }));
	const base = await instanceBaseUrl.call(this);
	return elements.map((element) => ({ json: simplifyElement(element, base) }));
}
