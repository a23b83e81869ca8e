// Predict server performance check: `npm run build && npm run bench:server [-- --reps 3 --duration 5]`.
//
// Throughput and latency with wrk, against servers in their own child processes: (1) a bare
// Fastify route answering a constant (the baseline: same Fastify, plain node), (2) the real
// `pinwheel serve` of the pins-python forest pinned into a temporary board, with 1 row per
// request, (3) the same with 100 rows. Each at 1 and 10 connections. The cells are interleaved
// over the repetitions (their order rotating), so a slow moment of a shared machine hits the
// baseline and our server alike; a ratio is the median of per-repetition ratios of cells run
// moments apart. Then start-up: spawn → ready line → first /ping answer, of `pinwheel serve`
// and of the bare server, median of 5 starts each, alternated.
// Like bench:pins, it prints PASS/FAIL per target and exits 0 either way (timings are not tests);
// it exits 1 only when it cannot run (no wrk, no build).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { demoAdsModel } from '../src/core/demo/adsModel.js';
import { AD_FEATURES } from '../src/core/demo/syntheticAds.js';
import { repoRoot, sharedDir } from '../test/support/sharedFixtures.js';
import { postScript, runWrk, wrkVersion, type WrkResult } from './wrk.js';

const CLI = path.join(repoRoot, 'bin', 'pinwheel.js');
const BARE = path.join(repoRoot, 'bench', 'bare-fastify.server.mjs');
const CONNECTIONS = [1, 10] as const;
const STARTS = 5;
const PIN = 'ads_rf';

// ---------------------------------------------------------------------------------------------
// Arguments and preconditions.

function options(): { reps: number; seconds: number; model: 'fixture' | 'demo' } {
  const { values } = parseArgs({
    options: {
      reps: { type: 'string', default: '3' },
      duration: { type: 'string', default: '5' },
      model: { type: 'string', default: sharedDir ? 'fixture' : 'demo' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log('Usage: npm run bench:server [-- --reps N (default 3)] [--duration SECONDS per cell (default 5)] [--model fixture|demo]');
    process.exit(0);
  }
  const whole = (name: string, text: string) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) {
      console.error(`--${name} must be a whole number of at least 1, got "${text}".`);
      process.exit(1);
    }
    return n;
  };
  if (values.model !== 'fixture' && values.model !== 'demo') {
    console.error(`--model is fixture (the pins-python forest in ../shared/fixtures) or demo (the demo board's forest), got "${values.model}".`);
    process.exit(1);
  }
  if (values.model === 'fixture' && !sharedDir) {
    console.error('--model fixture needs ../shared/fixtures, which is not here; use --model demo.');
    process.exit(1);
  }
  return { reps: whole('reps', values.reps), seconds: whole('duration', values.duration), model: values.model };
}

function preconditions(): { wrk: string; fastify: string } {
  const wrk = wrkVersion();
  if (!wrk) {
    console.error('wrk is not installed, and this benchmark measures with it (autocannon reports latency in whole milliseconds only).');
    console.error('Install it: sudo apt-get install wrk   (Debian/Ubuntu; macOS: brew install wrk)');
    process.exit(1);
  }
  const help = spawnSync(process.execPath, [CLI, 'serve', '--help'], { encoding: 'utf8' });
  if (!existsSync(path.join(repoRoot, 'dist', 'cli.js')) || help.status !== 0) {
    console.error(`The built CLI cannot run \`pinwheel serve\` (${help.stderr.trim().split('\n')[0] ?? 'no dist/cli.js'}). Build it first: npm run build`);
    process.exit(1);
  }
  const fastify = (JSON.parse(readFileSync(path.join(repoRoot, 'node_modules', 'fastify', 'package.json'), 'utf8')) as { version: string }).version;
  return { wrk, fastify };
}

// ---------------------------------------------------------------------------------------------
// The model on a temporary board, pinned with the real CLI.

async function pinForest(work: string, model: 'fixture' | 'demo'): Promise<{ board: string; what: string; version: string }> {
  let onnx: string;
  let rows: Record<string, unknown>[];
  let what: string;
  if (model === 'fixture' && sharedDir) {
    const pin = path.join(sharedDir, 'fixtures', 'pins-python-written', 'ads_rf_onnx');
    const version = readdirSync(pin).sort().at(-1) ?? '';
    onnx = path.join(pin, version, 'ads_rf.onnx');
    rows = (JSON.parse(readFileSync(path.join(sharedDir, 'fixtures', 'pins-python-written.expected.json'), 'utf8')) as { rows: Record<string, unknown>[] }).rows;
    what = "the pins-python forest (skl2onnx, ../shared/fixtures)";
  } else {
    const demo = demoAdsModel();
    onnx = path.join(work, 'ads_rf.onnx');
    await writeFile(onnx, demo.onnx);
    rows = demo.trainingRows.map((row) => Object.fromEntries(AD_FEATURES.map((f) => [f, row[f]])));
    what = "the demo board's forest (20 trees)";
  }
  const prototype = path.join(work, 'prototype.json');
  await writeFile(prototype, JSON.stringify(rows));
  const board = path.join(work, 'board');
  const pinned = spawnSync(process.execPath, [CLI, 'pin-model', onnx, '--name', PIN, '--prototype', prototype, '--features', AD_FEATURES.join(','), '--create', '--board', board, '--json'], { encoding: 'utf8' });
  if (pinned.status !== 0) throw new Error(`pinwheel pin-model failed:\n${pinned.stderr}`);
  return { board, what, version: (JSON.parse(pinned.stdout) as { version: string }).version };
}

// ---------------------------------------------------------------------------------------------
// Servers in child processes.

interface ServerProcess {
  url: string;
  pid: number;
  /** performance.now() in the child when it printed its ready line (node start → listening). */
  readyMs: number | null;
  /** Spawn → first 200 from GET /ping, as a client sees it. */
  firstPingMs: number;
  stop(): Promise<void>;
}

type ServerKind = 'pinwheel' | 'bare';

function ping(url: string): Promise<number> {
  return new Promise((resolve) => {
    const request = http.get(`${url}/ping`, { agent: false }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', () => resolve(0));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

const running = new Set<ChildProcess>();

async function startServer(kind: ServerKind, board: string): Promise<ServerProcess> {
  const args = kind === 'pinwheel' ? [CLI, 'serve', PIN, '--board', board, '--port', '0', '--json'] : [BARE, '0'];
  const started = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ready = await new Promise<{ url: string; startupMs?: number }>((resolve, reject) => {
    let stdout = '';
    const onData = (chunk: Buffer) => {
      stdout += chunk.toString();
      const newline = stdout.indexOf('\n');
      if (newline < 0) return;
      child.stdout?.off('data', onData);
      // From here the request log (one line per request) is read and dropped, so the child never blocks on a full pipe.
      child.stdout?.resume();
      try {
        resolve(JSON.parse(stdout.slice(0, newline)) as { url: string; startupMs?: number });
      } catch {
        reject(new Error(`${kind} server's first line is not its ready JSON: ${stdout.slice(0, newline)}`));
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${kind} server exited (${code}) before it was ready:\n${stderr}`)));
  });
  while ((await ping(ready.url)) !== 200) {
    if (child.exitCode !== null) throw new Error(`${kind} server exited before answering /ping:\n${stderr}`);
  }
  const firstPingMs = performance.now() - started;
  return { url: ready.url, pid: child.pid ?? 0, readyMs: ready.startupMs ?? null, firstPingMs, stop: () => stopChild(child) };
}

async function post(url: string, body: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
  return { status: response.status, text: await response.text() };
}

/** CPU time (user + system, all threads) of a process in microseconds, from /proc; null off Linux. */
const clockTicks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim() || 100);
function cpuMicros(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) / clockTicks) * 1e6;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Statistics and formatting.

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const loadAverage = () => os.loadavg().map((n) => n.toFixed(2)).join(' ');
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const latency = (us: number) => (us < 1000 ? `${Math.round(us)} µs` : us < 1e6 ? `${(us / 1000).toFixed(2)} ms` : `${(us / 1e6).toFixed(2)} s`);
const ms = (t: number) => `${Math.round(t)} ms`;
const range = (values: number[], format: (n: number) => string) => (values.length > 1 ? `${format(Math.min(...values))}–${format(Math.max(...values))}` : format(values[0] ?? NaN));

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]?.length ?? 0)));
  const line = (row: string[]) => row.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  ').trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

// ---------------------------------------------------------------------------------------------

interface Config {
  key: 'bare' | 'one' | 'hundred';
  label: string;
  rows: number;
  server: () => ServerProcess;
  script: string;
}

interface Sample {
  wrk: WrkResult;
  cpuUsPerRequest: number | null;
}

function rowsBody(count: number): string {
  return JSON.stringify(Array.from({ length: count }, (_, i) => Object.fromEntries(AD_FEATURES.map((f, b) => [f, (((i * 37) % 64) & (1 << b)) !== 0]))));
}

async function main(): Promise<void> {
  const { reps, seconds, model } = options();
  const { wrk, fastify } = preconditions();
  const work = await mkdtemp(path.join(os.tmpdir(), 'pinwheel-bench-server-'));
  const cleanup = async () => {
    await Promise.all([...running].map((child) => stopChild(child)));
    await rm(work, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  try {
    console.error(`node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}, ${wrk.split(' [')[0]}, fastify ${fastify}`);
    const pinned = await pinForest(work, model);
    console.error(`model: ${pinned.what}, pinned with \`pinwheel pin-model\` as ${PIN}@${pinned.version} on a temporary board`);
    console.error(`throughput: wrk -t1 -c{1,10} -d${seconds}s --latency, ${reps} repetitions, cells interleaved; start-up: median of ${STARTS} starts`);
    console.error(`load average at start: ${loadAverage()} (other work on the machine slows every figure, baselines included)\n`);

    // --- Start-up: spawn → ready line → first /ping, alternated between the two servers.
    console.error(`start-up: ${STARTS} starts of \`pinwheel serve\` and of the bare Fastify server (after one untimed start of each)…`);
    const startup: Record<ServerKind, { firstPing: number[]; ready: number[] }> = { pinwheel: { firstPing: [], ready: [] }, bare: { firstPing: [], ready: [] } };
    // Where serve's start-up goes: node alone, and loading the CLI bundle (`pinwheel --version`).
    const nodeAlone: number[] = [];
    const cliLoad: number[] = [];
    const timeRun = (args: string[]) => {
      const start = performance.now();
      spawnSync(process.execPath, args, { stdio: 'ignore' });
      return performance.now() - start;
    };
    for (let i = -1; i < STARTS; i += 1) {
      const node = timeRun(['-e', '0']);
      const cli = timeRun([CLI, '--version']);
      if (i >= 0) {
        nodeAlone.push(node);
        cliLoad.push(cli);
      }
      for (const kind of (i % 2 === 0 ? ['pinwheel', 'bare'] : ['bare', 'pinwheel']) as ServerKind[]) {
        const server = await startServer(kind, pinned.board);
        await server.stop();
        if (i >= 0) {
          startup[kind].firstPing.push(server.firstPingMs);
          if (server.readyMs !== null) startup[kind].ready.push(server.readyMs);
        }
      }
    }

    // --- Throughput.
    const oneBody = path.join(work, 'one-row.json');
    const hundredBody = path.join(work, 'hundred-rows.json');
    await writeFile(oneBody, rowsBody(1));
    await writeFile(hundredBody, rowsBody(100));
    const oneScript = path.join(work, 'one-row.lua');
    const hundredScript = path.join(work, 'hundred-rows.lua');
    await writeFile(oneScript, postScript(oneBody));
    await writeFile(hundredScript, postScript(hundredBody));

    const pinwheel = await startServer('pinwheel', pinned.board);
    const bare = await startServer('bare', pinned.board);
    for (const [count, file] of [[1, oneBody], [100, hundredBody]] as const) {
      const answer = await post(`${pinwheel.url}/predict`, readFileSync(file, 'utf8'));
      const predictions = answer.status === 200 ? (JSON.parse(answer.text) as { predict: unknown[] }).predict.length : -1;
      if (predictions !== count) throw new Error(`pinwheel serve answered ${answer.status} with ${predictions} predictions for ${count} rows: ${answer.text.slice(0, 300)}`);
    }
    if ((await post(`${bare.url}/predict`, rowsBody(1))).status !== 200) throw new Error('the bare Fastify server did not answer 200');

    const configs: Config[] = [
      { key: 'bare', label: '(1) bare Fastify route, constant answer', rows: 1, server: () => bare, script: oneScript },
      { key: 'one', label: '(2) pinwheel serve: POST /predict, 1 row', rows: 1, server: () => pinwheel, script: oneScript },
      { key: 'hundred', label: '(3) pinwheel serve: POST /predict, 100 rows', rows: 100, server: () => pinwheel, script: hundredScript },
    ];
    console.error('throughput: warming up each server (1 s per configuration, untimed)…');
    for (const config of configs) await runWrk({ url: `${config.server().url}/predict`, connections: 10, seconds: 1, script: config.script });

    const samples = new Map<string, Sample[]>();
    for (let rep = 0; rep < reps; rep += 1) {
      for (const connections of CONNECTIONS) {
        // Rotate the order each repetition, so no configuration always runs first or last.
        const order = configs.map((_, i) => configs[(i + rep) % configs.length] as Config);
        for (const config of order) {
          console.error(`  repetition ${rep + 1}/${reps}, ${connections} connection${connections > 1 ? 's' : ''}: ${config.label}…`);
          const server = config.server();
          const cpuBefore = cpuMicros(server.pid);
          const result = await runWrk({ url: `${server.url}/predict`, connections, seconds, script: config.script });
          const cpuAfter = cpuMicros(server.pid);
          const cpu = cpuBefore === null || cpuAfter === null || result.requests === 0 ? null : (cpuAfter - cpuBefore) / result.requests;
          const key = `${config.key}|${connections}`;
          samples.set(key, [...(samples.get(key) ?? []), { wrk: result, cpuUsPerRequest: cpu }]);
        }
      }
    }
    await pinwheel.stop();
    await bare.stop();

    // --- Report.
    console.log('');
    console.log(`Throughput and latency (wrk -t1, ${seconds} s per cell, ${reps} repetitions interleaved; req/s: median (range), p50: median, p99: median (range))`);
    const cell = (key: Config['key'], connections: number) => samples.get(`${key}|${connections}`) ?? [];
    const rows: string[][] = [];
    let invalid = 0;
    for (const config of configs) {
      for (const connections of CONNECTIONS) {
        const list = cell(config.key, connections);
        const rps = list.map((s) => s.wrk.requestsPerSecond);
        const cpus = list.flatMap((s) => (s.cpuUsPerRequest === null ? [] : [s.cpuUsPerRequest]));
        const errors = list.reduce((n, s) => n + s.wrk.non2xx, 0);
        const socket = list.map((s) => s.wrk.socketErrors).filter((e): e is string => e !== null);
        if (errors > 0 || socket.length > 0) invalid += 1;
        rows.push([
          config.label,
          String(connections),
          `${int(median(rps))} (${range(rps, int)})`,
          config.rows > 1 ? int(median(rps) * config.rows) : '',
          latency(median(list.map((s) => s.wrk.p50))),
          `${latency(median(list.map((s) => s.wrk.p99)))} (${range(list.map((s) => s.wrk.p99), latency)})`,
          cpus.length > 0 ? int(median(cpus)) : 'n/a',
          errors > 0 || socket.length > 0 ? `${errors} non-2xx${socket.length > 0 ? `; ${socket[0]}` : ''}` : '0',
        ]);
      }
    }
    printTable(['configuration', 'conns', 'req/s', 'rows/s', 'p50', 'p99', 'server CPU µs/req', 'errors'], rows);
    if (invalid > 0) console.log(`\n${invalid} cell(s) had errors: their figures do not measure successful predictions.`);

    const ratio = (key: Config['key'], connections: number) => {
      const base = cell('bare', connections);
      return median(cell(key, connections).map((s, i) => s.wrk.requestsPerSecond / (base[i]?.wrk.requestsPerSecond ?? NaN)));
    };
    const targets: { what: string; value: string; target: string; pass: boolean }[] = [];
    console.log('\nRatios to the bare Fastify route (median of per-repetition ratios of req/s):');
    for (const connections of CONNECTIONS) {
      const one = ratio('one', connections);
      const hundred = ratio('hundred', connections);
      const rowsGain = median(cell('hundred', connections).map((s, i) => (s.wrk.requestsPerSecond * 100) / (cell('one', connections)[i]?.wrk.requestsPerSecond ?? NaN)));
      console.log(`  ${connections} connection${connections > 1 ? 's' : ' '}: (2)/(1) = ${one.toFixed(2)}   (3)/(1) = ${hundred.toFixed(2)}   rows/s of (3) vs (2): ${rowsGain.toFixed(1)}x`);
      targets.push({ what: `(2)/(1) req/s at ${connections} connection${connections > 1 ? 's' : ''}`, value: `${one.toFixed(3)}x`, target: '>= 0.5x', pass: one >= 0.5 });
    }

    const serveStart = median(startup.pinwheel.firstPing);
    const bareStart = median(startup.bare.firstPing);
    const startRatio = median(startup.pinwheel.firstPing.map((t, i) => t / (startup.bare.firstPing[i] ?? NaN)));
    console.log(`\nStart-up, spawn → first /ping answer (median of ${STARTS}; the child's own node-start → listening in brackets):`);
    console.log(`  pinwheel serve (load ONNX pin + session + Fastify): ${ms(serveStart)} (${range(startup.pinwheel.firstPing, ms)}) [${ms(median(startup.pinwheel.ready))}]`);
    console.log(`  bare Fastify:                                       ${ms(bareStart)} (${range(startup.bare.firstPing, ms)}) [${ms(median(startup.bare.ready))}]`);
    console.log(`  ratio: ${startRatio.toFixed(2)}x (median of per-pair ratios)`);
    console.log(`  for scale: \`node -e 0\` ${ms(median(nodeAlone))}; \`pinwheel --version\` (node + loading the CLI bundle, no server) ${ms(median(cliLoad))}`);
    targets.push({ what: 'pinwheel serve start → first /ping', value: ms(serveStart), target: '< 500 ms', pass: serveStart < 500 });

    console.log('\nTargets:');
    for (const t of targets) console.log(`  ${t.pass ? 'PASS' : 'FAIL'}  ${t.what}: ${t.value} (target ${t.target})`);
    console.log(`\nload average at end: ${loadAverage()}`);

    // --- A block to paste into the README.
    const md = (key: Config['key'], connections: number) => {
      const list = cell(key, connections);
      return `${int(median(list.map((s) => s.wrk.requestsPerSecond)))} req/s, p50 ${latency(median(list.map((s) => s.wrk.p50)))}`;
    };
    console.log('\nREADME summary (Markdown):\n');
    console.log(`| measurement (wrk -t1, ${seconds} s × ${reps} interleaved) | Pinwheel (\`pinwheel serve\`) | baseline: bare Fastify ${fastify} route | ratio | target |`);
    console.log('| --- | --- | --- | --- | --- |');
    for (const connections of CONNECTIONS) {
      const c = `${connections} connection${connections > 1 ? 's' : ''}`;
      const one = ratio('one', connections);
      console.log(`| POST /predict, 1 row, ${c} | ${md('one', connections)} | ${md('bare', connections)} | ${one.toFixed(2)}× | ≥ 0.5× |`);
    }
    for (const connections of CONNECTIONS) {
      const c = `${connections} connection${connections > 1 ? 's' : ''}`;
      const rps = median(cell('hundred', connections).map((s) => s.wrk.requestsPerSecond));
      console.log(`| POST /predict, 100 rows, ${c} | ${md('hundred', connections)} (${int(rps * 100)} rows/s) | ${md('bare', connections)} | ${ratio('hundred', connections).toFixed(2)}× | |`);
    }
    console.log(`| start → first /ping answer (median of ${STARTS}) | ${ms(serveStart)} | ${ms(bareStart)} | ${startRatio.toFixed(2)}× | < 500 ms |`);
  } finally {
    await cleanup();
  }
}

await main();
