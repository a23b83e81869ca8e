// `npm run package` (scripts/package.mjs): the platform .vsix holds what the extension runs and
// nothing else: the bundles without source maps, only this platform's onnxruntime binaries, only
// the native modules the bundles leave external. Unpacked, its native modules load and its CLI
// runs; code-server (when installed: scripts/install-code-server.sh) installs it.
// Uses the dist/ that `npm test` has just built (rebuilding it here would race the tests running
// next to this one).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { inflateRawSync } from 'node:zlib';
import { CODE_SERVER_BIN } from '../e2e/support/codeServer.js';
import { repoRoot } from '../support/sharedFixtures.js';

const run = promisify(execFile);
const platform = process.platform;
const arch = process.arch;

interface ZipEntry { name: string; size: number; method: number; compressedSize: number; localHeader: number }

/** The entries of a zip file, from its central directory (no zip64: a .vsix is far below 4 GB). */
function zipEntries(zip: Buffer): ZipEntry[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, 'the .vsix is a zip file');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, 'central directory entry');
    const nameLength = zip.readUInt16LE(at + 28);
    entries.push({
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      localHeader: zip.readUInt32LE(at + 42),
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

/** The uncompressed bytes of an entry (stored or deflated, as vsce writes them). */
function entryData(zip: Buffer, entry: ZipEntry): Buffer {
  assert.equal(zip.readUInt32LE(entry.localHeader), 0x04034b50, 'local file header');
  const start = entry.localHeader + 30 + zip.readUInt16LE(entry.localHeader + 26) + zip.readUInt16LE(entry.localHeader + 28);
  const stored = zip.subarray(start, start + entry.compressedSize);
  return entry.method === 8 ? inflateRawSync(stored) : stored;
}

const work = mkdtempSync(path.join(tmpdir(), 'pinwheel-vsix-'));
const vsix = path.join(work, 'pinwheel.vsix');
let files: ZipEntry[] = [];
let zip = Buffer.alloc(0);
let packageOutput = '';

before(async () => {
  assert.ok(existsSync(path.join(repoRoot, 'dist', 'extension.cjs')), 'dist/ is built (npm test builds it first; alone, run `npm run build`)');
  const packaged = await run(process.execPath, [path.join(repoRoot, 'scripts', 'package.mjs'), '--skip-build', '--out', vsix, '--stage', path.join(work, 'stage')], { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 });
  packageOutput = packaged.stdout;
  zip = readFileSync(vsix);
  files = zipEntries(zip).filter((entry) => !entry.name.endsWith('/'));
});

after(() => rmSync(work, { recursive: true, force: true }));

const names = () => files.map((entry) => entry.name);
const inExtension = () => names().filter((name) => name.startsWith('extension/')).map((name) => name.slice('extension/'.length));

test('the .vsix holds the extension and CLI bundles, the manifest, README and the icon, for this platform', () => {
  const contents = inExtension();
  const manifest = JSON.parse(inflateEntry('extension/package.json')) as { main: string; devDependencies?: unknown; scripts?: unknown };
  for (const file of ['package.json', 'readme.md', 'package-lock.json', 'dist/extension.cjs', 'dist/extension/main.js', 'dist/cli.js', 'dist/app-server.js', 'media/pinwheel.svg']) {
    assert.ok(contents.includes(file), `${file} is in the .vsix`);
  }
  assert.ok(contents.includes(path.posix.normalize(manifest.main)), `package.json's main (${manifest.main}) is in the .vsix`);
  assert.equal(manifest.devDependencies, undefined);
  assert.equal(manifest.scripts, undefined);
  assert.match(inflateEntry('extension.vsixmanifest'), new RegExp(`TargetPlatform="${platform}-${arch}"`));
  assert.match(packageOutput, new RegExp(`pinwheel\\.vsix\\s+\\d+\\.\\d MB`), 'the script prints the path and size');
});

test('the only node_modules are the native modules the bundles leave external, with this platform\'s binaries only', () => {
  const modules = inExtension().filter((file) => file.startsWith('node_modules/'));
  const packages = new Set(modules.map((file) => file.split('/').slice(1, file.startsWith('node_modules/@') ? 3 : 2).join('/')));
  const xxhashBinaries = [...packages].filter((name) => name.startsWith('@node-rs/xxhash-'));
  assert.deepEqual([...packages].filter((name) => !name.startsWith('@node-rs/xxhash-')).sort(), ['@node-rs/xxhash', 'onnxruntime-common', 'onnxruntime-node']);
  assert.ok(xxhashBinaries.length >= 1 && xxhashBinaries.every((name) => name.startsWith(`@node-rs/xxhash-${platform}-${arch}`)), xxhashBinaries.join());
  const binaries = modules.filter((file) => file.startsWith('node_modules/onnxruntime-node/bin/'));
  assert.ok(binaries.some((file) => file.endsWith('/onnxruntime_binding.node')), 'onnxruntime\'s binding is there');
  for (const file of binaries) assert.match(file, new RegExp(`^node_modules/onnxruntime-node/bin/napi-v\\d+/${platform}/${arch}/[^/]+$`));
});

test('no sources, tests, source maps or development files, and under 60 MB', () => {
  const unwanted = inExtension().filter((file) =>
    /\.(ts|mts|cts|map|tsx)$/.test(file) ||
    /^(src|test|bench|scripts|webview-ui|demo-board|\.tmp|\.tools|\.ci|bin)\//.test(file) ||
    /(^|\/)(tsconfig\.json|eslint\.config\.mjs|\.gitignore)$/.test(file));
  assert.deepEqual(unwanted, []);
  // media/screenshots only for the images README.md shows (the details page renders them).
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  for (const file of inExtension().filter((name) => name.startsWith('media/screenshots/'))) assert.ok(readme.includes(file), `${file} is shown by README.md`);
  const megabytes = statSync(vsix).size / 1024 / 1024;
  assert.ok(megabytes < 60, `${megabytes.toFixed(1)} MB`);
});

test('unpacked, its native modules load and its CLI runs', async () => {
  const unpacked = path.join(work, 'unpacked');
  for (const entry of files) {
    mkdirSync(path.dirname(path.join(unpacked, entry.name)), { recursive: true });
    writeFileSync(path.join(unpacked, entry.name), entryData(zip, entry));
  }
  const extension = path.join(unpacked, 'extension');
  const probe = [
    "const ort = require('onnxruntime-node');",
    "if (typeof ort.InferenceSession.create !== 'function') throw new Error('no InferenceSession');",
    "const { xxh64 } = require('@node-rs/xxhash');",
    "console.log(xxh64('pins').toString(16));",
  ].join('\n');
  // cwd and NODE_PATH: resolve from the unpacked folder only, never from the repository's node_modules.
  const loaded = await run(process.execPath, ['-e', probe], { cwd: extension, env: { ...process.env, NODE_PATH: '' } });
  assert.match(loaded.stdout.trim(), /^[0-9a-f]+$/);
  const version = await run(process.execPath, [path.join(extension, 'dist', 'cli.js'), '--version'], { cwd: work });
  assert.match(version.stdout, /^pinwheel \d+\.\d+\.\d+/);
});

const codeServerMissing = !existsSync(CODE_SERVER_BIN) && !process.env.CI;
test('code-server installs it', codeServerMissing ? { skip: 'needs code-server: bash scripts/install-code-server.sh' } : {}, async () => {
  const dirs = Object.fromEntries(['extensions', 'user-data', 'xdg-config', 'xdg-data'].map((name) => [name, path.join(work, 'code-server', name)]));
  for (const dir of Object.values(dirs)) mkdirSync(dir as string, { recursive: true });
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CONFIG_HOME: dirs['xdg-config'], XDG_DATA_HOME: dirs['xdg-data'] };
  delete env.VSCODE_IPC_HOOK_CLI;
  await run(CODE_SERVER_BIN, ['--extensions-dir', dirs.extensions as string, '--user-data-dir', dirs['user-data'] as string, '--install-extension', vsix], { env, timeout: 60_000 });
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
  const installed = readdirSync(dirs.extensions as string).filter((name) => name.startsWith(`${manifest.publisher}.${manifest.name}-`));
  assert.deepEqual(installed, [`${manifest.publisher}.${manifest.name}-${manifest.version}`]);
  assert.ok(existsSync(path.join(dirs.extensions as string, installed[0] ?? '', 'dist', 'extension.cjs')));
});

function inflateEntry(name: string): string {
  const entry = files.find((candidate) => candidate.name === name);
  assert.ok(entry, `${name} is in the .vsix`);
  return entryData(zip, entry).toString('utf8');
}
