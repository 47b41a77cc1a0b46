/**
 * A stand-in for the upload and pacing benchmarks, in its own process as a real instance would be;
 * options as JSON in argv[2], driven over IPC ({ cmd: 'stats' | 'clear' | 'close' }).
 */
import { PeerTubeStandin, type StandinOptions } from '../standin/server.cjs';

interface BenchStandinOptions {
	standin: StandinOptions;
	users: Array<{ username: string; password: string; role: 'admin' | 'moderator' | 'user' }>;
	/** videos owned by the first user's channel */
	videos?: number;
}

async function main(): Promise<void> {
	const options = JSON.parse(process.argv[2] ?? '{}') as BenchStandinOptions;
	const server = await PeerTubeStandin.start({ loginRateLimit: false, ...options.standin });
	for (const user of options.users) server.addUser(user);
	if (options.videos) server.addVideos(options.videos, { channelName: `${options.users[0].username}_channel` });
	process.on('message', (message: { cmd: string }) => {
		if (message.cmd === 'clear') server.clearRequests();
		if (message.cmd === 'close') {
			void server.close().then(() => process.exit(0));
			return;
		}
		const api = server.requests.filter((r) => r.path.startsWith('/api/v1/'));
		const videos = [...server.videos.values()].filter((v) => v.file);
		process.send?.({
			requests: api.length,
			byStatus: api.reduce<Record<string, number>>((acc, r) => ((acc[r.status] = (acc[r.status] ?? 0) + 1), acc), {}),
			uploadPuts: server.count('PUT', '/api/v1/videos/upload-resumable'),
			logins: server.logins().length,
			uploadedFiles: videos.map((v) => ({ uuid: v.uuid, size: v.file!.size, sha256: v.file!.sha256 })),
			sessions: server.uploadSessions().length,
			maxRss: process.resourceUsage().maxRSS * 1024,
		});
	});
	process.send?.({ url: server.url });
}

void main();
