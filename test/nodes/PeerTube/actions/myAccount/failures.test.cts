/**
 * Every failure of the Comment, Search, My Account, Instance and Video → Rate / Get Stats operations,
 * run through n8n with Continue On Fail (each item fails alone, paired) and without, then scanned for
 * secrets: the password, the client secret and every token the instance issued.
 */
import type { IRun } from 'n8n-workflow';

import { addComment } from '../../../../../standin/routes/comments.cjs';
import { credentialData, type Instance, run, startInstance, storeWith, USER, serializeAll } from '../../../../helpers/fixture.cjs';
import type { RunResult } from '../../../../helpers/n8n.cjs';

describe('Comment, Search, My Account, Instance: failures, Continue On Fail and the secret scan', () => {
	let instance: Instance;
	const seen: string[] = [];
	const messages: string[] = [];
	const record = (result: RunResult) => {
		seen.push(serializeAll(result.error), serializeAll(result.items), serializeAll((result.run as IRun | undefined)?.data?.resultData));
		if (result.error) messages.push(String(result.error.message));
		for (const item of result.items) if (typeof item.json.error === 'string') messages.push(item.json.error);
	};
	let video: { id: number; uuid: string };
	const pairings: unknown[] = [];

	beforeAll(async () => {
		instance = await startInstance({ serverVersion: '6.0.3' });
		const server = instance.server;
		[video] = server.addVideos(1, { channelName: 'root_channel', commentsPolicy: 2 });
		const [open] = server.addVideos(1, { channelName: 'root_channel' });
		const theirs = addComment(server, { videoId: open.id, text: 'not yours', accountName: 'root' });
		const store = storeWith(credentialData(server, USER));
		const items = [{ json: {} }, { json: {} }];
		const failures: Array<Record<string, unknown>> = [
			{ resource: 'comment', operation: 'create', videoId: video.uuid, text: 'hello' },
			{ resource: 'comment', operation: 'getAll', videoId: '987654', returnAll: true },
			{ resource: 'comment', operation: 'get', videoId: open.uuid, threadId: 4242 },
			{ resource: 'comment', operation: 'reply', videoId: video.uuid, commentId: theirs.id, text: 'hi' },
			{ resource: 'comment', operation: 'delete', videoId: open.uuid, commentId: theirs.id },
			{ resource: 'comment', operation: 'approve', videoId: open.uuid, commentId: theirs.id },
			{ resource: 'search', operation: 'videos', search: 'x', searchTarget: 'search-index', returnAll: true },
			{ resource: 'myAccount', operation: 'getNotifications', types: [1], returnAll: true },
			{ resource: 'myAccount', operation: 'unsubscribe', channelHandle: 'nobody@example.org' },
			{ resource: 'myAccount', operation: 'subscribe', channelHandle: 'nobody' },
			{ resource: 'video', operation: 'rate', videoId: '987654', rating: 'like' },
			{ resource: 'video', operation: 'getStats', videoId: open.uuid },
		];
		for (const parameters of failures) {
			record(await run(parameters as never, store));
			const continued = await run(parameters as never, store, { items, continueOnFail: true });
			record(continued);
			pairings.push(continued.items.map((item) => [item.pairedItem, typeof item.json.error]));
		}
		server.failNext('GET', '/api/v1/server/stats', 500, 3);
		record(await run({ resource: 'instance', operation: 'getStats' }, store));
		// a wrong password on one of these operations
		record(await run({ resource: 'myAccount', operation: 'get' }, storeWith(credentialData(server, USER, { password: 'Wr0ng-but-secret-pass' }))));
	}, 120000);
	afterAll(async () => await instance.server.close());

	it('with Continue On Fail, every item fails alone with the same message, paired', () => {
		// 12 failing operations × (1 error without + 2 items with Continue On Fail)
		const byOperation = new Map<string, number>();
		for (const m of messages) byOperation.set(m, (byOperation.get(m) ?? 0) + 1);
		expect(messages).toEqual(
			expect.arrayContaining([
				"Comments are disabled on this video: its owner can allow them in the video's settings (Comments Policy)",
				'There is no video "987654" on this PeerTube instance: check Video',
				'There is no comment thread 4242 on this video, or no such video: check Video and Thread ID',
				expect.stringMatching(/^Comment \d+ can only be deleted by its author, the video's owner or a moderator/),
				'Comment approval needs PeerTube 6.2 or newer; this instance runs 6.0.3',
				expect.stringMatching(/^This instance has no search index enabled/),
				'Filtering notifications by type needs PeerTube 7.1 or newer; this instance runs 6.0.3',
				'The account is not subscribed to nobody@example.org: check Channel Handle (Get Subscriptions lists them)',
				expect.stringMatching(/^Channel Handle "nobody" is not name@host/),
				"Only the video's owner (or an administrator or moderator) can read its statistics: use their credential",
				'PeerTube failed to answer (HTTP 500): Injected failure (500)',
				expect.stringMatching(/wrong username or password/),
			]),
		);
		expect(pairings).toHaveLength(12);
		for (const pairing of pairings) {
			expect(pairing).toEqual([
				[{ item: 0 }, 'string'],
				[{ item: 1 }, 'string'],
			]);
		}
		for (const [message, count] of byOperation) {
			if (/HTTP 500|wrong username/.test(message)) continue;
			// once without Continue On Fail, twice with it (two items) — except messages shared by two operations
			expect([message, count % 3]).toEqual([message, 0]);
		}
	});

	it('finds none of the passwords, client secrets or tokens', () => {
		const text = seen.join('\n');
		const { accessTokens, refreshTokens } = instance.server.issuedTokens();
		expect(accessTokens.length).toBeGreaterThanOrEqual(1);
		for (const secret of [USER.password, 'Wr0ng-but-secret-pass', instance.server.clientSecret, ...accessTokens, ...refreshTokens]) {
			expect([secret, text.includes(secret)]).toEqual([secret, false]);
		}
	});
});
