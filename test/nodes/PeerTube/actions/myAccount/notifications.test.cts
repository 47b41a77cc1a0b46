import { addNotification, notificationsOf } from '../../../../../standin/routes/notifications.cjs';
import { credentialData, type Instance, run, startInstance, storeWith, USER } from '../../../../helpers/fixture.cjs';

describe('My Account → Get Notifications / Mark Notifications as Read', () => {
	let instance: Instance;

	async function start(serverVersion = '7.1.0'): Promise<void> {
		instance = await startInstance({ serverVersion });
		for (let k = 0; k < 130; k++) {
			addNotification(instance.server, {
				username: 'alice',
				type: k % 2 === 0 ? 1 : 2,
				read: k < 30,
				createdAt: Date.UTC(2025, 0, 1, 0, k),
				video: { id: k, name: `video ${k}` },
			});
		}
		addNotification(instance.server, { username: 'root', type: 1 });
	}
	afterEach(async () => await instance.server.close());
	const store = () => storeWith(credentialData(instance.server, USER));
	const lists = () => instance.server.requests.filter((r) => r.path === '/api/v1/users/me/notifications');

	it('Return All pages with count=100 (130 notifications → 2 requests), newest first', async () => {
		await start();
		const result = await run({ resource: 'myAccount', operation: 'getNotifications', returnAll: true }, store());
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(130);
		expect(result.items[0].json).toEqual(expect.objectContaining({ type: 2, read: false, video: { id: 129, name: 'video 129' } }));
		expect(lists().map((r) => r.query)).toEqual([
			{ sort: '-createdAt', start: '0', count: '100' },
			{ sort: '-createdAt', start: '100', count: '100' },
		]);
	});

	it('Unread Only and Types (7.1+) go as unread=true and typeOneOf, within the Limit', async () => {
		await start();
		const result = await run({ resource: 'myAccount', operation: 'getNotifications', unreadOnly: true, types: [2], returnAll: false, limit: 5 }, store());
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(5);
		expect(result.items.every((item) => item.json.type === 2 && item.json.read === false)).toBe(true);
		expect(lists().map((r) => r.query)).toEqual([{ sort: '-createdAt', unread: 'true', typeOneOf: '2', start: '0', count: '5' }]);
	});

	it('Types on PeerTube 7.0: the version gate says what is needed, no list is read', async () => {
		await start('7.0.0');
		const result = await run({ resource: 'myAccount', operation: 'getNotifications', types: [1, 2], returnAll: true }, store());
		expect(result.error?.message).toBe('Filtering notifications by type needs PeerTube 7.1 or newer; this instance runs 7.0.0');
		expect(lists()).toHaveLength(0);
	});

	it('an unknown type (from an expression) is refused before any request', async () => {
		await start();
		const result = await run({ resource: 'myAccount', operation: 'getNotifications', types: '={{ [99] }}', returnAll: true }, store());
		expect(result.error?.message).toBe('Types has unknown notification types (99): pick them from the list');
		expect(instance.server.requests).toHaveLength(0);
	});

	it('marks the given IDs as read: POST …/read with exactly { ids }', async () => {
		await start();
		const unread = notificationsOf(instance.server, 'alice').filter((n) => !n.read).slice(0, 2);
		const ids = unread.map((n) => n.id);
		const result = await run({ resource: 'myAccount', operation: 'markNotificationsAsRead', which: 'ids', notificationIds: `${ids[0]}, ${ids[1]}` }, store());
		expect(result.error).toBeUndefined();
		const posts = instance.server.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/api/v1/users/me/notifications'));
		expect(posts.map((r) => [r.path, JSON.parse(r.body.toString())])).toEqual([['/api/v1/users/me/notifications/read', { ids }]]);
		expect(result.items[0].json).toEqual({ read: true, ids });
		expect(notificationsOf(instance.server, 'alice').filter((n) => !n.read)).toHaveLength(98);
	});

	it('All: POST …/read-all with no body', async () => {
		await start();
		const result = await run({ resource: 'myAccount', operation: 'markNotificationsAsRead', which: 'all' }, store());
		expect(result.items[0].json).toEqual({ read: true, all: true });
		const posts = instance.server.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/api/v1/users/me/notifications'));
		expect(posts.map((r) => [r.path, r.body.length])).toEqual([['/api/v1/users/me/notifications/read-all', 0]]);
		expect(notificationsOf(instance.server, 'alice').every((n) => n.read)).toBe(true);
		// another user's notifications are untouched
		expect(notificationsOf(instance.server, 'root').every((n) => !n.read)).toBe(true);
	});

	it.each([
		['={{ "" }}', 'Notification IDs is empty: give the IDs of the notifications to mark, or set Notifications to All'],
		['3, x, -1', 'Notification IDs must be whole numbers of at least 1, separated by commas: "x", "-1" is not'],
	])('bad IDs %p are refused before any request', async (notificationIds, message) => {
		await start();
		const result = await run({ resource: 'myAccount', operation: 'markNotificationsAsRead', which: 'ids', notificationIds }, store());
		expect(result.error?.message).toBe(message);
		expect(instance.server.requests).toHaveLength(0);
	});
});
