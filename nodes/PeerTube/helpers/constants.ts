import type { INodePropertyOptions } from 'n8n-workflow';

export const PRIVACY_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Public', value: 1 },
	{ name: 'Unlisted', value: 2 },
	{ name: 'Private', value: 3 },
	{ name: 'Internal', value: 4 },
	{ name: 'Password Protected', value: 5 },
];

export const COMMENTS_POLICY_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Enabled', value: 1 },
	{ name: 'Disabled', value: 2 },
	{ name: 'Requires Approval', value: 3 },
];

// Bits of PeerTube's `include` flag for video lists (admins and moderators only)
export const VIDEO_INCLUDE_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Blacklisted', value: 2 },
	{ name: 'Captions', value: 16 },
	{ name: 'Files', value: 8 },
	{ name: 'From Blocked Owners', value: 4 },
	{ name: 'Not Published', value: 1 },
	{ name: 'Source', value: 32 },
];

export const VIDEO_SORT_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Best', value: '-best' },
	{ name: 'Hot', value: '-hot' },
	{ name: 'Longest First', value: '-duration' },
	{ name: 'Most Liked', value: '-likes' },
	{ name: 'Most Viewed', value: '-views' },
	{ name: 'Name', value: 'name' },
	{ name: 'Newest Created First', value: '-createdAt' },
	{ name: 'Newest Published First', value: '-publishedAt' },
	{ name: 'Oldest Published First', value: 'publishedAt' },
	{ name: 'Trending', value: '-trending' },
];

/**
 * PeerTube's notification types (`UserNotificationType`, ids as the API sends them), shared by
 * My Account → Get Notifications and the trigger's New Notification event. Sorted by name; the
 * version that added a type is in its name when it is newer than 6.0.
 */
export const NOTIFICATION_TYPE_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Abuse New Message', value: 16 },
	{ name: 'Abuse State Change', value: 15 },
	{ name: 'Accepted to Collaborate to Channel (8.0+)', value: 24 },
	{ name: 'Auto Instance Following', value: 14 },
	{ name: 'Automatic Blocklist Update (After 8.2)', value: 32 },
	{ name: 'Blacklist on My Video', value: 4 },
	{ name: 'Channel Ownership Change Accepted (8.2+)', value: 30 },
	{ name: 'Channel Ownership Change Rejected (8.2+)', value: 31 },
	{ name: 'Channel Ownership Change Request (8.2+)', value: 29 },
	{ name: 'Comment Mention', value: 11 },
	{ name: 'Invited to Collaborate to Channel (8.0+)', value: 23 },
	{ name: 'My Video Import Error', value: 8 },
	{ name: 'My Video Import Success', value: 7 },
	{ name: 'My Video Published', value: 6 },
	{ name: 'My Video Studio Edition Finished', value: 19 },
	{ name: 'My Video Transcription Generated (6.2+)', value: 22 },
	{ name: 'New Abuse for Moderators', value: 3 },
	{ name: 'New Comment on My Video', value: 2 },
	{ name: 'New Follow', value: 10 },
	{ name: 'New Instance Follower', value: 13 },
	{ name: 'New Live From Subscription', value: 21 },
	{ name: 'New PeerTube Version', value: 18 },
	{ name: 'New Plugin Version', value: 17 },
	{ name: 'New User Registration', value: 9 },
	{ name: 'New User Registration Request', value: 20 },
	{ name: 'New Video From Subscription', value: 1 },
	{ name: 'Refused to Collaborate to Channel (8.0+)', value: 25 },
	{ name: 'Unblacklist on My Video', value: 5 },
	{ name: 'Video Auto Blacklist for Moderators', value: 12 },
	{ name: 'Video Ownership Change Accepted (8.2+)', value: 27 },
	{ name: 'Video Ownership Change Rejected (8.2+)', value: 28 },
	{ name: 'Video Ownership Change Request (8.2+)', value: 26 },
];

export const JOB_STATES = ['active', 'completed', 'failed', 'waiting', 'delayed'] as const;

/*
 * PeerTube's job types for the versions the node supports (6.0 to 8.2), from PeerTube's own list:
 * the `JobType` union of `packages/models/src/server/job.model.ts`, as shipped in
 * @peertube/peertube-types 8.1.3 (`index.d.ts`, a test compares this list with it). 6.0 already had
 * all of them except `create-user-export` and `import-user-archive` (6.1) and
 * `video-transcription` (6.2). Types added after 8.2 (e.g. `build-automatic-tags`) can be given
 * with an expression.
 */
export const JOB_TYPES = [
	'activitypub-cleaner',
	'activitypub-follow',
	'activitypub-http-broadcast',
	'activitypub-http-broadcast-parallel',
	'activitypub-http-fetcher',
	'activitypub-http-unicast',
	'activitypub-refresher',
	'actor-keys',
	'after-video-channel-import',
	'create-user-export',
	'email',
	'federate-video',
	'generate-video-storyboard',
	'import-user-archive',
	'manage-video-torrent',
	'move-to-file-system',
	'move-to-object-storage',
	'notify',
	'transcoding-job-builder',
	'video-channel-import',
	'video-file-import',
	'video-import',
	'video-live-ending',
	'video-redundancy',
	'video-studio-edition',
	'video-transcoding',
	'video-transcription',
	'videos-views-stats',
] as const;
