/**
 * Seconds PeerTube asks to wait before retrying (its 429s carry `Retry-After`, as seconds or an
 * HTTP date); `undefined` when absent or unreadable. Shared by the login and the node's transport.
 */
export function retryAfterSeconds(headers: Record<string, unknown>): number | undefined {
	const raw = headers['retry-after'] ?? headers['Retry-After'];
	if (raw === undefined || raw === null) return undefined;
	const value = String(Array.isArray(raw) ? raw[0] : raw);
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}
