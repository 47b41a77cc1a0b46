import type { IDataObject, INodeProperties, INodePropertyOptions, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { NOTIFICATION_TYPE_OPTIONS } from '../helpers/constants';
import { simplifyProperty } from '../helpers/simplify';
import { parseHandle, parseVideoId } from '../helpers/video';
import { instanceBaseUrl } from '../transport';
import { atLeast, instanceInfo, requireVersion } from '../transport/version';
import type { ListSpec } from './poll';
import { timeOf } from './poll';

/** PeerTube's notification types (`UserNotificationType`): the same list as My Account → Get Notifications. */
export const NOTIFICATION_TYPES: INodePropertyOptions[] = NOTIFICATION_TYPE_OPTIONS;

export type TriggerEvent =
	| 'newVideo'
	| 'videoPublished'
	| 'newComment'
	| 'newNotification'
	| 'jobFailed'
	| 'newAbuse'
	| 'newRegistration';

export const EVENT_LABELS: Record<TriggerEvent, string> = {
	newVideo: 'New Video',
	videoPublished: 'Video Published',
	newComment: 'New Comment',
	newNotification: 'New Notification',
	jobFailed: 'Job Failed',
	newAbuse: 'New Abuse Report',
	newRegistration: 'New Registration Request',
};

export const properties: INodeProperties[] = [
	{
		// n8n's guideline names a trigger's event parameter "Trigger On" (the name stays `event`)
		displayName: 'Trigger On',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Job Failed', value: 'jobFailed', description: 'A job of the instance failed (administrators)' },
			{ name: 'New Abuse Report', value: 'newAbuse', description: 'Someone reported a video, comment or account (administrators and moderators)' },
			{ name: 'New Comment', value: 'newComment', description: 'A comment was posted on one of my videos or on a given video' },
			{ name: 'New Notification', value: 'newNotification', description: 'I received a PeerTube notification of the chosen types' },
			{ name: 'New Registration Request', value: 'newRegistration', description: 'Someone asked for an account (administrators and moderators)' },
			{ name: 'New Video', value: 'newVideo', description: 'A video appeared on the instance, a channel, an account, my subscriptions or among my videos' },
			{ name: 'Video Published', value: 'videoPublished', description: 'One of my videos became watchable (processing, import or scheduled publication done)' },
		],
		default: 'newVideo',
	},
	{
		displayName: 'Videos Of',
		name: 'source',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { event: ['newVideo'] } },
		options: [
			{ name: 'Account', value: 'account', description: 'Public videos of one account' },
			{ name: 'Channel', value: 'channel', description: 'Public videos of one channel' },
			{ name: 'Instance (All Known Videos)', value: 'instanceAll', description: 'Public videos of the instance and of the instances it follows' },
			{ name: 'Instance (Local Videos)', value: 'instanceLocal', description: 'Public videos uploaded to this instance' },
			{ name: 'My Subscriptions', value: 'subscriptions', description: 'Videos of the channels the credential account subscribed to' },
			{ name: 'My Videos', value: 'mine', description: 'Videos of the credential account, all privacies and states, as soon as they are created' },
		],
		default: 'instanceLocal',
	},
	{
		displayName: 'Channel',
		name: 'channel',
		type: 'string',
		required: true,
		displayOptions: { show: { event: ['newVideo'], source: ['channel'] } },
		default: '',
		placeholder: 'e.g. my_channel or my_channel@videos.example.org',
		description: 'The channel: its name, name@host, or its page URL',
	},
	{
		displayName: 'Account',
		name: 'account',
		type: 'string',
		required: true,
		displayOptions: { show: { event: ['newVideo'], source: ['account'] } },
		default: '',
		placeholder: 'e.g. alice or alice@videos.example.org',
		description: 'The account: its name, name@host, or its page URL',
	},
	{
		displayName: 'Comments On',
		name: 'commentsOn',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { event: ['newComment'] } },
		options: [
			{ name: 'My Videos', value: 'myVideos', description: 'Comments and replies on every video of the credential account (PeerTube 6.2+)' },
			{ name: 'One Video', value: 'video', description: 'New threads (top-level comments) on one video' },
		],
		default: 'myVideos',
	},
	{
		displayName: 'Video',
		name: 'videoId',
		type: 'string',
		required: true,
		displayOptions: { show: { event: ['newComment'], commentsOn: ['video'] } },
		default: '',
		placeholder: 'e.g. https://videos.example.org/w/9c9de5e8-0a1e-484a-b099-e80766180a6d',
		description: 'The video: its watch URL, UUID, short UUID or numeric ID',
	},
	{
		displayName: 'Notification Types',
		name: 'notificationTypes',
		type: 'multiOptions',
		displayOptions: { show: { event: ['newNotification'] } },
		options: NOTIFICATION_TYPES,
		default: [],
		description: 'Only notifications of these types; none chosen means every type',
	},
	{
		displayName: 'Mark as Read',
		name: 'markAsRead',
		type: 'boolean',
		displayOptions: { show: { event: ['newNotification'] } },
		default: false,
		description: 'Whether to mark the notifications the trigger emits as read on PeerTube',
	},
	{
		...simplifyProperty('videos'),
		displayOptions: { show: { event: ['newVideo', 'videoPublished'] } },
	},
];

export interface EventSetup {
	event: TriggerEvent;
	spec: ListSpec;
	/** what identifies the watched list: a change means a new baseline */
	key: IDataObject;
	simplify: boolean;
	markAsRead: boolean;
}

const byCreatedAt = (item: IDataObject) => timeOf(item.createdAt);
const numericId = (item: IDataObject) => String(item.id);

const NEEDS_ADMIN = (what: string, right: string) =>
	`${what} needs an administrator account (PeerTube right ${right}): the credential's account does not have it — use a credential of an administrator`;
const NEEDS_MODERATOR = (what: string, right: string) =>
	`${what} needs an administrator or moderator account (PeerTube right ${right}): the credential's account does not have it — use a credential of a moderator or administrator`;

/** The list to poll for the node's parameters; checks them and the instance version. */
export async function setupEvent(this: IPollFunctions): Promise<EventSetup> {
	const event = this.getNodeParameter('event') as TriggerEvent;
	const node = this.getNode();
	switch (event) {
		case 'newVideo': {
			const source = this.getNodeParameter('source') as string;
			const simplify = this.getNodeParameter('simplify', true) as boolean;
			const base = { idOf: numericId };
			const byPublishedAt = (item: IDataObject) => timeOf(item.publishedAt);
			let spec: ListSpec;
			const key: IDataObject = { event, source };
			if (source === 'instanceLocal' || source === 'instanceAll') {
				const qs: IDataObject = { sort: '-publishedAt' };
				if (source === 'instanceLocal') qs.isLocal = true;
				spec = { ...base, endpoint: '/videos', qs, sortTimeOf: byPublishedAt, eventTimeOf: byPublishedAt };
			} else if (source === 'channel' || source === 'account') {
				const raw = this.getNodeParameter(source) as string;
				// a page URL on the instance's own host names a local actor, as in Video → Get Many
				const handle = parseHandle(raw, source, new URL(await instanceBaseUrl.call(this)).host);
				if (!handle) {
					throw new NodeOperationError(
						node,
						source === 'channel'
							? `Channel "${raw}" is not a channel: give its name (e.g. my_channel), name@host, or its page URL`
							: `Account "${raw}" is not an account: give its name (e.g. alice), name@host, or its page URL`,
					);
				}
				key.handle = handle;
				const path = source === 'channel' ? 'video-channels' : 'accounts';
				spec = {
					...base,
					endpoint: `/${path}/${encodeURIComponent(handle)}/videos`,
					qs: { sort: '-publishedAt' },
					sortTimeOf: byPublishedAt,
					eventTimeOf: byPublishedAt,
					errorMessages: {
						404: `The ${source} "${handle}" was not found on this PeerTube instance: check the ${source === 'channel' ? 'Channel' : 'Account'} field (a remote one needs name@host and must be known to the instance)`,
					},
				};
			} else if (source === 'subscriptions') {
				spec = { ...base, endpoint: '/users/me/subscriptions/videos', qs: { sort: '-publishedAt' }, sortTimeOf: byPublishedAt, eventTimeOf: byPublishedAt };
			} else if (source === 'mine') {
				spec = { ...base, endpoint: '/users/me/videos', qs: { sort: '-createdAt' }, sortTimeOf: byCreatedAt, eventTimeOf: byCreatedAt };
			} else {
				throw new NodeOperationError(node, `Videos Of "${source}" is unknown: choose Account, Channel, Instance, My Subscriptions or My Videos`);
			}
			return { event, spec, key, simplify, markAsRead: false };
		}
		case 'videoPublished': {
			const simplify = this.getNodeParameter('simplify', true) as boolean;
			// PeerTube sets publishedAt when a new video reaches the Published state (after
			// transcoding or import) and when a private video is made public: the list sorted by it
			// shows each publication at the top.
			const byPublishedAt = (item: IDataObject) => timeOf(item.publishedAt);
			const spec: ListSpec = {
				endpoint: '/users/me/videos',
				qs: { sort: '-publishedAt' },
				idOf: numericId,
				sortTimeOf: byPublishedAt,
				eventTimeOf: byPublishedAt,
				accept: (video) => {
					const state = (video.state as IDataObject | undefined)?.id ?? video.state;
					const privacy = (video.privacy as IDataObject | undefined)?.id ?? video.privacy;
					return Number(state) === 1 && Number(privacy) !== 3;
				},
			};
			return { event, spec, key: { event }, simplify, markAsRead: false };
		}
		case 'newComment': {
			const commentsOn = this.getNodeParameter('commentsOn') as string;
			const notDeleted = (comment: IDataObject) => comment.isDeleted !== true && !comment.deletedAt;
			if (commentsOn === 'video') {
				const raw = this.getNodeParameter('videoId') as string;
				const id = parseVideoId(raw);
				if (!id) {
					throw new NodeOperationError(node, `Video "${raw}" is not a video: give its watch URL, UUID, short UUID or numeric ID`);
				}
				const spec: ListSpec = {
					endpoint: `/videos/${encodeURIComponent(id)}/comment-threads`,
					qs: { sort: '-createdAt' },
					idOf: numericId,
					sortTimeOf: byCreatedAt,
					eventTimeOf: byCreatedAt,
					accept: notDeleted,
					errorMessages: { 404: `The video "${id}" was not found on this PeerTube instance: check the Video field` },
				};
				return { event, spec, key: { event, commentsOn, id }, simplify: false, markAsRead: false };
			}
			await requireVersion.call(this, [6, 2, 0], 'New Comment on my videos');
			const spec: ListSpec = {
				endpoint: '/users/me/videos/comments',
				qs: { sort: '-createdAt' },
				idOf: numericId,
				sortTimeOf: byCreatedAt,
				eventTimeOf: byCreatedAt,
				accept: notDeleted,
			};
			return { event, spec, key: { event, commentsOn }, simplify: false, markAsRead: false };
		}
		case 'newNotification': {
			const types = [...new Set((this.getNodeParameter('notificationTypes', []) as Array<number | string>).map(Number))].sort((a, b) => a - b);
			const markAsRead = this.getNodeParameter('markAsRead', false) as boolean;
			const qs: IDataObject = { sort: '-createdAt' };
			let accept: ListSpec['accept'];
			if (types.length) {
				const info = await instanceInfo.call(this);
				// typeOneOf is a server-side filter from 7.1; older versions ignore it, so filter here
				if (atLeast(info.version, [7, 1, 0])) qs.typeOneOf = types;
				accept = (notification) => types.includes(Number(notification.type));
			}
			const spec: ListSpec = {
				endpoint: '/users/me/notifications',
				qs,
				idOf: numericId,
				sortTimeOf: byCreatedAt,
				eventTimeOf: byCreatedAt,
				accept,
			};
			return { event, spec, key: { event, types }, simplify: false, markAsRead };
		}
		case 'jobFailed': {
			const spec: ListSpec = {
				endpoint: '/jobs/failed',
				qs: { sort: '-createdAt' },
				// job ids are counted per queue (job type)
				idOf: (job) => `${String(job.type)}:${String(job.id)}`,
				sortTimeOf: byCreatedAt,
				// a job fails (finishedOn) well after it was created: the list is sorted by creation,
				// so it is read a day further down than the floor
				eventTimeOf: (job) => {
					const finished = timeOf(job.finishedOn);
					return Number.isFinite(finished) ? finished : timeOf(job.createdAt);
				},
				stopMarginMs: 24 * 3_600_000,
				errorMessages: { 403: NEEDS_ADMIN('Job Failed', 'Manage Jobs') },
			};
			return { event, spec, key: { event }, simplify: false, markAsRead: false };
		}
		case 'newAbuse': {
			const spec: ListSpec = {
				endpoint: '/abuses',
				qs: { sort: '-createdAt' },
				idOf: numericId,
				sortTimeOf: byCreatedAt,
				eventTimeOf: byCreatedAt,
				errorMessages: { 403: NEEDS_MODERATOR('New Abuse Report', 'Manage Abuses') },
			};
			return { event, spec, key: { event }, simplify: false, markAsRead: false };
		}
		case 'newRegistration': {
			const spec: ListSpec = {
				endpoint: '/users/registrations',
				qs: { sort: '-createdAt' },
				idOf: numericId,
				sortTimeOf: byCreatedAt,
				eventTimeOf: byCreatedAt,
				errorMessages: {
					403: NEEDS_MODERATOR('New Registration Request', 'Manage Registrations'),
					400: 'This PeerTube instance has no registration requests (they came with PeerTube 5.1): update PeerTube or choose another event',
				},
			};
			return { event, spec, key: { event }, simplify: false, markAsRead: false };
		}
		default:
			throw new NodeOperationError(node, `Trigger On "${String(event)}" is unknown: choose one of ${Object.values(EVENT_LABELS).join(', ')}`);
	}
}
