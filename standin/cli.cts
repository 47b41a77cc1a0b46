/**
 * node build/standin/cli.cjs [--port N] [--host-name H] [--demo]
 *   [--version 6.3.0|7.0.0|8.2.1|9.0.0] (alias --server-version) [--jobs-api path|develop-query-form]
 *   [--no-rate-limit]
 * Prints one JSON line {url, users} on stdout, then serves until SIGTERM/SIGINT.
 */
import { PeerTubeStandin, StandinOptions, StandinUser, seedDemo } from './server.cjs';

function parseArgs(argv: string[]): { options: StandinOptions; demo: boolean } {
	const options: StandinOptions = {};
	let demo = false;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
		const value = (): string => {
			const v = inline ?? argv[++i];
			if (v === undefined) throw new Error(`${flag} needs a value`);
			return v;
		};
		switch (flag) {
			case '--demo':
				demo = true;
				break;
			case '--port': {
				const port = Number(value());
				if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be 0..65535');
				options.port = port;
				break;
			}
			case '--host-name':
				options.hostname = value();
				break;
			case '--jobs-api': {
				const v = value();
				if (v !== 'path' && v !== 'develop-query-form') {
					throw new Error('--jobs-api must be path (every release) or develop-query-form (one develop version only)');
				}
				options.jobsApi = v;
				break;
			}
			case '--version':
			case '--server-version': {
				const v = value();
				if (!/^(6|7|8|9)\.\d+(\.\d+)?$/.test(v)) throw new Error('--version must be a PeerTube 6.x, 7.x, 8.x or 9.0 version, e.g. 6.3.0');
				options.serverVersion = v;
				break;
			}
			case '--no-rate-limit':
				options.apiRateLimit = false;
				options.loginRateLimit = false;
				break;
			default:
				throw new Error(`Unknown argument: ${arg}`);
		}
	}
	return { options, demo };
}

async function main(): Promise<void> {
	let parsed: ReturnType<typeof parseArgs>;
	try {
		parsed = parseArgs(process.argv.slice(2));
	} catch (err) {
		process.stderr.write(`${(err as Error).message}\n`);
		process.exit(2);
	}
	const server = await PeerTubeStandin.start(parsed.options);
	const users: StandinUser[] = parsed.demo ? seedDemo(server).users : [];
	process.stdout.write(
		JSON.stringify({
			url: server.url,
			users: users.map((u) => ({ username: u.username, password: u.password, role: u.role })),
		}) + '\n',
	);

	let closing = false;
	const shutdown = (): void => {
		if (closing) return;
		closing = true;
		server.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGTERM', shutdown);
	process.on('SIGINT', shutdown);
}

main().catch((err) => {
	process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
	process.exit(1);
});
