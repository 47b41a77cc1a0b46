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
