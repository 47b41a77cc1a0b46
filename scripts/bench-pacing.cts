/**
 * Pacing line of the benchmark (opt-in: `npm run bench -- --pacing`, it takes more than 400 s per
 * pass): N Video → Update items as a non-moderator against the stand-in enforcing 50 requests /
 * 10 s, with pacing on, then off.
 */
import { startStandin } from './bench-upload.cjs';

export async function pacingBench(itemsCount: number): Promise<{ lines: string[]; ok: boolean }> {
	const { CredentialStore, runNode } = await import('../test/helpers/n8n.cjs');
	const { configurePacing, resetPacing } = await import('../nodes/PeerTube/transport/pacing');
	const lines = [`Pacing: ${itemsCount} × Video → Update (update + read back) as a non-moderator, stand-in enforcing 50 requests / 10 s`];
	let ok = true;
	for (const enabled of [true, false]) {
		resetPacing();
		configurePacing({ enabled });
		const user = { username: 'bulk', password: 'bulk-pass-phrase', role: 'user' as const };
		const standin = await startStandin({ standin: { apiRateLimit: { max: 50, windowMs: 10_000 } }, users: [user], videos: 20 });
		const store = new CredentialStore();
		store.set('cred-1', { instanceUrl: standin.url, username: user.username, password: user.password });
		const items = Array.from({ length: itemsCount }, (_, i) => ({ json: { id: (i % 20) + 1, n: i } }));
		const started = Date.now();
		const result = await runNode(
			{
				resource: 'video',
				operation: 'update',
				videoId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				updateFields: { description: '={{ "Bulk description " + $json.n }}' },
			},
			{ store, items, continueOnFail: true },
		);
		const seconds = (Date.now() - started) / 1000;
		const stats = await standin.ask('stats');
		standin.close();
		const failed = result.error ? itemsCount : result.items.filter((item) => item.json.error !== undefined).length;
		const limited = stats.byStatus['429'] ?? 0;
		// login requests are not under the API limiter's 50/10 s in this count's floor
		const apiRequests = stats.requests - stats.logins;
		const floor = apiRequests / 5;
		const share = (100 * limited) / apiRequests;
		lines.push(
			`  pacing ${enabled ? 'on ' : 'off'}: failed items ${failed}; requests ${apiRequests}, answered 429: ${limited} (${share.toFixed(2)} %); wall ${seconds.toFixed(0)} s vs floor ${floor.toFixed(0)} s = ${(seconds / floor).toFixed(3)}×${enabled ? ' (targets: 0 failed, <= 1 %, <= 1.1×)' : ''}`,
		);
		if (enabled) ok = failed === 0 && share <= 1 && seconds / floor <= 1.1;
	}
	resetPacing();
	return { lines, ok };
}
