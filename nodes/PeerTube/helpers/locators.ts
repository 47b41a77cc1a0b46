import type { IDataObject, IExecuteFunctions, INodeProperties, INodeParameterResourceLocator } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { instanceBaseUrl, peerTubeApiRequest } from '../transport';
import { parseHandle } from './video';

/**
 * Resource locators for channels and playlists (From List with search, By URL, By Handle/ID) and
 * the functions that turn what the user picked into what PeerTube's routes expect:
 * - a channel handle (`name`, or `name@host` for a remote channel) for `/video-channels/{handle}`,
 * - a channel's numeric id for the `channelId` / `videoChannelId` fields of bodies,
 * - a playlist id, UUID or short UUID for `/video-playlists/{id}`.
 */

export const CHANNEL_URL_REGEX = '^https?://[^/\\s]+/(?:c|video-channels)/[^/\\s?#]+(?:[/?#]\\S*)?$';
export const PLAYLIST_URL_REGEX =
	'^https?://[^/\\s]+/(?:w/p|videos/watch/playlist|video-playlists|my-library/video-playlists)/[^/\\s?#]+/?(?:[?#]\\S*)?$';

interface LocatorOptions {
	/** parameter name, default `channel` / `playlist` */
	name?: string;
	displayName?: string;
	description?: string;
	required?: boolean;
	/** the From List search: only the credential's own channels/playlists (default), or the whole instance */
	list?: 'mine' | 'instance';
}

/**
 * A channel picker. The value is a handle (From List, By Handle), a numeric channel ID (By Handle
 * or ID) or a channel page URL (By URL).
 */
export function channelLocator(options: LocatorOptions = {}): INodeProperties {
	return {
		displayName: options.displayName ?? 'Channel',
		name: options.name ?? 'channel',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		// an optional locator leaves `required` out (n8n's lint: no `required: false`)
		...(options.required === false ? {} : { required: true }),
		description: options.description ?? 'The channel: pick it from the list, paste its page URL, or give its handle or numeric ID',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a channel...',
				typeOptions: {
					searchListMethod: options.list === 'instance' ? 'searchChannels' : 'searchMyChannels',
					searchable: true,
				},
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'e.g. https://videos.example.org/c/my_channel',
				validation: [
					{
						type: 'regex',
						properties: { regex: CHANNEL_URL_REGEX, errorMessage: 'Not a channel page URL (…/c/name or …/video-channels/name)' },
					},
				],
			},
			{
				displayName: 'By Handle or ID',
				name: 'handle',
				type: 'string',
				placeholder: 'e.g. my_channel, my_channel@videos.example.org or 12',
			},
		],
	};
}

/** A playlist picker. The value is a numeric ID, UUID or short UUID, or a playlist page URL. */
export function playlistLocator(options: LocatorOptions = {}): INodeProperties {
	return {
		displayName: options.displayName ?? 'Playlist',
		name: options.name ?? 'playlist',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		// an optional locator leaves `required` out (n8n's lint: no `required: false`)
		...(options.required === false ? {} : { required: true }),
		description: options.description ?? 'The playlist: pick it from your playlists, paste its URL, or give its ID, UUID or short UUID',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a playlist...',
				typeOptions: { searchListMethod: 'searchMyPlaylists', searchable: true },
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'e.g. https://videos.example.org/w/p/7fHc2bQ6uDa3WiMqbfqZ5X',
				validation: [
					{
						type: 'regex',
						properties: { regex: PLAYLIST_URL_REGEX, errorMessage: 'Not a playlist URL (…/w/p/ID or …/video-playlists/UUID)' },
					},
				],
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 12, a UUID or a short UUID',
			},
		],
	};
}

/** What a locator parameter holds: the object n8n stores, or a plain string from an older workflow or an expression. */
export function locatorValue(raw: unknown): { mode: string; value: string } {
	if (raw !== null && typeof raw === 'object' && 'value' in (raw as IDataObject)) {
		const locator = raw as INodeParameterResourceLocator;
		return { mode: String(locator.mode ?? ''), value: String(locator.value ?? '').trim() };
	}
	return { mode: '', value: String(raw ?? '').trim() };
}

/** `name@<the instance's own host>` is the local `name`. */
export function localHandle(handle: string | undefined, ownHost?: string): string | undefined {
	if (!handle || !ownHost) return handle;
	const at = handle.lastIndexOf('@');
	return at > 0 && handle.slice(at + 1).toLowerCase() === ownHost.toLowerCase() ? handle.slice(0, at) : handle;
}

export type ChannelRef = { handle: string } | { id: number };

/** A channel reference from a locator value (no request); undefined when it is not one. */
export function parseChannelRef(value: string, ownHost?: string): ChannelRef | undefined {
	const text = value.trim();
	if (/^\d+$/.test(text)) return Number(text) >= 1 ? { id: Number(text) } : undefined;
	const handle = localHandle(parseHandle(text, 'channel'), ownHost);
	return handle ? { handle } : undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHORT_UUID = /^[1-9A-HJ-NP-Za-km-z]{20,22}$/;

/** The id PeerTube's `/video-playlists/{id}` accepts (id, UUID, short UUID), from text or a URL. */
export function parsePlaylistId(value: string): string | undefined {
	let text = value.trim();
	if (/^https?:\/\//i.test(text)) {
		let url: URL;
		try {
			url = new URL(text);
		} catch {
			return undefined;
		}
		const match = /^\/(?:w\/p|videos\/watch\/playlist|video-playlists|my-library\/video-playlists)\/([^/?#]+)\/?$/.exec(url.pathname);
		if (!match) return undefined;
		text = decodeURIComponent(match[1]);
		return UUID.test(text) ? text.toLowerCase() : SHORT_UUID.test(text) ? text : undefined;
	}
	if (/^\d+$/.test(text)) return Number(text) >= 1 ? String(Number(text)) : undefined;
	if (UUID.test(text)) return text.toLowerCase();
	if (SHORT_UUID.test(text)) return text;
	return undefined;
}

function fail(ctx: IExecuteFunctions, i: number, message: string): never {
	throw new NodeOperationError(ctx.getNode(), message, { itemIndex: i });
}

/** The channel of a locator parameter, checked (no request). */
export function readChannelRef(this: IExecuteFunctions, i: number, name = 'channel', label = 'Channel', ownHost?: string): ChannelRef {
	const { value } = locatorValue(this.getNodeParameter(name, i, ''));
	if (value === '') fail(this, i, `${label} is empty: pick a channel, or give its handle (e.g. my_channel), page URL or numeric ID`);
	const ref = parseChannelRef(value, ownHost);
	if (!ref) fail(this, i, `${label} "${value}" is not a channel handle (name or name@host), channel page URL or numeric ID`);
	return ref!;
}

/** host[:port] of the credential's instance: a page URL on it names a local channel. */
export async function instanceHost(this: IExecuteFunctions): Promise<string> {
	return new URL(await instanceBaseUrl.call(this)).host.toLowerCase();
}

async function myChannels(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const me = await peerTubeApiRequest.call(this, 'GET', '/users/me', { itemIndex: i });
	return Array.isArray(me.videoChannels) ? (me.videoChannels as IDataObject[]) : [];
}

/**
 * The handle for `/video-channels/{handle}`. A numeric ID costs one `GET /users/me` (PeerTube has
 * no channel route by ID), so it works for the credential's own channels only.
 */
export async function resolveChannelHandle(this: IExecuteFunctions, i: number, name = 'channel', label = 'Channel'): Promise<string> {
	const ref = readChannelRef.call(this, i, name, label, await instanceHost.call(this));
	if ('handle' in ref) return ref.handle;
	const channel = (await myChannels.call(this, i)).find((c) => Number(c.id) === ref.id);
	if (!channel) {
		fail(this, i, `${label} ID ${ref.id} is not one of your channels: give the channel's handle (name or name@host) or its page URL instead`);
	}
	return String(channel!.name);
}

/** The numeric channel ID for request bodies; a handle costs one `GET /video-channels/{handle}`. */
export async function resolveChannelId(this: IExecuteFunctions, i: number, name = 'channel', label = 'Channel'): Promise<number> {
	const ref = readChannelRef.call(this, i, name, label, await instanceHost.call(this));
	if ('id' in ref) return ref.id;
	const channel = await peerTubeApiRequest.call(this, 'GET', `/video-channels/${encodeURIComponent(ref.handle)}`, {
		itemIndex: i,
		errorMessages: { 404: `There is no channel "${ref.handle}" on this PeerTube instance: check ${label}` },
	});
	return Number(channel.id);
}

/** The playlist id/UUID of a locator parameter, checked (no request). */
export function readPlaylistId(this: IExecuteFunctions, i: number, name = 'playlist', label = 'Playlist'): string {
	const { value } = locatorValue(this.getNodeParameter(name, i, ''));
	if (value === '') fail(this, i, `${label} is empty: pick a playlist, or give its URL, numeric ID, UUID or short UUID`);
	const id = parsePlaylistId(value);
	if (!id) fail(this, i, `${label} "${value}" is not a playlist URL, numeric ID, UUID or short UUID`);
	return id!;
}

/** `/video-playlists/{id}` with the message for a 404 naming the field. */
export function playlistPath(this: IExecuteFunctions, i: number, name = 'playlist', label = 'Playlist'): { path: string; notFound: string } {
	const id = readPlaylistId.call(this, i, name, label);
	return {
		path: `/video-playlists/${encodeURIComponent(id)}`,
		notFound: `There is no playlist "${id}" on this PeerTube instance (or it is private and not yours): check ${label}`,
	};
}
