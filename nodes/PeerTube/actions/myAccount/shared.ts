import type { IExecuteFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** PeerTube's UserNotificationType values (the version that added each is in the docs). */
export const NOTIFICATION_TYPE_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Abuse New Message', value: 16 },
	{ name: 'Abuse State Change', value: 15 },
	{ name: 'Accepted To Collaborate To Channel (8.0+)', value: 24 },
	{ name: 'Auto Instance Following', value: 14 },
	{ name: 'Automatic Blocklist Update (After 8.2)', value: 32 },
	{ name: 'Blacklist On My Video', value: 4 },
	{ name: 'Channel Ownership Change Accepted (8.2+)', value: 30 },
	{ name: 'Channel Ownership Change Rejected (8.2+)', value: 31 },
	{ name: 'Channel Ownership Change Request (8.2+)', value: 29 },
	{ name: 'Comment Mention', value: 11 },
	{ name: 'Invited To Collaborate To Channel (8.0+)', value: 23 },
	{ name: 'My Video Import Error', value: 8 },
	{ name: 'My Video Import Success', value: 7 },
	{ name: 'My Video Published', value: 6 },
	{ name: 'My Video Studio Edition Finished', value: 19 },
	{ name: 'My Video Transcription Generated (6.2+)', value: 22 },
	{ name: 'New Abuse For Moderators', value: 3 },
	{ name: 'New Comment On My Video', value: 2 },
	{ name: 'New Follow', value: 10 },
	{ name: 'New Instance Follower', value: 13 },
	{ name: 'New Live From Subscription', value: 21 },
	{ name: 'New PeerTube Version', value: 18 },
	{ name: 'New Plugin Version', value: 17 },
	{ name: 'New User Registration', value: 9 },
	{ name: 'New User Registration Request', value: 20 },
	{ name: 'New Video From Subscription', value: 1 },
	{ name: 'Refused To Collaborate To Channel (8.0+)', value: 25 },
	{ name: 'Unblacklist On My Video', value: 5 },
	{ name: 'Video Auto Blacklist For Moderators', value: 12 },
	{ name: 'Video Ownership Change Accepted (8.2+)', value: 27 },
	{ name: 'Video Ownership Change Rejected (8.2+)', value: 28 },
	{ name: 'Video Ownership Change Request (8.2+)', value: 26 },
];

/**
 * A channel handle `name@host` (a leading `@`, as PeerTube shows handles, is dropped), checked
 * as PeerTube checks it (exactly one `@`, a host after it) so that nothing is sent when it would be refused.
 */
export function readChannelHandle(this: IExecuteFunctions, i: number): string {
	const raw = String(this.getNodeParameter('channelHandle', i, '') ?? '').trim();
	const handle = raw.startsWith('@') ? raw.slice(1) : raw;
	if (handle === '') {
		throw new NodeOperationError(this.getNode(), 'Channel Handle is empty: enter the channel as name@host, e.g. blender_channel@video.blender.org', {
			itemIndex: i,
		});
	}
	const parts = handle.split('@');
	if (parts.length !== 2 || parts[0] === '' || !/^[a-z0-9.-]+(:\d{1,5})?$/i.test(parts[1])) {
		throw new NodeOperationError(
			this.getNode(),
			`Channel Handle "${raw}" is not name@host: use the channel's name, one @ and the host of its instance, e.g. blender_channel@video.blender.org`,
			{ itemIndex: i },
		);
	}
	return handle;
}
