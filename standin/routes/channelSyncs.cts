/**
 * Channel synchronisations (controllers/api/video-channel-sync.ts, accounts.ts, video-channel.ts
 * import-videos) and their validators. Creating one needs
 * `import.video_channel_synchronization.enabled` (off by default, like PeerTube); importing
 * needs HTTP import. Every import request is kept in `imports` for tests.
 */
import { HttpError, validationError } from '../http.cjs';
import type { Route } from '../http.cjs';
import type { PeerTubeStandin } from '../server.cjs';
import { InvalidParams, invalid, isHttpUrl } from '../validate.cjs';
import { channelForManage, onChannelDeleted } from './channels.cjs';
import { importsEnabled, setImportsEnabled } from './imports.cjs';

export const SYNC_STATES: Record<number, string> = { 1: 'Waiting first run', 2: 'Processing', 3: 'Synchronized', 4: 'Failed' };

export interface StandinChannelSync {
	id: number;
	externalChannelUrl: string;
	channelId: number;
	state: number;
	createdAt: string;
	lastSyncAt: string | null;
}

export interface ChannelSyncState {
	/** import.video_channel_synchronization.enabled (PeerTube's default false) */
	enabled: boolean;
	/**
	 * import.videos.http.enabled: the one flag video imports also obey (imports.cts), read and set
	 * through here as well
	 */
	httpImportEnabled: boolean;
	/** import.video_channel_synchronization.max_per_user (PeerTube's default 10) */
	maxPerUser: number;
	syncs: Map<number, StandinChannelSync>;
	nextId: number;
	imports: Array<{ channelId: number; externalChannelUrl: string; videoChannelSyncId: number | null }>;
}

export function channelSyncState(s: PeerTubeStandin): ChannelSyncState {
	return s.state<ChannelSyncState>('channelSyncs', () => {
		// the syncs of a deleted channel go with it (foreign key, ON DELETE CASCADE)
		onChannelDeleted(s).push((channel) => {
			const syncs = channelSyncState(s).syncs;
			for (const sync of [...syncs.values()]) if (sync.channelId === channel.id) syncs.delete(sync.id);
		});
		const st = { enabled: false, maxPerUser: 10, syncs: new Map(), nextId: 1, imports: [] } as unknown as ChannelSyncState;
		// PeerTube has a single import.videos.http.enabled: URL imports and channel imports share it
		Object.defineProperty(st, 'httpImportEnabled', {
			enumerable: true,
			get: () => importsEnabled(s).http,
			set: (value: boolean) => setImportsEnabled(s, { http: value }),
		});
		return st;
	});
}

function formatSync(s: PeerTubeStandin, sync: StandinChannelSync): Record<string, unknown> {
	const channel = s.channels.get(sync.channelId);
	return {
		id: sync.id,
		externalChannelUrl: sync.externalChannelUrl,
		createdAt: sync.createdAt,
		channel: channel ? s.formatChannelSummary(channel) : null,
		state: { id: sync.state, label: SYNC_STATES[sync.state] ?? 'Unknown' },
		lastSyncAt: sync.lastSyncAt,
	};
}

const SYNC_SORTS = ['externalChannelUrl', 'videoChannel', 'createdAt', 'lastSyncAt', 'state'];

export const channelSyncRoutes: Route[] = [
	{
		method: 'POST',
		path: /^\/api\/v1\/video-channel-syncs$/,
		handle: (s, ctx) => {
			const user = s.auth(ctx, true);
			const st = channelSyncState(s);
			if (!st.enabled) throw new HttpError(403, 'Synchronization is impossible as video channel synchronization is not enabled on the server');
			const { body } = s.parseBody(ctx);
			const errors: InvalidParams = {};
			if (!isHttpUrl(body.externalChannelUrl)) invalid(errors, 'externalChannelUrl', body.externalChannelUrl, 'Invalid value');
			const channelId = body.videoChannelId;
			if (!(typeof channelId === 'number' && Number.isInteger(channelId)) && !(typeof channelId === 'string' && /^[+-]?\d+$/.test(channelId))) {
				invalid(errors, 'videoChannelId', channelId, 'Invalid value');
			}
			if (Object.keys(errors).length) throw validationError(errors);
			const channel = s.channels.get(Number(channelId));
			if (!channel) throw new HttpError(404, 'Video channel not found');
			channelForManage(s, user, channel.host ? `${channel.name}@${channel.host}` : channel.name);
			const owned = [...st.syncs.values()].filter((sync) => s.channels.get(sync.channelId)?.accountId === channel.accountId).length;
			if (owned >= st.maxPerUser) throw new HttpError(400, `You cannot create more than ${st.maxPerUser} channel synchronizations`);
			const sync: StandinChannelSync = {
				id: st.nextId++,
				externalChannelUrl: body.externalChannelUrl as string,
				channelId: channel.id,
				state: 1,
				createdAt: new Date().toISOString(),
				lastSyncAt: null,
			};
			st.syncs.set(sync.id, sync);
			s.sendJson(ctx, 200, { videoChannelSync: formatSync(s, sync) });
		},
	},
	{
		method: 'DELETE',
		path: /^\/api\/v1\/video-channel-syncs\/([^/]+)$/,
		handle: (s, ctx, match) => {
			const user = s.auth(ctx, true);
			const raw = decodeURIComponent(match[1]);
			if (!/^\d+$/.test(raw)) {
				const errors: InvalidParams = {};
				invalid(errors, 'id', raw, 'Should have an sync id', 'params');
				throw validationError(errors);
			}
			const st = channelSyncState(s);
			const sync = st.syncs.get(Number(raw));
			if (!sync) throw new HttpError(404, 'Video channel sync not found');
			const channel = s.channels.get(sync.channelId);
			if (!channel) throw new HttpError(404, 'Video channel not found');
			channelForManage(s, user, channel.name);
			st.syncs.delete(sync.id);
			s.send(ctx, 204, undefined, { 'content-type': 'application/json; charset=utf-8' });
		},
	},
	{
		method: 'GET',
		path: /^\/api\/v1\/accounts\/([^/]+)\/video-channel-syncs$/,
		handle: (s, ctx, match) => {
			const user = s.auth(ctx, true);
			const account = s.findAccount(decodeURIComponent(match[1]));
			if (!account) throw new HttpError(404, 'Account not found');
			if (account.host !== undefined) throw new HttpError(403, 'This account is not owned.');
			if (account.userId !== user.id && user.role !== 'admin') {
				throw new HttpError(403, 'Only a user with sufficient right can access this account resource.');
			}
			const { start, count, sort } = s.pagination(ctx, SYNC_SORTS, '-createdAt');
			const desc = sort.startsWith('-');
			const field = sort.replace(/^-/, '');
			const key = (sync: StandinChannelSync): string | number =>
				field === 'videoChannel' ? (s.channels.get(sync.channelId)?.name ?? '') : ((sync as unknown as Record<string, string | number | null>)[field] ?? '');
			const list = [...channelSyncState(s).syncs.values()]
				.filter((sync) => s.channels.get(sync.channelId)?.accountId === account.id)
				.sort((a, b) => {
					const x = key(a);
					const y = key(b);
					return (x < y ? -1 : x > y ? 1 : 0) * (desc ? -1 : 1) || a.id - b.id;
				});
			s.sendJson(ctx, 200, { total: list.length, data: list.slice(start, start + count).map((sync) => formatSync(s, sync)) });
		},
	},
	{
		method: 'POST',
		path: /^\/api\/v1\/video-channels\/([^/]+)\/import-videos$/,
		handle: (s, ctx, match) => {
			const user = s.auth(ctx, true);
			const { body } = s.parseBody(ctx);
			const channel = channelForManage(s, user, decodeURIComponent(match[1]));
			const errors: InvalidParams = {};
			if (!isHttpUrl(body.externalChannelUrl)) invalid(errors, 'externalChannelUrl', body.externalChannelUrl, 'Invalid value');
			const syncId = body.videoChannelSyncId;
			if (syncId !== undefined && !(Number.isInteger(Number(syncId)) && Number(syncId) >= 1)) invalid(errors, 'videoChannelSyncId', syncId, 'Invalid value');
			if (Object.keys(errors).length) throw validationError(errors);
			const st = channelSyncState(s);
			if (!st.httpImportEnabled) {
				throw new HttpError(403, 'Channel import is impossible as video upload via HTTP is not enabled on the server');
			}
			let sync: StandinChannelSync | undefined;
			if (syncId !== undefined) {
				sync = st.syncs.get(Number(syncId));
				if (!sync) throw new HttpError(404, 'Video channel sync not found');
				if (sync.channelId !== channel.id) throw new HttpError(403, 'This channel sync is not owned by this channel');
			}
			st.imports.push({ channelId: channel.id, externalChannelUrl: body.externalChannelUrl as string, videoChannelSyncId: sync?.id ?? null });
			if (sync) sync.state = 2;
			s.addJobs(1, {
				type: 'video-channel-import',
				state: 'waiting',
				data: { externalChannelUrl: body.externalChannelUrl, videoChannelId: channel.id, partOfChannelSyncId: sync?.id },
			});
			s.send(ctx, 204, undefined, { 'content-type': 'application/json; charset=utf-8' });
		},
	},
];
