// Pins performance check: `npm run bench:pins`.
//
// Every figure is measured in this one run and compared with a baseline measured in the same
// run on the same machine (never a fixed number of milliseconds), as the median of a few
// repetitions after a warm-up. Data lives in a fresh folder under os.tmpdir(), removed at the end.
// It prints a table; it does not fail the process when a target is missed (timings are not
// tests), but says MISS and where to look.
import { spawnSync } from 'node:child_process';
import { createHash, randomFillSync } from 'node:crypto';
import { copyFile, mkdtemp, open, readFile, rm, statfs, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openBoard, parseDataTxt, xxh64Hex, type Board } from '../src/core/pins/index.js';

const BIG_BYTES = 200 * 1024 * 1024;
const HASH_REPS = 9;
const FILE_REPS = 9;
const LIST_REPS = 5;
const PINS = 1000;
const VERSIONS_PER_PIN = 5;

interface Row {
  what: string;
  value: string;
  baseline: string;
  ratio: string;
  target: string;
  pass: boolean;
}

const loadAverage = () => os.loadavg().map((n) => n.toFixed(2)).join(' ');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Median wall time in ms of `run`, after one untimed warm-up; `reset` runs untimed before each. */
async function timeIt(reps: number, run: () => Promise<unknown> | unknown, reset?: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i <= reps; i += 1) {
    if (reset) await reset();
    const start = performance.now();
    await run();
    const elapsed = performance.now() - start;
    if (i > 0) times.push(elapsed);
  }
  return median(times);
}

const ms = (t: number) => `${t.toFixed(t < 10 ? 2 : 0)} ms`;
const gbps = (bytes: number, t: number) => `${(bytes / 1e9 / (t / 1000)).toFixed(2)} GB/s`;
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;

function printTable(rows: Row[]): void {
  const header = ['measurement', 'value', 'baseline', 'ratio', 'target', 'result'];
  const cells = rows.map((r) => [r.what, r.value, r.baseline, r.ratio, r.target, r.pass ? 'PASS' : 'MISS']);
  const widths = header.map((_, c) => Math.max(header[c]?.length ?? 0, ...cells.map((row) => row[c]?.length ?? 0)));
  const line = (row: string[]) => row.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  ').trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of cells) console.log(line(row));
}

async function benchHashing(): Promise<{ rows: Row[]; notes: string[] }> {
  console.error(`(1) hashing a ${mb(BIG_BYTES)} buffer: xxh64 (xxhash-wasm, as pins' pin_hash) vs node:crypto sha256…`);
  const buffer = randomFillSync(new Uint8Array(BIG_BYTES));
  // Interleaved, so a slow moment on a shared machine hits both alike.
  const { medians: { xxh, sha }, samples: hashSamples } = await timeInterleaved(HASH_REPS, {
    xxh: { run: () => xxh64Hex(buffer) },
    sha: { run: async () => createHash('sha256').update(buffer).digest('hex') },
  });
  const ratio = pairedRatio(hashSamples.sha, hashSamples.xxh);
  return {
    rows: [
      {
        what: `1. xxh64Hex of ${mb(BIG_BYTES)} in memory (vs sha256)`,
        value: `${ms(xxh)} (${gbps(BIG_BYTES, xxh)})`,
        baseline: `${ms(sha)} (${gbps(BIG_BYTES, sha)})`,
        ratio: `${ratio.toFixed(3)}x faster`,
        target: '>= 3x faster',
        pass: ratio >= 3,
      },
    ],
    notes: [],
  };
}

/**
 * Like timeIt for several steps, run in turn within each repetition. Returns the median time of
 * each step and its samples, so ratios can be taken between steps of the same repetition.
 */
async function timeInterleaved<K extends string>(
  reps: number,
  steps: Record<K, { reset?: () => Promise<unknown>; run: () => Promise<unknown> }>,
): Promise<{ medians: Record<K, number>; samples: Record<K, number[]> }> {
  const names = Object.keys(steps) as K[];
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  for (let i = 0; i <= reps; i += 1) {
    for (const name of names) {
      const step = steps[name];
      if (step.reset) await step.reset();
      const start = performance.now();
      await step.run();
      if (i > 0) samples[name].push(performance.now() - start);
    }
  }
  const medians = Object.fromEntries(names.map((name) => [name, median(samples[name])])) as Record<K, number>;
  return { medians, samples };
}

/**
 * Median of per-repetition ratios: each measurement is divided by its own baseline, taken
 * moments apart, which cancels most of the drift of a shared machine's disk and CPU.
 */
function pairedRatio(values: number[], baselines: number[]): number {
  return median(values.map((value, i) => value / (baselines[i] as number)));
}

/** Flushes dirty pages (untimed) so one repetition's write-back does not slow the next one. */
function flushDisk(): void {
  if (process.platform !== 'win32') spawnSync('sync');
}

async function fsyncFile(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function benchFilePin(work: string): Promise<{ rows: Row[]; notes: string[] }> {
  console.error(`(2) a ${mb(BIG_BYTES)} file pin: board.upload and board.download vs fs.copyFile…`);
  const source = path.join(work, 'big-input.bin');
  await writeFile(source, randomFillSync(new Uint8Array(BIG_BYTES)));
  const copyTarget = path.join(work, 'copy.bin');
  const board = await openBoard(path.join(work, 'board'), { create: true });
  const durableBoard = await openBoard(path.join(work, 'durable-board'), { create: true, durable: true });
  const downloads = path.join(work, 'downloads');
  const clearCopy = async () => {
    await rm(copyTarget, { force: true });
    flushDisk();
  };
  try {
    // Interleaved: every repetition times each step once, so a slow moment on a shared machine
    // hits the baseline and our code alike. Write-back is flushed before each timed step.
    const { medians: t, samples } = await timeInterleaved(FILE_REPS, {
      copy: { reset: clearCopy, run: () => copyFile(source, copyTarget) },
      // Each upload starts from an empty pin, so every repetition does the full write.
      upload: {
        reset: async () => {
          if (await board.exists('big')) await board.deletePin('big');
          flushDisk();
        },
        run: () => board.upload([source], { name: 'big' }),
      },
      download: {
        reset: async () => {
          await rm(downloads, { recursive: true, force: true });
          flushDisk();
        },
        run: () => board.download('big', { to: downloads }),
      },
      readInPlace: { run: () => board.read('big') },
      // The same write with `durable` (flushed to disk before the version appears), against a
      // copy that is flushed too.
      durableCopy: {
        reset: clearCopy,
        run: async () => {
          await copyFile(source, copyTarget);
          await fsyncFile(copyTarget);
        },
      },
      durableUpload: {
        reset: async () => {
          if (await durableBoard.exists('big')) await durableBoard.deletePin('big');
          flushDisk();
        },
        run: () => durableBoard.upload([source], { name: 'big' }),
      },
    });
    const { copy, upload, download, readInPlace, durableCopy, durableUpload } = t;
    const limit = 1.5;
    const writeRatio = pairedRatio(samples.upload, samples.copy);
    const readRatio = pairedRatio(samples.download, samples.copy);
    const roundTrip = samples.upload.map((upload, i) => upload + (samples.readInPlace[i] as number));
    const roundTripRatio = pairedRatio(roundTrip, samples.copy);
    return {
      rows: [
        {
          what: `2. write then read a ${mb(BIG_BYTES)} file pin (upload + read, vs fs.copyFile)`,
          value: ms(median(roundTrip)),
          baseline: ms(copy),
          ratio: `${roundTripRatio.toFixed(2)}x`,
          target: `<= ${limit}x copy`,
          pass: roundTripRatio <= limit,
        },
        {
          what: '2a. of which write: board.upload (vs fs.copyFile)',
          value: ms(upload),
          baseline: ms(copy),
          ratio: `${writeRatio.toFixed(2)}x`,
          target: `<= ${limit}x copy`,
          pass: writeRatio <= limit,
        },
        {
          what: '2b. read into a folder instead: board.download (vs fs.copyFile)',
          value: ms(download),
          baseline: ms(copy),
          ratio: `${readRatio.toFixed(2)}x`,
          target: `<= ${limit}x copy`,
          pass: readRatio <= limit,
        },
      ],
      notes: [
        `board.read of a file pin returns its path on the board, as pins' pin_download does for folder boards (no copy): ${ms(readInPlace)}`,
        `durable write (flushed to disk before it appears): ${ms(durableUpload)} vs copyFile + fsync ${ms(durableCopy)}, ${pairedRatio(samples.durableUpload, samples.durableCopy).toFixed(2)}x`,
      ],
    };
  } finally {
    await board.dispose();
    await durableBoard.dispose();
  }
}

/** Writes PINS pins of VERSIONS_PER_PIN small json versions each, a few pins at a time (untimed). */
async function fillBoard(board: Board): Promise<void> {
  const base = Date.UTC(2024, 0, 1);
  const names = Array.from({ length: PINS }, (_, i) => `pin_${String(i).padStart(4, '0')}`);
  let next = 0;
  const worker = async () => {
    while (next < names.length) {
      const name = names[next++] as string;
      for (let v = 0; v < VERSIONS_PER_PIN; v += 1) {
        await board.write({ pin: name, version: v }, { name, type: 'json', created: new Date(base + v * 3_600_000) });
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

async function benchListing(work: string): Promise<{ rows: Row[]; notes: string[] }> {
  console.error(`(3) a board of ${PINS} pins x ${VERSIONS_PER_PIN} versions: writing it (untimed)…`);
  const root = path.join(work, 'many');
  const board = await openBoard(root, { create: true });
  try {
    const fillStart = performance.now();
    await fillBoard(board);
    console.error(`    written in ${ms(performance.now() - fillStart)}; timing list, versions and meta…`);
    let versionCount = 0;
    const listAndVersions = await timeIt(LIST_REPS, async () => {
      versionCount = 0;
      for (const name of await board.list()) versionCount += (await board.versions(name)).length;
    });
    if (versionCount !== PINS * VERSIONS_PER_PIN) throw new Error(`expected ${PINS * VERSIONS_PER_PIN} versions, listed ${versionCount}`);
    const withMeta = await timeIt(LIST_REPS, async () => {
      for (const name of await board.list()) {
        await board.versions(name);
        await board.meta(name);
      }
    });
    const search = await timeIt(LIST_REPS, () => board.search('pin_09'));

    // Where 3b's extra time goes: reading the 1000 latest data.txt files vs parsing them.
    const latest = await Promise.all((await board.list()).map(async (name) => ({ name, version: (await board.versions(name)).at(-1)?.version ?? '' })));
    const files = latest.map(({ name, version }) => path.join(root, name, version, 'data.txt'));
    const readOnly = await timeIt(LIST_REPS, async () => {
      for (const file of files) await readFile(file, 'utf8');
    });
    const texts = await Promise.all(files.map((file) => readFile(file, 'utf8')));
    const parseOnly = await timeIt(LIST_REPS, () => {
      texts.forEach((text, i) => parseDataTxt(text, { pin: latest[i]?.name ?? '', version: latest[i]?.version ?? '' }));
    });
    const under = (t: number): Row['pass'] => t < 1000;
    return {
      rows: [
        { what: `3a. board.list + board.versions of each (${PINS} x ${VERSIONS_PER_PIN})`, value: ms(listAndVersions), baseline: '-', ratio: '-', target: '< 1000 ms', pass: under(listAndVersions) },
        { what: '3b. 3a + board.meta (latest data.txt) of each', value: ms(withMeta), baseline: '-', ratio: '-', target: '< 1000 ms', pass: under(withMeta) },
        { what: "3c. board.search('pin_09') (latest meta of every pin)", value: ms(search), baseline: '-', ratio: '-', target: '< 1000 ms', pass: under(search) },
      ],
      notes: [`3b's meta part: reading the ${PINS} data.txt files ${ms(readOnly)}, parsing them (parseDataTxt) ${ms(parseOnly)}; the rest is the version lookup meta() repeats`],
    };
  } finally {
    await board.dispose();
  }
}

async function main(): Promise<void> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'pinwheel-bench-'));
  const cleanup = () => rm(work, { recursive: true, force: true });
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  try {
    const fs = await statfs(work);
    console.error(`node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}, data in ${work} (fs type 0x${fs.type.toString(16)})`);
    console.error(`medians of ${HASH_REPS}/${FILE_REPS}/${LIST_REPS} repetitions after one warm-up each (ratios: median of per-repetition ratios); page cache warm`);
    console.error(`load average at start: ${loadAverage()} (other work on the machine slows every figure, baselines included)\n`);
    const parts = [await benchHashing(), await benchFilePin(work), await benchListing(work)];
    const rows = parts.flatMap((part) => part.rows);
    console.log('');
    printTable(rows);
    const notes = parts.flatMap((part) => part.notes);
    if (notes.length > 0) console.log(`\nWhere the time goes (same run):\n${notes.map((note) => `  - ${note}`).join('\n')}`);
    console.log(`\nload average at end: ${loadAverage()}`);
    const missed = rows.filter((r) => !r.pass);
    console.log(missed.length === 0 ? '\nAll targets met.' : `\n${missed.length} target(s) missed: ${missed.map((r) => r.what.split('.')[0]).join(', ')}.`);
  } finally {
    await cleanup();
  }
}

await main();
