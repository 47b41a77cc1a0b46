/**
 * Real n8n in queue mode: a main process and workers, PostgreSQL and Redis as real servers (the
 * ones this machine kind runs on 127.0.0.1), binary data in `database` mode (queue mode's default).
 * Each run gets its own database and Redis key prefix, removed at the end. Every process has its
 * own user folder with the package installed, as separate machines would.
 */
import type { ChildProcess } from 'child_process';
import { execFileSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import {
	type CliResult,
	type UserFolder,
	freePort,
	n8nEnv,
	prepareUserFolder,
	runN8nCli,
	spawnN8n,
	waitForHttp,
} from '../../scripts/n8n/common.cjs';
import { assertN8nInstalled } from './harness.cjs';

const PG = { host: '127.0.0.1', port: '5432', user: 'postgres' };
const REDIS = { host: '127.0.0.1', port: '6379' };

function psql(sql: string): void {
	execFileSync('psql', ['-h', PG.host, '-p', PG.port, '-U', PG.user, '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-q', '-c', sql], {
		stdio: ['ignore', 'pipe', 'pipe'],
		env: { ...process.env, PGCONNECT_TIMEOUT: '5' },
	});
}

function redisKeys(prefix: string): string[] {
	const out = execFileSync('redis-cli', ['-h', REDIS.host, '-p', REDIS.port, '--scan', '--pattern', `${prefix}*`], { encoding: 'utf8' });
	return out.split('\n').filter(Boolean);
}

/** Fails with what to do when PostgreSQL or Redis is not there (this tier never skips). */
export function assertServicesUp(): void {
	try {
		psql('select 1');
	} catch (error) {
		throw new Error(`PostgreSQL is not reachable on ${PG.host}:${PG.port} as ${PG.user} (trust auth expected): ${(error as Error).message}`);
	}
	try {
		execFileSync('redis-cli', ['-h', REDIS.host, '-p', REDIS.port, 'ping'], { stdio: 'pipe' });
	} catch (error) {
		throw new Error(`Redis is not reachable on ${REDIS.host}:${REDIS.port}: ${(error as Error).message}`);
	}
}

interface Process {
	name: string;
	child: ChildProcess;
	log: () => string;
}

export class QueueCluster {
	readonly database: string;
	readonly prefix: string;
	readonly root: string;
	private readonly encryptionKey = crypto.randomBytes(24).toString('base64url');
	private readonly processes: Process[] = [];
	private readonly folders = new Map<string, { folder: UserFolder; brokerPort: number }>();
	mainUrl = '';

	constructor(label = 'queue') {
		const id = crypto.randomBytes(5).toString('hex');
		this.database = `n8n_peertube_${label}_${id}`;
		this.prefix = `n8n-peertube-${label}-${id}`;
		this.root = fs.mkdtempSync(path.join(os.tmpdir(), `n8n-peertube-${label}-`));
	}

	/** Creates the database; call once before anything else. */
	async init(): Promise<void> {
		assertN8nInstalled();
		assertServicesUp();
		psql(`CREATE DATABASE "${this.database}"`);
	}

	private async folder(name: string): Promise<{ folder: UserFolder; brokerPort: number }> {
		let entry = this.folders.get(name);
		if (!entry) {
			const folder = prepareUserFolder(path.join(this.root, name), { encryptionKey: this.encryptionKey });
			entry = { folder, brokerPort: await freePort() };
			this.folders.set(name, entry);
		}
		return entry;
	}

	private async env(name: string, port: number, extra: Record<string, string> = {}): Promise<NodeJS.ProcessEnv> {
		const { folder, brokerPort } = await this.folder(name);
		return n8nEnv({
			userFolder: folder,
			port,
			brokerPort,
			extra: {
				N8N_LOG_LEVEL: 'info',
				EXECUTIONS_MODE: 'queue',
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: PG.host,
				DB_POSTGRESDB_PORT: PG.port,
				DB_POSTGRESDB_DATABASE: this.database,
				DB_POSTGRESDB_USER: PG.user,
				DB_POSTGRESDB_PASSWORD: '',
				QUEUE_BULL_REDIS_HOST: REDIS.host,
				QUEUE_BULL_REDIS_PORT: REDIS.port,
				QUEUE_BULL_PREFIX: this.prefix,
				N8N_DEFAULT_BINARY_DATA_MODE: 'database',
				N8N_RUNNERS_TASK_TIMEOUT: '120',
				...extra,
			},
		});
	}

	/** An n8n CLI command against the cluster's database (import, publish, export…). */
	async cli(args: string[]): Promise<CliResult> {
		const result = await runN8nCli(args, await this.env('main', await freePort()));
		if (result.code !== 0) throw new Error(`n8n ${args.join(' ')} failed (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
		return result;
	}

	/**
	 * A query on the run's database (psql, unaligned): one array of column values per row. For
	 * checks of what n8n stored (executions, binary data); `sql` is the test's own text.
	 */
	query(sql: string): string[][] {
		const out = execFileSync(
			'psql',
			['-h', PG.host, '-p', PG.port, '-U', PG.user, '-d', this.database, '-v', 'ON_ERROR_STOP=1', '-tA', '-F', '\t', '-c', sql],
			{ encoding: 'utf8', env: { ...process.env, PGCONNECT_TIMEOUT: '5' } },
		);
		return out.split('\n').filter(Boolean).map((line) => line.split('\t'));
	}

	async importJson(kind: 'credentials' | 'workflow', data: unknown): Promise<void> {
		const file = path.join(this.root, `${kind}-${crypto.randomBytes(4).toString('hex')}.json`);
		fs.writeFileSync(file, JSON.stringify(data), { mode: 0o600 });
		try {
			await this.cli([`import:${kind}`, `--input=${file}`]);
		} finally {
			fs.rmSync(file, { force: true });
		}
	}

	async exportCredentials(): Promise<Array<{ id: string; data: Record<string, unknown> }>> {
		const file = path.join(this.root, `export-${crypto.randomBytes(4).toString('hex')}.json`);
		try {
			await this.cli(['export:credentials', '--all', '--decrypted', `--output=${file}`]);
			return JSON.parse(fs.readFileSync(file, 'utf8'));
		} finally {
			fs.rmSync(file, { force: true });
		}
	}

	private spawn(name: string, args: string[], env: NodeJS.ProcessEnv): Process {
		const child = spawnN8n(args, env, { stdio: ['ignore', 'pipe', 'pipe'] });
		let log = '';
		child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
		child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
		const entry = { name, child, log: () => log };
		this.processes.push(entry);
		return entry;
	}

	async startMain(): Promise<void> {
		const port = await freePort();
		const main = this.spawn('main', ['start'], await this.env('main', port));
		this.mainUrl = `http://127.0.0.1:${port}`;
		try {
			await waitForHttp(`${this.mainUrl}/healthz/readiness`, 180_000, main.child);
		} catch (error) {
			throw new Error(`${(error as Error).message}\n${main.log()}`);
		}
	}

	async startWorker(name: string, concurrency = 10): Promise<Process> {
		const health = await freePort();
		const worker = this.spawn(name, ['worker', `--concurrency=${concurrency}`], await this.env(name, await freePort(), {
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(health),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		}));
		try {
			await waitForHttp(`http://127.0.0.1:${health}/healthz/readiness`, 180_000, worker.child);
		} catch (error) {
			throw new Error(`${(error as Error).message}\n${worker.log()}`);
		}
		return worker;
	}

	workers(): Process[] {
		return this.processes.filter((p) => p.name !== 'main');
	}

	logOf(name: string): string {
		return this.processes.find((p) => p.name === name)?.log() ?? '';
	}

	async stop(): Promise<void> {
		await Promise.all(
			this.processes.map(
				async ({ child }) =>
					await new Promise<void>((resolve) => {
						if (child.exitCode !== null || child.signalCode !== null) return resolve();
						const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
						child.once('exit', () => {
							clearTimeout(kill);
							resolve();
						});
						child.kill('SIGTERM');
					}),
			),
		);
	}

	/** Stops everything and removes the database, the Redis keys and the folders. */
	async dispose(): Promise<void> {
		await this.stop();
		try {
			psql(`DROP DATABASE IF EXISTS "${this.database}" WITH (FORCE)`);
		} finally {
			const keys = redisKeys(this.prefix);
			for (let i = 0; i < keys.length; i += 500) {
				execFileSync('redis-cli', ['-h', REDIS.host, '-p', REDIS.port, 'del', ...keys.slice(i, i + 500)], { stdio: 'pipe' });
			}
			fs.rmSync(this.root, { recursive: true, force: true });
		}
	}

	leftovers(): { database: boolean; redisKeys: number } {
		const out = execFileSync(
			'psql',
			['-h', PG.host, '-p', PG.port, '-U', PG.user, '-d', 'postgres', '-tAc', `select count(*) from pg_database where datname = '${this.database}'`],
			{ encoding: 'utf8' },
		);
		return { database: out.trim() !== '0', redisKeys: redisKeys(this.prefix).length };
	}
}
