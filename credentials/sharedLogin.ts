import { createHash } from 'crypto';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { PeerTubeSession } from './peerTubeLogin';

/*
 * One n8n process (the main process, or a queue-mode worker) runs many executions at once, and
 * each loads the credential from the database. When its token is missing or rejected they all ask
 * for a new one at the same moment. PeerTube allows 15 logins per 5 minutes and a refresh rotates
 * the pair (the second refresh with the same token fails), so concurrent logins of one credential
 * in one process are merged into one, and an execution that read the credential just before a
 * fresh session was saved gets that session instead of logging in again.
 */

/** How long a fresh session is handed to executions that present an older (or no) token. */
const REUSE_WINDOW_MS = 15_000;

const inFlight = new Map<string, Promise<PeerTubeSession>>();
const recent = new Map<string, { session: PeerTubeSession; at: number }>();

/** Everything that decides which account logs in and whether it may: never the key itself in clear. */
function credentialKey(credentials: ICredentialDataDecryptedObject): string {
	const parts = ['instanceUrl', 'username', 'password', 'twoFactorSecret', 'clientId', 'clientSecret'].map((name) =>
		String(credentials[name] ?? ''),
	);
	return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

function forget(now: number): void {
	for (const [key, entry] of recent) if (now - entry.at > REUSE_WINDOW_MS) recent.delete(key);
}

export async function sharedLogin(
	credentials: ICredentialDataDecryptedObject,
	login: () => Promise<PeerTubeSession>,
): Promise<PeerTubeSession> {
	const key = credentialKey(credentials);
	const pending = inFlight.get(key);
	if (pending) return await pending;

	const now = Date.now();
	forget(now);
	const presented = String(credentials.accessToken ?? '');
	const last = recent.get(key);
	// a token other than the newest one was rejected or missing: the newest one is still good
	if (last && last.session.accessToken !== presented) return last.session;

	const attempt = login();
	inFlight.set(key, attempt);
	try {
		const session = await attempt;
		recent.set(key, { session, at: Date.now() });
		return session;
	} finally {
		inFlight.delete(key);
	}
}
