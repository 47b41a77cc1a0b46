import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { peerTubeApiRequest } from '../transport';

const PAGE = 50;

/** The value a listed channel gets: its name for a local channel, name@host for a remote one. */
export function channelListValue(channel: IDataObject): string {
	const name = String(channel.name ?? '');
	return channel.isLocal === false && typeof channel.host === 'string' && channel.host ? `${name}@${channel.host}` : name;
}

function toItem(channel: IDataObject): INodeListSearchItems {
	const value = channelListValue(channel);
	const displayName = String(channel.displayName ?? channel.name ?? value);
	return {
		name: displayName === value ? value : `${displayName} (${value})`,
		value,
		url: typeof channel.url === 'string' ? channel.url : undefined,
	};
}

function matches(channel: IDataObject, filter: string | undefined): boolean {
	if (!filter) return true;
	const wanted = filter.toLowerCase();
	return [channel.name, channel.displayName].some((text) => String(text ?? '').toLowerCase().includes(wanted));
}

/** The credential's own channels (one `GET /users/me`), filtered by name or display name. */
export async function searchMyChannels(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const me = await peerTubeApiRequest.call(this, 'GET', '/users/me');
	const channels = Array.isArray(me.videoChannels) ? (me.videoChannels as IDataObject[]) : [];
	return { results: channels.filter((channel) => matches(channel, filter)).map(toItem) };
}

/**
 * Channels known to the instance, 50 per page: `GET /video-channels` without a filter; with one,
 * `GET /search/video-channels?searchTarget=local` (PeerTube's `/video-channels` accepts `search`
 * but ignores it, 6.x to 8.x).
 */
export async function searchChannels(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const start = Number(paginationToken ?? 0) || 0;
	const text = filter?.trim() ?? '';
	const qs: IDataObject = text ? { start, count: PAGE, search: text, searchTarget: 'local' } : { start, count: PAGE, sort: 'name' };
	const page = await peerTubeApiRequest.call(this, 'GET', text ? '/search/video-channels' : '/video-channels', { qs });
	const data = Array.isArray(page.data) ? (page.data as IDataObject[]) : [];
	const next = start + data.length;
	return {
		results: data.map(toItem),
		paginationToken: data.length > 0 && next < Number(page.total ?? 0) ? String(next) : undefined,
	};
}
