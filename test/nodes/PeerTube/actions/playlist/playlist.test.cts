import { ADMIN, credentialData, type Instance, run, startInstance, storeWith, USER } from '../../../../helpers/fixture.cjs';
import { storeBinary } from '../../../../helpers/binary.cjs';
import { addPlaylist, playlistState, type StandinPlaylist } from '../../../../../standin/routes/playlists.cjs';
import { apiCalls, expectNoSecrets, jsonBody, multipartOf, rl, writes } from '../channel/shared.cjs';

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x02, 0x03]);

describe('Playlist', () => {
	let instance: Instance;
	beforeEach(async () => (instance = await startInstance()));
	afterEach(async () => await instance.server.close());
	const store = (account: { username: string; password: string } = USER) => storeWith(credentialData(instance.server, account));
	const playlists = () => [...playlistState(instance.server).playlists.values()];
	const shortOf = (p: StandinPlaylist) => {
		// what the list offers: the short UUID (PeerTube resolves it to the UUID, so unlisted ones work)
		return p.uuid;
	};

	describe('Create', () => {
		const create = (extra: Record<string, unknown>) => ({ resource: 'playlist', operation: 'create', displayName: 'Weekend', simplify: false, ...extra });

		it('a private playlist without channel posts displayName and privacy only, then reads it back', async () => {
			const result = await run(create({ privacy: 3 }), store());
			expect(result.error).toBeUndefined();
			const [post] = writes(instance.server);
			expect([post.method, post.path, post.status]).toEqual(['POST', '/api/v1/video-playlists', 200]);
			expect(jsonBody(post)).toEqual({ displayName: 'Weekend', privacy: 3 });
			const created = playlists()[0];
			expect(apiCalls(instance.server).map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/v1/video-playlists', `GET /api/v1/video-playlists/${created.uuid}`]);
			expect(result.items[0].json).toEqual(expect.objectContaining({ uuid: created.uuid, displayName: 'Weekend', privacy: { id: 3, label: 'Private' }, videoChannel: null }));
		});

		it('a public playlist with a channel and a JPEG thumbnail goes as multipart with every field', async () => {
			const channelId = instance.server.findChannel('alice_channel')!.id;
			const cover = await storeBinary('filesystem', JPEG, { fileName: 'cover.jpg', mimeType: 'image/jpeg' });
			const result = await run(
				create({ privacy: 1, channel: rl('alice_channel'), additionalFields: { description: 'Best of the week', thumbnailBinaryProperty: 'cover' }, simplify: true }),
				store(),
				{ items: [{ json: {}, binary: { cover } }] },
			);
			expect(result.error).toBeUndefined();
			const post = writes(instance.server)[0];
			const multipart = multipartOf(post);
			expect(multipart.fields.sort()).toEqual(
				[
					['displayName', 'Weekend'],
					['description', 'Best of the week'],
					['privacy', '1'],
					['videoChannelId', String(channelId)],
				].sort(),
			);
			expect(multipart.files.map((f) => [f.field, f.filename, f.mimetype, f.data.equals(JPEG)])).toEqual([['thumbnailfile', 'cover.jpg', 'image/jpeg', true]]);
			expect(result.items[0].json).toEqual(
				expect.objectContaining({ displayName: 'Weekend', privacy: 'Public', privacyId: 1, channel: expect.objectContaining({ name: 'alice_channel' }), thumbnailUrl: expect.stringMatching(/^http:\/\/.+\.jpg$/) }),
			);
		});

		it.each([
			[1, 'A Public playlist must belong to a channel: choose Channel, or set Privacy to Private'],
			[2, 'A Unlisted playlist must belong to a channel: choose Channel, or set Privacy to Private'],
		])('privacy %s without a channel is refused before sending', async (privacy, message) => {
			const result = await run(create({ privacy }), store(), { continueOnFail: true });
			expect(result.items[0].json.error).toBe(message);
			expect(apiCalls(instance.server)).toEqual([]);
		});

		it.each([
			['an empty name', { displayName: '={{ "" }}' }, 'Display Name must be 1 to 120 characters long (it has 0)'],
			['a short description', { additionalFields: { description: 'no' } }, 'Description must be 3 to 1000 characters long (it has 2)'],
		])('%s is refused before sending', async (_label, extra, message) => {
			const result = await run(create({ privacy: 3, ...extra }), store(), { continueOnFail: true });
			expect(result.items[0].json.error).toBe(message);
			expect(apiCalls(instance.server)).toEqual([]);
		});

		it('a PNG thumbnail is refused (PeerTube takes only JPEG for playlists)', async () => {
			const png = await storeBinary('default', Buffer.from('89504e470d0a1a0a', 'hex'), { fileName: 'c.png', mimeType: 'image/png' });
			const result = await run(create({ privacy: 3, additionalFields: { thumbnailBinaryProperty: 'data' } }), store(), { items: [{ json: {}, binary: { data: png } }], continueOnFail: true });
			expect(result.items[0].json.error).toBe('A playlist thumbnail must be a JPEG image (the binary field "data" is image/png)');
			expect(apiCalls(instance.server)).toEqual([]);
		});

		it('someone else\'s channel: PeerTube\'s 400 with its detail, nothing created', async () => {
			const rootChannel = instance.server.findChannel('root_channel')!.id;
			const result = await run(create({ privacy: 1, channel: rl(String(rootChannel), 'handle') }), store(), { continueOnFail: true });
			expect(String(result.items[0].json.error)).toMatch(/Unknown video "video channel" for this account/);
			expect(playlists()).toEqual([]);
			expectNoSecrets(instance.server, result);
		});
	});

	describe('Get, Get Many', () => {
		it('Get by URL, by short UUID and from the list (an unlisted playlist works with its UUID)', async () => {
			const p = addPlaylist(instance.server, { ownerUsername: 'alice', displayName: 'Hidden', privacy: 2, channelName: 'alice_channel' });
			const { uuidToShort } = await import('../../../../../standin/data.cjs');
			for (const [value, mode] of [
				[`${instance.server.url}/w/p/${uuidToShort(p.uuid)}`, 'url'],
				[uuidToShort(p.uuid), 'id'],
				[shortOf(p), 'list'],
			] as const) {
				instance.server.clearRequests();
				const result = await run({ resource: 'playlist', operation: 'get', playlist: rl(value, mode), simplify: true }, store());
				expect(result.error).toBeUndefined();
				expect(apiCalls(instance.server)).toHaveLength(1);
				expect(result.items[0].json).toEqual(expect.objectContaining({ uuid: p.uuid, displayName: 'Hidden', privacy: 'Unlisted', videosCount: 0 }));
			}
		});

		it('Get: an unknown playlist names the field; a bad ID is refused before any request', async () => {
			let result = await run({ resource: 'playlist', operation: 'get', playlist: rl('999', 'id') }, store(), { continueOnFail: true });
			expect(result.items[0].json.error).toBe('There is no playlist "999" on this PeerTube instance (or it is private and not yours): check Playlist');
			instance.server.clearRequests();
			result = await run({ resource: 'playlist', operation: 'get', playlist: rl('not a playlist', 'id') }, store(), { continueOnFail: true });
			expect(result.items[0].json.error).toBe('Playlist "not a playlist" is not a playlist URL, numeric ID, UUID or short UUID');
			expect(apiCalls(instance.server)).toEqual([]);
		});

		it('My Playlists with Return All pages by 100, private ones included; search goes along', async () => {
			for (let k = 0; k < 130; k++) addPlaylist(instance.server, { ownerUsername: 'alice', displayName: `List ${k}`, privacy: k % 2 ? 3 : 1, channelName: 'alice_channel' });
			addPlaylist(instance.server, { ownerUsername: 'root', displayName: 'List of root', privacy: 1 });
			const result = await run({ resource: 'playlist', operation: 'getAll', source: 'mine', returnAll: true, filters: { search: 'List' } }, store());
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(130);
			const calls = apiCalls(instance.server);
			expect(calls.map((r) => r.path)).toEqual(['/api/v1/users/me', '/api/v1/accounts/alice/video-playlists', '/api/v1/accounts/alice/video-playlists']);
			expect(calls.slice(1).map((r) => r.query)).toEqual([
				{ search: 'List', sort: '-createdAt', start: '0', count: '100' },
				{ search: 'List', sort: '-createdAt', start: '100', count: '100' },
			]);
		});

		it('Channel and Instance sources list public playlists; a Limit stops there', async () => {
			for (let k = 0; k < 4; k++) addPlaylist(instance.server, { ownerUsername: 'alice', displayName: `Public ${k}`, privacy: 1, channelName: 'alice_channel' });
			addPlaylist(instance.server, { ownerUsername: 'alice', displayName: 'Private', privacy: 3 });
			let result = await run({ resource: 'playlist', operation: 'getAll', source: 'channel', channel: rl('alice_channel'), returnAll: true, simplify: false }, store());
			expect(result.items.map((i) => i.json.displayName)).toEqual(['Public 0', 'Public 1', 'Public 2', 'Public 3']);
			expect(apiCalls(instance.server).map((r) => r.path)).toEqual(['/api/v1/video-channels/alice_channel/video-playlists']);
			instance.server.clearRequests();
			result = await run({ resource: 'playlist', operation: 'getAll', source: 'instance', returnAll: false, limit: 2, sort: 'displayName' }, store());
			expect(result.items).toHaveLength(2);
			expect(apiCalls(instance.server).map((r) => [r.path, r.query])).toEqual([['/api/v1/video-playlists', { sort: 'displayName', start: '0', count: '2' }]]);
		});

		it('Search with another source is refused before any request', async () => {
			const result = await run({ resource: 'playlist', operation: 'getAll', source: 'instance', returnAll: true, filters: { search: 'x' } }, store(), { continueOnFail: true });
			expect(String(result.items[0].json.error)).toMatch(/^Search works with Source "My Playlists" only/);
			expect(apiCalls(instance.server)).toEqual([]);
		});
	});

	describe('Update, Delete', () => {
		it('Update sends only the given fields and returns the playlist read back', async () => {
			const p = addPlaylist(instance.server, { ownerUsername: 'alice', displayName: 'Old', privacy: 3 });
			const result = await run(
				{ resource: 'playlist', operation: 'update', playlist: rl(p.uuid), updateFields: { displayName: 'New', privacy: 1, channel: rl('alice_channel') } as never, simplify: false },
				store(),
			);
			expect(result.error).toBeUndefined();
			const put = writes(instance.server)[0];
			expect([put.method, put.path, put.status]).toEqual(['PUT', `/api/v1/video-playlists/${p.uuid}`, 204]);
			expect(jsonBody(put)).toEqual({ displayName: 'New', privacy: 1, videoChannelId: instance.server.findChannel('alice_channel')!.id });
			expect(result.items[0].json).toEqual(expect.objectContaining({ displayName: 'New', privacy: { id: 1, label: 'Public' } }));
		});

		it('Update to public without a channel: PeerTube\'s 400 with its detail, nothing changed', async () => {
			const p = addPlaylist(instance.server, { ownerUsername: 'alice', displayName: 'Mine', privacy: 3 });
			const result = await run({ resource: 'playlist', operation: 'update', playlist: rl(String(p.id), 'id'), updateFields: { privacy: 1 } as never }, store(), { continueOnFail: true });
			expect(String(result.items[0].json.error)).toMatch(/Cannot set "public" a playlist that is not assigned to a channel/);
			expect(p.privacy).toBe(3);
		});

		it('Watch Later can be neither updated nor deleted', async () => {
			const p = addPlaylist(instance.server, { ownerUsername: 'alice', displayName: 'Watch later', privacy: 3, type: 2 });
			let result = await run({ resource: 'playlist', operation: 'update', playlist: rl(String(p.id), 'id'), updateFields: { displayName: 'x' } as never }, store(), { continueOnFail: true });
			expect(String(result.items[0].json.error)).toMatch(/Cannot update a watch later playlist/);
			result = await run({ resource: 'playlist', operation: 'delete', playlist: rl(String(p.id), 'id') }, store(), { continueOnFail: true });
			expect(String(result.items[0].json.error)).toMatch(/Cannot delete a watch later playlist/);
			expect(playlists()).toHaveLength(1);
		});

		it('Update with nothing to change is refused before any request', async () => {
			const result = await run({ resource: 'playlist', operation: 'update', playlist: rl('1', 'id'), updateFields: {} as never }, store(), { continueOnFail: true });
			expect(result.items[0].json.error).toBe('Update Fields is empty: add at least one field to change');
			expect(apiCalls(instance.server)).toEqual([]);
		});

		it('Delete answers { deleted: true, id }; someone else\'s playlist is refused', async () => {
			const mine = addPlaylist(instance.server, { ownerUsername: 'alice', displayName: 'Mine', privacy: 3 });
			const theirs = addPlaylist(instance.server, { ownerUsername: 'root', displayName: 'Theirs', privacy: 1, channelName: 'root_channel' });
			let result = await run({ resource: 'playlist', operation: 'delete', playlist: rl(mine.uuid) }, store());
			expect(result.items[0].json).toEqual({ deleted: true, id: mine.uuid });
			expect(writes(instance.server).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([`DELETE /api/v1/video-playlists/${mine.uuid} 204`]);
			result = await run({ resource: 'playlist', operation: 'delete', playlist: rl(theirs.uuid) }, store(), { continueOnFail: true });
			expect(result.items[0].json.error).toBe(
				"PeerTube refused: the credential's account does not own this playlist (or it belongs to another instance). Use a credential of the playlist's owner, or pick one of your playlists",
			);
			expect(playlists().map((p) => p.displayName)).toEqual(['Theirs']);
			expectNoSecrets(instance.server, result);
			// an administrator may delete it
			result = await run({ resource: 'playlist', operation: 'delete', playlist: rl(theirs.uuid) }, store(ADMIN));
			expect(result.error).toBeUndefined();
		});
	});

	describe('Videos of a playlist', () => {
		let p: StandinPlaylist;
		let videos: Array<{ id: number; uuid: string; shortUUID: string }>;
		beforeEach(() => {
			videos = instance.server.addVideos(5, { channelName: 'alice_channel' });
			p = addPlaylist(instance.server, { ownerUsername: 'alice', displayName: 'Queue', privacy: 3 });
		});
		const order = () => p.elements.map((e) => e.videoId);

		it('Add Video posts videoId with the timestamps and returns the element id', async () => {
			const result = await run(
				{ resource: 'playlist', operation: 'addVideo', playlist: rl(p.uuid), videoId: rl(videos[2].uuid, 'id'), options: { startTimestamp: 10, stopTimestamp: 95 } },
				store(),
			);
			expect(result.error).toBeUndefined();
			const post = writes(instance.server)[0];
			expect([post.method, post.path, post.status]).toEqual(['POST', `/api/v1/video-playlists/${p.uuid}/videos`, 200]);
			expect(jsonBody(post)).toEqual({ videoId: videos[2].uuid, startTimestamp: 10, stopTimestamp: 95 });
			expect(result.items[0].json).toEqual({ playlistElementId: p.elements[0].id, playlist: p.uuid, videoId: videos[2].uuid, startTimestamp: 10, stopTimestamp: 95, added: true });
			expect(p.elements).toEqual([expect.objectContaining({ videoId: videos[2].id, startTimestamp: 10, stopTimestamp: 95 })]);
		});

		it.each([
			[{ startTimestamp: -1 }, 'Start at (Seconds) must be a whole number, 0 or more (got "-1")'],
			[{ startTimestamp: 1.5 }, 'Start at (Seconds) must be a whole number, 0 or more (got "1.5")'],
			[{ startTimestamp: 30, stopTimestamp: 30 }, 'Stop at (30 s) must be after Start at (30 s): raise Stop at, or lower Start at'],
		])('Add Video refuses %j before any request', async (options, message) => {
			const result = await run({ resource: 'playlist', operation: 'addVideo', playlist: rl(p.uuid), videoId: rl(String(videos[0].id), 'id'), options }, store(), { continueOnFail: true });
			expect(result.items[0].json.error).toBe(message);
			expect(apiCalls(instance.server)).toEqual([]);
		});

		it('with Continue On Fail, each item fails alone: three items, the middle one names an unknown video', async () => {
			const items = [{ json: { v: videos[0].uuid } }, { json: { v: '99999' } }, { json: { v: videos[1].uuid } }];
			const result = await run(
				{ resource: 'playlist', operation: 'addVideo', playlist: rl(p.uuid), videoId: rl('={{ $json.v }}', 'id') },
				store(),
				{ items, continueOnFail: true },
			);
			expect(result.items.map((item) => [item.pairedItem, item.json.added ?? null, typeof item.json.error])).toEqual([
				[{ item: 0 }, true, 'undefined'],
				[{ item: 1 }, null, 'string'],
				[{ item: 2 }, true, 'undefined'],
			]);
			expect(order()).toEqual([videos[0].id, videos[1].id]);
			expectNoSecrets(instance.server, result);
		});

		it('Add Video of an unknown video: 404 naming both fields', async () => {
			const result = await run({ resource: 'playlist', operation: 'addVideo', playlist: rl(p.uuid), videoId: rl('9999', 'id') }, store(), { continueOnFail: true });
			expect(String(result.items[0].json.error)).toMatch(/or there is no video "9999" \(check Video\)$/);
			expect(p.elements).toEqual([]);
		});

		it('Get Videos with Return All pages by 100 and simplifies each element', async () => {
			const many = instance.server.addVideos(150, { channelName: 'alice_channel' });
			p.elements.push(...many.map((v, k) => ({ id: 1000 + k, videoId: v.id, startTimestamp: null, stopTimestamp: null })));
			const result = await run({ resource: 'playlist', operation: 'getVideos', playlist: rl(p.uuid), returnAll: true }, store());
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(150);
			expect(apiCalls(instance.server).map((r) => [r.path, r.query])).toEqual([
				[`/api/v1/video-playlists/${p.uuid}/videos`, { start: '0', count: '100' }],
				[`/api/v1/video-playlists/${p.uuid}/videos`, { start: '100', count: '100' }],
			]);
			expect(result.items[149].json).toEqual(
				expect.objectContaining({ playlistElementId: 1149, position: 150, elementType: 0, video: expect.objectContaining({ id: many[149].id, uuid: many[149].uuid, thumbnailUrl: expect.stringMatching(/^http/) }) }),
			);
		});

		it('Get Videos with a Limit asks for that many only', async () => {
			p.elements.push(...videos.map((v, k) => ({ id: 500 + k, videoId: v.id, startTimestamp: null, stopTimestamp: null })));
			const result = await run({ resource: 'playlist', operation: 'getVideos', playlist: rl(p.uuid), returnAll: false, limit: 3, simplify: false }, store());
			expect(result.items.map((i) => i.json.id)).toEqual([500, 501, 502]);
			expect(apiCalls(instance.server).map((r) => r.query)).toEqual([{ start: '0', count: '3' }]);
		});

		it('Remove Video by video finds its element, then deletes it', async () => {
			p.elements.push(...videos.map((v, k) => ({ id: 700 + k, videoId: v.id, startTimestamp: null, stopTimestamp: null })));
			const result = await run({ resource: 'playlist', operation: 'removeVideo', playlist: rl(p.uuid), removeBy: 'video', videoId: rl(videos[3].shortUUID, 'id') }, store());
			expect(result.error).toBeUndefined();
			expect(apiCalls(instance.server).map((r) => `${r.method} ${r.path}`)).toEqual([`GET /api/v1/video-playlists/${p.uuid}/videos`, `DELETE /api/v1/video-playlists/${p.uuid}/videos/703`]);
			expect(result.items[0].json).toEqual({ deleted: true, id: 703, playlist: p.uuid, videoId: videos[3].shortUUID });
			expect(order()).toEqual([videos[0].id, videos[1].id, videos[2].id, videos[4].id]);
		});

		it('Remove Video by element id deletes directly; a video not in the playlist is reported', async () => {
			p.elements.push({ id: 42, videoId: videos[0].id, startTimestamp: null, stopTimestamp: null });
			let result = await run({ resource: 'playlist', operation: 'removeVideo', playlist: rl(p.uuid), removeBy: 'element', playlistElementId: 42 }, store());
			expect(apiCalls(instance.server).map((r) => `${r.method} ${r.path}`)).toEqual([`DELETE /api/v1/video-playlists/${p.uuid}/videos/42`]);
			expect(result.items[0].json).toEqual({ deleted: true, id: 42, playlist: p.uuid });
			instance.server.clearRequests();
			result = await run({ resource: 'playlist', operation: 'removeVideo', playlist: rl(p.uuid), removeBy: 'video', videoId: rl(String(videos[1].id), 'id') }, store(), { continueOnFail: true });
			expect(result.items[0].json.error).toBe(`Video "${videos[1].id}" is not in playlist "${p.uuid}": nothing to remove`);
			expect(writes(instance.server)).toEqual([]);
		});

		it('Move Video posts the reorder and the order changes as PeerTube does it', async () => {
			p.elements.push(...videos.map((v, k) => ({ id: 800 + k, videoId: v.id, startTimestamp: null, stopTimestamp: null })));
			const result = await run({ resource: 'playlist', operation: 'moveVideo', playlist: rl(p.uuid), startPosition: 4, insertAfterPosition: 0, reorderLength: 2 }, store());
			expect(result.error).toBeUndefined();
			const post = writes(instance.server)[0];
			expect([post.method, post.path, post.status]).toEqual(['POST', `/api/v1/video-playlists/${p.uuid}/videos/reorder`, 204]);
			expect(jsonBody(post)).toEqual({ startPosition: 4, insertAfterPosition: 0, reorderLength: 2 });
			expect(order()).toEqual([videos[3].id, videos[4].id, videos[0].id, videos[1].id, videos[2].id]);
			expect(result.items[0].json).toEqual({ moved: true, playlist: p.uuid, startPosition: 4, insertAfterPosition: 0, reorderLength: 2 });
		});

		it('Move Video past the end: PeerTube\'s 400 with the limit; a position of 0 is refused before sending', async () => {
			p.elements.push({ id: 900, videoId: videos[0].id, startTimestamp: null, stopTimestamp: null });
			let result = await run({ resource: 'playlist', operation: 'moveVideo', playlist: rl(p.uuid), startPosition: 3, insertAfterPosition: 0, reorderLength: 1 }, store(), { continueOnFail: true });
			expect(String(result.items[0].json.error)).toMatch(/Start position or insert after position exceed the playlist limits \(max: 1\)/);
			instance.server.clearRequests();
			result = await run({ resource: 'playlist', operation: 'moveVideo', playlist: rl(p.uuid), startPosition: 0, insertAfterPosition: 0 }, store(), { continueOnFail: true });
			expect(result.items[0].json.error).toBe('Start Position must be a whole number of at least 1 (got "0")');
			expect(apiCalls(instance.server)).toEqual([]);
		});
	});
});
