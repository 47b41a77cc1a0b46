/**
 * The user's channel subscriptions (`controllers/api/users/my-subscriptions.ts`, validators
 * `validators/user-subscriptions.ts`) and the quota the user has used (`GET /users/me/video-quota-used`,
 * `controllers/api/users/me.ts`).
 *
 * `POST /users/me/subscriptions { uri }` answers 204 whatever the channel: PeerTube only queues an
 * `activitypub-follow` job. The stand-in runs that job at once: a channel it knows (local, or
 * remote added with `addRemoteChannel`) becomes a subscription, any other handle leaves nothing.
 *
 * Test controls: `subscriptionsOf(s, username)` → handles, `subscribe(s, username, handle)`.
 */
import type { StandinChannel, StandinUser } from '../data.cjs';
import { Ctx, HttpError, Route, validationError } from '../http.cjs';
import type { PeerTubeStandin } from '../server.cjs';
import { InvalidParams, invalid } from '../validate.cjs';
import { jsonBody, versionAtLeast } from './comments.cjs';

interface Subscription {
	channelId: number;
	createdAt: string;
	id: number;
}

interface SubscriptionState {
	nextId: number;
	byUser: Map<number, Subscription[]>;
}

function subscriptionState(s: PeerTubeStandin): SubscriptionState {
	return s.state<SubscriptionState>('subscriptions', () => ({ nextId: 1, byUser: new Map() }));
}

function listOf(s: PeerTubeStandin, userId: number): Subscription[] {
	const state = subscriptionState(s);
	let list = state.byUser.get(userId);
	if (!list) state.byUser.set(userId, (list = []));
	return list;
}

/** isValidActorHandle: exactly one `@` and a valid host after it. */
function isValidActorHandle(value: unknown): value is string {
	if (typeof value !== 'string' || value.length === 0) return false;
	const parts = value.split('@');
	if (parts.length !== 2) return false;
	return /^[a-z0-9.-]+(:\d{1,5})?$/i.test(parts[1]) && parts[1].length > 0;
}

function handleOf(s: PeerTubeStandin, c: StandinChannel): string {
	return `${c.name}@${c.host ?? s.hostname}`;
}

/** The channel a handle names, local or remote (fetched or not). */
function channelOfHandle(s: PeerTubeStandin, handle: string): StandinChannel | undefined {
	const [name, rawHost] = handle.split('@');
	const host = rawHost.toLowerCase();
	for (const c of s.channels.values()) {
		if (c.name === name && (c.host ?? s.hostname) === host) return c;
	}
	return undefined;
}

export function subscribe(s: PeerTubeStandin, username: string, handle: string): boolean {
	const user = s.findUser(username);
	if (!user) throw new Error(`Unknown user ${username}`);
	return follow(s, user, handle);
}

function follow(s: PeerTubeStandin, user: StandinUser, handle: string): boolean {
	const channel = channelOfHandle(s, handle);
	if (!channel) return false;
	// fetching the remote actor makes it known to the instance
	if (channel.host !== undefined) channel.known = true;
	const list = listOf(s, user.id);
	if (!list.some((x) => x.channelId === channel.id)) {
		list.push({ channelId: channel.id, createdAt: new Date().toISOString(), id: subscriptionState(s).nextId++ });
	}
	return true;
}

export function subscriptionsOf(s: PeerTubeStandin, username: string): string[] {
	const user = s.findUser(username);
	if (!user) return [];
	return listOf(s, user.id).map((x) => handleOf(s, s.channels.get(x.channelId)!));
}

function findSubscription(s: PeerTubeStandin, user: StandinUser, uri: string): Subscription {
	const channel = channelOfHandle(s, uri);
	const found = channel ? listOf(s, user.id).find((x) => x.channelId === channel.id) : undefined;
	if (!found) throw new HttpError(404, `Subscription ${uri} not found.`);
	return found;
}

function uriParam(ctx: Ctx, raw: string): string {
	const uri = decodeURIComponent(raw);
	if (!isValidActorHandle(uri)) {
		const errors: InvalidParams = {};
		invalid(errors, 'uri', uri, 'Invalid value', 'params');
		throw validationError(errors);
	}
	void ctx;
	return uri;
}

function quotaUsed(s: PeerTubeStandin, user: StandinUser): { videoQuotaUsed: number; videoQuotaUsedDaily: number } {
	const account = s.accountOfUser(user.id);
	const dayAgo = new Date(Date.now() - 86400_000).toISOString();
	let total = 0;
	let daily = 0;
	for (const v of s.videos.values()) {
		if (s.channels.get(v.channelId)?.accountId !== account?.id) continue;
		const size = v.file?.size ?? 0;
		total += size;
		if (v.createdAt >= dayAgo) daily += size;
	}
	return { videoQuotaUsed: total, videoQuotaUsedDaily: daily };
}

export const subscriptionRoutes: Route[] = [
	{
		method: 'GET',
		path: /^\/api\/v1\/users\/me\/video-quota-used$/,
		handle(s, ctx) {
			s.sendJson(ctx, 200, quotaUsed(s, s.auth(ctx, true)));
		},
	},
	{
		method: 'GET',
		path: /^\/api\/v1\/users\/me\/subscriptions$/,
		handle(s, ctx) {
			const user = s.auth(ctx, true);
			const sorts = versionAtLeast(s, 7, 1) ? ['id', 'createdAt', 'channelUpdatedAt'] : ['id', 'createdAt'];
			const { start, count, sort } = s.pagination(ctx, sorts, '-createdAt');
			const searchRaw = ctx.query.search?.[0];
			if (searchRaw !== undefined && searchRaw === '') {
				const errors: InvalidParams = {};
				invalid(errors, 'search', searchRaw, 'Invalid value', 'query');
				throw validationError(errors);
			}
			const search = searchRaw?.toLowerCase();
			const desc = sort.startsWith('-') ? -1 : 1;
			const field = sort.replace(/^-/, '');
			const list = listOf(s, user.id)
				.map((x) => ({ x, c: s.channels.get(x.channelId)! }))
				.filter(({ c }) => !search || c.name.toLowerCase().includes(search) || c.displayName.toLowerCase().includes(search))
				.sort((a, b) => {
					const key = (e: { x: Subscription; c: StandinChannel }) =>
						field === 'id' ? e.x.id : field === 'channelUpdatedAt' ? e.c.updatedAt : e.x.createdAt;
					const [p, q] = [key(a), key(b)];
					return desc * (p < q ? -1 : p > q ? 1 : 0) || desc * (a.x.id - b.x.id);
				});
			s.sendJson(ctx, 200, { total: list.length, data: list.slice(start, start + count).map(({ c }) => s.formatChannel(c)) });
		},
	},
	{
		method: 'POST',
		path: /^\/api\/v1\/users\/me\/subscriptions$/,
		handle(s, ctx) {
			const user = s.auth(ctx, true);
			const body = jsonBody(s, ctx);
			if (!isValidActorHandle(body.uri)) {
				const errors: InvalidParams = {};
				invalid(errors, 'uri', body.uri, 'Should have a valid URI to follow (username@domain)');
				throw validationError(errors);
			}
			follow(s, user, body.uri);
			s.send(ctx, 204);
		},
	},
	{
		method: 'GET',
		path: /^\/api\/v1\/users\/me\/subscriptions\/exist$/,
		handle(s, ctx) {
			const user = s.auth(ctx, true);
			const uris = ctx.query.uris ?? [];
			if (uris.length === 0 || !uris.every(isValidActorHandle)) {
				const errors: InvalidParams = {};
				invalid(errors, 'uris', uris, 'Should have a valid array of URIs', 'query');
				throw validationError(errors);
			}
			const mine = new Set(listOf(s, user.id).map((x) => x.channelId));
			const answer: Record<string, boolean> = {};
			for (const uri of uris) {
				const c = channelOfHandle(s, uri);
				answer[uri] = c !== undefined && mine.has(c.id);
			}
			s.sendJson(ctx, 200, answer);
		},
	},
	{
		method: 'GET',
		path: /^\/api\/v1\/users\/me\/subscriptions\/videos$/,
		handle(s, ctx) {
			const user = s.auth(ctx, true);
			const mine = new Set(listOf(s, user.id).map((x) => x.channelId));
			s.listVideos(ctx, user, (v) => mine.has(v.channelId), 'public');
		},
	},
	{
		method: 'GET',
		path: /^\/api\/v1\/users\/me\/subscriptions\/([^/]+)$/,
		handle(s, ctx, m) {
			const user = s.auth(ctx, true);
			const uri = uriParam(ctx, m[1]);
			const sub = findSubscription(s, user, uri);
			s.sendJson(ctx, 200, s.formatChannel(s.channels.get(sub.channelId)!));
		},
	},
	{
		method: 'DELETE',
		path: /^\/api\/v1\/users\/me\/subscriptions\/([^/]+)$/,
		handle(s, ctx, m) {
			const user = s.auth(ctx, true);
			const uri = uriParam(ctx, m[1]);
			const sub = findSubscription(s, user, uri);
			const list = listOf(s, user.id);
			list.splice(list.indexOf(sub), 1);
			s.send(ctx, 204);
		},
	},
];
