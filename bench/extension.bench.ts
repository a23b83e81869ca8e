// Extension performance check: `npm run bench:extension`.
//
// 1. Activation: Pinwheel's dist/extension.cjs required and activated in a fresh Node process (the
//    way VS Code's extension host does it, `vscode` answered by a stub), against a minimal extension
//    measured the same way in the same run. Target: under 100 ms, with onnxruntime never loaded.
// 2. Opening a board of 1,000 pins in the Boards view (the rows of the board, each pin's latest
//    metadata read for its icon and title), against reading the same 1,000 data.txt files raw.
//    Target: under a second.
// 3. The platform .vsix (`npm run package`): its size. Target: under 60 MB.
// Timings are medians after a warm-up; the process never fails on a miss (timings are not tests).
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import * as vscode from 'vscode';
import { openBoard, tableFromRecords } from '../src/core/pins/index.js';
import { BoardRegistry } from '../src/extension/boards/boardRegistry.js';
import { BoardsTreeProvider } from '../src/extension/boards/boardsTree.js';
import { setConfiguration } from '../test/support/vscode/stub.js';

const repoRoot = path.resolve(import.meta.dirname, '..');
const ACTIVATION_RUNS = 15;
const TREE_RUNS = 5;
const PINS = 1000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const rows: { what: string; value: string; baseline: string; ratio: string; target: string; pass: boolean }[] = [];
const work = await mkdtemp(path.join(os.tmpdir(), 'pinwheel-bench-extension-'));

try {
  console.log(`Pinwheel extension benchmark — node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg().map((n) => n.toFixed(2)).join(' ')}`);
  const built = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('the build failed');

  // ---- 1. activation ---------------------------------------------------------------------------
  const stubFile = path.join(work, 'vscode-stub.mjs');
  await build({ entryPoints: [path.join(repoRoot, 'test/support/vscode/stub.ts')], outfile: stubFile, bundle: true, platform: 'node', format: 'esm', logLevel: 'warning' });
  const activate = (main: string) => {
    const child = spawnSync(process.execPath, [path.join(repoRoot, 'bench/extension/activate.child.mjs'), stubFile, main], {
      encoding: 'utf8',
      env: { ...process.env, BENCH_STORAGE: path.join(work, 'storage'), BENCH_EXTENSION_PATH: repoRoot },
    });
    if (child.status !== 0) throw new Error(`activation failed:\n${child.stderr}`);
    return JSON.parse(child.stdout.trim().split('\n').pop()!) as { activateMs: number; onnxruntimeLoaded: boolean };
  };
  const ours: number[] = [];
  const baseline: number[] = [];
  let onnxruntimeLoaded = false;
  for (let run = 0; run <= ACTIVATION_RUNS; run++) {
    const base = activate(path.join(repoRoot, 'bench/extension/minimal-extension.cjs'));
    const mine = activate(path.join(repoRoot, 'dist/extension.cjs'));
    onnxruntimeLoaded ||= mine.onnxruntimeLoaded;
    if (run === 0) continue; // warm-up: the OS file cache
    baseline.push(base.activateMs);
    ours.push(mine.activateMs);
  }
  const activation = median(ours);
  const minimal = median(baseline);
  rows.push({ what: 'activation (require + activate)', value: `${activation.toFixed(1)} ms`, baseline: `${minimal.toFixed(1)} ms minimal extension`, ratio: `${(activation / minimal).toFixed(1)}×`, target: '< 100 ms', pass: activation < 100 });
  rows.push({ what: 'onnxruntime loaded by activation', value: String(onnxruntimeLoaded), baseline: '-', ratio: '-', target: 'false', pass: !onnxruntimeLoaded });

  // ---- 2. a board of 1,000 pins ------------------------------------------------------------------
  const boardFolder = path.join(work, 'board');
  const board = await openBoard(boardFolder, { create: true });
  for (let index = 0; index < PINS; index++) {
    await board.write(tableFromRecords([{ id: index, value: index * 1.5 }]), { name: `pin_${String(index).padStart(4, '0')}`, type: 'csv', title: `Pin number ${index}` });
  }
  setConfiguration('pinwheel.discoverBoards', false);
  setConfiguration('pinwheel.boards', [{ name: 'Big', uri: boardFolder }]);
  const memento = { get: () => undefined, update: async () => {}, keys: () => [] };
  const served = { onDidChange: new vscode.EventEmitter<void>().event, list: () => [] };
  const openTree = async () => {
    const registry = new BoardRegistry({ demoFolder: path.join(work, 'demo'), state: memento });
    const tree = new BoardsTreeProvider(registry, served);
    const [boardRow] = await tree.getChildren();
    const pins = await tree.getChildren(boardRow);
    pins.forEach((pin) => tree.getTreeItem(pin));
    if (pins.length !== PINS) throw new Error(`expected ${PINS} pin rows, got ${pins.length}`);
    tree.dispose();
    registry.dispose();
  };
  const readRaw = async () => {
    const pins = await readdir(boardFolder);
    await Promise.all(pins.map(async (pin) => {
      const versions = await readdir(path.join(boardFolder, pin));
      return readFile(path.join(boardFolder, pin, versions.sort().at(-1)!, 'data.txt'), 'utf8');
    }));
  };
  const treeTimes: number[] = [];
  const rawTimes: number[] = [];
  for (let run = 0; run <= TREE_RUNS; run++) {
    let start = performance.now();
    await readRaw();
    const raw = performance.now() - start;
    start = performance.now();
    await openTree();
    const opened = performance.now() - start;
    if (run === 0) continue;
    rawTimes.push(raw);
    treeTimes.push(opened);
  }
  const treeMs = median(treeTimes);
  const rawMs = median(rawTimes);
  rows.push({ what: `open a board of ${PINS} pins (rows + latest metadata)`, value: `${treeMs.toFixed(0)} ms`, baseline: `${rawMs.toFixed(0)} ms reading the data.txt files raw`, ratio: `${(treeMs / rawMs).toFixed(1)}×`, target: '< 1000 ms', pass: treeMs < 1000 });

  // ---- 3. the .vsix ------------------------------------------------------------------------------
  const packaged = spawnSync('npm', ['run', '--silent', 'package'], { cwd: repoRoot, encoding: 'utf8' });
  if (packaged.status !== 0) console.error(`npm run package failed:\n${packaged.stdout}\n${packaged.stderr}`);
  const vsix = (await readdir(repoRoot)).filter((file) => file.endsWith('.vsix')).map((file) => path.join(repoRoot, file));
  const newest = (await Promise.all(vsix.map(async (file) => ({ file, info: await stat(file) })))).sort((a, b) => b.info.mtimeMs - a.info.mtimeMs)[0];
  if (packaged.status !== 0 || !newest) rows.push({ what: '.vsix size', value: 'no .vsix', baseline: '-', ratio: '-', target: '< 60 MB', pass: false });
  else {
    const megabytes = newest.info.size / 1024 / 1024;
    rows.push({ what: `${path.basename(newest.file)} size`, value: `${megabytes.toFixed(1)} MB`, baseline: '-', ratio: '-', target: '< 60 MB', pass: megabytes < 60 });
  }

  console.log('');
  const widths = [46, 12, 40, 7, 11];
  const line = (cells: string[]) => cells.map((cell, index) => cell.padEnd(widths[index]!)).join(' ');
  console.log(line(['measure', 'value', 'baseline (same run)', 'ratio', 'target']) + ' result');
  for (const row of rows) console.log(line([row.what, row.value, row.baseline, row.ratio, row.target]) + ` ${row.pass ? 'ok' : 'MISS'}`);
} finally {
  await rm(work, { recursive: true, force: true });
}
