import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { instanceBaseUrl } from '../transport';
import { SINCE_VERSION_2 } from './descriptions';

/**
 * The "Simplify" outputs: a documented, stable subset of PeerTube's video, channel and playlist
 * objects (n8n's UX guideline for outputs with more than 10 fields). Every key listed here is
 * always present (null when PeerTube did not send it), whatever the PeerTube version, so that a
 * workflow built on a simplified output keeps working after an instance upgrade.
 *
 * Video:    id, uuid, shortUUID, name, url, privacy, privacyId, state, stateId, duration, isLive,
 *           publishedAt, createdAt, updatedAt, originallyPublishedAt, channel, account, views,
 *           likes, dislikes, comments, thumbnailUrl
 * Channel:  id, name, handle, displayName, url, description, support, isLocal, createdAt,
 *           updatedAt, account, followersCount, videosCount, avatarUrl, bannerUrl
 * Playlist: id, uuid, shortUUID, displayName, url, description, privacy, privacyId, type, typeId,
 *           videosCount, createdAt, updatedAt, channel, account, thumbnailUrl
 * `channel` / `account` are `{ id, name, handle, displayName, url }` (handle = name@host).
 * URLs are absolute: PeerTube's relative paths are resolved against the instance URL.
 */

/** The shared "Simplify" switch; `default` is true as n8n's guideline asks for new operations. */
export function simplifyProperty(kind: 'video' | 'videos' | 'channel' | 'channels' | 'playlist' | 'playlists', defaultValue = true): INodeProperties {
	const property: INodeProperties = {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: `Whether to return a simplified version of the ${kind} (the main fields, see the documentation) instead of PeerTube's full object`,
	};
	return defaultValue ? property : { ...property, default: false };
}

/** The Simplify switch of item `i` (false when the operation has none). */
export function readSimplify(this: IExecuteFunctions, i: number): boolean {
	return this.getNodeParameter('simplify', i, false) as boolean;
}

/**
 * The Simplify switch of the Video operations that output videos (Get, Get Many, Update, Upload,
 * Replace File, Import): node version 2 on only. Version 1 was released without it and keeps
 * outputting PeerTube's full object.
 */
export function videoSimplifyProperty(kind: 'video' | 'videos', description?: string): INodeProperties {
	const property = simplifyProperty(kind);
	return {
		...property,
		description: description ?? property.description,
		displayOptions: { show: { '@version': [SINCE_VERSION_2] } },
	};
}

/** Whether a Video operation simplifies item `i`: never for a version 1 node, whatever its parameters hold. */
export function readVideoSimplify(this: IExecuteFunctions, i: number): boolean {
	return this.getNode().typeVersion >= 2 && readSimplify.call(this, i);
}

/** The videos of item `i` as a Video operation outputs them: simplified when its Simplify is on. */
export async function videoOutput(this: IExecuteFunctions, i: number, videos: IDataObject[]): Promise<IDataObject[]> {
	if (!readVideoSimplify.call(this, i)) return videos;
	const base = await instanceBaseUrl.call(this);
	return videos.map((video) => simplifyVideo(video, base));
}

function obj(value: unknown): IDataObject | undefined {
	return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : undefined;
}

function orNull<T>(value: T | undefined): T | null {
	return value === undefined ? null : value;
}

/** An absolute URL from an absolute URL or a path relative to the instance. */
export function absoluteUrl(value: unknown, baseUrl?: string): string | null {
	if (typeof value !== 'string' || value === '') return null;
	if (/^https?:\/\//i.test(value)) return value;
	if (!baseUrl) return value;
	return `${baseUrl.replace(/\/+$/, '')}${value.startsWith('/') ? '' : '/'}${value}`;
}

/** The largest image of an `ActorImage[]`/`thumbnails[]` list (`fileUrl` from 8.0, `path` before). */
function largestImage(list: unknown, baseUrl?: string): string | null {
	if (!Array.isArray(list) || list.length === 0) return null;
	const images = (list as unknown[]).map(obj).filter((image): image is IDataObject => image !== undefined);
	images.sort((a, b) => Number(b.width ?? 0) - Number(a.width ?? 0));
	for (const image of images) {
		const url = absoluteUrl(image.fileUrl, baseUrl) ?? absoluteUrl(image.path, baseUrl);
		if (url) return url;
	}
	return null;
}

function handleOf(actor: IDataObject): string | null {
	if (typeof actor.name !== 'string') return null;
	return typeof actor.host === 'string' && actor.host ? `${actor.name}@${actor.host}` : actor.name;
}

function labelOf(value: unknown): { id: number | null; label: string | null } {
	const constant = obj(value);
	if (constant) return { id: orNull(constant.id as number | undefined), label: orNull(constant.label as string | undefined) };
	if (typeof value === 'number') return { id: value, label: null };
	return { id: null, label: null };
}

/** `{ id, name, handle, displayName, url }` of an account or channel summary; null when absent. */
export function simplifyActor(value: unknown): IDataObject | null {
	const actor = obj(value);
	if (!actor) return null;
	return {
		id: orNull(actor.id),
		name: orNull(actor.name),
		handle: handleOf(actor),
		displayName: orNull(actor.displayName),
		url: orNull(actor.url),
	};
}

export function simplifyVideo(video: IDataObject, baseUrl?: string): IDataObject {
	const privacy = labelOf(video.privacy);
	const state = labelOf(video.state);
	return {
		id: orNull(video.id),
		uuid: orNull(video.uuid),
		shortUUID: orNull(video.shortUUID),
		name: orNull(video.name),
		url: absoluteUrl(video.url, baseUrl),
		privacy: privacy.label,
		privacyId: privacy.id,
		state: state.label,
		stateId: state.id,
		duration: orNull(video.duration),
		isLive: orNull(video.isLive),
		publishedAt: orNull(video.publishedAt),
		createdAt: orNull(video.createdAt),
		updatedAt: orNull(video.updatedAt),
		originallyPublishedAt: orNull(video.originallyPublishedAt),
		channel: simplifyActor(video.channel),
		account: simplifyActor(video.account),
		views: orNull(video.views),
		likes: orNull(video.likes),
		dislikes: orNull(video.dislikes),
		// `comments` (a count) exists from PeerTube 7.2
		comments: typeof video.comments === 'number' ? video.comments : null,
		// `thumbnails[]` from 8.1, `thumbnailPath` before (deprecated but still sent)
		thumbnailUrl: largestImage(video.thumbnails, baseUrl) ?? absoluteUrl(video.thumbnailPath, baseUrl),
	};
}

export function simplifyChannel(channel: IDataObject, baseUrl?: string): IDataObject {
	return {
		id: orNull(channel.id),
		name: orNull(channel.name),
		handle: handleOf(channel),
		displayName: orNull(channel.displayName),
		url: absoluteUrl(channel.url, baseUrl),
		description: orNull(channel.description),
		support: orNull(channel.support),
		isLocal: orNull(channel.isLocal),
		createdAt: orNull(channel.createdAt),
		updatedAt: orNull(channel.updatedAt),
		account: simplifyActor(channel.ownerAccount),
		followersCount: orNull(channel.followersCount),
		// only sent by lists asked `withStats`
		videosCount: orNull(channel.videosCount),
		avatarUrl: largestImage(channel.avatars, baseUrl) ?? absoluteUrl(obj(channel.avatar)?.path, baseUrl),
		bannerUrl: largestImage(channel.banners, baseUrl),
	};
}

export function simplifyPlaylist(playlist: IDataObject, baseUrl?: string): IDataObject {
	const privacy = labelOf(playlist.privacy);
	const type = labelOf(playlist.type);
	return {
		id: orNull(playlist.id),
		uuid: orNull(playlist.uuid),
		shortUUID: orNull(playlist.shortUUID),
		displayName: orNull(playlist.displayName),
		url: absoluteUrl(playlist.url, baseUrl),
		description: orNull(playlist.description),
		privacy: privacy.label,
		privacyId: privacy.id,
		type: type.label,
		typeId: type.id,
		// PeerTube sends `videosLength` (OpenAPI 7 documents it as `videoLength`)
		videosCount: orNull(playlist.videosLength ?? playlist.videoLength),
		createdAt: orNull(playlist.createdAt),
		updatedAt: orNull(playlist.updatedAt),
		channel: simplifyActor(playlist.videoChannel),
		account: simplifyActor(playlist.ownerAccount),
		thumbnailUrl: absoluteUrl(playlist.thumbnailUrl, baseUrl) ?? absoluteUrl(playlist.thumbnailPath, baseUrl),
	};
}
