/**
 * node build/test/standin/cli.js [--port N] [--host-name H] [--demo]
 *   [--jobs-api path|query] [--server-version V] [--no-rate-limit]
 * Prints one JSON line {url, users} on stdout, then serves until SIGTERM/SIGINT.
 */
import { PeerTubeStandin, StandinOptions, StandinUser, seedDemo } from './server';

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
				if (v !== 'path' && v !== 'query') throw new Error('--jobs-api must be path or query');
				options.jobsApi = v;
				break;
			}
			case '--server-version':
				options.serverVersion = value();
				break;
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
