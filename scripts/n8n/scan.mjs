/**
 * n8n's community-package scanner (@n8n/scan-community-package), run locally and offline.
 *
 *   npm run scan          (part of `npm test`; needs `npm run build` first)
 *
 * The scanner's CLI (`npx @n8n/scan-community-package <name>`) only scans what is published: it
 * downloads the package from npm, checks its provenance, fetches the GitHub source the provenance
 * names, then lints two things with its own ESLint rule set (`analyzePackage`):
 *   1. the source leg: package.json and nodes/ + credentials/ (`SOURCE_FILE_PATTERNS`);
 *   2. the tarball leg: every compiled `.js` and the package.json of the published tarball.
 * This script calls that same `analyzePackage` on this working tree (leg 1) and on the tarball
 * `npm pack` makes from it (leg 2), so a release is checked before it exists. No network: only the
 * provenance check and the downloads are left out (they need a published version).
 *
 * It also checks what the scanner and n8n's verification expect of the tarball: LICENSE.md in it,
 * no runtime dependencies, and the files package.json's `n8n` section points to.
 *
 * Plain `.mjs`, unlike the other dev scripts (`.cts`): the scanner is an ES module, and TypeScript
 * compiling to CommonJS turns `import()` into `require()`, which cannot load it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(path.join(root, 'package.json'));

const scannerPkgDir = path.dirname(require.resolve('@n8n/scan-community-package/package.json'));
const scannerVersion = JSON.parse(fs.readFileSync(path.join(scannerPkgDir, 'package.json'), 'utf8')).version;
const scannerFile = path.join(scannerPkgDir, 'scanner', 'scanner.mjs');
// scanner.mjs makes a temp folder when it is loaded (for its downloads, unused here): have it removed at exit
createRequire(scannerFile)('tmp').setGracefulCleanup();
const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(pathToFileURL(scannerFile).href);

let failed = false;
const fail = (msg) => {
	failed = true;
	console.log(`✖ ${msg}`);
};

function report(leg, result) {
	if (result.passed) {
		console.log(`✔ ${leg}: 0 errors${result.message ? ` (${result.message})` : ''}`);
		return;
	}
	fail(`${leg}: ${result.message}`);
	if (result.details) console.log(result.details);
}

console.log(`@n8n/scan-community-package ${scannerVersion}, offline, on ${root}`);

// Leg 1: the source, as the scanner lints the repository its provenance points at.
report(`source leg (${SOURCE_FILE_PATTERNS.join(', ')})`, await analyzePackage(root, SOURCE_FILE_PATTERNS));

// Leg 2: the tarball npm would publish.
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const declared = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
const unbuilt = declared.filter((f) => !fs.existsSync(path.join(root, f)));
if (unbuilt.length) {
	fail(`the package is not built (missing ${unbuilt.join(', ')}): run \`npm run build\` first`);
	process.exit(1);
}
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-peertube-scan-'));
try {
	const packed = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
			cwd: root,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
		}),
	)[0];
	const files = packed.files.map((f) => f.path);
	const extracted = path.join(work, 'package');
	fs.mkdirSync(extracted);
	execFileSync('tar', ['-xzf', path.join(work, packed.filename), '-C', extracted, '--strip-components=1']);
	console.log(`  npm pack: ${packed.filename}, ${files.length} files, ${(packed.size / 1024).toFixed(1)} kB`);

	report('tarball leg (**/*.js, package.json)', await analyzePackage(extracted, ['**/*.js', 'package.json']));

	if (!files.includes('LICENSE.md')) fail('LICENSE.md is not in the tarball');
	else console.log('✔ LICENSE.md is in the tarball');
	const deps = Object.keys(pkg.dependencies ?? {});
	if (deps.length) fail(`runtime dependencies are not allowed for verified community nodes: ${deps.join(', ')}`);
	else console.log('✔ no runtime dependencies');
	const missing = declared.filter((f) => !files.includes(f));
	if (missing.length) fail(`package.json's n8n section points to files not in the tarball: ${missing.join(', ')}`);
	else console.log(`✔ the tarball holds the ${declared.length} files package.json's n8n section points to`);
	const stray = files.filter((f) => !/^(dist\/(nodes|credentials|icons)\/|package\.json$|README\.md$|LICENSE\.md$|CHANGELOG\.md$)/.test(f));
	if (stray.length) fail(`unexpected files in the tarball: ${stray.join(', ')}`);
} finally {
	fs.rmSync(work, { recursive: true, force: true });
}

if (failed) {
	console.log('\nThe scanner would reject this package (see above).');
	process.exit(1);
}
console.log('\nScanner checks passed.');
