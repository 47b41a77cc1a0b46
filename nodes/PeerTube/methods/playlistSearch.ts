import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { peerTubeApiRequest } from '../transport';

const PAGE = 50;

/**
 * The credential's own playlists, private ones and Watch Later included
 * (`GET /accounts/{me}/video-playlists`, PeerTube's own `search`), 50 per page.
 */
export async function searchMyPlaylists(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const me = await peerTubeApiRequest.call(this, 'GET', '/users/me');
	const account = String((me.account as IDataObject | undefined)?.name ?? me.username ?? '');
	const start = Number(paginationToken ?? 0) || 0;
	const qs: IDataObject = { start, count: PAGE, sort: 'displayName' };
	if (filter) qs.search = filter;
	const page = await peerTubeApiRequest.call(this, 'GET', `/accounts/${encodeURIComponent(account)}/video-playlists`, { qs });
	const data = Array.isArray(page.data) ? (page.data as IDataObject[]) : [];
	const next = start + data.length;
	return {
		results: data.map((playlist) => {
			const privacy = (playlist.privacy as IDataObject | undefined)?.label;
			return {
				name: `${String(playlist.displayName ?? playlist.id)}${privacy ? ` (${String(privacy)})` : ''}`,
				value: String(playlist.shortUUID ?? playlist.uuid ?? playlist.id),
				url: typeof playlist.url === 'string' ? playlist.url : undefined,
			};
		}),
		paginationToken: data.length > 0 && next < Number(page.total ?? 0) ? String(next) : undefined,
	};
}
