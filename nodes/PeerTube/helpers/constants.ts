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
	'email',
	'federate-video',
	'generate-video-storyboard',
	'manage-video-torrent',
	'move-to-file-system',
	'move-to-object-storage',
	'notify',
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
