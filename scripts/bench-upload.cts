/**
 * Upload line of the benchmark: a file (2 GiB by default) from n8n filesystem binary data to the
 * stand-in (own process, 'disk' upload storage: chunks stream into a temporary file, as a real
 * instance's uploadx does), by Video → Upload through n8n-core (own process, memory sampled), then
 * the same file by curl in one PUT to the same stand-in, in the same run.
 */
import { execFileSync, fork } from 'child_process';
import { unlinkSync } from 'fs';
import { join } from 'path';

import type { PutTimings } from './bench-standin.cjs';

interface StandinStats {
	url?: string;
	requests: number;
	byStatus: Record<string, number>;
	uploadPuts: number;
	logins: number;
	uploadedFiles: Array<{ uuid: string; size: number; sha256: string }>;
	sessions: number;
	putTimings: PutTimings;
	maxRss: number;
	cpuMs: number;
}

const MiB = 1024 * 1024;

export function startStandin(options: object): Promise<{ url: string; ask: (cmd: string) => Promise<StandinStats>; close: () => void }> {
	const child = fork(join(__dirname, 'bench-standin.cjs'), [JSON.stringify(options)], {
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	const ask = async (cmd: string) =>
		await new Promise<StandinStats>((resolve) => {
			child.once('message', (answer) => resolve(answer as StandinStats));
			if (cmd) child.send({ cmd });
		});
	return ask('').then((first) => ({ url: first.url!, ask, close: () => child.send({ cmd: 'close' }) }));
}

export interface UploadRound {
	lines: string[];
	/** byte-identical on the stand-in and RSS growth within target */
	ok: boolean;
	ratio: number;
	summary: string;
}

export async function uploadBench(sizeBytes: number, chunkBytes: number, forceGc = false, n8nNode?: string): Promise<UploadRound> {
	const { request } = await import('undici');
	const user = { username: 'uploader', password: 'uploader-pass-phrase', role: 'user' as const };
	const standin = await startStandin({ standin: { apiRateLimit: false, maxChunkSize: chunkBytes, uploadStorage: 'disk' }, users: [user] });

	const n8n = fork(join(__dirname, 'bench-upload-n8n.cjs'), [JSON.stringify({ url: standin.url, size: sizeBytes, forceGc, ...user })], {
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		execArgv: ['--expose-gc'],
		...(n8nNode ? { execPath: n8nNode } : {}),
	});
	const side = await new Promise<{
		ms: number;
		cpuMs: number;
		userMs: number;
		nodeVersion: string;
		gc: { full: number; scavenges: number; ms: number };
		baseline: number;
		peak: number;
		sha256: string;
		filePath: string;
		error?: string;
		token: string;
	}>(
		(resolve) => n8n.once('message', (m) => resolve(m as never)),
	);
	n8n.kill();
	if (side.error) throw new Error(`n8n upload failed: ${side.error}`);
	const afterN8n = await standin.ask('stats');
	const n8nFile = afterN8n.uploadedFiles[0];
	const n8nRequests = afterN8n.requests;
	await standin.ask('clear');

	// curl: the same file in one PUT (init by HTTP first, not timed)
	const auth = { authorization: `Bearer ${side.token}` };
	const me = (await (await request(`${standin.url}/api/v1/users/me`, { headers: auth })).body.json()) as { videoChannels: Array<{ id: number }> };
	const init = await request(`${standin.url}/api/v1/videos/upload-resumable`, {
		method: 'POST',
		headers: { ...auth, 'content-type': 'application/json', 'x-upload-content-length': String(sizeBytes), 'x-upload-content-type': 'video/mp4' },
		body: JSON.stringify({ name: 'Bench upload by curl', channelId: me.videoChannels[0].id, filename: 'bench-2GiB.mp4' }),
	});
	await init.body.text();
	const uploadId = /upload_id=([^&]+)/.exec(String(init.headers.location))![1];
	const started = process.hrtime.bigint();
	const status = execFileSync('curl', [
		'-sS', '-o', '/dev/null', '-w', '%{http_code}', '-X', 'PUT', '-T', side.filePath,
		'-H', `Authorization: Bearer ${side.token}`,
		'-H', 'Content-Type: application/octet-stream',
		'-H', `Content-Range: bytes 0-${sizeBytes - 1}/${sizeBytes}`,
		'-H', 'Expect:',
		`${standin.url}/api/v1/videos/upload-resumable?upload_id=${uploadId}`,
	]).toString();
	const curlMs = Number(process.hrtime.bigint() - started) / 1e6;
	const afterCurl = await standin.ask('stats');
	const curlFile = afterCurl.uploadedFiles.find((f) => f.uuid !== n8nFile?.uuid);
	standin.close();
	try {
		unlinkSync(side.filePath);
	} catch {
		// the n8n user folder is temporary anyway
	}

	const growth = side.peak - side.baseline;
	const n8nRate = sizeBytes / MiB / (side.ms / 1000);
	const curlRate = sizeBytes / MiB / (curlMs / 1000);
	const ratio = n8nRate / curlRate;
	const identical = n8nFile?.sha256 === side.sha256 && n8nFile?.size === sizeBytes;
	const memoryTarget = 64 * MiB + chunkBytes;
	const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
	const each = (ms: number, n: number) => `${n ? (ms / n).toFixed(1) : '–'} ms each`;
	const rate = (bytes: number, ms: number) => `${ms > 0 ? (bytes / MiB / (ms / 1000)).toFixed(0) : '–'} MiB/s`;
	const t = afterN8n.putTimings;
	const c = afterCurl.putTimings;
	const lines = [
		`Video → Upload of ${sizeBytes} bytes (${(sizeBytes / MiB).toFixed(0)} MiB) from n8n filesystem binary data (chunk ${(chunkBytes / MiB).toFixed(0)} MiB from the instance config)${forceGc ? ', forced full GC before the upload' : ''}`,
		`  chunks (PUT requests):         ${afterN8n.uploadPuts}`,
		`  API requests in the run:       ${n8nRequests} (config, users/me, init, chunks, read back; logins: ${afterN8n.logins})`,
		`  byte-identical on the stand-in: ${identical ? 'yes' : 'NO'} (sha256 ${side.sha256.slice(0, 16)}…); sessions left: ${afterN8n.sessions}`,
		`  wall time, n8n-core node:      ${(side.ms / 1000).toFixed(1)} s = ${n8nRate.toFixed(0)} MiB/s`,
		`  wall time, curl (1 PUT):       ${(curlMs / 1000).toFixed(1)} s = ${curlRate.toFixed(0)} MiB/s (HTTP ${status}, ${curlFile?.sha256 === side.sha256 ? 'identical' : 'NOT identical'})`,
		`  throughput ratio n8n / curl:   ${ratio.toFixed(2)} (target >= 0.80)`,
		`  peak RSS growth, n8n process:  ${(growth / MiB).toFixed(1)} MiB (target <= ${(memoryTarget / MiB).toFixed(0)} MiB = 64 MiB + one chunk)`,
		`  peak RSS, stand-in process:    ${(afterCurl.maxRss / MiB).toFixed(0)} MiB ('disk' upload storage)`,
		`  CPU time, node's upload:       n8n process ${seconds(side.cpuMs)} (the upload; user ${seconds(side.userMs)}, Node ${side.nodeVersion}), stand-in ${seconds(afterN8n.cpuMs)} (since it started: warm-up included; wall ${seconds(side.ms)})`,
		`  GC in the n8n process:         ${side.gc.full} full (mark-compact), ${side.gc.scavenges} scavenges, ${side.gc.ms.toFixed(0)} ms in pauses during the upload`,
		`  CPU time, curl's PUT:          stand-in ${seconds(afterCurl.cpuMs)} (wall ${seconds(curlMs)}): ${(afterCurl.cpuMs / curlMs).toFixed(2)} of a core`,
		`  node's time on the stand-in's clock (${t.puts} chunk PUTs, first arrival to last answer ${seconds(t.spanMs)}):`,
		`    receiving chunk bodies:      ${seconds(t.bodyMs)} (${each(t.bodyMs, t.puts)}; ${rate(t.bytes, t.bodyMs)} while a body is in flight)`,
		`    last byte to answer:         ${seconds(t.answerMs)} (${each(t.answerMs, t.puts)}: the stand-in flushing the chunk to its file, then 308 / the video)`,
		`    answer to next PUT:          ${seconds(t.betweenMs)} (${each(t.betweenMs, Math.max(0, t.puts - 1))}: n8n between two chunks)`,
		`    outside the chunk PUTs:      ${seconds(side.ms - t.spanMs)} (config, users/me, init, read back, n8n-core around the node)`,
		`  curl's PUT on the same clock:  body ${seconds(c.bodyMs)} (${rate(c.bytes, c.bodyMs)}), last byte to answer ${seconds(c.answerMs)}`,
	];
	return {
		lines,
		ok: identical && growth <= memoryTarget,
		ratio,
		summary: `node ${n8nRate.toFixed(0)} MiB/s, curl ${curlRate.toFixed(0)} MiB/s, ratio ${ratio.toFixed(2)}, RSS growth ${(growth / MiB).toFixed(1)} MiB, ${side.gc.full} full GCs, n8n CPU ${seconds(side.cpuMs)}${identical ? '' : ', NOT byte-identical'}`,
	};
}
