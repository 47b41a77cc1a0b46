/**
 * A stand-in for the upload and pacing benchmarks, in its own process as a real instance would be;
 * options as JSON in argv[2], driven over IPC ({ cmd: 'stats' | 'clear' | 'close' }). It also times
 * each chunk PUT of /videos/upload-resumable on its own clock (arrival, body fully received, answer
 * sent) so the upload line can say where the time goes.
 */
import type http from 'node:http';
import { performance } from 'node:perf_hooks';

import { PeerTubeStandin, UPLOAD_PATH, type StandinOptions } from '../standin/server.cjs';

interface BenchStandinOptions {
	standin: StandinOptions;
	users: Array<{ username: string; password: string; role: 'admin' | 'moderator' | 'user' }>;
	/** videos owned by the first user's channel */
	videos?: number;
}

/** One chunk PUT as the stand-in saw it (ms on its performance clock). */
interface PutTiming {
	arrived: number;
	bodyReceived: number;
	answered: number;
	bytes: number;
}

/** Sums over the chunk PUTs since the last clear: where the upload's wall time went. */
export interface PutTimings {
	puts: number;
	bytes: number;
	/** first arrival → last answer */
	spanMs: number;
	/** arrival → last body byte, summed: the client sending the body (and the stand-in taking it in) */
	bodyMs: number;
	/** last body byte → answer sent, summed: the stand-in finishing the chunk (flush to its file, hash, video) */
	answerMs: number;
	/** answer sent → next PUT arrived, summed: the client between two chunks */
	betweenMs: number;
}

function summarise(timings: PutTiming[]): PutTimings {
	const done = timings.filter((t) => t.answered > 0);
	const sum = (f: (t: PutTiming, i: number) => number) => done.reduce((acc, t, i) => acc + f(t, i), 0);
	return {
		puts: done.length,
		bytes: sum((t) => t.bytes),
		spanMs: done.length ? done[done.length - 1].answered - done[0].arrived : 0,
		bodyMs: sum((t) => (t.bodyReceived || t.answered) - t.arrived),
		answerMs: sum((t) => t.answered - (t.bodyReceived || t.answered)),
		betweenMs: sum((t, i) => (i + 1 < done.length ? done[i + 1].arrived - t.answered : 0)),
	};
}

async function main(): Promise<void> {
	const options = JSON.parse(process.argv[2] ?? '{}') as BenchStandinOptions;
	const server = await PeerTubeStandin.start({ loginRateLimit: false, ...options.standin });
	for (const user of options.users) server.addUser(user);
	if (options.videos) server.addVideos(options.videos, { channelName: `${options.users[0].username}_channel` });

	let timings: PutTiming[] = [];
	// CPU time of this process since the last clear: shows when the stand-in itself is the limit
	let cpuSince = process.cpuUsage();
	const handle = server.handle.bind(server);
	server.handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
		if (req.method === 'PUT' && UPLOAD_PATH.test(new URL(req.url ?? '/', 'http://standin.invalid').pathname)) {
			const t: PutTiming = { arrived: performance.now(), bodyReceived: 0, answered: 0, bytes: Number(req.headers['content-length'] ?? 0) };
			req.once('end', () => (t.bodyReceived = performance.now()));
			res.once('finish', () => (t.answered = performance.now()));
			timings.push(t);
		}
		return await handle(req, res);
	};

	process.on('message', (message: { cmd: string }) => {
		if (message.cmd === 'clear') {
			server.clearRequests();
			timings = [];
			cpuSince = process.cpuUsage();
		}
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
			putTimings: summarise(timings),
			maxRss: process.resourceUsage().maxRSS * 1024,
			cpuMs: cpuMsSince(cpuSince),
		});
	});
	process.send?.({ url: server.url });
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
	const usage = process.cpuUsage(start);
	return (usage.user + usage.system) / 1000;
}

void main();
