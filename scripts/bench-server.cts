/** The stand-in for the benchmark, in its own process as a real instance would be; driven over IPC. */
import { PeerTubeStandin } from '../standin/server.cjs';

async function main(): Promise<void> {
	const videos = Number(process.argv[2] ?? 10000);
	const server = await PeerTubeStandin.start({ apiRateLimit: false, loginRateLimit: false });
	server.addUser({ username: 'bench', password: 'bench-pass-phrase', role: 'user' });
	server.addVideos(videos);
	process.on('message', (message: { cmd: string }) => {
		if (message.cmd === 'clear') server.clearRequests();
		if (message.cmd === 'close') {
			void server.close().then(() => process.exit(0));
			return;
		}
		process.send?.({
			lists: server.count('GET', '/api/v1/videos'),
			logins: server.logins().length,
			maxRss: process.resourceUsage().maxRSS * 1024,
		});
	});
	process.send?.({ url: server.url });
}

void main();
