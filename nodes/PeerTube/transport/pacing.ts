import { sleep } from 'n8n-workflow';

/**
 * Pacing under PeerTube's API rate limit (default 50 requests per 10 s per client IP).
 *
 * PeerTube answers every API request with `X-RateLimit-Limit`, `X-RateLimit-Remaining` and
 * `X-RateLimit-Reset` (Unix seconds, rounded up). The transport reads them after each answer and,
 * before each request, waits until the window resets when the budget is spent, so that a bulk
 * workflow slows down instead of collecting 429s. The state lives at module level: all items of
 * an execution and all executions running in this process share it, per instance and account.
 *
 * Administrators and moderators are exempt on PeerTube, but the headers still come (Remaining
 * goes to 0 and stays there while requests keep succeeding). Pacing them would slow them down
 * for nothing, so when the budget first runs low the transport asks once who the account is
 * (`GET /users/me` → role) and stops pacing an exempt account.
 */

export interface PaceState {
	limit?: number;
	remaining?: number;
	/** when the server's window ends, on this machine's clock (ms) */
	resetAt: number;
	inFlight: number;
	/** true: administrator or moderator (not limited); undefined: not known yet */
	exempt?: boolean;
	roleCheckedAt?: number;
	roleCheckPending?: boolean;
	/** counters, for the benchmark and the tests */
	waits: number;
	waitedMs: number;
	rateLimited: number;
}

const states = new Map<string, PaceState>();

const settings = { enabled: true };

/** A check of the account's role is trusted this long (ms); roles rarely change. */
const ROLE_CHECK_TTL_MS = 60 * 60 * 1000;
/** Ask the role once the budget left in a window is this low. */
const ROLE_CHECK_BELOW = 5;
/** Past the announced reset, so the request lands in the new window. */
const RESET_MARGIN_MS = 25;
/** Longest single wait: a Reset further away than this is not believed. */
const MAX_WAIT_MS = 60_000;
/** When the window is over but too many requests are still in flight. */
const IN_FLIGHT_POLL_MS = 20;

/** Turns pacing on or off for this process (the benchmark compares both). On by default. */
export function configurePacing(options: { enabled: boolean }): void {
	settings.enabled = options.enabled;
}

export function pacingEnabled(): boolean {
	return settings.enabled;
}

export function paceKey(baseUrl: string, username: unknown): string {
	return `${baseUrl}|${String(username ?? '').trim().toLowerCase()}`;
}

export function paceState(key: string): PaceState {
	let state = states.get(key);
	if (!state) {
		state = { resetAt: 0, inFlight: 0, waits: 0, waitedMs: 0, rateLimited: 0 };
		states.set(key, state);
	}
	return state;
}

/** Forgets everything learnt (tests). */
export function resetPacing(): void {
	states.clear();
	settings.enabled = true;
}

function header(headers: Record<string, unknown> | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	const value = headers[name] ?? headers[name.toLowerCase()];
	if (value === undefined || value === null) return undefined;
	return Array.isArray(value) ? String(value[0]) : String(value);
}

function numberHeader(headers: Record<string, unknown> | undefined, name: string): number | undefined {
	const text = header(headers, name);
	if (text === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(text)) return undefined;
	return Number(text);
}

/**
 * The server's clock may differ from ours. PeerTube's `Date` header has second precision, so
 * a difference under 2 s is rounding, not skew: then the Reset is read on our clock as is.
 */
function skewMs(headers: Record<string, unknown> | undefined, now: number): number {
	const date = header(headers, 'date');
	if (!date) return 0;
	const serverNow = Date.parse(date);
	if (Number.isNaN(serverNow)) return 0;
	const difference = now - serverNow;
	if (difference > -2000 && difference < 2000) return 0;
	// the header is the server's time floored to the second: half a second is the best guess
	return now - (serverNow + 500);
}

/** Waits, when needed, for room in the window; then counts the request as in flight. */
export async function acquire(key: string): Promise<void> {
	const state = paceState(key);
	if (!settings.enabled) {
		state.inFlight++;
		return;
	}
	for (;;) {
		if (state.exempt === true || state.limit === undefined) break;
		const now = Date.now();
		const windowOver = now >= state.resetAt;
		const left = (windowOver ? state.limit : (state.remaining ?? state.limit)) - state.inFlight;
		if (left > 0) break;
		const wait = windowOver ? IN_FLIGHT_POLL_MS : Math.min(state.resetAt - now + RESET_MARGIN_MS, MAX_WAIT_MS);
		state.waits++;
		state.waitedMs += wait;
		await sleep(wait);
		if (windowOver) continue;
		// the window is over now; the next answer tells the new one
		if (Date.now() >= state.resetAt) state.remaining = state.limit;
	}
	state.inFlight++;
}

/**
 * Reads the rate-limit headers of an answer (any status). Returns true when the account's role
 * should be checked now (the caller asks `/users/me` and calls `setExempt`).
 */
export function observe(key: string, status: number | undefined, headers: Record<string, unknown> | undefined, retryAfterSeconds?: number): boolean {
	const state = paceState(key);
	state.inFlight = Math.max(0, state.inFlight - 1);
	const now = Date.now();
	const limit = numberHeader(headers, 'x-ratelimit-limit');
	const remaining = numberHeader(headers, 'x-ratelimit-remaining');
	const reset = numberHeader(headers, 'x-ratelimit-reset');
	if (limit !== undefined && limit > 0) state.limit = limit;
	if (remaining !== undefined) {
		const resetAt = reset !== undefined ? reset * 1000 + skewMs(headers, now) : undefined;
		if (resetAt !== undefined && resetAt > now + MAX_WAIT_MS) {
			// not a plausible window end: keep the count, but don't wait on it
			state.remaining = remaining;
			state.resetAt = now + 1000;
		} else {
			// answers arriving out of order: the lowest count of the current window wins
			if (resetAt !== undefined && resetAt > state.resetAt + 500) state.remaining = remaining;
			else state.remaining = Math.min(remaining, state.remaining ?? remaining);
			if (resetAt !== undefined) state.resetAt = Math.max(resetAt, state.resetAt);
		}
	}
	if (status === 429) {
		state.rateLimited++;
		// an account believed exempt was limited after all (e.g. it lost its role)
		if (state.exempt) state.exempt = false;
		state.remaining = 0;
		// Retry-After is the server's explicit instruction: it wins over the Reset read before
		if (retryAfterSeconds !== undefined) state.resetAt = now + Math.min(retryAfterSeconds * 1000, MAX_WAIT_MS);
	}
	if (
		settings.enabled &&
		state.limit !== undefined &&
		state.remaining !== undefined &&
		state.remaining <= Math.min(ROLE_CHECK_BELOW, state.limit) &&
		!state.roleCheckPending &&
		(state.roleCheckedAt === undefined || now - state.roleCheckedAt > ROLE_CHECK_TTL_MS)
	) {
		state.roleCheckPending = true;
		return true;
	}
	return false;
}

/** What `/users/me` said: PeerTube role 0 = administrator, 1 = moderator (both exempt). */
export function setExempt(key: string, exempt: boolean | undefined): void {
	const state = paceState(key);
	state.roleCheckPending = false;
	state.roleCheckedAt = Date.now();
	if (exempt !== undefined) state.exempt = exempt;
}
