/**
 * The user's notifications (`controllers/api/users/my-notifications.ts`, validators
 * `validators/users/user-notifications.ts`): list (newest first by default, `unread`, `typeOneOf`
 * from 7.1 — older versions ignore it as an unknown query parameter), mark some or all as read.
 *
 * Test controls: `addNotification(s, { username, type, createdAt?, read?, ...payload })` where the
 * payload is what PeerTube attaches to that type (`video`, `comment`, `account`…),
 * `deleteNotification(s, id)`, `notificationsOf(s, username)`.
 */
import { Route, validationError } from '../http.cjs';
import type { PeerTubeStandin } from '../server.cjs';
import { InvalidParams, booleanOrNull, invalid } from '../validate.cjs';
import { jsonBody, versionAtLeast } from './comments.cjs';

export interface StandinNotification {
	id: number;
	userId: number;
	type: number;
	read: boolean;
	createdAt: string;
	updatedAt: string;
	/** `video`, `comment`, `account`, `videoImport`… as PeerTube sends them for the type */
	payload: Record<string, unknown>;
}

interface NotificationState {
	nextId: number;
	byId: Map<number, StandinNotification>;
}

function notificationState(s: PeerTubeStandin): NotificationState {
	return s.state<NotificationState>('notifications', () => ({ nextId: 1, byId: new Map() }));
}

export function addNotification(
	s: PeerTubeStandin,
	n: { username: string; type: number; createdAt?: string | Date | number; read?: boolean } & Record<string, unknown>,
): StandinNotification {
	const { username, type, createdAt, read, ...payload } = n;
	const user = s.findUser(username);
	if (!user) throw new Error(`Unknown user ${username}`);
	const state = notificationState(s);
	const at = new Date(createdAt ?? Date.now()).toISOString();
	const notification: StandinNotification = {
		id: state.nextId++,
		userId: user.id,
		type,
		read: read ?? false,
		createdAt: at,
		updatedAt: at,
		payload,
	};
	state.byId.set(notification.id, notification);
	return notification;
}

export function deleteNotification(s: PeerTubeStandin, id: number): void {
	if (!notificationState(s).byId.delete(id)) throw new Error(`Unknown notification ${id}`);
}

export function notificationsOf(s: PeerTubeStandin, username: string): StandinNotification[] {
	const user = s.findUser(username);
	return [...notificationState(s).byId.values()].filter((n) => n.userId === user?.id);
}

function format(s: PeerTubeStandin, n: StandinNotification) {
	return {
		id: n.id,
		type: n.type,
		read: n.read,
		...n.payload,
		...(versionAtLeast(s, 8, 0) ? { data: n.payload.data ?? null } : {}),
		createdAt: n.createdAt,
		updatedAt: n.updatedAt,
	};
}

function isNotEmptyIntArray(v: unknown): v is number[] {
	return Array.isArray(v) && v.length > 0 && v.every((x) => Number.isInteger(typeof x === 'string' && /^\d+$/.test(x) ? Number(x) : x));
}

export const notificationRoutes: Route[] = [
	{
		method: 'GET',
		path: /^\/api\/v1\/users\/me\/notifications$/,
		handle(s, ctx) {
			const user = s.auth(ctx, true);
			const { start, count, sort } = s.pagination(ctx, ['createdAt', 'read'], '-createdAt');
			const errors: InvalidParams = {};
			const unreadRaw = ctx.query.unread?.[0];
			const unread = unreadRaw === undefined ? undefined : booleanOrNull(unreadRaw);
			if (unread === null) invalid(errors, 'unread', unreadRaw, 'Should have a valid unread boolean', 'query');
			let types: number[] | undefined;
			if (versionAtLeast(s, 7, 1) && ctx.query.typeOneOf) {
				const raw = ctx.query.typeOneOf;
				if (raw.every((t) => /^-?\d+(\.\d+)?$/.test(t))) types = raw.map(Number);
				else invalid(errors, 'typeOneOf', raw.length === 1 ? raw[0] : raw, 'Should have a valid typeOneOf array', 'query');
			}
			if (Object.keys(errors).length) throw validationError(errors);
			const desc = sort.startsWith('-') ? -1 : 1;
			const field = sort.replace(/^-/, '') as 'createdAt' | 'read';
			const list = [...notificationState(s).byId.values()]
				.filter((n) => n.userId === user.id)
				// PeerTube: `read = !unread` when given (unread=false lists only read ones)
				.filter((n) => unread === undefined || n.read === !unread)
				.filter((n) => !types || types.includes(n.type))
				.sort((a, b) => {
					const x = field === 'read' ? Number(a.read) : a.createdAt;
					const y = field === 'read' ? Number(b.read) : b.createdAt;
					return desc * (x < y ? -1 : x > y ? 1 : 0) || desc * (a.id - b.id);
				});
			s.sendJson(ctx, 200, { total: list.length, data: list.slice(start, start + count).map((n) => format(s, n)) });
		},
	},
	{
		method: 'POST',
		path: /^\/api\/v1\/users\/me\/notifications\/read$/,
		handle(s, ctx) {
			const user = s.auth(ctx, true);
			const body = jsonBody(s, ctx);
			if (body.ids !== undefined && !isNotEmptyIntArray(body.ids)) {
				const errors: InvalidParams = {};
				invalid(errors, 'ids', body.ids, 'Should have a valid array of notification ids');
				throw validationError(errors);
			}
			const ids = new Set(((body.ids as unknown[]) ?? []).map(Number));
			const now = new Date().toISOString();
			for (const n of notificationState(s).byId.values()) {
				if (n.userId === user.id && ids.has(n.id) && !n.read) {
					n.read = true;
					n.updatedAt = now;
				}
			}
			s.send(ctx, 204);
		},
	},
	{
		method: 'POST',
		path: /^\/api\/v1\/users\/me\/notifications\/read-all$/,
		handle(s, ctx) {
			const user = s.auth(ctx, true);
			const now = new Date().toISOString();
			for (const n of notificationState(s).byId.values()) {
				if (n.userId === user.id && !n.read) {
					n.read = true;
					n.updatedAt = now;
				}
			}
			s.send(ctx, 204);
		},
	},
];
