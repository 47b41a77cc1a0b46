import { createServer, type RequestListener, type Server } from 'http';
import type { AddressInfo } from 'net';
import type { ICredentialDataDecryptedObject, NodeParameterValueType } from 'n8n-workflow';

import { PeerTubeStandin, type StandinOptions, type StandinUser } from '../../standin/server.cjs';
import { CredentialStore, runNode, type RunOptions, type RunResult } from './n8n.cjs';

export const ADMIN = { username: 'root', password: 'Adm1n-pass-phrase', role: 'admin' as const };
export const USER = { username: 'alice', password: 'Al1ce-pass-phrase', role: 'user' as const };

export interface Instance {
	server: PeerTubeStandin;
	admin: StandinUser;
	user: StandinUser;
}

/** A stand-in with rate limits off unless a test asks for them, so counts stay exact. */
export async function startInstance(options: StandinOptions = {}): Promise<Instance> {
	const server = await PeerTubeStandin.start({ apiRateLimit: false, loginRateLimit: false, ...options });
	const admin = server.addUser(ADMIN);
	const user = server.addUser(USER);
	return { server, admin, user };
}

export function credentialData(
	server: PeerTubeStandin,
	account: { username: string; password: string },
	extra: ICredentialDataDecryptedObject = {},
): ICredentialDataDecryptedObject {
	return { instanceUrl: server.url, username: account.username, password: account.password, ...extra };
}

export function storeWith(data: ICredentialDataDecryptedObject, id = 'cred-1'): CredentialStore {
	const store = new CredentialStore();
	store.set(id, data);
	return store;
}

/** runNode with a fresh copy of the parameters (n8n mutates them). */
export async function run(
	parameters: Record<string, NodeParameterValueType>,
	store: CredentialStore,
	options: Omit<RunOptions, 'store'> = {},
): Promise<RunResult> {
	return await runNode(parameters, { ...options, store });
}

/** A plain HTTP server for "this is not PeerTube" cases. */
export async function startOtherServer(handler: RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
	const server: Server = createServer(handler);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

/** A port nothing listens on. */
export async function closedPort(): Promise<number> {
	const other = await startOtherServer(() => undefined);
	const port = Number(new URL(other.url).port);
	await other.close();
	return port;
}

export function videoGetAll(extra: Record<string, NodeParameterValueType> = {}): Record<string, NodeParameterValueType> {
	return { resource: 'video', operation: 'getAll', source: 'instance', returnAll: true, ...extra };
}

/** Everything reachable from a value, including errors' own (non-enumerable) fields. */
export function serializeAll(value: unknown): string {
	const seen = new WeakSet<object>();
	const walk = (current: unknown, depth: number): unknown => {
		if (depth > 12 || current === null || typeof current !== 'object') return current;
		if (seen.has(current)) return '[seen]';
		seen.add(current);
		if (Buffer.isBuffer(current)) return current.toString('latin1');
		const out: Record<string, unknown> = {};
		for (const key of Object.getOwnPropertyNames(current)) {
			try {
				out[key] = walk((current as Record<string, unknown>)[key], depth + 1);
			} catch {
				out[key] = '[unreadable]';
			}
		}
		return out;
	};
	return JSON.stringify(walk(value, 0));
}
