/**
 * Video channels as PeerTube's controllers/api/video-channel.ts and its validators answer them:
 * list (search, sort, paging), one channel, its videos, create / update / delete, avatar and banner
 * pick. The checks come in PeerTube's order: handle (404), can manage (403), local (403), fields
 * (400), then the specific conflicts (409).
 */
import { HttpError, validationError } from '../http.cjs';
import type { Ctx, Route } from '../http.cjs';
import type { PeerTubeStandin, StandinUser } from '../server.cjs';
import type { StandinChannel } from '../data.cjs';
import { IMAGE_MAX_SIZE, IMAGE_MIMETYPES } from '../data.cjs';
import { InvalidParams, invalid } from '../validate.cjs';

/** PeerTube's isUserUsernameValid, used for channel names. */
export const CHANNEL_NAME_RE = /^[a-z0-9_]+([a-z0-9_.-]+[a-z0-9_]+)?$/;

interface ActorImage {
	width: number;
	height: number;
	path: string;
	fileUrl: string;
	createdAt: string;
	updatedAt: string;
}

export interface ChannelModuleState {
	/** `video_channels.max_per_user` (PeerTube's default 20) */
	maxPerUser: number;
	/** names of actors that existed once: PeerTube never gives them again */
	usedNames: Set<string>;
	avatars: Map<number, ActorImage[]>;
	banners: Map<number, ActorImage[]>;
	/** what avatar/banner picks received, for tests */
	uploads: Array<{ channelId: number; kind: 'avatar' | 'banner'; filename: string; mimetype: string; size: number }>;
}

export function channelState(s: PeerTubeStandin): ChannelModuleState {
	return s.state<ChannelModuleState>('channels', () => ({
		maxPerUser: 20,
		usedNames: new Set<string>(),
		avatars: new Map(),
		banners: new Map(),
		uploads: [],
	}));
}

/** Hooks other modules (playlists) register to run when a channel is deleted. */
export function onChannelDeleted(s: PeerTubeStandin): Array<(channel: StandinChannel) => void> {
	return s.state<Array<(channel: StandinChannel) => void>>('channels.onDeleted', () => []);
}

export function formatChannelWithImages(s: PeerTubeStandin, c: StandinChannel): Record<string, unknown> {
	const st = channelState(s);
	return { ...s.formatChannel(c), avatars: st.avatars.get(c.id) ?? [], banners: st.banners.get(c.id) ?? [] };
}

/** videoChannelsHandleValidatorFactory: exists (404), can manage (403), is local (403). */
export function channelForManage(s: PeerTubeStandin, user: StandinUser, handle: string): StandinChannel {
	const channel = s.findChannelByHandle(handle);
	if (!channel) throw new HttpError(404, 'Video channel not found');
	const owner = s.accounts.get(channel.accountId);
	if (owner?.userId !== user.id && user.role !== 'admin') {
		throw new HttpError(403, 'Only a user with sufficient right can access this account resource.');
	}
	if (channel.host !== undefined) throw new HttpError(403, 'This channel is not owned.');
	return channel;
}

function nameTaken(s: PeerTubeStandin, name: string): boolean {
	if (channelState(s).usedNames.has(name)) return true;
	for (const c of s.channels.values()) if (c.host === undefined && c.name === name) return true;
	for (const a of s.accounts.values()) if (a.host === undefined && a.name === name) return true;
	return false;
}

function checkEditable(body: Record<string, unknown>, errors: InvalidParams, required: boolean): void {
	const displayName = body.displayName;
	if (displayName !== undefined || required) {
		if (typeof displayName !== 'string' || displayName.length < 1 || displayName.length > 120) invalid(errors, 'displayName', displayName, 'Invalid value');
	}
	for (const key of ['description', 'support'] as const) {
		const value = body[key];
		// isVideoChannelDescriptionValid / SupportValid: null passes, else 3–1000 characters
		if (value === undefined || value === null) continue;
		if (typeof value !== 'string' || value.length < 3 || value.length > 1000) invalid(errors, key, value, 'Invalid value');
	}
}

function image(s: PeerTubeStandin, kind: 'avatar' | 'banner', width: number, height: number, now: string): ActorImage {
	const file = `${kind}-${width}-${Math.random().toString(16).slice(2, 10)}.jpg`;
	const path = kind === 'avatar' ? `/lazy-static/avatars/${file}` : `/lazy-static/banners/${file}`;
	return { width, height, path, fileUrl: `${s.baseUrl}${path}`, createdAt: now, updatedAt: now };
}

function pickImage(s: PeerTubeStandin, ctx: Ctx, handle: string, kind: 'avatar' | 'banner'): void {
	const user = s.auth(ctx, true);
	const { files } = s.parseBody(ctx);
	const channel = channelForManage(s, user, handle);
	const field = `${kind}file`;
	const file = files.find((f) => f.field === field);
	if (!file || !IMAGE_MIMETYPES.includes(file.mimetype) || file.size > IMAGE_MAX_SIZE) {
		const errors: InvalidParams = {};
		invalid(errors, field, undefined, 'This file is not supported or too large. Please, make sure it is of the following type : .png, .jpeg, .jpg, .gif, .webp');
		throw validationError(errors);
	}
	const st = channelState(s);
	st.uploads.push({ channelId: channel.id, kind, filename: file.filename, mimetype: file.mimetype, size: file.size });
	const now = new Date().toISOString();
	if (kind === 'avatar') {
		const avatars = [1500, 600, 120, 48].map((w) => image(s, 'avatar', w, w, now));
		st.avatars.set(channel.id, avatars);
		return s.sendJson(ctx, 200, { avatars });
	}
	const banners = [image(s, 'banner', 1920, 317, now)];
	st.banners.set(channel.id, banners);
	s.sendJson(ctx, 200, { banners });
}

const CHANNEL_SORTS = ['id', 'name', 'updatedAt', 'createdAt'];

function sortChannels(list: StandinChannel[], sort: string): StandinChannel[] {
	const desc = sort.startsWith('-');
	const field = sort.replace(/^-/, '') as 'id' | 'name' | 'updatedAt' | 'createdAt';
	const dir = desc ? -1 : 1;
	return [...list].sort((a, b) => {
		const x = a[field] as string | number;
		const y = b[field] as string | number;
		return (x < y ? -dir : x > y ? dir : 0) || a.id - b.id;
	});
}

/** `applySearch` false: PeerTube's GET /video-channels validates `search` but does not use it. */
function listChannels(s: PeerTubeStandin, ctx: Ctx, list: StandinChannel[], applySearch = true): void {
	const { start, count, sort } = s.pagination(ctx, CHANNEL_SORTS, 'createdAt');
	const search = s.q1(ctx, 'search');
	if (search !== undefined && search === '') {
		const errors: InvalidParams = {};
		invalid(errors, 'search', search, 'Invalid value', 'query');
		throw validationError(errors);
	}
	let filtered = list;
	if (search && applySearch) {
		const wanted = search.toLowerCase();
		filtered = list.filter((c) => c.name.toLowerCase().includes(wanted) || c.displayName.toLowerCase().includes(wanted));
	}
	const withStats = s.q1(ctx, 'withStats') === 'true';
	const sorted = sortChannels(filtered, sort);
	s.sendJson(ctx, 200, {
		total: sorted.length,
		data: sorted.slice(start, start + count).map((c) => ({
			...formatChannelWithImages(s, c),
			...(withStats ? { viewsPerDay: [], totalViews: 0 } : {}),
		})),
	});
}

export const channelRoutes: Route[] = [
	{
		method: 'GET',
		path: /^\/api\/v1\/video-channels$/,
		handle: (s, ctx) => listChannels(s, ctx, [...s.channels.values()].filter((c) => s.isKnownChannel(c)), false),
	},
	{
		method: 'GET',
		path: /^\/api\/v1\/accounts\/([^/]+)\/video-channels$/,
		handle: (s, ctx, match) => {
			const account = s.findAccount(decodeURIComponent(match[1]));
			if (!account) throw new HttpError(404, 'Account not found');
			listChannels(s, ctx, [...s.channels.values()].filter((c) => c.accountId === account.id));
		},
	},
	{
		method: 'POST',
		path: /^\/api\/v1\/video-channels$/,
		handle: (s, ctx) => {
			const user = s.auth(ctx, true);
			const { body } = s.parseBody(ctx);
			const errors: InvalidParams = {};
			const name = body.name;
			if (typeof name !== 'string' || name.length < 1 || name.length > 50 || !CHANNEL_NAME_RE.test(name)) invalid(errors, 'name', name, 'Invalid value');
			checkEditable(body, errors, true);
			if (Object.keys(errors).length) throw validationError(errors);
			if (nameTaken(s, name as string)) {
				throw new HttpError(409, 'Another actor (account/channel) with this name on this instance already exists or has already existed.');
			}
			const account = s.accountOfUser(user.id)!;
			const st = channelState(s);
			const owned = [...s.channels.values()].filter((c) => c.accountId === account.id).length;
			if (owned >= st.maxPerUser) throw new HttpError(400, `You cannot create more than ${st.maxPerUser} channels`);
			const created = s.addChannel({ name: name as string, displayName: body.displayName as string, ownerUsername: user.username });
			const channel = s.channels.get(created.id)!;
			if (typeof body.description === 'string') channel.description = body.description;
			if (typeof body.support === 'string') channel.support = body.support;
			s.sendJson(ctx, 200, { videoChannel: { id: channel.id } });
		},
	},
	{
		method: 'POST',
		path: /^\/api\/v1\/video-channels\/([^/]+)\/(avatar|banner)\/pick$/,
		handle: (s, ctx, match) => pickImage(s, ctx, decodeURIComponent(match[1]), match[2] as 'avatar' | 'banner'),
	},
	{
		method: 'PUT',
		path: /^\/api\/v1\/video-channels\/([^/]+)$/,
		handle: (s, ctx, match) => {
			const user = s.auth(ctx, true);
			const { body } = s.parseBody(ctx);
			const channel = channelForManage(s, user, decodeURIComponent(match[1]));
			const errors: InvalidParams = {};
			checkEditable(body, errors, false);
			const bulk = body.bulkVideosSupportUpdate;
			if (bulk !== undefined && typeof bulk !== 'boolean' && bulk !== 'true' && bulk !== 'false') {
				invalid(errors, 'bulkVideosSupportUpdate', bulk, 'Should have a valid bulkVideosSupportUpdate boolean field');
			}
			if (Object.keys(errors).length) throw validationError(errors);
			if (body.displayName !== undefined) channel.displayName = body.displayName as string;
			if (body.description !== undefined) channel.description = body.description as string | null;
			if (body.support !== undefined) {
				channel.support = body.support as string | null;
				if (bulk === true || bulk === 'true') {
					for (const v of s.videos.values()) if (v.channelId === channel.id) v.support = channel.support;
				}
			}
			channel.updatedAt = new Date().toISOString();
			s.send(ctx, 204, undefined, { 'content-type': 'application/json; charset=utf-8' });
		},
	},
	{
		method: 'DELETE',
		path: /^\/api\/v1\/video-channels\/([^/]+)$/,
		handle: (s, ctx, match) => {
			const user = s.auth(ctx, true);
			const channel = channelForManage(s, user, decodeURIComponent(match[1]));
			const left = [...s.channels.values()].filter((c) => c.accountId === channel.accountId).length;
			if (left <= 1) throw new HttpError(409, 'Cannot remove the last channel of this user');
			for (const hook of onChannelDeleted(s)) hook(channel);
			for (const v of [...s.videos.values()]) if (v.channelId === channel.id) s.removeVideo(v);
			s.channels.delete(channel.id);
			channelState(s).usedNames.add(channel.name);
			s.send(ctx, 204, undefined, { 'content-type': 'application/json; charset=utf-8' });
		},
	},
	{
		method: 'GET',
		path: /^\/api\/v1\/video-channels\/([^/]+)(\/videos)?$/,
		handle: (s, ctx, match) => {
			const user = match[2] ? s.auth(ctx, false) : undefined;
			const channel = s.findChannelByHandle(decodeURIComponent(match[1]));
			if (!channel) throw new HttpError(404, 'Video channel not found');
			if (!match[2]) return s.sendJson(ctx, 200, formatChannelWithImages(s, channel));
			const owner = s.accounts.get(channel.accountId)?.userId;
			s.listVideos(ctx, user, (v) => v.channelId === channel.id, 'public', owner);
		},
	},
];
