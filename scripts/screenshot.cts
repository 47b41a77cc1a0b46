/**
 * `npm run screenshot` — pictures of the n8n editor with this package, for the README:
 *   docs/n8n-example-workflow.png   example workflow 1 on the canvas
 *   docs/n8n-peertube-node.png      the PeerTube node's parameter panel
 *
 * Runs the pinned n8n (from the cache; installed on first use) in a throwaway user folder, with
 * the demo stand-in, and drives headless Debian Chromium through the DevTools protocol.
 * Needs Chromium: `apt-get update && apt-get install -y chromium` (or set CHROMIUM=/path/to/chrome).
 */
import { spawn, type ChildProcess } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { WebSocket } from 'undici';
import { ensure } from './n8n/ensure.cjs';
import {
	UserFacingError,
	freePort,
	info,
	n8nEnv,
	prepareUserFolder,
	repoRoot,
	runMain,
	runN8nCli,
	spawnN8n,
	step,
	waitForHttp,
} from './n8n/common.cjs';
import { PeerTubeStandin, seedDemo } from '../standin/server.cjs';

const VIEWPORT = { width: 1440, height: 900 };

function findChromium(): string {
	const candidates = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
	for (const c of candidates) if (c && fs.existsSync(c)) return c;
	throw new UserFacingError(
		'Chromium is not installed. On Debian/Ubuntu: `apt-get update && apt-get install -y chromium` (or set CHROMIUM=/path/to/chrome), then run again.',
	);
}

// ---------------------------------------------------------------------------------------------
// A tiny DevTools protocol client

class Cdp {
	private nextId = 1;
	private readonly pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();

	private constructor(private readonly ws: WebSocket) {
		ws.addEventListener('message', (ev) => {
			const msg = JSON.parse(String(ev.data)) as { id?: number; result?: unknown; error?: { message: string } };
			if (msg.id === undefined) return;
			const p = this.pending.get(msg.id);
			if (!p) return;
			this.pending.delete(msg.id);
			if (msg.error) p.reject(new Error(msg.error.message));
			else p.resolve(msg.result);
		});
	}

	static connect(url: string): Promise<Cdp> {
		return new Promise((resolve, reject) => {
			const ws = new WebSocket(url);
			ws.addEventListener('open', () => resolve(new Cdp(ws)));
			ws.addEventListener('error', () => reject(new Error(`cannot connect to ${url}`)));
		});
	}

	send<T = any>(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<T> {
		const id = this.nextId++;
		this.ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
		return new Promise<T>((resolve, reject) => {
			this.pending.set(id, { resolve, reject });
			setTimeout(() => {
				if (this.pending.delete(id)) reject(new Error(`${method} timed out`));
			}, 30_000).unref();
		});
	}

	close(): void {
		this.ws.close();
	}
}

async function launchChromium(bin: string, profile: string): Promise<{ child: ChildProcess; wsUrl: string }> {
	const child = spawn(
		bin,
		[
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--disable-quic',
			'--no-first-run',
			'--hide-scrollbars',
			`--user-data-dir=${profile}`,
			'--remote-debugging-port=0',
			`--window-size=${VIEWPORT.width},${VIEWPORT.height}`,
			'about:blank',
		],
		{ stdio: ['ignore', 'ignore', 'pipe'] },
	);
	let stderr = '';
	child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
	const portFile = path.join(profile, 'DevToolsActivePort');
	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		if (fs.existsSync(portFile)) {
			const [port, wsPath] = fs.readFileSync(portFile, 'utf8').split('\n');
			if (port && wsPath) return { child, wsUrl: `ws://127.0.0.1:${port}${wsPath}` };
		}
		if (child.exitCode !== null) break;
		await sleep(200);
	}
	child.kill('SIGKILL');
	throw new UserFacingError(`Chromium did not start:\n${stderr.slice(-2000)}`);
}

function sleep(ms: number): Promise<void> {
	return new Promise((r) => setTimeout(r, ms));
}

class Page {
	constructor(
		private readonly cdp: Cdp,
		private readonly session: string,
	) {}

	send<T = any>(method: string, params: Record<string, unknown> = {}): Promise<T> {
		return this.cdp.send<T>(method, params, this.session);
	}

	async evaluate<T = unknown>(expression: string): Promise<T> {
		const r = await this.send<{ result: { value: T }; exceptionDetails?: { text: string } }>('Runtime.evaluate', {
			expression,
			awaitPromise: true,
			returnByValue: true,
		});
		if (r.exceptionDetails) throw new Error(`page script failed: ${r.exceptionDetails.text}`);
		return r.result.value;
	}

	async waitFor(expression: string, what: string, timeoutMs = 60_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (await this.evaluate<boolean>(`Boolean(${expression})`).catch(() => false)) return;
			await sleep(250);
		}
		throw new UserFacingError(`The n8n editor did not show ${what} within ${timeoutMs / 1000} s`);
	}

	async goto(url: string): Promise<void> {
		await this.send('Page.navigate', { url });
		await this.waitFor(`document.readyState === 'complete'`, `the page ${url}`);
	}

	async screenshot(file: string): Promise<void> {
		const r = await this.send<{ data: string }>('Page.captureScreenshot', { format: 'png' });
		fs.mkdirSync(path.dirname(file), { recursive: true });
		fs.writeFileSync(file, Buffer.from(r.data, 'base64'));
		info(`✔ ${path.relative(repoRoot(), file)}`);
	}
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
	const chromium = findChromium();
	await ensure({ quiet: true });
	const repo = repoRoot();
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-peertube-screenshot-'));
	const cleanups: Array<() => Promise<void> | void> = [() => fs.rmSync(tmp, { recursive: true, force: true })];
	try {
		step('Starting the PeerTube stand-in and n8n (throwaway user folder)');
		const standin = await PeerTubeStandin.start();
		cleanups.unshift(() => standin.close());
		seedDemo(standin);
		const uf = prepareUserFolder(path.join(tmp, 'user'), { encryptionKey: crypto.randomBytes(24).toString('base64url') });
		const port = await freePort();
		const env = n8nEnv({ userFolder: uf, port, brokerPort: await freePort() });
		const credFile = path.join(uf.root, 'cred.json');
		fs.writeFileSync(
			credFile,
			JSON.stringify([
				{
					id: 'ptDemoCredential',
					name: 'PeerTube demo (local stand-in)',
					type: 'peerTubeApi',
					data: { instanceUrl: standin.url, username: 'root', password: 'demo-root-password' },
				},
			]),
		);
		for (const args of [
			['import:credentials', `--input=${credFile}`],
			['import:workflow', '--separate', `--input=${path.join(repo, 'examples')}`],
		]) {
			const r = await runN8nCli(args, env);
			if (r.code !== 0) throw new UserFacingError(`n8n ${args[0]} failed:\n${r.stdout}\n${r.stderr}`);
		}
		const n8n = spawnN8n(['start'], env, { stdio: ['ignore', 'ignore', 'ignore'] });
		cleanups.unshift(
			() =>
				new Promise<void>((resolve) => {
					if (n8n.exitCode !== null) return resolve();
					n8n.once('exit', () => resolve());
					n8n.kill('SIGTERM');
				}),
		);
		const base = `http://127.0.0.1:${port}`;
		await waitForHttp(`${base}/healthz/readiness`, 120_000, n8n);

		// The owner account, and a session the browser will reuse (n8n binds it to a browser id).
		const browserId = crypto.randomUUID();
		const setup = await fetch(`${base}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'browser-id': browserId },
			body: JSON.stringify({ email: 'demo@example.com', firstName: 'Demo', lastName: 'User', password: 'Demo-Passw0rd-1' }),
		});
		if (setup.status !== 200) throw new UserFacingError(`n8n owner setup failed: ${setup.status} ${await setup.text()}`);
		const authCookie = (setup.headers.getSetCookie?.() ?? []).find((c) => c.startsWith('n8n-auth='));
		if (!authCookie) throw new UserFacingError('n8n did not return a session cookie');

		step('Taking the pictures with headless Chromium');
		const profile = path.join(tmp, 'chromium');
		fs.mkdirSync(profile);
		const { child: browser, wsUrl } = await launchChromium(chromium, profile);
		cleanups.unshift(() => {
			browser.kill('SIGTERM');
		});
		const cdp = await Cdp.connect(wsUrl);
		cleanups.unshift(() => cdp.close());
		const { targetId } = await cdp.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' });
		const { sessionId } = await cdp.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
		const page = new Page(cdp, sessionId);
		await page.send('Page.enable');
		await page.send('Runtime.enable');
		await page.send('Network.enable');
		await page.send('Emulation.setDeviceMetricsOverride', { ...VIEWPORT, deviceScaleFactor: 1, mobile: false });
		await page.send('Network.setCookie', {
			name: 'n8n-auth',
			value: authCookie.split(';')[0].slice('n8n-auth='.length),
			url: base,
			httpOnly: true,
		});
		await page.send('Page.addScriptToEvaluateOnNewDocument', {
			source: `try { localStorage.setItem('n8n-browserId', ${JSON.stringify(browserId)}); } catch (e) {}`,
		});

		// 1. example workflow 1 on the canvas
		await page.goto(`${base}/workflow/ptExampleTagging`);
		await page.waitFor(`document.querySelectorAll('.vue-flow__node').length >= 6`, 'the workflow canvas');
		await dismissPopups(page);
		await sleep(1500);
		await page.screenshot(path.join(repo, 'docs', 'n8n-example-workflow.png'));

		// 2. the PeerTube node's parameter panel (the editor opens it from the URL)
		await page.goto(`${base}/workflow/ptExamplePrivacy/00000000-0000-4000-8000-000000000022`);
		await page.waitFor(`document.querySelector('[data-test-id="ndv"]') || document.querySelector('.ndv-wrapper') || document.querySelector('[data-test-id="node-parameters"]')`, 'the node panel');
		await dismissPopups(page);
		// run the step so the output panel shows what the node returns (from the stand-in)
		const clicked = await page
			.evaluate<boolean>(
				`(() => { const b = document.querySelector('[data-test-id="ndv"] [data-test-id="node-execute-button"]') || document.querySelector('[data-test-id="node-execute-button"]'); if (b) { b.click(); return true; } return false; })()`,
			)
			.catch(() => false);
		if (clicked) {
			await page
				.waitFor(`/\\b\\d+ items?\\b/.test((document.querySelector('[data-test-id="ndv-output-panel"]') || document.body).innerText)`, 'the node output', 20_000)
				.catch(() => info('(the output panel did not fill in; taking the picture without it)'));
		}
		await sleep(2000);
		await page.screenshot(path.join(repo, 'docs', 'n8n-peertube-node.png'));
	} finally {
		for (const c of cleanups) {
			try {
				await c();
			} catch {
				/* keep cleaning */
			}
		}
	}
}

/** Closes banners and toasts that would hide the picture. */
async function dismissPopups(page: Page): Promise<void> {
	await page
		.evaluate(
			`(() => {
				document.querySelectorAll('.el-notification__closeBtn, [data-test-id="banner-close"], .el-message-box__headerbtn').forEach((b) => b.click());
				return true;
			})()`,
		)
		.catch(() => undefined);
}

if (require.main === module) runMain(main);
