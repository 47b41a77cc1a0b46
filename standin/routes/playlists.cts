/**
 * Video playlists as PeerTube's controllers/api/video-playlist.ts and
 * middlewares/validators/videos/video-playlists.ts answer them: create (JSON or multipart with a
 * JPEG `thumbnailfile`), get (unlisted only by UUID, private only for the owner), update, delete,
 * elements (list, add, update timestamps, remove, reorder) and the lists of the instance, an
 * account and a channel. Watch Later playlists (type 2) refuse update and delete.
 */
import { HttpError, validationError } from '../http.cjs';
import type { Ctx, Route } from '../http.cjs';
import type { PeerTubeStandin, StandinUser } from '../server.cjs';
import { UUID_RE, newUuid, shortToUuid, uuidToShort } from '../data.cjs';
import { InvalidParams, intOrNull, invalid, valueOrNull } from '../validate.cjs';
import { onChannelDeleted } from './channels.cjs';

export const PLAYLIST_PRIVACIES: Record<number, string> = { 1: 'Public', 2: 'Unlisted', 3: 'Private' };
const PLAYLIST_TYPES: Record<number, string> = { 1: 'Regular', 2: 'Watch later' };
// CONSTRAINTS_FIELDS.VIDEO_PLAYLISTS.IMAGE: .jpg/.jpeg, 4 MB in 6.x (8 MB from 7.1)
const THUMBNAIL_MAX = 8 * 1024 * 1024;

export interface StandinPlaylistElement {
	id: number;
	videoId: number;
	startTimestamp: number | null;
	stopTimestamp: number | null;
}

export interface StandinPlaylist {
	id: number;
	uuid: string;
	displayName: string;
	description: string | null;
	privacy: number;
	type: number;
	ownerAccountId: number;
	channelId: number | null;
	createdAt: string;
	updatedAt: string;
	thumbnail: { filename: string; mimetype: string; size: number } | null;
	/** in playlist order (position = index + 1) */
	elements: StandinPlaylistElement[];
}

export interface PlaylistModuleState {
	playlists: Map<number, StandinPlaylist>;
	nextId: number;
	nextElementId: number;
}

export function playlistState(s: PeerTubeStandin): PlaylistModuleState {
	return s.state<PlaylistModuleState>('playlists', () => {
		// PeerTube's removeVideoChannel: the channel's playlists lose their channel and become private
		onChannelDeleted(s).push((channel) => {
			for (const p of playlistState(s).playlists.values()) {
				if (p.channelId === channel.id) {
					p.channelId = null;
					p.privacy = 3;
				}
			}
		});
		return { playlists: new Map(), nextId: 1, nextElementId: 1 };
	});
}

/** Test control: a playlist created directly (e.g. a Watch Later one, type 2). */
export function addPlaylist(
	s: PeerTubeStandin,
	p: { ownerUsername: string; displayName: string; privacy?: number; type?: number; channelName?: string; videoIds?: number[] },
): StandinPlaylist {
	const user = s.findUser(p.ownerUsername);
	if (!user) throw new Error(`Unknown user ${p.ownerUsername}`);
	const st = playlistState(s);
	const now = new Date().toISOString();
	const channel = p.channelName !== undefined ? s.findChannel(p.channelName) : undefined;
	if (p.channelName !== undefined && !channel) throw new Error(`Unknown channel ${p.channelName}`);
	const playlist: StandinPlaylist = {
		id: st.nextId++,
		uuid: newUuid(),
		displayName: p.displayName,
		description: null,
		privacy: p.privacy ?? 3,
		type: p.type ?? 1,
		ownerAccountId: s.accountOfUser(user.id)!.id,
		channelId: channel?.id ?? null,
		createdAt: now,
		updatedAt: now,
		thumbnail: null,
		elements: [],
	};
	for (const videoId of p.videoIds ?? []) {
		playlist.elements.push({ id: st.nextElementId++, videoId, startTimestamp: null, stopTimestamp: null });
	}
	st.playlists.set(playlist.id, playlist);
	return playlist;
}

function formatPlaylist(s: PeerTubeStandin, p: StandinPlaylist): Record<string, unknown> {
	const account = s.accounts.get(p.ownerAccountId)!;
	const channel = p.channelId !== null ? s.channels.get(p.channelId) : undefined;
	return {
		id: p.id,
		uuid: p.uuid,
		shortUUID: uuidToShort(p.uuid),
		isLocal: true,
		url: `${s.baseUrl}/video-playlists/${p.uuid}`,
		displayName: p.displayName,
		description: p.description,
		privacy: { id: p.privacy, label: PLAYLIST_PRIVACIES[p.privacy] },
		thumbnailPath: p.thumbnail ? `/lazy-static/thumbnails/playlist-${p.uuid}.jpg` : null,
		embedPath: `/video-playlists/embed/${p.uuid}`,
		type: { id: p.type, label: PLAYLIST_TYPES[p.type] },
		videosLength: p.elements.length,
		createdAt: p.createdAt,
		updatedAt: p.updatedAt,
		ownerAccount: s.formatAccountSummary(account),
		videoChannel: channel ? s.formatChannelSummary(channel) : null,
	};
}

/** isValidPlaylistIdParam: id, UUID or short UUID (made complete); 400 otherwise. */
function findPlaylist(s: PeerTubeStandin, raw: string): { playlist: StandinPlaylist; byUuid: boolean } {
	let uuid: string | undefined;
	if (UUID_RE.test(raw)) uuid = raw.toLowerCase();
	else if (!/^\d+$/.test(raw)) uuid = shortToUuid(raw);
	if (!/^\d+$/.test(raw) && !uuid) {
		const errors: InvalidParams = {};
		invalid(errors, 'playlistId', raw, 'Invalid value', 'params');
		throw validationError(errors);
	}
	const st = playlistState(s);
	const playlist = uuid ? [...st.playlists.values()].find((p) => p.uuid === uuid) : st.playlists.get(Number(raw));
	if (!playlist) throw new HttpError(404, 'Video playlist not found');
	return { playlist, byUuid: uuid !== undefined };
}

function ownerUserId(s: PeerTubeStandin, p: StandinPlaylist): number | undefined {
	return s.accounts.get(p.ownerAccountId)?.userId;
}

/** videoPlaylistsGetValidator: unlisted needs the UUID, private needs the owner (or an admin). */
function readablePlaylist(s: PeerTubeStandin, ctx: Ctx, raw: string): StandinPlaylist {
	const { playlist, byUuid } = findPlaylist(s, raw);
	if (playlist.privacy === 2 && !byUuid) throw new HttpError(404, 'Playlist not found');
	if (playlist.privacy === 3) {
		const user = s.auth(ctx, false);
		if (!user || (ownerUserId(s, playlist) !== user.id && user.role !== 'admin')) {
			throw new HttpError(403, 'Cannot get this private video playlist.');
		}
	}
	return playlist;
}

/** doesVideoChannelOfAccountExist: 400 unknown / not yours (admins and moderators: UPDATE_ANY_VIDEO). */
function checkChannelOfAccount(s: PeerTubeStandin, user: StandinUser, channelId: number): void {
	const channel = s.channels.get(channelId);
	if (!channel) throw new HttpError(400, 'Unknown video "video channel" for this instance.');
	if (!s.isStaff(user) && s.accounts.get(channel.accountId)?.userId !== user.id) {
		throw new HttpError(400, 'Unknown video "video channel" for this account.');
	}
}

/** checkUserCanManageVideoPlaylist */
function checkManage(s: PeerTubeStandin, user: StandinUser, p: StandinPlaylist): void {
	if (ownerUserId(s, p) !== user.id && user.role !== 'admin') throw new HttpError(403, 'Cannot manage video playlist of another user');
}

/** getCommonPlaylistEditAttributes + displayName; fields in express-validator's order. */
function validateEdit(s: PeerTubeStandin, ctx: Ctx, creating: boolean) {
	const { body, files } = s.parseBody(ctx);
	const errors: InvalidParams = {};
	const thumbnail = files.find((f) => f.field === 'thumbnailfile');
	if (thumbnail && (!['image/jpeg', 'image/jpg'].includes(thumbnail.mimetype) || !/\.jpe?g$/i.test(thumbnail.filename) || thumbnail.size > THUMBNAIL_MAX)) {
		invalid(errors, 'thumbnailfile', undefined, 'This thumbnail file is not supported or too large. Please, make sure it is of the following type: .jpg, .jpeg');
	}
	const description = body.description === undefined ? undefined : valueOrNull(body.description);
	if (description !== undefined && description !== null && (typeof description !== 'string' || description.length < 3 || description.length > 1000)) {
		invalid(errors, 'description', description, 'Invalid value');
	}
	const privacy = body.privacy === undefined ? undefined : intOrNull(body.privacy);
	if (privacy !== undefined && (privacy === null || !PLAYLIST_PRIVACIES[privacy])) invalid(errors, 'privacy', body.privacy, 'Invalid value');
	const channelId = body.videoChannelId === undefined ? undefined : intOrNull(body.videoChannelId);
	if (body.displayName !== undefined || creating) {
		const name = body.displayName;
		if (typeof name !== 'string' || name.length < 1 || name.length > 120) invalid(errors, 'displayName', name, 'Invalid value');
	}
	if (Object.keys(errors).length) throw validationError(errors);
	return { body, thumbnail, description, privacy, channelId };
}

function listPlaylists(s: PeerTubeStandin, ctx: Ctx, list: StandinPlaylist[], withSearch: boolean): void {
	const { start, count, sort } = s.pagination(ctx, ['name', 'displayName', 'createdAt', 'updatedAt'], 'createdAt');
	const errors: InvalidParams = {};
	const type = s.q1(ctx, 'playlistType');
	if (type !== undefined && !PLAYLIST_TYPES[Number(type)]) invalid(errors, 'playlistType', type, 'Invalid value', 'query');
	const search = withSearch ? s.q1(ctx, 'search') : undefined;
	if (search !== undefined && search === '') invalid(errors, 'search', search, 'Invalid value', 'query');
	if (Object.keys(errors).length) throw validationError(errors);
	let filtered = list;
	if (type !== undefined) filtered = filtered.filter((p) => p.type === Number(type));
	if (search) filtered = filtered.filter((p) => p.displayName.toLowerCase().includes(search.toLowerCase()));
	const desc = sort.startsWith('-');
	const field = sort.replace(/^-/, '') === 'name' ? 'displayName' : (sort.replace(/^-/, '') as 'displayName' | 'createdAt' | 'updatedAt');
	filtered = [...filtered].sort((a, b) => (a[field] < b[field] ? -1 : a[field] > b[field] ? 1 : 0) * (desc ? -1 : 1) || a.id - b.id);
	s.sendJson(ctx, 200, { total: filtered.length, data: filtered.slice(start, start + count).map((p) => formatPlaylist(s, p)) });
}

function isInt(v: unknown, min: number): boolean {
	const n = typeof v === 'string' && /^[+-]?\d+$/.test(v) ? Number(v) : v;
	return typeof n === 'number' && Number.isInteger(n) && n >= min;
}

function checkTimestamps(body: Record<string, unknown>, errors: InvalidParams): void {
	for (const key of ['startTimestamp', 'stopTimestamp']) {
		if (body[key] !== undefined && !isInt(body[key], 0)) invalid(errors, key, body[key], 'Invalid value');
	}
}

const NO_CONTENT = { 'content-type': 'application/json; charset=utf-8' };

export const playlistRoutes: Route[] = [
	{
		method: 'GET',
		path: /^\/api\/v1\/video-playlists\/privacies$/,
		handle: (s, ctx) => s.sendJson(ctx, 200, PLAYLIST_PRIVACIES),
	},
	{
		method: 'GET',
		path: /^\/api\/v1\/video-playlists$/,
		handle: (s, ctx) => listPlaylists(s, ctx, [...playlistState(s).playlists.values()].filter((p) => p.privacy === 1), false),
	},
	{
		method: 'GET',
		path: /^\/api\/v1\/accounts\/([^/]+)\/video-playlists$/,
		handle: (s, ctx, match) => {
			const user = s.auth(ctx, false);
			const account = s.findAccount(decodeURIComponent(match[1]));
			if (!account) throw new HttpError(404, 'Account not found');
			const mine = user !== undefined && account.userId === user.id;
			const list = [...playlistState(s).playlists.values()].filter((p) => p.ownerAccountId === account.id && (mine || p.privacy === 1));
			listPlaylists(s, ctx, list, true);
		},
	},
	{
		method: 'GET',
		path: /^\/api\/v1\/video-channels\/([^/]+)\/video-playlists$/,
		handle: (s, ctx, match) => {
			s.auth(ctx, false);
			const channel = s.findChannelByHandle(decodeURIComponent(match[1]));
			if (!channel) throw new HttpError(404, 'Video channel not found');
			listPlaylists(s, ctx, [...playlistState(s).playlists.values()].filter((p) => p.channelId === channel.id && p.privacy === 1), false);
		},
	},
	{
		method: 'POST',
		path: /^\/api\/v1\/video-playlists$/,
		handle: (s, ctx) => {
			const user = s.auth(ctx, true);
			const { body, thumbnail, description, privacy, channelId } = validateEdit(s, ctx, true);
			if (channelId) checkChannelOfAccount(s, user, channelId);
			if (!channelId && (privacy === 1 || privacy === 2)) {
				throw new HttpError(400, 'Cannot set "public" or "unlisted" a playlist that is not assigned to a channel.');
			}
			const st = playlistState(s);
			const now = new Date().toISOString();
			const playlist: StandinPlaylist = {
				id: st.nextId++,
				uuid: newUuid(),
				displayName: body.displayName as string,
				description: (description as string | null | undefined) ?? null,
				privacy: privacy ?? 3,
				type: 1,
				ownerAccountId: s.accountOfUser(user.id)!.id,
				channelId: channelId ?? null,
				createdAt: now,
				updatedAt: now,
				thumbnail: thumbnail ? { filename: thumbnail.filename, mimetype: thumbnail.mimetype, size: thumbnail.size } : null,
				elements: [],
			};
			st.playlists.set(playlist.id, playlist);
			s.sendJson(ctx, 200, { videoPlaylist: { id: playlist.id, shortUUID: uuidToShort(playlist.uuid), uuid: playlist.uuid } });
		},
	},
	{
		method: 'GET',
		path: /^\/api\/v1\/video-playlists\/([^/]+)$/,
		handle: (s, ctx, match) => s.sendJson(ctx, 200, formatPlaylist(s, readablePlaylist(s, ctx, decodeURIComponent(match[1])))),
	},
	{
		method: 'PUT',
		path: /^\/api\/v1\/video-playlists\/([^/]+)$/,
		handle: (s, ctx, match) => {
			const user = s.auth(ctx, true);
			const { body, thumbnail, description, privacy, channelId } = validateEdit(s, ctx, false);
			const { playlist } = findPlaylist(s, decodeURIComponent(match[1]));
			checkManage(s, user, playlist);
			const newPrivacy = privacy || playlist.privacy;
			if (newPrivacy === 1 && ((!playlist.channelId && !channelId) || channelId === null)) {
				throw new HttpError(400, 'Cannot set "public" a playlist that is not assigned to a channel.');
			}
			if (playlist.type === 2) throw new HttpError(400, 'Cannot update a watch later playlist.');
			if (channelId) checkChannelOfAccount(s, user, channelId);
			if (body.displayName !== undefined) playlist.displayName = body.displayName as string;
			if (description !== undefined) playlist.description = description as string | null;
			if (privacy) playlist.privacy = privacy;
			if (channelId !== undefined) playlist.channelId = channelId;
			if (thumbnail) playlist.thumbnail = { filename: thumbnail.filename, mimetype: thumbnail.mimetype, size: thumbnail.size };
			playlist.updatedAt = new Date().toISOString();
			s.send(ctx, 204, undefined, NO_CONTENT);
		},
	},
	{
		method: 'DELETE',
		path: /^\/api\/v1\/video-playlists\/([^/]+)$/,
		handle: (s, ctx, match) => {
			const user = s.auth(ctx, true);
			const { playlist } = findPlaylist(s, decodeURIComponent(match[1]));
			if (playlist.type === 2) throw new HttpError(400, 'Cannot delete a watch later playlist.');
			checkManage(s, user, playlist);
			playlistState(s).playlists.delete(playlist.id);
			s.send(ctx, 204, undefined, NO_CONTENT);
		},
	},
	{
		method: 'GET',
		path: /^\/api\/v1\/video-playlists\/([^/]+)\/videos$/,
		handle: (s, ctx, match) => {
			const playlist = readablePlaylist(s, ctx, decodeURIComponent(match[1]));
			const { start, count } = s.pagination(ctx, [], '');
			const user = s.auth(ctx, false);
			const data = playlist.elements.slice(start, start + count).map((element, index) => {
				const video = s.videos.get(element.videoId);
				// VideoPlaylistElementType: 0 regular, 1 deleted, 2 private, 3 unavailable
				let type = 0;
				if (!video) type = 1;
				else if (video.privacy === 3 && !(user && (s.ownerUserIdOfVideo(video) === user.id || user.role === 'admin'))) type = 2;
				return {
					id: element.id,
					position: start + index + 1,
					startTimestamp: element.startTimestamp,
					stopTimestamp: element.stopTimestamp,
					type,
					video: type === 0 && video ? s.formatVideo(video) : null,
				};
			});
			s.sendJson(ctx, 200, { total: playlist.elements.length, data });
		},
	},
	{
		method: 'POST',
		path: /^\/api\/v1\/video-playlists\/([^/]+)\/videos\/reorder$/,
		handle: (s, ctx, match) => {
			const user = s.auth(ctx, true);
			const { body } = s.parseBody(ctx);
			const errors: InvalidParams = {};
			if (!isInt(body.startPosition, 1)) invalid(errors, 'startPosition', body.startPosition, 'Invalid value');
			if (!isInt(body.insertAfterPosition, 0)) invalid(errors, 'insertAfterPosition', body.insertAfterPosition, 'Invalid value');
			if (body.reorderLength !== undefined && !isInt(body.reorderLength, 1)) invalid(errors, 'reorderLength', body.reorderLength, 'Invalid value');
			const { playlist } = findPlaylist(s, decodeURIComponent(match[1]));
			if (Object.keys(errors).length) throw validationError(errors);
			checkManage(s, user, playlist);
			const nextPosition = playlist.elements.length + 1;
			const startPosition = Number(body.startPosition);
			const insertAfter = Number(body.insertAfterPosition);
			const length = body.reorderLength === undefined ? 1 : Number(body.reorderLength);
			if (startPosition >= nextPosition || insertAfter >= nextPosition) {
				throw new HttpError(400, `Start position or insert after position exceed the playlist limits (max: ${nextPosition - 1})`);
			}
			if (body.reorderLength !== undefined && length + startPosition > nextPosition) {
				throw new HttpError(400, `Reorder length with this start position exceeds the playlist limits (max: ${nextPosition - startPosition})`);
			}
			// PeerTube's reorderVideosPlaylist: a no-op when the block would land where it is
			if (!(insertAfter >= startPosition - 1 && insertAfter <= startPosition + length - 1)) {
				const moved = playlist.elements.splice(startPosition - 1, length);
				const target = insertAfter > startPosition ? insertAfter - length : insertAfter;
				playlist.elements.splice(target, 0, ...moved);
			}
			s.send(ctx, 204, undefined, NO_CONTENT);
		},
	},
	{
		method: 'POST',
		path: /^\/api\/v1\/video-playlists\/([^/]+)\/videos$/,
		handle: (s, ctx, match) => {
			const user = s.auth(ctx, true);
			const { body } = s.parseBody(ctx);
			const errors: InvalidParams = {};
			const rawVideoId = body.videoId === undefined || body.videoId === null ? '' : String(body.videoId);
			const videoIdValid = /^\d+$/.test(rawVideoId) || UUID_RE.test(rawVideoId) || shortToUuid(rawVideoId) !== undefined;
			if (!videoIdValid) invalid(errors, 'videoId', body.videoId, 'Should have a valid video id/uuid/short uuid');
			checkTimestamps(body, errors);
			const { playlist } = findPlaylist(s, decodeURIComponent(match[1]));
			if (Object.keys(errors).length) throw validationError(errors);
			const video = s.getVideo(rawVideoId);
			if (!video) throw new HttpError(404, 'Video not found');
			checkManage(s, user, playlist);
			const element: StandinPlaylistElement = {
				id: playlistState(s).nextElementId++,
				videoId: video.id,
				startTimestamp: body.startTimestamp === undefined ? null : Number(body.startTimestamp),
				stopTimestamp: body.stopTimestamp === undefined ? null : Number(body.stopTimestamp),
			};
			playlist.elements.push(element);
			playlist.updatedAt = new Date().toISOString();
			s.sendJson(ctx, 200, { videoPlaylistElement: { id: element.id } });
		},
	},
	{
		method: 'PUT',
		path: /^\/api\/v1\/video-playlists\/([^/]+)\/videos\/([^/]+)$/,
		handle: (s, ctx, match) => {
			const user = s.auth(ctx, true);
			const { body } = s.parseBody(ctx);
			const errors: InvalidParams = {};
			if (!/^\d+$/.test(match[2])) invalid(errors, 'playlistElementId', match[2], 'Should have an element id/uuid/short uuid', 'params');
			checkTimestamps(body, errors);
			const { playlist } = findPlaylist(s, decodeURIComponent(match[1]));
			if (Object.keys(errors).length) throw validationError(errors);
			const element = playlist.elements.find((e) => e.id === Number(match[2]));
			if (!element) throw new HttpError(404, 'Video playlist element not found');
			checkManage(s, user, playlist);
			if (body.startTimestamp !== undefined) element.startTimestamp = Number(body.startTimestamp);
			if (body.stopTimestamp !== undefined) element.stopTimestamp = Number(body.stopTimestamp);
			s.send(ctx, 204, undefined, NO_CONTENT);
		},
	},
	{
		method: 'DELETE',
		path: /^\/api\/v1\/video-playlists\/([^/]+)\/videos\/([^/]+)$/,
		handle: (s, ctx, match) => {
			const user = s.auth(ctx, true);
			if (!/^\d+$/.test(match[2])) {
				const errors: InvalidParams = {};
				invalid(errors, 'playlistElementId', match[2], 'Should have an element id/uuid/short uuid', 'params');
				throw validationError(errors);
			}
			const { playlist } = findPlaylist(s, decodeURIComponent(match[1]));
			const index = playlist.elements.findIndex((e) => e.id === Number(match[2]));
			if (index < 0) throw new HttpError(404, 'Video playlist element not found');
			checkManage(s, user, playlist);
			playlist.elements.splice(index, 1);
			playlist.updatedAt = new Date().toISOString();
			s.send(ctx, 204, undefined, NO_CONTENT);
		},
	},
];
