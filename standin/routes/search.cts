/**
 * Search (`controllers/api/search/*.ts`, `validators/search.ts`): videos, video channels and video
 * playlists, on this instance or — when the administrator enabled it — through the configured search
 * index (`searchTarget=search-index`; refused with 400 otherwise, as `isSearchTargetValid` does).
 * A channel search for a handle (`name@host`, `@name@host`) or an actor URL is a remote-URI lookup:
 * a logged-in user's search fetches the remote channel (search.remote_uri.users), an anonymous one
 * only sees what the instance already knows.
 *
 * The stand-in has no real index: with the index enabled, `search-index` answers what this instance
 * knows, with `total` capped at `searchIndexTotalCap` like an index that reports at most so many.
 *
 * Test control: `setSearchIndex(s, { enabled, totalCap? })`. The playlist search looks through the
 * playlists module's playlists, or what `searchPlaylistsSource(s, fn)` provides instead.
 */
import { type StandinChannel, uuidToShort } from '../data.cjs';
import { Ctx, Route, validationError } from '../http.cjs';
import type { PeerTubeStandin } from '../server.cjs';
import { InvalidParams, invalid, isDateValid } from '../validate.cjs';
import { PLAYLIST_PRIVACIES, playlistState } from './playlists.cjs';

interface SearchState {
	indexEnabled: boolean;
	totalCap?: number;
	playlists?: () => Array<Record<string, unknown>>;
}

function searchState(s: PeerTubeStandin): SearchState {
	return s.state<SearchState>('search', () => ({ indexEnabled: false }));
}

export function setSearchIndex(s: PeerTubeStandin, options: { enabled: boolean; totalCap?: number }): void {
	Object.assign(searchState(s), { indexEnabled: options.enabled, totalCap: options.totalCap });
}

/** The playlists the playlist search looks through (formatted VideoPlaylist objects). */
export function searchPlaylistsSource(s: PeerTubeStandin, source: () => Array<Record<string, unknown>>): void {
	searchState(s).playlists = source;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHORT_UUID = /^[1-9A-HJ-NP-Za-km-z]{20,22}$/;
const HOST = /^[a-z0-9.-]+(:\d{1,5})?$/i;

/** The checks every search route shares; returns the search target used. */
function commonChecks(s: PeerTubeStandin, ctx: Ctx, errors: InvalidParams): 'local' | 'search-index' {
	const target = ctx.query.searchTarget?.[0];
	if (target !== undefined && !(target === 'local' || (target === 'search-index' && searchState(s).indexEnabled))) {
		invalid(errors, 'searchTarget', target, 'Invalid value', 'query');
	}
	const search = ctx.query.search?.[0];
	if (search !== undefined && search === '') invalid(errors, 'search', search, 'Invalid value', 'query');
	const host = ctx.query.host?.[0];
	if (host !== undefined && !HOST.test(host)) invalid(errors, 'host', host, 'Invalid value', 'query');
	return target === 'search-index' ? 'search-index' : 'local';
}

function uuidsOf(ctx: Ctx, errors: InvalidParams): string[] | undefined {
	const uuids = ctx.query.uuids;
	if (!uuids) return undefined;
	if (uuids.length > 100 || !uuids.every((u) => UUID.test(u) || SHORT_UUID.test(u))) {
		invalid(errors, 'uuids', uuids, 'Should have valid array of uuid', 'query');
	}
	return uuids;
}

/** Answers a list, capping `total` when the search index reports at most so many. */
function sendList(s: PeerTubeStandin, ctx: Ctx, target: string, total: number, data: unknown[]): void {
	const cap = searchState(s).totalCap;
	s.sendJson(ctx, 200, { total: target === 'search-index' && cap !== undefined ? Math.min(total, cap) : total, data });
}

/** The playlists module's playlists, as the search lists them (regular ones; privacy filtered by the route). */
function knownPlaylists(s: PeerTubeStandin): Array<Record<string, unknown>> {
	return [...playlistState(s).playlists.values()]
		.filter((p) => p.type === 1)
		.map((p) => {
			const account = s.accounts.get(p.ownerAccountId);
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
				type: { id: p.type, label: 'Regular' },
				videosLength: p.elements.length,
				createdAt: p.createdAt,
				updatedAt: p.updatedAt,
				ownerAccount: account ? s.formatAccountSummary(account) : null,
				videoChannel: channel ? s.formatChannelSummary(channel) : null,
			};
		});
}

function channelHost(s: PeerTubeStandin, c: StandinChannel): string {
	return c.host ?? s.hostname;
}

export const searchRoutes: Route[] = [
	{
		method: 'GET',
		path: /^\/api\/v1\/search\/videos$/,
		handle: (s, ctx) => {
			const user = s.auth(ctx, false);
			const errors: InvalidParams = {};
			commonChecks(s, ctx, errors);
			const dates: Record<string, string | undefined> = {};
			for (const name of ['startDate', 'endDate', 'originallyPublishedStartDate', 'originallyPublishedEndDate']) {
				const raw = ctx.query[name]?.[0];
				if (raw !== undefined && !isDateValid(raw)) invalid(errors, name, raw, 'Should have a valid date that conforms to ISO 8601', 'query');
				dates[name] = raw;
			}
			const ints: Record<string, number | undefined> = {};
			for (const name of ['durationMin', 'durationMax']) {
				const raw = ctx.query[name]?.[0];
				if (raw !== undefined && !/^\d+$/.test(raw)) invalid(errors, name, raw, 'Invalid value', 'query');
				ints[name] = raw === undefined ? undefined : Number(raw);
			}
			const uuids = uuidsOf(ctx, errors);
			if (Object.keys(errors).length) throw validationError(errors);
			const host = ctx.query.host?.[0]?.toLowerCase();
			const at = (iso: string | undefined) => (iso === undefined ? undefined : new Date(iso).getTime());
			const [start, end, oStart, oEnd] = [dates.startDate, dates.endDate, dates.originallyPublishedStartDate, dates.originallyPublishedEndDate].map(at);
			s.listVideos(
				ctx,
				user,
				(v) => {
					const published = new Date(v.publishedAt).getTime();
					if (start !== undefined && published < start) return false;
					if (end !== undefined && published > end) return false;
					const original = v.originallyPublishedAt ? new Date(v.originallyPublishedAt).getTime() : undefined;
					if (oStart !== undefined && (original === undefined || original < oStart)) return false;
					if (oEnd !== undefined && (original === undefined || original > oEnd)) return false;
					if (ints.durationMin !== undefined && v.duration < ints.durationMin) return false;
					if (ints.durationMax !== undefined && v.duration > ints.durationMax) return false;
					if (host !== undefined && !(v.isLocal && host === s.hostname)) return false;
					if (uuids && !uuids.some((u) => u.toLowerCase() === v.uuid || u === v.shortUUID)) return false;
					return true;
				},
				'public',
			);
		},
	},
	{
		method: 'GET',
		path: /^\/api\/v1\/search\/video-channels$/,
		handle: (s, ctx) => {
			const { start, count, sort } = s.pagination(ctx, ['match', 'displayName', 'createdAt'], '-match');
			const user = s.auth(ctx, false);
			const errors: InvalidParams = {};
			const target = commonChecks(s, ctx, errors);
			const handles = ctx.query.handles;
			if (handles && !handles.every((h) => h.length > 0 && h.split('@').length <= 2)) {
				invalid(errors, 'handles', handles, 'Should have valid array of handles', 'query');
			}
			if (Object.keys(errors).length) throw validationError(errors);
			const search = ctx.query.search?.[0] ?? '';
			const parts = search.split('@');
			if (parts.length === 3 && parts[0].length === 0) parts.shift();
			const isWebfinger = parts.length === 2 && parts.every((p) => p && !p.includes(' '));
			if (/^https?:\/\//.test(search) || isWebfinger) {
				const { channel } = s.fetchRemoteActor(search, user);
				return s.sendJson(ctx, 200, { total: channel ? 1 : 0, data: channel ? [s.formatChannel(channel)] : [] });
			}
			const wanted = search.replace(/^@/, '').toLowerCase();
			const host = ctx.query.host?.[0]?.toLowerCase();
			const wantedHandles = handles?.map((h) => (h.includes('@') ? h.toLowerCase() : `${h}@${s.hostname}`.toLowerCase()));
			const desc = sort.startsWith('-') ? -1 : 1;
			const field = sort.replace(/^-/, '');
			const list = [...s.channels.values()]
				.filter((c) => s.isKnownChannel(c))
				.filter((c) => c.name.toLowerCase().includes(wanted) || c.displayName.toLowerCase().includes(wanted))
				.filter((c) => host === undefined || channelHost(s, c) === host)
				.filter((c) => !wantedHandles || wantedHandles.includes(`${c.name}@${channelHost(s, c)}`.toLowerCase()))
				.sort((a, b) => {
					if (field === 'displayName') return desc * a.displayName.localeCompare(b.displayName) || a.id - b.id;
					if (field === 'createdAt') return desc * (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0) || desc * (a.id - b.id);
					// match: exact names first, then by id
					const score = (c: StandinChannel) => (c.name.toLowerCase() === wanted ? 0 : 1);
					return score(a) - score(b) || a.id - b.id;
				});
			sendList(s, ctx, target, list.length, list.slice(start, start + count).map((c) => s.formatChannel(c)));
		},
	},
	{
		method: 'GET',
		path: /^\/api\/v1\/search\/video-playlists$/,
		handle: (s, ctx) => {
			const { start, count, sort } = s.pagination(ctx, ['match', 'displayName', 'createdAt'], '-match');
			s.auth(ctx, false);
			const errors: InvalidParams = {};
			const target = commonChecks(s, ctx, errors);
			const uuids = uuidsOf(ctx, errors);
			if (Object.keys(errors).length) throw validationError(errors);
			const wanted = (ctx.query.search?.[0] ?? '').toLowerCase();
			const host = ctx.query.host?.[0]?.toLowerCase();
			const desc = sort.startsWith('-') ? -1 : 1;
			const field = sort.replace(/^-/, '');
			const str = (p: Record<string, unknown>, k: string) => String(p[k] ?? '');
			// only public playlists are searchable (privacy 1)
			const list = (searchState(s).playlists?.() ?? knownPlaylists(s))
				.filter((p) => (p.privacy as { id?: number } | undefined)?.id === 1)
				.filter((p) => str(p, 'displayName').toLowerCase().includes(wanted))
				.filter((p) => host === undefined || String((p.ownerAccount as { host?: string } | undefined)?.host ?? s.hostname) === host)
				.filter((p) => !uuids || uuids.some((u) => u.toLowerCase() === str(p, 'uuid') || u === str(p, 'shortUUID')))
				.sort((a, b) => {
					if (field === 'displayName') return desc * str(a, 'displayName').localeCompare(str(b, 'displayName'));
					if (field === 'createdAt') return desc * str(a, 'createdAt').localeCompare(str(b, 'createdAt'));
					return Number(a.id) - Number(b.id);
				});
			sendList(s, ctx, target, list.length, list.slice(start, start + count));
		},
	},
];
