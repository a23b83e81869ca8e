// `npm run package`: builds Pinwheel and packs the VS Code extension for THIS platform as
// pinwheel-<version>-<platform>-<arch>.vsix (e.g. linux-x64), holding only what runs:
//   dist/ without source maps, media/ without the screenshots (except images README.md shows),
//   package.json, README.md, LICENSE (when there is one), a package-lock.json cut down to the
//   runtime dependencies (`Write App…` derives the app's lockfile from it), and the native
//   modules the bundles leave external: onnxruntime-node (only this platform's binaries) with
//   onnxruntime-common, and @node-rs/xxhash with its binary package for this platform.
// esbuild bundles everything else, so no other node_modules folder goes in.
//
// How: the files are copied into a staging folder (.tmp/vsix-stage) and vsce packs that folder.
// vsce's --no-dependencies would drop node_modules/ altogether (it globs with 'node_modules/**'
// ignored), so vsce runs in its default mode, where `npm list --production` in the staging
// folder names the dependency folders to include: exactly the ones staged.
//
//   node scripts/package.mjs [--skip-build] [--out FILE] [--stage DIR]
//     --skip-build  use the existing dist/ (tests do: npm test has just built it)
//     --out         where to write the .vsix (default: ./pinwheel-<version>-<target>.vsix)
//     --stage       staging folder (default: .tmp/vsix-stage; emptied first)
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const root = path.resolve(import.meta.dirname, '..');
const { values: args } = parseArgs({
  options: {
    'skip-build': { type: 'boolean', default: false },
    out: { type: 'string' },
    stage: { type: 'string' },
  },
});

/** The Marketplace's target name for this machine (vsce --target). */
function vsceTarget() {
  const arch = { x64: 'x64', arm64: 'arm64', arm: 'armhf' }[process.arch];
  const platform = { linux: 'linux', darwin: 'darwin', win32: 'win32' }[process.platform];
  if (!arch || !platform) throw new Error(`No VS Code target for ${process.platform}-${process.arch}.`);
  // Alpine and other musl systems are a target of their own.
  const musl = platform === 'linux' && !process.report?.getReport().header.glibcVersionRuntime;
  return musl ? `alpine-${arch}` : `${platform}-${arch}`;
}

function run(command, commandArgs, options = {}) {
  const result = spawnSync(command, commandArgs, { stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new Error(`${[command, ...commandArgs].join(' ')} failed (${result.error?.message ?? `exit status ${result.status}`})`);
  }
}

/** Copies `from` (file or folder) to `to`, keeping only the files for which keep(relative path) holds. */
function copyFiltered(from, to, keep = () => true) {
  const walk = (relative) => {
    const source = path.join(from, relative);
    if (statSync(source).isDirectory()) {
      for (const entry of readdirSync(source)) walk(path.join(relative, entry));
    } else if (keep(relative.split(path.sep).join('/'))) {
      mkdirSync(path.dirname(path.join(to, relative)), { recursive: true });
      copyFileSync(source, path.join(to, relative));
    }
  };
  walk('');
}

const isLicense = (file) => /^(license|licence|notice|thirdpartynotices)(\.(md|txt))?$/i.test(path.posix.basename(file));
const noMapsOrTypes = (file) => !file.endsWith('.map') && !file.endsWith('.ts');

const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const target = vsceTarget();
const [platform, arch] = [process.platform, process.arch];
const out = path.resolve(args.out ?? path.join(root, `${manifest.name}-${manifest.version}-${target}.vsix`));
const stage = path.resolve(args.stage ?? path.join(root, '.tmp', 'vsix-stage'));

if (!args['skip-build']) run(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root });
if (!existsSync(path.join(root, 'dist', 'extension.cjs'))) {
  throw new Error(`${path.join(root, 'dist', 'extension.cjs')} is missing: run \`npm run build\` first.`);
}

rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });

// The extension's own files.
copyFiltered(path.join(root, 'dist'), path.join(stage, 'dist'), (file) => !file.endsWith('.map'));
copyFiltered(path.join(root, 'media'), path.join(stage, 'media'), (file) => !file.startsWith('screenshots/'));
copyFileSync(path.join(root, 'README.md'), path.join(stage, 'README.md'));
// Images README.md shows (the extension's details page renders them from the package).
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
for (const [, image] of readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)[^)]*\)/g)) {
  if (/^[a-z]+:/i.test(image) || image.startsWith('#')) continue;
  const file = path.join(root, image);
  if (existsSync(file)) cpSync(file, path.join(stage, image));
}
for (const file of readdirSync(root).filter((name) => isLicense(name) || /^changelog\.md$/i.test(name))) {
  copyFileSync(path.join(root, file), path.join(stage, file));
}

// The native modules the bundles load from node_modules at run time (scripts/build.mjs: external).
// (Found the way node finds them; not with require.resolve('x/package.json'), which a package's
// "exports" may forbid.)
function packageFolder(name, from = root) {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`${name} is not installed: run \`npm install\`.`);
  }
}
const runtimePackages = [
  {
    name: 'onnxruntime-node',
    // Its binaries for every platform are ~290 MB; this platform's are in bin/napi-v*/<platform>/<arch>.
    keep: (file) => file === 'package.json' || isLicense(file) || (file.startsWith('dist/') && noMapsOrTypes(file)) ||
      new RegExp(`^bin/napi-v\\d+/${platform}/${arch}/`).test(file),
    // adm-zip and global-agent serve only its install script (not shipped): without them
    // listed, `npm list` in the staging folder finds nothing missing.
    manifest: (pkg) => ({ ...pkg, dependencies: { 'onnxruntime-common': pkg.dependencies['onnxruntime-common'] }, scripts: {}, devDependencies: {} }),
  },
  // onnxruntime-node require()s it: the CommonJS build only.
  { name: 'onnxruntime-common', from: packageFolder('onnxruntime-node'), keep: (file) => file === 'package.json' || isLicense(file) || (file.startsWith('dist/cjs/') && noMapsOrTypes(file)) },
  { name: '@node-rs/xxhash', keep: (file) => ['package.json', 'index.js'].includes(file) || isLicense(file) },
];
// @node-rs/xxhash loads its binary from one optional package per platform: the one(s) installed for this one.
const xxhashManifest = JSON.parse(readFileSync(path.join(packageFolder('@node-rs/xxhash'), 'package.json'), 'utf8'));
for (const name of Object.keys(xxhashManifest.optionalDependencies ?? {})) {
  if (!name.startsWith(`@node-rs/xxhash-${platform}-${arch}`)) continue;
  try {
    packageFolder(name);
  } catch {
    continue; // not installed here (e.g. the musl build on a glibc system)
  }
  runtimePackages.push({ name, keep: (file) => file === 'package.json' || isLicense(file) || file.endsWith('.node') });
}
for (const { name, from, keep, manifest: rewrite } of runtimePackages) {
  const to = path.join(stage, 'node_modules', name);
  copyFiltered(packageFolder(name, from), to, keep);
  if (rewrite) writeFileSync(path.join(to, 'package.json'), `${JSON.stringify(rewrite(JSON.parse(readFileSync(path.join(to, 'package.json'), 'utf8'))), null, 2)}\n`);
}

// package.json as the extension needs it: no scripts or dev tooling, and the external modules
// as its only dependencies (what `npm list` checks against the staged node_modules).
const runtimeDependencies = Object.fromEntries(['onnxruntime-node', '@node-rs/xxhash'].map((name) => [name, manifest.dependencies[name]]));
const { devDependencies: _dev, scripts: _scripts, allowScripts: _allow, bin: _bin, ...stagedManifest } = manifest;
writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify({ ...stagedManifest, dependencies: runtimeDependencies }, null, 2)}\n`);

// package-lock.json with the runtime dependencies' entries and all they depend on (with the
// install-time ones: an app written by `Write App…` installs onnxruntime-node with them).
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
const kept = { '': { name: manifest.name, version: manifest.version, dependencies: runtimeDependencies } };
const resolveIn = (from, name) => {
  for (let base = from; ; base = base.includes('/node_modules/') ? base.slice(0, base.lastIndexOf('/node_modules/')) : '') {
    const candidate = base ? `${base}/node_modules/${name}` : `node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (!base) return undefined;
  }
};
const queue = Object.keys(runtimeDependencies).map((name) => resolveIn('', name));
while (queue.length > 0) {
  const key = queue.pop();
  if (!key || kept[key]) continue;
  const entry = lock.packages[key];
  kept[key] = entry;
  for (const dependency of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies, ...entry.peerDependencies })) {
    queue.push(resolveIn(key, dependency));
  }
}
writeFileSync(path.join(stage, 'package-lock.json'), `${JSON.stringify({ name: manifest.name, version: manifest.version, lockfileVersion: lock.lockfileVersion, requires: true, packages: kept }, null, 2)}\n`);

// The staging folder holds only what ships; this file keeps the lockfile, which vsce leaves out by default.
writeFileSync(path.join(stage, '.vscodeignore'), '# Written by scripts/package.mjs: everything staged ships.\n!package-lock.json\n');

// Pack. --no-rewrite-relative-links: the project has no public repository URL for vsce to
// rewrite README links to; the images README.md shows are in the package instead.
const vsce = path.join(packageFolder('@vscode/vsce'), 'vsce');
mkdirSync(path.dirname(out), { recursive: true });
rmSync(out, { force: true });
const vsceArgs = ['package', '--target', target, '--out', out, '--allow-missing-repository', '--no-rewrite-relative-links', '--no-yarn'];
if (!readdirSync(stage).some(isLicense)) vsceArgs.push('--skip-license');
// stdin closed: vsce must not sit waiting for an answer to a question.
run(process.execPath, [vsce, ...vsceArgs], { cwd: stage, stdio: ['ignore', 'inherit', 'inherit'] });

const megabytes = statSync(out).size / 1024 / 1024;
console.log(`${path.relative(process.cwd(), out) || out}  ${megabytes.toFixed(1)} MB  (${target})`);
