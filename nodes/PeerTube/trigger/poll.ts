import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import type { PeerTubeRequest } from '../transport';
import { MAX_PAGE_SIZE, peerTubeApiRequest } from '../transport';

/**
 * The polling state machine of the trigger, shared by every event. PeerTube has no "since"
 * parameter, so each event reads a list sorted newest first and keeps, in the workflow's static
 * data, a time floor and the ids already seen at or above it (like n8n's Gmail trigger keeps the
 * ids at its boundary timestamp):
 *
 * - first poll (no state): one page is read to set the floor; nothing is emitted (baseline);
 * - later polls: pages are read, newest first, until an item older than the floor shows up (or
 *   the list ends, or `MAX_PAGES` pages were read); every item at or above the floor whose id
 *   was not seen yet is new, and is emitted oldest first;
 * - the floor trails the newest time seen by `WINDOW_MS`, so an item committed a little after a
 *   newer one (two requests racing on the server) is still caught; ids below the floor are
 *   dropped, and at most `MAX_SEEN` ids are kept (the floor rises when more would be);
 * - the state is only written back once every request of the poll succeeded: a failed poll
 *   leaves it as it was and the next poll reads everything again.
 */

/** How far below the newest time seen the floor stays (items may be committed out of order). */
export const WINDOW_MS = 60_000;
/** Pages (of 100) read per poll at most: keeps a poll well under PeerTube's 50 requests / 10 s. */
export const MAX_PAGES = 10;
/** Ids kept in the static data at most. */
export const MAX_SEEN = 500;

export interface ListSpec {
	/** path under /api/v1 of a `{ total, data }` list */
	endpoint: string;
	/** query, with the newest-first sort */
	qs: IDataObject;
	/** the id that identifies an item across polls */
	idOf: (item: IDataObject) => string;
	/** the time the list is sorted by (ms) */
	sortTimeOf: (item: IDataObject) => number;
	/** the time the event happened (ms); the same as sortTimeOf for most events */
	eventTimeOf: (item: IDataObject) => number;
	/** items that are not (yet) events are skipped and not remembered, e.g. a video still transcoding */
	accept?: (item: IDataObject) => boolean;
	/** read further down the list than the floor by this much (when the sort key is not the event time) */
	stopMarginMs?: number;
	/** error messages by HTTP status */
	errorMessages?: PeerTubeRequest['errorMessages'];
}

export interface PollState {
	v: 1;
	/** what the state was built for (event and its parameters, instance): another key means a new baseline */
	key: string;
	/** time floor (ms): items below it are old */
	floor: number;
	/** [id, event time] of the items seen at or above the floor, newest first */
	seen: Array<[string, number]>;
}

export interface PollOutcome {
	items: IDataObject[];
	state: PollState;
	/** more new items than MAX_PAGES pages: the oldest of them were not read */
	truncated: boolean;
	requests: number;
}

/** A timestamp in ms from an ISO string; NaN when absent. */
export function timeOf(value: unknown): number {
	if (typeof value !== 'string' && typeof value !== 'number') return NaN;
	return new Date(value).getTime();
}

function idOrder(a: string, b: string): number {
	const x = Number(a);
	const y = Number(b);
	if (Number.isFinite(x) && Number.isFinite(y)) return x - y;
	return a < b ? -1 : a > b ? 1 : 0;
}

async function readPage(this: IPollFunctions, spec: ListSpec, start: number, count: number): Promise<{ data: IDataObject[]; total: number }> {
	const page = await peerTubeApiRequest.call(this, 'GET', spec.endpoint, {
		qs: { ...spec.qs, start, count },
		errorMessages: spec.errorMessages,
	});
	const data = Array.isArray(page?.data) ? (page.data as IDataObject[]) : [];
	const total = typeof page?.total === 'number' ? page.total : Number.POSITIVE_INFINITY;
	return { data, total };
}

/** Keeps the ids at or above the floor, at most MAX_SEEN of them (raising the floor if needed). */
function bound(floor: number, seen: Map<string, number>): { floor: number; seen: Array<[string, number]> } {
	let entries = [...seen.entries()].filter(([, time]) => time >= floor);
	entries.sort((a, b) => b[1] - a[1] || idOrder(b[0], a[0]));
	if (entries.length > MAX_SEEN) {
		// the floor rises to the oldest kept time; ids sharing that exact time are all kept
		floor = Math.max(floor, entries[MAX_SEEN - 1][1]);
		entries = entries.filter(([, time]) => time >= floor).slice(0, 2 * MAX_SEEN);
	}
	return { floor, seen: entries };
}

/** The most recent item of the list that is an event (for Fetch Test Event); one request. */
export async function mostRecent(this: IPollFunctions, spec: ListSpec): Promise<IDataObject | undefined> {
	const { data } = await readPage.call(this, spec, 0, spec.accept ? MAX_PAGE_SIZE : 1);
	return data.find((item) => (spec.accept ? spec.accept(item) : true));
}

/** The first poll: sets the floor from the newest page, emits nothing. */
export async function baseline(this: IPollFunctions, spec: ListSpec, key: string): Promise<PollOutcome> {
	const { data, total } = await readPage.call(this, spec, 0, MAX_PAGE_SIZE);
	const accepted = data.filter((item) => (spec.accept ? spec.accept(item) : true));
	const times = accepted.map((item) => spec.eventTimeOf(item)).filter((time) => Number.isFinite(time));
	let floor = 0;
	if (times.length) {
		floor = Math.max(...times) - WINDOW_MS;
		// a full page may not reach the floor: what lies beyond it is older than the page's oldest item
		if (data.length === MAX_PAGE_SIZE && total > MAX_PAGE_SIZE) floor = Math.max(floor, Math.min(...times) + 1);
	}
	const seen = new Map<string, number>();
	for (const item of accepted) seen.set(spec.idOf(item), spec.eventTimeOf(item));
	return { items: [], state: { v: 1, key, ...bound(floor, seen) }, truncated: false, requests: 1 };
}

/** A later poll: every item new since the state, oldest first, and the next state. */
export async function pollSince(this: IPollFunctions, spec: ListSpec, state: PollState): Promise<PollOutcome> {
	const seenBefore = new Map<string, number>(state.seen);
	const stopBelow = state.floor - (spec.stopMarginMs ?? 0);
	const found = new Map<string, IDataObject>();
	let start = 0;
	let requests = 0;
	let complete = false;
	while (requests < MAX_PAGES) {
		const { data, total } = await readPage.call(this, spec, start, MAX_PAGE_SIZE);
		requests++;
		let reachedOld = false;
		for (const item of data) {
			if (spec.sortTimeOf(item) < stopBelow) {
				reachedOld = true;
				continue;
			}
			if (spec.accept && !spec.accept(item)) continue;
			// an item inserted while paging shifts the pages: the same item may come twice
			found.set(spec.idOf(item), item);
		}
		start += data.length;
		if (reachedOld || data.length === 0 || start >= total) {
			complete = true;
			break;
		}
	}

	const fresh: Array<{ id: string; time: number; item: IDataObject }> = [];
	let newest = Number.NEGATIVE_INFINITY;
	const seen = new Map(seenBefore);
	for (const [id, item] of found) {
		const time = spec.eventTimeOf(item);
		if (!Number.isFinite(time) || time < state.floor) continue;
		newest = Math.max(newest, time);
		if (!seenBefore.has(id)) fresh.push({ id, time, item });
		seen.set(id, time);
	}
	for (const time of seenBefore.values()) newest = Math.max(newest, time);
	fresh.sort((a, b) => a.time - b.time || idOrder(a.id, b.id));
	const floor = Number.isFinite(newest) ? Math.max(state.floor, newest - WINDOW_MS) : state.floor;
	return {
		items: fresh.map((entry) => entry.item),
		state: { v: 1, key: state.key, ...bound(floor, seen) },
		truncated: !complete,
		requests,
	};
}

/** The stored state, if it is one this version wrote for the same key. */
export function readState(staticData: IDataObject, key: string): PollState | undefined {
	const state = staticData.peerTubePoll as PollState | undefined;
	if (!state || state.v !== 1 || state.key !== key || !Array.isArray(state.seen) || typeof state.floor !== 'number') return undefined;
	return state;
}

export function writeState(staticData: IDataObject, state: PollState): void {
	staticData.peerTubePoll = state as unknown as IDataObject;
}
