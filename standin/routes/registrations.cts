/**
 * Registration requests (`controllers/api/users/registrations.ts`, PeerTube 5.1+):
 * `GET /api/v1/users/registrations` — authenticate + right MANAGE_REGISTRATIONS, which
 * administrators and moderators have (`core-utils/users/user-role.ts`); sortable columns
 * `createdAt`, `state`, default `-createdAt`; `search`. Items as `UserRegistrationModel.toFormattedJSON()`.
 * `DELETE /api/v1/users/registrations/:id` → 204.
 *
 * Test controls: `addRegistration(s, { username, email?, registrationReason?, state?, createdAt? })`,
 * `deleteRegistration(s, id)`.
 */
import { HttpError } from '../http.cjs';
import type { Ctx, Route } from '../http.cjs';
import type { PeerTubeStandin } from '../server.cjs';

export const REGISTRATION_STATES: Record<number, string> = { 1: 'Pending', 2: 'Rejected', 3: 'Accepted' };

export interface StandinRegistration {
	id: number;
	username: string;
	email: string;
	emailVerified: boolean | null;
	registrationReason: string;
	accountDisplayName: string | null;
	channelHandle: string | null;
	channelDisplayName: string | null;
	state: number;
	moderationResponse: string | null;
	createdAt: string;
	updatedAt: string;
}

interface RegistrationState {
	nextId: number;
	byId: Map<number, StandinRegistration>;
}

function registrationState(s: PeerTubeStandin): RegistrationState {
	return s.state<RegistrationState>('registrations', () => ({ nextId: 1, byId: new Map() }));
}

export function addRegistration(
	s: PeerTubeStandin,
	r: {
		username: string;
		email?: string;
		registrationReason?: string;
		displayName?: string;
		channel?: { name: string; displayName: string };
		state?: 1 | 2 | 3;
		createdAt?: string | Date | number;
	},
): StandinRegistration {
	const state = registrationState(s);
	const at = new Date(r.createdAt ?? Date.now()).toISOString();
	const registration: StandinRegistration = {
		id: state.nextId++,
		username: r.username,
		email: r.email ?? `${r.username.toLowerCase()}@example.com`,
		emailVerified: null,
		registrationReason: r.registrationReason ?? 'I would like to upload my videos here',
		accountDisplayName: r.displayName ?? null,
		channelHandle: r.channel?.name ?? null,
		channelDisplayName: r.channel?.displayName ?? null,
		state: r.state ?? 1,
		moderationResponse: null,
		createdAt: at,
		updatedAt: at,
	};
	state.byId.set(registration.id, registration);
	return registration;
}

export function deleteRegistration(s: PeerTubeStandin, id: number): void {
	if (!registrationState(s).byId.delete(id)) throw new Error(`Unknown registration ${id}`);
}

function format(s: PeerTubeStandin, r: StandinRegistration) {
	const user = r.state === 3 ? s.findUser(r.username) : undefined;
	return {
		id: r.id,
		state: { id: r.state, label: REGISTRATION_STATES[r.state] },
		registrationReason: r.registrationReason,
		moderationResponse: r.moderationResponse,
		username: r.username,
		email: r.email,
		emailVerified: r.emailVerified,
		accountDisplayName: r.accountDisplayName,
		channelHandle: r.channelHandle,
		channelDisplayName: r.channelDisplayName,
		createdAt: r.createdAt,
		updatedAt: r.updatedAt,
		user: user ? { id: user.id } : null,
	};
}

function listRegistrations(s: PeerTubeStandin, ctx: Ctx): void {
	const user = s.auth(ctx, true);
	s.requireRight(ctx, user, 'MANAGE_REGISTRATIONS', ['admin', 'moderator']);
	const { start, count, sort } = s.pagination(ctx, ['createdAt', 'state'], '-createdAt');
	const search = s.q1(ctx, 'search')?.toLowerCase();
	const field = sort.replace(/^-/, '') as 'createdAt' | 'state';
	const dir = sort.startsWith('-') ? -1 : 1;
	const list = [...registrationState(s).byId.values()]
		.filter((r) => !search || r.username.toLowerCase().includes(search) || r.email.toLowerCase().includes(search))
		.sort((a, b) => {
			const x = a[field];
			const y = b[field];
			return (x < y ? -dir : x > y ? dir : 0) || a.id - b.id;
		});
	s.sendJson(ctx, 200, { total: list.length, data: list.slice(start, start + count).map((r) => format(s, r)) });
}

export const registrationRoutes: Route[] = [
	{ method: 'GET', path: /^\/api\/v1\/users\/registrations$/, handle: (s, ctx) => listRegistrations(s, ctx) },
	{
		method: 'DELETE',
		path: /^\/api\/v1\/users\/registrations\/(\d+)$/,
		handle: (s, ctx, match) => {
			const user = s.auth(ctx, true);
			s.requireRight(ctx, user, 'MANAGE_REGISTRATIONS', ['admin', 'moderator']);
			if (!registrationState(s).byId.delete(Number(match[1]))) throw new HttpError(404, 'Registration not found');
			s.send(ctx, 204);
		},
	},
];
