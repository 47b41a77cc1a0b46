import type { JobSeed, StandinUser, VideoSeed } from './data.cjs';
import type { PeerTubeStandin } from './server.cjs';

type DemoVideo = Partial<VideoSeed> & { name: string; channelName: string };

const DAY = 86_400_000;

/**
 * Demo instance: an admin `root`, a normal user `alice`, 3 channels, 25 videos with varied
 * metadata (some untagged, some not public) and 12 recent jobs of mixed states and types.
 */
export function seedDemo(s: PeerTubeStandin): { users: StandinUser[] } {
	const root = s.addUser({ username: 'root', password: 'demo-root-password', role: 'admin', email: 'admin@example.com' });
	const alice = s.addUser({ username: 'alice', password: 'demo-alice-password', role: 'user', email: 'alice@example.com' });
	s.addChannel({ name: 'alice_cooking', displayName: "Alice's kitchen", ownerUsername: 'alice' });

	const now = Date.now();
	const videos: DemoVideo[] = [
		{ name: 'Welcome to our PeerTube instance', channelName: 'root_channel', category: 13, tags: ['welcome', 'peertube'], language: 'en' },
		{ name: 'How federation works', channelName: 'root_channel', category: 15, tags: ['fediverse', 'activitypub', 'peertube'], language: 'en', licence: 2 },
		{ name: 'Moderation guidelines', channelName: 'root_channel', category: 11, tags: ['rules'], privacy: 4 },
		{ name: 'Server maintenance notes', channelName: 'root_channel', category: 15, tags: [], privacy: 3, description: 'Internal notes about the maintenance window.' },
		{ name: 'Instance roadmap 2025', channelName: 'root_channel', category: 11, tags: ['roadmap', 'news'], language: 'fr', privacy: 2 },
		{ name: 'Live: community Q&A', channelName: 'root_channel', category: 8, tags: ['live', 'community'], isLive: true },
		{ name: 'Mountain bike trail in the Alps', channelName: 'alice_channel', category: 5, tags: ['bike', 'mountain', 'outdoor'], language: 'de' },
		{ name: 'Learning to juggle in 10 minutes', channelName: 'alice_channel', category: 12, tags: ['juggling', 'tutorial'] },
		{ name: 'Cats being cats', channelName: 'alice_channel', category: 16, tags: ['cats', 'funny'], licence: 7 },
		{ name: 'Night sky timelapse', channelName: 'alice_channel', category: 15, tags: ['astronomy', 'timelapse'], language: null },
		{ name: 'Street music in Lisbon', channelName: 'alice_channel', category: 1, tags: ['music', 'travel'], language: 'pt' },
		{ name: 'Untitled rough cut', channelName: 'alice_channel', category: null, licence: null, language: null, tags: [], description: null, privacy: 3 },
		{ name: 'Birthday party (family only)', channelName: 'alice_channel', category: 8, tags: ['family'], privacy: 5, videoPasswords: ['family-secret'] },
		{ name: 'Retro game speedrun', channelName: 'alice_channel', category: 7, tags: ['gaming', 'speedrun', 'retro'] },
		{ name: 'Late night horror short', channelName: 'alice_channel', category: 2, tags: ['horror', 'short film'], nsfw: true },
		{ name: 'Remote talk: free software', channelName: 'alice_channel', category: 14, tags: ['foss'], isLocal: false, language: 'es' },
		{ name: 'Sourdough bread from scratch', channelName: 'alice_cooking', category: 18, tags: ['bread', 'baking', 'sourdough'] },
		{ name: 'Five minute pasta', channelName: 'alice_cooking', category: 18, tags: ['pasta', 'quick'], language: 'it' },
		{ name: 'Vegan ramen', channelName: 'alice_cooking', category: 18, tags: ['vegan', 'ramen'], language: 'ja' },
		{ name: 'Knife skills for beginners', channelName: 'alice_cooking', category: 12, tags: ['knife', 'basics'] },
		{ name: 'Kitchen tour', channelName: 'alice_cooking', category: 18, tags: [] },
		{ name: 'Crêpes bretonnes', channelName: 'alice_cooking', category: 18, tags: ['crepes', 'france'], language: 'fr', licence: 4 },
		{ name: 'Holiday cookies (draft)', channelName: 'alice_cooking', category: 18, tags: ['cookies'], privacy: 2 },
		{ name: 'Fermentation basics', channelName: 'alice_cooking', category: 13, tags: ['fermentation', 'science'], support: 'Support the kitchen on Liberapay' },
		{ name: 'Cooking with kids', channelName: 'alice_cooking', category: 17, tags: ['kids', 'family'], commentsPolicy: 3, downloadEnabled: false },
	];
	s.addVideos(videos.length, (i) => {
		const publishedAt = now - (videos.length - i) * 2 * DAY;
		return {
			description: `${videos[i].name}. A demo video.`,
			publishedAt,
			createdAt: publishedAt - 3_600_000,
			updatedAt: publishedAt,
			...videos[i],
		};
	});

	const jobs: Array<Partial<JobSeed>> = [
		{ state: 'completed', type: 'video-transcoding' },
		{ state: 'completed', type: 'activitypub-http-broadcast' },
		{ state: 'failed', type: 'video-import', error: 'Error: getaddrinfo ENOTFOUND videos.example.org\n    at GetAddrInfoReqWrap.onlookup [as oncomplete] (node:dns:107:26)' },
		{ state: 'active', type: 'video-transcoding' },
		{ state: 'waiting', type: 'email' },
		{ state: 'failed', type: 'activitypub-http-unicast', error: 'Error: Request failed with status code 410' },
		{ state: 'completed', type: s.atLeast(9) ? 'videos-stats' : 'videos-views-stats' },
		{ state: 'delayed', type: 'activitypub-refresher' },
		{ state: 'completed', type: 'email' },
		{ state: 'failed', type: 'video-transcoding', error: 'Error: ffmpeg exited with code 1: Invalid data found when processing input' },
		{ state: 'waiting', type: 'video-transcoding' },
		{ state: 'completed', type: 'federate-video' },
	];
	s.addJobs(jobs.length, (i) => ({ createdAt: now - (i + 1) * 7 * 60_000, ...jobs[i] }));

	return { users: [root, alice] };
}
