/**
 * PeerTube always runs at the root of its own host (it cannot be served from a sub-path), so the
 * instance base is the origin of whatever the user pasted: a watch page, `/api/v1`, a trailing
 * slash all reduce to `scheme://host[:port]`.
 */
export function normalizeInstanceUrl(input: unknown): string {
	const raw = typeof input === 'string' ? input.trim() : '';
	if (raw === '') {
		throw new Error('Instance URL is empty: enter the address of your PeerTube instance, e.g. https://videos.example.org');
	}
	const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(raw);
	if (!scheme) {
		throw new Error(
			`Instance URL "${raw}" has no scheme: write it with https:// (or http://), e.g. https://${raw.replace(/^\/+/, '')}`,
		);
	}
	const protocol = scheme[1].toLowerCase();
	if (protocol !== 'http' && protocol !== 'https') {
		throw new Error(`Instance URL "${raw}" uses "${protocol}://": PeerTube is reached over https:// (or http://)`);
	}
	let url: URL | undefined;
	try {
		url = new URL(raw);
	} catch {
		url = undefined;
	}
	if (!url || !url.hostname) {
		throw new Error(`Instance URL "${raw}" is not a valid address: use the form https://videos.example.org`);
	}
	if (url.username || url.password) {
		// never echo what was pasted: it holds a secret
		throw new Error('Instance URL must not contain a user name or password: put them in the Username and Password fields');
	}
	return url.origin;
}
