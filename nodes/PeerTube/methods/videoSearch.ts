import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { instanceBaseUrl, peerTubeApiRequest } from '../transport';

/** Videos per page of the From List dropdown (PeerTube allows up to 100). */
export const VIDEO_SEARCH_PAGE_SIZE = 50;

/**
 * The Video field's From List mode: the credential's own videos (every privacy and state),
 * newest first, filtered by PeerTube's own search on the typed text, a page at a time.
 */
export async function searchVideos(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const start = paginationToken && /^\d+$/.test(paginationToken) ? Number(paginationToken) : 0;
	const qs: IDataObject = { start, count: VIDEO_SEARCH_PAGE_SIZE, sort: '-createdAt' };
	const search = filter?.trim();
	if (search) qs.search = search;
	const page = await peerTubeApiRequest.call(this, 'GET', '/users/me/videos', { qs });
	const data = Array.isArray(page.data) ? (page.data as IDataObject[]) : [];
	const base = await instanceBaseUrl.call(this);
	const results = data.map((video) => ({
		name: String(video.name ?? video.uuid),
		value: String(video.uuid),
		url: `${base}/w/${String(video.shortUUID ?? video.uuid)}`,
	}));
	const next = start + data.length;
	return { results, paginationToken: data.length > 0 && next < Number(page.total ?? 0) ? String(next) : undefined };
}
