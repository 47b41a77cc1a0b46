/**
 * The scenarios of the version matrix (versions.test.cts): one main scenario per operation of the
 * PeerTube node and one per event of the PeerTube Trigger. Each seeds the stand-in for the version
 * it plays, then checks the output and what went over the wire on that version. Where PeerTube
 * changed a field between versions, the check names the version-specific form (api-facts-2 §12).
 */
import type { INodeExecutionData, NodeParameterValueType } from 'n8n-workflow';

import { addAbuse } from '../standin/routes/abuses.cjs';
import { addCaption, captionsOf, isBeingTranscribed } from '../standin/routes/captions.cjs';
import { channelState } from '../standin/routes/channels.cjs';
import { channelSyncState } from '../standin/routes/channelSyncs.cjs';
import { addComment, commentsOf } from '../standin/routes/comments.cjs';
import { importsOf } from '../standin/routes/imports.cjs';
import { addNotification, notificationsOf } from '../standin/routes/notifications.cjs';
import { addPlaylist, playlistState } from '../standin/routes/playlists.cjs';
import { addRegistration } from '../standin/routes/registrations.cjs';
import { inputFileUpdatedAtOf, setVideoFileUpdateEnabled } from '../standin/routes/replaceFile.cjs';
import { ratingsOf } from '../standin/routes/ratings.cjs';
import { subscribe, subscriptionsOf } from '../standin/routes/subscriptions.cjs';
import { parseMultipart } from '../standin/multipart.cjs';
import type { PeerTubeStandin, RecordedRequest } from '../standin/server.cjs';
import { storeBinary, videoItem } from './helpers/binary.cjs';
import type { RunResult } from './helpers/n8n.cjs';
import { names, type PollResult } from './helpers/poll.cjs';

// ------------------------------------------------------------------ shapes

/** One run of an operation: its parameters, its input items, and what must hold afterwards. */
export interface Case {
	parameters: Record<string, NodeParameterValueType>;
	items?: INodeExecutionData[];
	/** the run is expected to fail (`check` then looks at the error); only for a known stand-in gap */
	expectError?: boolean;
	check(result: RunResult): void;
}

export interface Scenario {
	name: string;
	/** the oldest version that has the feature ([major, minor]); older lines expect the version message */
	since?: [number, number];
	as?: 'admin' | 'user';
	/** seeds the stand-in playing `version` */
	prepare(server: PeerTubeStandin, version: string): Case | Promise<Case>;
}

/** One trigger event: a baseline poll, then `act` (what happens on PeerTube), then a poll to check. */
export interface TriggerCase {
	parameters: Record<string, NodeParameterValueType>;
	act(): void;
	check(result: PollResult): void;
}

export interface TriggerScenario {
	name: string;
	since?: [number, number];
	as?: 'admin' | 'user' | 'moderator';
	prepare(server: PeerTubeStandin, version: string): TriggerCase;
}

// ------------------------------------------------------------------ helpers

const IGNORED = ['/api/v1/oauth-clients/local', '/api/v1/users/token', '/api/v1/config'];

/** API requests other than the credential's login and the version read. */
export const apiRequests = (server: PeerTubeStandin): RecordedRequest[] =>
	server.requests.filter((r) => r.path.startsWith('/api/v1/') && !IGNORED.includes(r.path));

/** The API requests as "METHOD path". */
const wire = (server: PeerTubeStandin): string[] => apiRequests(server).map((r) => `${r.method} ${r.path}`);

const writes = (server: PeerTubeStandin): RecordedRequest[] => apiRequests(server).filter((r) => r.method !== 'GET');

const jsonOf = (request: RecordedRequest): unknown => JSON.parse(request.body.toString('utf8'));

/** `version` is `major.minor` or newer. */
export function versionAtLeast(version: string, major: number, minor = 0): boolean {
	const [a, b] = version.split('.').map(Number);
	return a > major || (a === major && b >= minor);
}

/** The comment fields of a video (details) or a video body on that version: commentsPolicy 6.2+, commentsEnabled before 8.0. */
function commentFields(version: string, policy: 1 | 2 | 3, form: 'request' | 'details'): Record<string, unknown> {
	const labels = { 1: 'Enabled', 2: 'Disabled', 3: 'Requires approval' };
	if (form === 'request') return versionAtLeast(version, 6, 2) ? { commentsPolicy: policy } : { commentsEnabled: policy === 1 };
	return {
		commentsPolicy: versionAtLeast(version, 6, 2) ? { id: policy, label: labels[policy] } : undefined,
		commentsEnabled: versionAtLeast(version, 8) ? undefined : policy !== 2,
	};
}

const pick = (json: object, keys: string[]): Record<string, unknown> =>
	Object.fromEntries(keys.map((key) => [key, (json as Record<string, unknown>)[key]]));

const rl = (value: string, mode = 'list'): NodeParameterValueType => ({ __rl: true, mode, value }) as unknown as NodeParameterValueType;

const channelId = (server: PeerTubeStandin, name: string): number => server.findChannel(name)!.id;

const VTT = 'WEBVTT\n\n00:00.000 --> 00:02.000\nBonjour\n';
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(300, 7)]);
const TARGET = 'https://media.example.org/talks/opening-keynote.mp4';
const YT = 'https://www.youtube.com/@alice_cooks';

function addSync(server: PeerTubeStandin, externalChannelUrl: string): number {
	const st = channelSyncState(server);
	const id = st.nextId++;
	st.syncs.set(id, { id, externalChannelUrl, channelId: channelId(server, 'alice_channel'), state: 1, createdAt: new Date().toISOString(), lastSyncAt: null });
	return id;
}

// ------------------------------------------------------------------ Video

const videoScenarios: Scenario[] = [
	{
		name: 'Video → Get',
		prepare: (server, version) => {
			const [video] = server.addVideos(1, { channelName: 'alice_channel', name: 'Matrix video', tags: ['aa'], commentsPolicy: 2 });
			return {
				parameters: { resource: 'video', operation: 'get', videoId: String(video.id) },
				check: (result) => {
					expect(result.items.map((i) => i.json.name)).toEqual(['Matrix video']);
					expect(pick(result.items[0].json, ['commentsPolicy', 'commentsEnabled'])).toEqual(commentFields(version, 2, 'details'));
					expect(wire(server)).toEqual([`GET /api/v1/videos/${video.id}`]);
				},
			};
		},
	},
	{
		name: 'Video → Get Many (instance, Return All)',
		prepare: (server) => {
			server.addVideos(130, { channelName: 'alice_channel' });
			return {
				parameters: { resource: 'video', operation: 'getAll', source: 'instance', returnAll: true },
				check: (result) => {
					expect(result.items).toHaveLength(130);
					expect(apiRequests(server).map((r) => [r.method, r.path, r.query.start, r.query.count])).toEqual([
						['GET', '/api/v1/videos', '0', '100'],
						['GET', '/api/v1/videos', '100', '100'],
					]);
				},
			};
		},
	},
	{
		name: 'Video → Update (name)',
		prepare: (server) => {
			const [video] = server.addVideos(1, { channelName: 'alice_channel', name: 'Before' });
			return {
				parameters: { resource: 'video', operation: 'update', videoId: String(video.id), updateFields: { name: 'After the update' } },
				check: (result) => {
					expect(result.items[0].json.name).toBe('After the update');
					expect(wire(server)).toEqual([`PUT /api/v1/videos/${video.id}`, `GET /api/v1/videos/${video.id}`]);
					expect(jsonOf(writes(server)[0])).toEqual({ name: 'After the update' });
				},
			};
		},
	},
	{
		// commentsEnabled before 6.2, commentsPolicy from 6.2 (8.0 ignores commentsEnabled)
		name: 'Video → Update (Comments Policy: Disabled)',
		prepare: (server, version) => {
			const [video] = server.addVideos(1, { channelName: 'alice_channel', name: 'Chatty' });
			return {
				parameters: { resource: 'video', operation: 'update', videoId: String(video.id), updateFields: { commentsPolicy: 2 } },
				check: (result) => {
					expect(jsonOf(writes(server)[0])).toEqual(commentFields(version, 2, 'request'));
					expect(pick(result.items[0].json, ['commentsPolicy', 'commentsEnabled'])).toEqual(commentFields(version, 2, 'details'));
					expect(server.getVideo(video.id)!.commentsPolicy).toBe(2);
				},
			};
		},
	},
	{
		name: 'Video → Update (Comments Policy: Requires Approval)',
		since: [6, 2],
		prepare: (server, version) => {
			const [video] = server.addVideos(1, { channelName: 'alice_channel', name: 'Moderated' });
			return {
				parameters: { resource: 'video', operation: 'update', videoId: String(video.id), updateFields: { commentsPolicy: 3 } },
				check: (result) => {
					expect(wire(server)).toEqual([`PUT /api/v1/videos/${video.id}`, `GET /api/v1/videos/${video.id}`]);
					expect(jsonOf(writes(server)[0])).toEqual({ commentsPolicy: 3 });
					expect(pick(result.items[0].json, ['commentsPolicy', 'commentsEnabled'])).toEqual(commentFields(version, 3, 'details'));
				},
			};
		},
	},
	...(['Disabled', 'Requires Approval'] as const).map(
		(policyName): Scenario => ({
			name: `Video → Upload (3000 bytes, Comments Policy: ${policyName})`,
			since: policyName === 'Requires Approval' ? [6, 2] : undefined,
			prepare: async (server, version) => {
				const policy = policyName === 'Disabled' ? 2 : 3;
				const { item, sha256 } = await videoItem('default', 3000, { fileName: 'matrix clip.mp4' });
				return {
					parameters: { resource: 'video', operation: 'upload', name: 'Matrix upload', additionalFields: { commentsPolicy: policy, tags: 'aa, bb' } },
					items: [item],
					check: (result) => {
						const [stored] = [...server.videos.values()];
						expect(wire(server)).toEqual([
							'GET /api/v1/users/me',
							'POST /api/v1/videos/upload-resumable',
							'PUT /api/v1/videos/upload-resumable',
							`GET /api/v1/videos/${stored.uuid}`,
						]);
						const [init, chunk] = writes(server);
						expect(jsonOf(init)).toEqual({
							name: 'Matrix upload',
							tags: ['aa', 'bb'],
							...commentFields(version, policy, 'request'),
							channelId: channelId(server, 'alice_channel'),
							filename: 'matrix clip.mp4',
						});
						expect([init.headers['x-upload-content-length'], init.headers['x-upload-content-type']]).toEqual(['3000', 'video/mp4']);
						expect([chunk.headers['content-range'], chunk.status]).toEqual(['bytes 0-2999/3000', 200]);
						expect(stored.file?.sha256).toBe(sha256);
						expect(stored.commentsPolicy).toBe(policy);
						expect(result.items[0].json).toEqual(expect.objectContaining({ uuid: stored.uuid, name: 'Matrix upload', tags: ['aa', 'bb'] }));
						expect(pick(result.items[0].json, ['commentsPolicy', 'commentsEnabled'])).toEqual(commentFields(version, policy, 'details'));
					},
				};
			},
		}),
	),
	{
		// replace-resumable exists since 6.0 (older than every line here); the instance must allow it
		// (video_file.update.enabled, off by default). The video goes back to state 2 (to transcode).
		name: 'Video → Replace File',
		prepare: async (server) => {
			setVideoFileUpdateEnabled(server, true);
			const [video] = server.addVideos(1, { channelName: 'alice_channel' });
			const { item, sha256 } = await videoItem('default', 3000, { fileName: 'new cut.mp4' });
			return {
				parameters: { resource: 'video', operation: 'replaceFile', videoId: String(video.id) },
				items: [item],
				check: (result) => {
					const path = `/api/v1/videos/${video.uuid}/source/replace-resumable`;
					expect(wire(server)).toEqual([`GET /api/v1/videos/${video.id}`, 'GET /api/v1/users/me', `POST ${path}`, `PUT ${path}`, `GET /api/v1/videos/${video.uuid}`]);
					const [post, chunk] = writes(server);
					expect(jsonOf(post)).toEqual({ filename: 'new cut.mp4' });
					expect([post.headers['x-upload-content-length'], post.headers['x-upload-content-type'], post.status]).toEqual(['3000', 'video/mp4', 201]);
					expect([chunk.headers['content-range'], chunk.status]).toEqual(['bytes 0-2999/3000', 200]);
					expect(video.file).toEqual({ filename: 'new cut.mp4', mimetype: 'video/mp4', size: 3000, sha256 });
					expect(video.state).toBe(2);
					expect(inputFileUpdatedAtOf(server, video.id)).toBe(video.updatedAt);
					expect(server.videos.size).toBe(1);
					expect(result.items[0].json).toEqual(expect.objectContaining({ uuid: video.uuid, state: { id: 2, label: 'To transcode' } }));
				},
			};
		},
	},
	{
		// commentsPolicy goes as commentsEnabled before 6.2 (those versions ignore commentsPolicy);
		// `attempts` (import retry) is listed from 8.0
		name: 'Video → Import (URL, Comments Policy: Disabled)',
		prepare: (server, version) => ({
			parameters: { resource: 'video', operation: 'import', source: 'url', targetUrl: TARGET, additionalFields: { name: 'Imported talk', commentsPolicy: 2 } },
			check: (result) => {
				expect(wire(server)).toEqual(['GET /api/v1/users/me', 'POST /api/v1/videos/imports']);
				expect(jsonOf(writes(server)[0])).toEqual({
					name: 'Imported talk',
					...commentFields(version, 2, 'request'),
					targetUrl: TARGET,
					channelId: channelId(server, 'alice_channel'),
				});
				const [record] = [...importsOf(server).values()];
				const json = result.items[0].json;
				expect(json).toEqual(expect.objectContaining({ id: record.id, targetUrl: TARGET, state: { id: 1, label: 'Pending' }, video: expect.objectContaining({ name: 'Imported talk' }) }));
				expect('attempts' in json).toBe(versionAtLeast(version, 8));
				expect(server.getVideo(record.videoId)).toEqual(expect.objectContaining({ state: 3, commentsPolicy: 2 }));
			},
		}),
	},
	{
		name: 'Video → Import (URL, Generate Transcription)',
		since: [6, 2],
		prepare: (server) => ({
			parameters: { resource: 'video', operation: 'import', source: 'url', targetUrl: TARGET, additionalFields: { generateTranscription: true } },
			check: (result) => {
				expect(wire(server)).toEqual(['GET /api/v1/users/me', 'POST /api/v1/videos/imports']);
				expect(jsonOf(writes(server)[0])).toEqual({ targetUrl: TARGET, generateTranscription: true, channelId: channelId(server, 'alice_channel') });
				expect(result.items[0].json).toEqual(expect.objectContaining({ targetUrl: TARGET, state: { id: 1, label: 'Pending' } }));
			},
		}),
	},
	{
		name: 'Video → Delete',
		prepare: (server) => {
			const [video] = server.addVideos(1, { channelName: 'alice_channel' });
			return {
				parameters: { resource: 'video', operation: 'delete', videoId: String(video.id) },
				check: (result) => {
					expect(apiRequests(server).map((r) => [r.method, r.path, r.status, r.body.length])).toEqual([['DELETE', `/api/v1/videos/${video.id}`, 204, 0]]);
					expect(result.items.map((i) => i.json)).toEqual([{ deleted: true, id: video.id }]);
					expect(server.getVideo(video.id)).toBeUndefined();
				},
			};
		},
	},
	{
		name: 'Video → Rate (like)',
		prepare: (server) => {
			const [video] = server.addVideos(1, { channelName: 'root_channel', likes: 0, dislikes: 0 });
			return {
				parameters: { resource: 'video', operation: 'rate', videoId: video.uuid, rating: 'like' },
				check: (result) => {
					expect(wire(server)).toEqual([`PUT /api/v1/videos/${video.uuid}/rate`]);
					expect(jsonOf(writes(server)[0])).toEqual({ rating: 'like' });
					expect(result.items.map((i) => i.json)).toEqual([{ rated: true, id: video.uuid, rating: 'like' }]);
					expect(server.getVideo(video.id)!.likes).toBe(1);
					expect(ratingsOf(server, video.id).size).toBe(1);
				},
			};
		},
	},
	{
		name: 'Video → Get Stats',
		prepare: (server) => {
			const [video] = server.addVideos(1, { channelName: 'alice_channel', views: 10, duration: 120 });
			return {
				parameters: { resource: 'video', operation: 'getStats', videoId: String(video.id), options: { startDate: '2026-01-01T00:00:00Z' } },
				check: (result) => {
					expect(apiRequests(server).map((r) => [r.method, r.path, r.query])).toEqual([
						['GET', `/api/v1/videos/${video.id}/stats/overall`, { startDate: '2026-01-01T00:00:00.000Z' }],
					]);
					expect(result.items[0].json).toEqual(expect.objectContaining({ totalViewers: 10, averageWatchTime: 60 }));
				},
			};
		},
	},
];

// ------------------------------------------------------------------ Video Caption

const captionScenarios: Scenario[] = [
	{
		// automaticallyGenerated from 6.2, fileUrl from 7.0
		name: 'Video Caption → Get Many',
		prepare: (server, version) => {
			const [video] = server.addVideos(1, { channelName: 'alice_channel' });
			addCaption(server, video.id, 'fr', VTT);
			return {
				parameters: { resource: 'videoCaption', operation: 'getAll', videoId: String(video.id), returnAll: true },
				check: (result) => {
					expect(apiRequests(server).map((r) => [r.method, r.path, r.query])).toEqual([['GET', `/api/v1/videos/${video.id}/captions`, {}]]);
					expect(result.items).toHaveLength(1);
					const caption = result.items[0].json;
					expect(caption.language).toEqual({ id: 'fr', label: 'French' });
					expect('automaticallyGenerated' in caption).toBe(versionAtLeast(version, 6, 2));
					expect('fileUrl' in caption).toBe(versionAtLeast(version, 7));
				},
			};
		},
	},
	{
		name: 'Video Caption → Upload (.vtt)',
		prepare: (server) => {
			const [video] = server.addVideos(1, { channelName: 'alice_channel' });
			return {
				parameters: { resource: 'videoCaption', operation: 'upload', videoId: String(video.id), language: 'fr' },
				items: [{ json: {}, binary: { data: { data: Buffer.from(VTT).toString('base64'), mimeType: 'text/vtt', fileName: 'bonjour.vtt' } } }],
				check: (result) => {
					expect(wire(server)).toEqual([`PUT /api/v1/videos/${video.id}/captions/fr`, `GET /api/v1/videos/${video.id}/captions`]);
					const [put] = writes(server);
					const form = parseMultipart(put.body, String(put.headers['content-type']));
					expect(form.fields).toEqual([]);
					expect(form.files.map((f) => [f.field, f.filename, f.mimetype, f.data.toString()])).toEqual([['captionfile', 'bonjour.vtt', 'text/vtt', VTT]]);
					expect(put.status).toBe(204);
					expect(result.items[0].json.language).toEqual({ id: 'fr', label: 'French' });
					expect(captionsOf(server, video.id).get('fr')?.data.toString()).toBe(VTT);
				},
			};
		},
	},
	{
		name: 'Video Caption → Delete',
		prepare: (server) => {
			const [video] = server.addVideos(1, { channelName: 'alice_channel' });
			addCaption(server, video.id, 'fr', VTT);
			return {
				parameters: { resource: 'videoCaption', operation: 'delete', videoId: String(video.id), language: 'fr' },
				check: (result) => {
					expect(apiRequests(server).map((r) => [r.method, r.path, r.status])).toEqual([['DELETE', `/api/v1/videos/${video.id}/captions/fr`, 204]]);
					expect(result.items.map((i) => i.json)).toEqual([{ deleted: true, id: 'fr', videoId: video.id }]);
					expect(captionsOf(server, video.id).size).toBe(0);
				},
			};
		},
	},
	{
		name: 'Video Caption → Generate',
		since: [6, 2],
		prepare: (server) => {
			const [video] = server.addVideos(1, { channelName: 'alice_channel' });
			return {
				parameters: { resource: 'videoCaption', operation: 'generate', videoId: String(video.id) },
				check: (result) => {
					expect(apiRequests(server).map((r) => [r.method, r.path, r.status, r.body.length])).toEqual([['POST', `/api/v1/videos/${video.id}/captions/generate`, 204, 0]]);
					expect(result.items.map((i) => i.json)).toEqual([{ transcriptionRequested: true, videoId: video.id }]);
					expect(isBeingTranscribed(server, video.id)).toBe(true);
				},
			};
		},
	},
];

// ------------------------------------------------------------------ Channel, Channel Sync

const channelScenarios: Scenario[] = [
	{
		name: 'Channel → Create',
		prepare: (server) => ({
			parameters: { resource: 'channel', operation: 'create', name: 'matrix_channel', displayName: 'Matrix channel', additionalFields: { description: 'Every version' }, simplify: false },
			check: (result) => {
				expect(wire(server)).toEqual(['POST /api/v1/video-channels', 'GET /api/v1/video-channels/matrix_channel']);
				expect(jsonOf(writes(server)[0])).toEqual({ name: 'matrix_channel', displayName: 'Matrix channel', description: 'Every version' });
				expect(result.items[0].json).toEqual(expect.objectContaining({ name: 'matrix_channel', displayName: 'Matrix channel', ownerAccount: expect.objectContaining({ name: 'alice' }) }));
				expect(server.findChannel('matrix_channel')).toBeDefined();
			},
		}),
	},
	{
		name: 'Channel → Get',
		prepare: (server) => ({
			parameters: { resource: 'channel', operation: 'get', channel: rl('alice_channel'), simplify: false },
			check: (result) => {
				expect(wire(server)).toEqual(['GET /api/v1/video-channels/alice_channel']);
				expect(result.items[0].json).toEqual(expect.objectContaining({ name: 'alice_channel', displayName: 'Main alice channel' }));
			},
		}),
	},
	{
		name: 'Channel → Get Many (mine)',
		prepare: (server) => {
			server.addChannel({ name: 'alice_second', ownerUsername: 'alice' });
			return {
				parameters: { resource: 'channel', operation: 'getAll', source: 'mine', returnAll: true, simplify: false },
				check: (result) => {
					expect(apiRequests(server).map((r) => [r.method, r.path, r.query])).toEqual([
						['GET', '/api/v1/users/me', {}],
						['GET', '/api/v1/accounts/alice/video-channels', { sort: '-createdAt', start: '0', count: '100' }],
					]);
					expect(result.items.map((i) => i.json.name).sort()).toEqual(['alice_channel', 'alice_second']);
				},
			};
		},
	},
	{
		name: 'Channel → Update',
		prepare: (server) => ({
			parameters: { resource: 'channel', operation: 'update', channel: rl('alice_channel'), updateFields: { displayName: 'Alice cooks' }, simplify: false },
			check: (result) => {
				expect(wire(server)).toEqual(['PUT /api/v1/video-channels/alice_channel', 'GET /api/v1/video-channels/alice_channel']);
				expect(jsonOf(writes(server)[0])).toEqual({ displayName: 'Alice cooks' });
				expect(result.items[0].json).toEqual(expect.objectContaining({ name: 'alice_channel', displayName: 'Alice cooks' }));
			},
		}),
	},
	{
		name: 'Channel → Delete',
		prepare: (server) => {
			server.addChannel({ name: 'to_delete', ownerUsername: 'alice' });
			return {
				parameters: { resource: 'channel', operation: 'delete', channel: rl('to_delete') },
				check: (result) => {
					expect(apiRequests(server).map((r) => [r.method, r.path, r.status])).toEqual([['DELETE', '/api/v1/video-channels/to_delete', 204]]);
					expect(result.items.map((i) => i.json)).toEqual([{ deleted: true, id: 'to_delete' }]);
					expect(server.findChannel('to_delete')).toBeUndefined();
				},
			};
		},
	},
	...(['avatar', 'banner'] as const).map(
		(kind): Scenario => ({
			name: `Channel → Set ${kind === 'avatar' ? 'Avatar' : 'Banner'}`,
			prepare: async (server) => {
				const picture = await storeBinary('default', PNG, { fileName: 'me.png', mimeType: 'image/png' });
				return {
					parameters: { resource: 'channel', operation: kind === 'avatar' ? 'setAvatar' : 'setBanner', channel: rl('alice_channel'), binaryPropertyName: 'picture' },
					items: [{ json: {}, binary: { picture } }],
					check: (result) => {
						expect(apiRequests(server).map((r) => [r.method, r.path, r.status])).toEqual([['POST', `/api/v1/video-channels/alice_channel/${kind}/pick`, 200]]);
						const [post] = writes(server);
						const form = parseMultipart(post.body, String(post.headers['content-type']));
						expect(form.files.map((f) => [f.field, f.filename, f.mimetype, f.data.equals(PNG)])).toEqual([[`${kind}file`, 'me.png', 'image/png', true]]);
						expect(result.items[0].json.channel).toBe('alice_channel');
						expect(channelState(server).uploads).toEqual([expect.objectContaining({ kind, size: PNG.length })]);
					},
				};
			},
		}),
	),
	{
		name: 'Channel Sync → Create',
		prepare: (server) => {
			channelSyncState(server).enabled = true;
			return {
				parameters: { resource: 'channelSync', operation: 'create', channel: rl('alice_channel'), externalChannelUrl: YT },
				check: (result) => {
					expect(wire(server)).toEqual(['GET /api/v1/video-channels/alice_channel', 'POST /api/v1/video-channel-syncs']);
					expect(jsonOf(writes(server)[0])).toEqual({ externalChannelUrl: YT, videoChannelId: channelId(server, 'alice_channel') });
					expect(result.items[0].json).toEqual(expect.objectContaining({ id: 1, externalChannelUrl: YT, state: { id: 1, label: 'Waiting first run' } }));
				},
			};
		},
	},
	{
		name: 'Channel Sync → Get Many',
		prepare: (server) => {
			channelSyncState(server).enabled = true;
			addSync(server, `${YT}1`);
			addSync(server, `${YT}2`);
			return {
				parameters: { resource: 'channelSync', operation: 'getAll', returnAll: true },
				check: (result) => {
					expect(apiRequests(server).map((r) => [r.method, r.path, r.query])).toEqual([
						['GET', '/api/v1/users/me', {}],
						['GET', '/api/v1/accounts/alice/video-channel-syncs', { sort: '-createdAt', start: '0', count: '100' }],
					]);
					expect(result.items.map((i) => i.json.externalChannelUrl).sort()).toEqual([`${YT}1`, `${YT}2`]);
				},
			};
		},
	},
	{
		name: 'Channel Sync → Sync Now',
		prepare: (server) => {
			channelSyncState(server).enabled = true;
			const id = addSync(server, YT);
			return {
				parameters: { resource: 'channelSync', operation: 'syncNow', syncId: id },
				check: (result) => {
					expect(writes(server).map((r) => [r.method, r.path, r.status])).toEqual([['POST', '/api/v1/video-channels/alice_channel/import-videos', 204]]);
					expect(jsonOf(writes(server)[0])).toEqual({ externalChannelUrl: YT, videoChannelSyncId: id });
					expect(result.items[0].json).toEqual({ id, channel: 'alice_channel', externalChannelUrl: YT, importStarted: true });
					expect(channelSyncState(server).imports).toHaveLength(1);
				},
			};
		},
	},
	{
		name: 'Channel Sync → Delete',
		prepare: (server) => {
			channelSyncState(server).enabled = true;
			const id = addSync(server, YT);
			return {
				parameters: { resource: 'channelSync', operation: 'delete', syncId: id },
				check: (result) => {
					expect(apiRequests(server).map((r) => [r.method, r.path, r.status])).toEqual([['DELETE', `/api/v1/video-channel-syncs/${id}`, 204]]);
					expect(result.items[0].json).toEqual({ deleted: true, id });
					expect(channelSyncState(server).syncs.size).toBe(0);
				},
			};
		},
	},
];

// ------------------------------------------------------------------ Playlist

const playlists = (server: PeerTubeStandin) => [...playlistState(server).playlists.values()];

const playlistScenarios: Scenario[] = [
	{
		name: 'Playlist → Create (private)',
		prepare: (server) => ({
			parameters: { resource: 'playlist', operation: 'create', displayName: 'Weekend', privacy: 3, simplify: false },
			check: (result) => {
				const [created] = playlists(server);
				expect(wire(server)).toEqual(['POST /api/v1/video-playlists', `GET /api/v1/video-playlists/${created.uuid}`]);
				expect(jsonOf(writes(server)[0])).toEqual({ displayName: 'Weekend', privacy: 3 });
				expect(result.items[0].json).toEqual(expect.objectContaining({ uuid: created.uuid, displayName: 'Weekend', privacy: { id: 3, label: 'Private' } }));
			},
		}),
	},
	{
		name: 'Playlist → Get',
		prepare: (server) => {
			const p = addPlaylist(server, { ownerUsername: 'alice', displayName: 'Queue', privacy: 1, channelName: 'alice_channel' });
			return {
				parameters: { resource: 'playlist', operation: 'get', playlist: rl(p.uuid, 'id'), simplify: false },
				check: (result) => {
					expect(wire(server)).toEqual([`GET /api/v1/video-playlists/${p.uuid}`]);
					expect(result.items[0].json).toEqual(expect.objectContaining({ uuid: p.uuid, displayName: 'Queue' }));
				},
			};
		},
	},
	{
		name: 'Playlist → Get Many (mine)',
		prepare: (server) => {
			addPlaylist(server, { ownerUsername: 'alice', displayName: 'List A', privacy: 3 });
			addPlaylist(server, { ownerUsername: 'alice', displayName: 'List B', privacy: 1, channelName: 'alice_channel' });
			return {
				parameters: { resource: 'playlist', operation: 'getAll', source: 'mine', returnAll: true, simplify: false },
				check: (result) => {
					expect(wire(server)).toEqual(['GET /api/v1/users/me', 'GET /api/v1/accounts/alice/video-playlists']);
					expect(result.items.map((i) => i.json.displayName).sort()).toEqual(['List A', 'List B']);
				},
			};
		},
	},
	{
		name: 'Playlist → Update',
		prepare: (server) => {
			const p = addPlaylist(server, { ownerUsername: 'alice', displayName: 'Old', privacy: 3 });
			return {
				parameters: { resource: 'playlist', operation: 'update', playlist: rl(p.uuid, 'id'), updateFields: { displayName: 'New' }, simplify: false },
				check: (result) => {
					expect(apiRequests(server).map((r) => [r.method, r.path, r.status])).toEqual([
						['PUT', `/api/v1/video-playlists/${p.uuid}`, 204],
						['GET', `/api/v1/video-playlists/${p.uuid}`, 200],
					]);
					expect(jsonOf(writes(server)[0])).toEqual({ displayName: 'New' });
					expect(result.items[0].json).toEqual(expect.objectContaining({ displayName: 'New' }));
				},
			};
		},
	},
	{
		name: 'Playlist → Delete',
		prepare: (server) => {
			const p = addPlaylist(server, { ownerUsername: 'alice', displayName: 'Gone', privacy: 3 });
			return {
				parameters: { resource: 'playlist', operation: 'delete', playlist: rl(p.uuid, 'id') },
				check: (result) => {
					expect(apiRequests(server).map((r) => [r.method, r.path, r.status])).toEqual([['DELETE', `/api/v1/video-playlists/${p.uuid}`, 204]]);
					expect(result.items[0].json).toEqual({ deleted: true, id: p.uuid });
					expect(playlists(server)).toEqual([]);
				},
			};
		},
	},
	{
		name: 'Playlist → Add Video',
		prepare: (server) => {
			const [video] = server.addVideos(1, { channelName: 'alice_channel' });
			const p = addPlaylist(server, { ownerUsername: 'alice', displayName: 'Queue', privacy: 3 });
			return {
				parameters: { resource: 'playlist', operation: 'addVideo', playlist: rl(p.uuid, 'id'), videoId: rl(video.uuid, 'id'), options: { startTimestamp: 10 } },
				check: (result) => {
					expect(apiRequests(server).map((r) => [r.method, r.path, r.status])).toEqual([['POST', `/api/v1/video-playlists/${p.uuid}/videos`, 200]]);
					expect(jsonOf(writes(server)[0])).toEqual({ videoId: video.uuid, startTimestamp: 10 });
					expect(result.items[0].json).toEqual(expect.objectContaining({ playlistElementId: p.elements[0].id, videoId: video.uuid, added: true }));
				},
			};
		},
	},
	{
		name: 'Playlist → Get Videos',
		prepare: (server) => {
			const videos = server.addVideos(3, { channelName: 'alice_channel' });
			const p = addPlaylist(server, { ownerUsername: 'alice', displayName: 'Queue', privacy: 3, videoIds: videos.map((v) => v.id) });
			return {
				parameters: { resource: 'playlist', operation: 'getVideos', playlist: rl(p.uuid, 'id'), returnAll: true, simplify: false },
				check: (result) => {
					expect(apiRequests(server).map((r) => [r.method, r.path, r.query])).toEqual([['GET', `/api/v1/video-playlists/${p.uuid}/videos`, { start: '0', count: '100' }]]);
					expect(result.items.map((i) => (i.json.video as { id: number }).id)).toEqual(videos.map((v) => v.id));
				},
			};
		},
	},
	{
		name: 'Playlist → Move Video',
		prepare: (server) => {
			const videos = server.addVideos(3, { channelName: 'alice_channel' });
			const p = addPlaylist(server, { ownerUsername: 'alice', displayName: 'Queue', privacy: 3, videoIds: videos.map((v) => v.id) });
			return {
				parameters: { resource: 'playlist', operation: 'moveVideo', playlist: rl(p.uuid, 'id'), startPosition: 3, insertAfterPosition: 0 },
				check: (result) => {
					expect(apiRequests(server).map((r) => [r.method, r.path, r.status])).toEqual([['POST', `/api/v1/video-playlists/${p.uuid}/videos/reorder`, 204]]);
					expect(jsonOf(writes(server)[0])).toEqual({ startPosition: 3, insertAfterPosition: 0, reorderLength: 1 });
					expect(p.elements.map((e) => e.videoId)).toEqual([videos[2].id, videos[0].id, videos[1].id]);
					expect(result.items[0].json).toEqual(expect.objectContaining({ moved: true, playlist: p.uuid }));
				},
			};
		},
	},
	{
		name: 'Playlist → Remove Video (by video)',
		prepare: (server) => {
			const videos = server.addVideos(2, { channelName: 'alice_channel' });
			const p = addPlaylist(server, { ownerUsername: 'alice', displayName: 'Queue', privacy: 3, videoIds: videos.map((v) => v.id) });
			const element = p.elements[1].id;
			return {
				parameters: { resource: 'playlist', operation: 'removeVideo', playlist: rl(p.uuid, 'id'), removeBy: 'video', videoId: rl(String(videos[1].id), 'id') },
				check: (result) => {
					expect(wire(server)).toEqual([`GET /api/v1/video-playlists/${p.uuid}/videos`, `DELETE /api/v1/video-playlists/${p.uuid}/videos/${element}`]);
					expect(result.items[0].json).toEqual(expect.objectContaining({ deleted: true, id: element, playlist: p.uuid }));
					expect(p.elements.map((e) => e.videoId)).toEqual([videos[0].id]);
				},
			};
		},
	},
];

// ------------------------------------------------------------------ Comment

const commentScenarios: Scenario[] = [
	{
		// heldForReview is part of a comment from 6.2
		name: 'Comment → Get Many',
		prepare: (server, version) => {
			const [video] = server.addVideos(1, { channelName: 'alice_channel' });
			for (let k = 0; k < 3; k++) addComment(server, { videoId: video.id, text: `thread ${k}`, accountName: 'root', createdAt: Date.UTC(2025, 0, 1, 0, k) });
			return {
				parameters: { resource: 'comment', operation: 'getAll', videoId: video.uuid, returnAll: true },
				check: (result) => {
					expect(apiRequests(server).map((r) => [r.method, r.path, r.query])).toEqual([
						['GET', `/api/v1/videos/${video.uuid}/comment-threads`, { sort: '-createdAt', start: '0', count: '100' }],
					]);
					expect(result.items.map((i) => i.json.text)).toEqual(['thread 2', 'thread 1', 'thread 0']);
					expect(result.items.every((i) => ('heldForReview' in i.json) === versionAtLeast(version, 6, 2))).toBe(true);
				},
			};
		},
	},
	{
		name: 'Comment → Get (thread)',
		prepare: (server) => {
			const [video] = server.addVideos(1, { channelName: 'alice_channel' });
			const thread = addComment(server, { videoId: video.id, text: 'question', accountName: 'root' });
			addComment(server, { videoId: video.id, text: 'answer', accountName: 'alice', inReplyTo: thread.id });
			return {
				parameters: { resource: 'comment', operation: 'get', videoId: String(video.id), threadId: thread.id },
				check: (result) => {
					expect(wire(server)).toEqual([`GET /api/v1/videos/${video.id}/comment-threads/${thread.id}`]);
					const tree = result.items[0].json as { comment: { text: string }; children: Array<{ comment: { text: string } }> };
					expect([tree.comment.text, tree.children.map((c) => c.comment.text)]).toEqual(['question', ['answer']]);
				},
			};
		},
	},
	{
		name: 'Comment → Create',
		prepare: (server) => {
			const [video] = server.addVideos(1, { channelName: 'root_channel' });
			return {
				parameters: { resource: 'comment', operation: 'create', videoId: String(video.id), text: 'Nice **video**' },
				check: (result) => {
					expect(apiRequests(server).map((r) => [r.method, r.path, r.status])).toEqual([['POST', `/api/v1/videos/${video.id}/comment-threads`, 200]]);
					expect(jsonOf(writes(server)[0])).toEqual({ text: 'Nice **video**' });
					expect(result.items[0].json).toEqual(expect.objectContaining({ text: 'Nice **video**', inReplyToCommentId: null }));
					expect(commentsOf(server).map((c) => c.text)).toEqual(['Nice **video**']);
				},
			};
		},
	},
	{
		name: 'Comment → Reply',
		prepare: (server) => {
			const [video] = server.addVideos(1, { channelName: 'root_channel' });
			const thread = addComment(server, { videoId: video.id, text: 'question', accountName: 'root' });
			return {
				parameters: { resource: 'comment', operation: 'reply', videoId: String(video.id), commentId: thread.id, text: 'my answer' },
				check: (result) => {
					expect(apiRequests(server).map((r) => [r.method, r.path, r.status])).toEqual([['POST', `/api/v1/videos/${video.id}/comments/${thread.id}`, 200]]);
					expect(jsonOf(writes(server)[0])).toEqual({ text: 'my answer' });
					expect(result.items[0].json).toEqual(expect.objectContaining({ text: 'my answer', inReplyToCommentId: thread.id, threadId: thread.id }));
				},
			};
		},
	},
	{
		name: 'Comment → Delete',
		prepare: (server) => {
			const [video] = server.addVideos(1, { channelName: 'alice_channel' });
			const comment = addComment(server, { videoId: video.id, text: 'spam', accountName: 'root' });
			return {
				parameters: { resource: 'comment', operation: 'delete', videoId: String(video.id), commentId: comment.id },
				check: (result) => {
					expect(apiRequests(server).map((r) => [r.method, r.path, r.status])).toEqual([['DELETE', `/api/v1/videos/${video.id}/comments/${comment.id}`, 204]]);
					expect(result.items[0].json).toEqual({ deleted: true, id: comment.id });
					expect(commentsOf(server)[0].deletedAt).not.toBeNull();
				},
			};
		},
	},
	{
		name: 'Comment → Approve',
		since: [6, 2],
		prepare: (server) => {
			const [video] = server.addVideos(1, { channelName: 'alice_channel', commentsPolicy: 3 });
			const held = addComment(server, { videoId: video.id, text: 'please', accountName: 'root', heldForReview: true });
			return {
				parameters: { resource: 'comment', operation: 'approve', videoId: String(video.id), commentId: held.id },
				check: (result) => {
					expect(apiRequests(server).map((r) => [r.method, r.path, r.status, r.body.length])).toEqual([
						['POST', `/api/v1/videos/${video.id}/comments/${held.id}/approve`, 204, 0],
					]);
					expect(result.items[0].json).toEqual({ approved: true, id: held.id });
					expect(commentsOf(server)[0].heldForReview).toBe(false);
				},
			};
		},
	},
];

// ------------------------------------------------------------------ Search

const searchScenarios: Scenario[] = [
	{
		name: 'Search → Videos',
		prepare: (server) => {
			server.addVideos(4, (k) => ({ channelName: 'alice_channel', name: k % 2 ? `Blender tutorial ${k}` : `Other ${k}` }));
			return {
				parameters: { resource: 'search', operation: 'videos', search: 'blender', searchTarget: 'local', returnAll: true, simplify: false },
				check: (result) => {
					expect(apiRequests(server).map((r) => [r.method, r.path, r.query])).toEqual([
						['GET', '/api/v1/search/videos', expect.objectContaining({ search: 'blender', searchTarget: 'local', start: '0', count: '100' })],
					]);
					expect(result.items.map((i) => i.json.name).sort()).toEqual(['Blender tutorial 1', 'Blender tutorial 3']);
				},
			};
		},
	},
	{
		name: 'Search → Channels',
		prepare: (server) => ({
			parameters: { resource: 'search', operation: 'channels', search: 'alice', returnAll: true, simplify: false },
			check: (result) => {
				expect(apiRequests(server).map((r) => [r.method, r.path, r.query])).toEqual([
					['GET', '/api/v1/search/video-channels', expect.objectContaining({ search: 'alice', start: '0', count: '100' })],
				]);
				expect(result.items.map((i) => i.json.name)).toEqual(['alice_channel']);
			},
		}),
	},
	{
		name: 'Search → Playlists',
		prepare: (server) => {
			addPlaylist(server, { ownerUsername: 'alice', displayName: 'Blender picks', privacy: 1, channelName: 'alice_channel' });
			addPlaylist(server, { ownerUsername: 'alice', displayName: 'Other picks', privacy: 1, channelName: 'alice_channel' });
			return {
				parameters: { resource: 'search', operation: 'playlists', search: 'blender', returnAll: true, simplify: false },
				check: (result) => {
					expect(apiRequests(server).map((r) => [r.method, r.path, r.query])).toEqual([
						['GET', '/api/v1/search/video-playlists', expect.objectContaining({ search: 'blender', start: '0', count: '100' })],
					]);
					expect(result.items.map((i) => i.json.displayName)).toEqual(['Blender picks']);
				},
			};
		},
	},
];

// ------------------------------------------------------------------ My Account, Instance, Job

const accountScenarios: Scenario[] = [
	{
		name: 'My Account → Get',
		prepare: (server) => ({
			parameters: { resource: 'myAccount', operation: 'get' },
			check: (result) => {
				expect(wire(server)).toEqual(['GET /api/v1/users/me', 'GET /api/v1/users/me/video-quota-used']);
				expect(result.items[0].json).toEqual(expect.objectContaining({ username: 'alice', videoQuotaUsed: 0, videoQuotaUsedDaily: 0 }));
			},
		}),
	},
	{
		// `data` is part of a notification from 8.0
		name: 'My Account → Get Notifications (unread)',
		prepare: (server, version) => {
			for (let k = 0; k < 4; k++) addNotification(server, { username: 'alice', type: 2, read: k === 0, createdAt: Date.UTC(2025, 0, 1, 0, k) });
			return {
				parameters: { resource: 'myAccount', operation: 'getNotifications', unreadOnly: true, returnAll: true },
				check: (result) => {
					expect(apiRequests(server).map((r) => [r.method, r.path, r.query])).toEqual([
						['GET', '/api/v1/users/me/notifications', { sort: '-createdAt', unread: 'true', start: '0', count: '100' }],
					]);
					expect(result.items).toHaveLength(3);
					expect(result.items.every((i) => i.json.read === false && ('data' in i.json) === versionAtLeast(version, 8))).toBe(true);
				},
			};
		},
	},
	{
		name: 'My Account → Get Notifications (Types filter)',
		since: [7, 1],
		prepare: (server) => {
			for (let k = 0; k < 4; k++) addNotification(server, { username: 'alice', type: k % 2 ? 6 : 2, createdAt: Date.UTC(2025, 0, 1, 0, k) });
			return {
				parameters: { resource: 'myAccount', operation: 'getNotifications', types: [6], returnAll: true },
				check: (result) => {
					expect(apiRequests(server).map((r) => [r.method, r.path, r.query])).toEqual([
						['GET', '/api/v1/users/me/notifications', { sort: '-createdAt', typeOneOf: '6', start: '0', count: '100' }],
					]);
					expect(result.items.map((i) => i.json.type)).toEqual([6, 6]);
				},
			};
		},
	},
	{
		name: 'My Account → Mark Notifications As Read (IDs)',
		prepare: (server) => {
			const [a, b] = [1, 2].map(() => addNotification(server, { username: 'alice', type: 2 }));
			return {
				parameters: { resource: 'myAccount', operation: 'markNotificationsAsRead', which: 'ids', notificationIds: `${a.id}, ${b.id}` },
				check: (result) => {
					expect(apiRequests(server).map((r) => [r.method, r.path, r.status])).toEqual([['POST', '/api/v1/users/me/notifications/read', 204]]);
					expect(jsonOf(writes(server)[0])).toEqual({ ids: [a.id, b.id] });
					expect(result.items[0].json).toEqual({ read: true, ids: [a.id, b.id] });
					expect(notificationsOf(server, 'alice').every((n) => n.read)).toBe(true);
				},
			};
		},
	},
	{
		name: 'My Account → Get Subscriptions',
		prepare: (server) => {
			subscribe(server, 'alice', `root_channel@${server.hostname}`);
			return {
				parameters: { resource: 'myAccount', operation: 'getSubscriptions', returnAll: true, simplify: false },
				check: (result) => {
					expect(apiRequests(server).map((r) => [r.method, r.path, r.query])).toEqual([
						['GET', '/api/v1/users/me/subscriptions', { sort: '-createdAt', start: '0', count: '100' }],
					]);
					expect(result.items.map((i) => i.json.name)).toEqual(['root_channel']);
				},
			};
		},
	},
	{
		name: 'My Account → Subscribe',
		prepare: (server) => {
			server.addRemoteChannel({ name: 'blender_channel', host: 'video.blender.org', displayName: 'Blender' });
			return {
				parameters: { resource: 'myAccount', operation: 'subscribe', channelHandle: '@blender_channel@video.blender.org' },
				check: (result) => {
					expect(apiRequests(server).map((r) => [r.method, r.path, r.status])).toEqual([['POST', '/api/v1/users/me/subscriptions', 204]]);
					expect(jsonOf(writes(server)[0])).toEqual({ uri: 'blender_channel@video.blender.org' });
					expect(result.items[0].json).toEqual({ subscribed: true, uri: 'blender_channel@video.blender.org' });
					expect(subscriptionsOf(server, 'alice')).toEqual(['blender_channel@video.blender.org']);
				},
			};
		},
	},
	{
		name: 'My Account → Unsubscribe',
		prepare: (server) => {
			server.addRemoteChannel({ name: 'blender_channel', host: 'video.blender.org', displayName: 'Blender' });
			subscribe(server, 'alice', 'blender_channel@video.blender.org');
			return {
				parameters: { resource: 'myAccount', operation: 'unsubscribe', channelHandle: 'blender_channel@video.blender.org' },
				check: (result) => {
					expect(writes(server).map((r) => [r.method, r.path, r.status])).toEqual([['DELETE', '/api/v1/users/me/subscriptions/blender_channel%40video.blender.org', 204]]);
					expect(result.items[0].json).toEqual({ unsubscribed: true, uri: 'blender_channel@video.blender.org' });
					expect(subscriptionsOf(server, 'alice')).toEqual([]);
				},
			};
		},
	},
];

const instanceScenarios: Scenario[] = (
	[
		['getConfig', '/api/v1/config'],
		['getAbout', '/api/v1/config/about'],
		['getStats', '/api/v1/server/stats'],
	] as const
).map(
	([operation, path]): Scenario => ({
		name: `Instance → ${{ getConfig: 'Get Config', getAbout: 'Get About', getStats: 'Get Stats' }[operation]}`,
		prepare: (server, version) => {
			server.addVideos(2, { channelName: 'alice_channel' });
			return {
				parameters: { resource: 'instance', operation },
				check: (result) => {
					// the version read is /config too: count every request to the route
					expect(server.requests.filter((r) => r.path === path).map((r) => [r.method, r.query])).toEqual([['GET', {}]]);
					expect(apiRequests(server).filter((r) => r.path !== path)).toEqual([]);
					const expected = {
						getConfig: { serverVersion: version },
						getAbout: { instance: expect.objectContaining({ name: 'PeerTube stand-in' }) },
						getStats: { totalLocalVideos: 2, totalUsers: 2 },
					}[operation];
					expect(result.items.map((i) => i.json)).toEqual([expect.objectContaining(expected)]);
				},
			};
		},
	}),
);

const jobScenarios: Scenario[] = [
	{
		name: 'Job → Get Many (failed)',
		as: 'admin',
		prepare: (server) => {
			server.addJobs(3, { state: 'failed' });
			server.addJobs(2, { state: 'completed' });
			return {
				parameters: { resource: 'job', operation: 'getAll', state: 'failed', returnAll: true },
				check: (result) => {
					expect(result.items).toHaveLength(3);
					expect(result.items.every((i) => i.json.state === 'failed')).toBe(true);
					// the state in the path on every release (api-facts-2 §11)
					expect(apiRequests(server).map((r) => [r.method, r.path, r.query])).toEqual([['GET', '/api/v1/jobs/failed', { sort: '-createdAt', start: '0', count: '100' }]]);
				},
			};
		},
	},
];

export const scenarios: Scenario[] = [
	...videoScenarios,
	...captionScenarios,
	...channelScenarios,
	...playlistScenarios,
	...commentScenarios,
	...searchScenarios,
	...accountScenarios,
	...instanceScenarios,
	...jobScenarios,
];

// ------------------------------------------------------------------ PeerTube Trigger

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const gets = (server: PeerTubeStandin, path: string) => server.requests.filter((r) => r.method === 'GET' && r.path === path);

export const triggerScenarios: TriggerScenario[] = [
	{
		name: 'Trigger → New Video (local videos)',
		prepare: (server) => {
			server.addVideos(2, (i) => ({ channelName: 'alice_channel', publishedAt: at(i), name: `old ${i}` }));
			return {
				parameters: { event: 'newVideo', source: 'instanceLocal', simplify: false },
				act: () => void server.addVideos(1, { channelName: 'root_channel', publishedAt: at(10), name: 'fresh' }),
				check: (result) => {
					expect(names(result)).toEqual(['fresh']);
					expect(gets(server, '/api/v1/videos').map((r) => [r.query.sort, r.query.isLocal])).toEqual([
						['-publishedAt', 'true'],
						['-publishedAt', 'true'],
					]);
				},
			};
		},
	},
	{
		name: 'Trigger → Video Published',
		prepare: (server) => {
			const [processing] = server.addVideos(1, { channelName: 'alice_channel', publishedAt: at(1), name: 'processing', state: 2, waitTranscoding: true });
			return {
				parameters: { event: 'videoPublished', simplify: false },
				act: () => {
					// transcoding done: PeerTube sets state 1 and publishedAt = now
					processing.state = 1;
					processing.publishedAt = at(30);
				},
				check: (result) => {
					expect(names(result)).toEqual(['processing']);
					expect(gets(server, '/api/v1/users/me/videos').map((r) => r.query.sort)).toEqual(['-publishedAt', '-publishedAt']);
				},
			};
		},
	},
	{
		name: 'Trigger → New Comment (on my videos)',
		since: [6, 2],
		prepare: (server) => {
			const [video] = server.addVideos(1, { channelName: 'alice_channel', name: 'mine' });
			addComment(server, { videoId: video.id, text: 'before', accountName: 'root', createdAt: at(0) });
			return {
				parameters: { event: 'newComment', commentsOn: 'myVideos' },
				act: () => void addComment(server, { videoId: video.id, text: 'hello', accountName: 'root', createdAt: at(5) }),
				check: (result) => {
					expect(names(result, 'text')).toEqual(['hello']);
					expect(gets(server, '/api/v1/users/me/videos/comments').map((r) => r.query.sort)).toEqual(['-createdAt', '-createdAt']);
				},
			};
		},
	},
	{
		name: 'Trigger → New Comment (on one video)',
		prepare: (server) => {
			const [video] = server.addVideos(1, { channelName: 'root_channel', name: 'theirs' });
			addComment(server, { videoId: video.id, text: 'before', accountName: 'root', createdAt: at(0) });
			return {
				parameters: { event: 'newComment', commentsOn: 'video', videoId: video.uuid },
				act: () => void addComment(server, { videoId: video.id, text: 'new thread', accountName: 'root', createdAt: at(5) }),
				check: (result) => {
					expect(names(result, 'text')).toEqual(['new thread']);
					expect(gets(server, `/api/v1/videos/${video.uuid}/comment-threads`).map((r) => r.query.sort)).toEqual(['-createdAt', '-createdAt']);
				},
			};
		},
	},
	{
		// typeOneOf filters on the server from 7.1; older versions would ignore it, so the node filters
		name: 'Trigger → New Notification (types, mark as read)',
		prepare: (server, version) => {
			addNotification(server, { username: 'alice', type: 6, createdAt: at(0) });
			let wanted = 0;
			return {
				parameters: { event: 'newNotification', notificationTypes: [6], markAsRead: true },
				act: () => {
					addNotification(server, { username: 'alice', type: 10, createdAt: at(5) });
					wanted = addNotification(server, { username: 'alice', type: 6, createdAt: at(6) }).id;
				},
				check: (result) => {
					expect(names(result, 'id')).toEqual([wanted]);
					const typeOneOf = versionAtLeast(version, 7, 1) ? '6' : undefined;
					expect(gets(server, '/api/v1/users/me/notifications').map((r) => r.query.typeOneOf)).toEqual([typeOneOf, typeOneOf]);
					const reads = server.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/users/me/notifications/read');
					expect(reads.map((r) => jsonOf(r))).toEqual([{ ids: [wanted] }]);
				},
			};
		},
	},
	{
		name: 'Trigger → Job Failed',
		as: 'admin',
		prepare: (server) => {
			server.addJobs(2, (i) => ({ state: 'failed', createdAt: at(i) }));
			let fresh = 0;
			return {
				parameters: { event: 'jobFailed' },
				act: () => {
					fresh = server.addJobs(1, { state: 'failed', createdAt: at(29), finishedOn: at(29) })[0].id;
					server.addJobs(1, { state: 'completed', createdAt: at(31) });
				},
				check: (result) => {
					expect(names(result, 'id')).toEqual([fresh]);
					expect(gets(server, '/api/v1/jobs/failed').map((r) => r.query.sort)).toEqual(['-createdAt', '-createdAt']);
				},
			};
		},
	},
	{
		name: 'Trigger → New Abuse Report',
		as: 'moderator',
		prepare: (server) => {
			const [video] = server.addVideos(1, { channelName: 'alice_channel', name: 'reported' });
			addAbuse(server, { reporter: 'root', reason: 'old report', videoId: video.id, createdAt: at(0) });
			return {
				parameters: { event: 'newAbuse' },
				act: () => void addAbuse(server, { reporter: 'root', reason: 'spam video', videoId: video.id, createdAt: at(5) }),
				check: (result) => {
					expect(names(result, 'reason')).toEqual(['spam video']);
					expect(gets(server, '/api/v1/abuses').map((r) => r.query.sort)).toEqual(['-createdAt', '-createdAt']);
				},
			};
		},
	},
	{
		name: 'Trigger → New Registration Request',
		as: 'moderator',
		prepare: (server) => {
			addRegistration(server, { username: 'early', createdAt: at(0) });
			return {
				parameters: { event: 'newRegistration' },
				act: () => void addRegistration(server, { username: 'newcomer', registrationReason: 'I make films', createdAt: at(5) }),
				check: (result) => {
					expect(names(result, 'username')).toEqual(['newcomer']);
					expect(gets(server, '/api/v1/users/registrations').map((r) => r.query.sort)).toEqual(['-createdAt', '-createdAt']);
				},
			};
		},
	},
];
