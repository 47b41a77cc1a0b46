/**
 * Mutation check: do the tests bite? Copies the repository to a temporary directory (node_modules
 * symlinked), applies one deliberate break at a time to that copy, runs the jest files that should
 * catch it, and prints a table: break → failing tests before / with the break → caught (yes/no).
 * Not part of `npm test` (it runs jest several times): `npm run mutation`, or
 * `npm run build:dev && node build/scripts/mutation.cjs [break-id …]`.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

interface Break {
	id: string;
	what: string;
	file: string;
	find: string;
	replace: string;
	tests: string[];
}

const BREAKS: Break[] = [
	{
		id: 'multipart-extra-fields',
		what: 'Video → Update with a thumbnail also sends privacy: 1 and downloadEnabled: true',
		file: 'nodes/PeerTube/actions/video/update.operation.ts',
		find: 'const multipart = buildMultipart(payload, files);',
		replace: 'const multipart = buildMultipart({ ...payload, privacy: 1, downloadEnabled: true }, files);',
		tests: ['test/nodes/PeerTube/actions/video/update.test.cts'],
	},
	{
		id: 'no-sessionFor-guard',
		what: 'the stored session is reused after the username or instance URL changed (sessionFor guard removed)',
		file: 'credentials/peerTubeLogin.ts',
		find: 'const sameSession = credentials.sessionFor === sessionFor;',
		replace: 'const sameSession = true;',
		tests: ['test/credentials/PeerTubeApi.test.cts'],
	},
	{
		id: 'jobs-probe-on-404',
		what: 'Job → Get Many takes a 404 (not the catch-all 400) as "no such route"',
		file: 'nodes/PeerTube/actions/job/getAll.operation.ts',
		find: "if (state === 'any' || !isUnknownRouteAnswer(error))",
		replace: "if (state === 'any' || (error as { httpCode?: string }).httpCode !== '404')",
		tests: ['test/nodes/PeerTube/actions/job/getAll.test.cts'],
	},
	{
		id: 'dates-in-utc',
		what: "Update reads dates without an offset in UTC instead of the workflow's time zone",
		file: 'nodes/PeerTube/actions/video/update.operation.ts',
		find: 'const timeZone = this.getTimezone();',
		replace: "const timeZone = 'UTC';",
		tests: ['test/nodes/PeerTube/actions/video/update.test.cts'],
	},
	{
		id: 'remote-url-loses-host',
		what: 'a channel page URL of another instance loses its host (name instead of name@host)',
		file: 'nodes/PeerTube/helpers/video.ts',
		find: 'if (ownHost === undefined || host !== ownHost) raw = `${raw}@${host}`;',
		replace: 'if (ownHost === undefined) raw = `${raw}@${host}`;',
		tests: ['test/nodes/PeerTube/actions/video/getAll.test.cts', 'test/nodes/PeerTube/helpers/video.test.cts'],
	},
	{
		id: 'no-password-resend',
		what: 'Update of a password-protected video no longer resends its current passwords',
		file: 'nodes/PeerTube/actions/video/update.operation.ts',
		find: 'if (!refusedForPasswords || body.videoPasswords !== undefined) {',
		// still uses every variable, so that the break compiles and the tests (not tsc) must catch it
		replace: 'if (refusedForPasswords || !refusedForPasswords || body.videoPasswords !== undefined) {',
		tests: ['test/nodes/PeerTube/actions/video/update.test.cts'],
	},
	{
		id: 'oauth-client-429-not-retried',
		what: 'a 429 on GET /oauth-clients/local fails at once (no retry)',
		file: 'credentials/peerTubeLogin.ts',
		find: 'while (response.status === 429 && retries < MAX_API_RATE_LIMIT_RETRIES) {',
		replace: 'while (response.status === 429 && retries < MAX_API_RATE_LIMIT_RETRIES * 0) {',
		tests: ['test/credentials/PeerTubeApi.test.cts'],
	},
];

const repo = resolve(__dirname, '../..');

function copyRepo(): string {
	const dir = mkdtempSync(join(tmpdir(), 'peertube-mutation-'));
	cpSync(repo, dir, {
		recursive: true,
		filter: (source) => !/[/\\](node_modules|\.git|build|dist|coverage|\.n8n-user)([/\\]|$)/.test(source.slice(repo.length)),
	});
	symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'), 'dir');
	return dir;
}

/** Failing test names of these files in `dir` (jest --json). */
function failingTests(dir: string, tests: string[]): Set<string> {
	const out = join(dir, 'jest-result.json');
	try {
		execFileSync(process.execPath, [join(repo, 'node_modules/jest/bin/jest.js'), ...tests, '-w', '1', '--json', `--outputFile=${out}`], {
			cwd: dir,
			stdio: 'ignore',
			env: { ...process.env, CI: '1' },
		});
	} catch {
		// jest exits 1 when a test fails: the JSON says which
	}
	const result = JSON.parse(readFileSync(out, 'utf8')) as {
		testResults: Array<{ name: string; status: string; message: string; assertionResults: Array<{ fullName: string; status: string }> }>;
	};
	const failing = new Set<string>();
	for (const file of result.testResults) {
		if (file.status === 'failed' && file.assertionResults.length === 0) failing.add(`${file.name.replace(dir, '')}: suite failed to run (does not compile)`);
		for (const test of file.assertionResults) if (test.status === 'failed') failing.add(test.fullName);
	}
	return failing;
}

function main(): void {
	const only = process.argv.slice(2);
	const breaks = only.length ? BREAKS.filter((b) => only.includes(b.id)) : BREAKS;
	const dir = copyRepo();
	const rows: string[][] = [];
	try {
		const baselines = new Map<string, Set<string>>();
		for (const brk of breaks) {
			const key = brk.tests.join(' ');
			if (!baselines.has(key)) baselines.set(key, failingTests(dir, brk.tests));
			const baseline = baselines.get(key)!;
			const path = join(dir, brk.file);
			const original = readFileSync(path, 'utf8');
			if (!original.includes(brk.find)) {
				rows.push([brk.id, brk.what, brk.tests.join(', '), String(baseline.size), '-', 'break not applicable (code changed)']);
				continue;
			}
			writeFileSync(path, original.replace(brk.find, brk.replace));
			try {
				const broken = failingTests(dir, brk.tests);
				const newlyFailing = [...broken].filter((name) => !baseline.has(name));
				rows.push([
					brk.id,
					brk.what,
					brk.tests.map((t) => t.replace(/^test\//, '')).join(', '),
					String(baseline.size),
					String(broken.size),
					newlyFailing.length ? `yes (${newlyFailing.length} new: ${newlyFailing.slice(0, 2).join('; ')}${newlyFailing.length > 2 ? '; …' : ''})` : 'NO',
				]);
			} finally {
				writeFileSync(path, original);
			}
			process.stderr.write(`${brk.id}: done\n`);
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
	const header = ['break', 'what it does', 'jest files run', 'failing before', 'failing with the break', 'caught'];
	const line = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
	process.stdout.write([line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n') + '\n');
	if (rows.some((row) => row[5] === 'NO')) process.exitCode = 1;
}

main();
