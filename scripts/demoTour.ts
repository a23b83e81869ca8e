// `npm start -- --tour`: (re)creates the built-in demo board in ./demo-board with the project's own
// code, then tours it through the real `pinwheel` CLI, so a newcomer sees every part working in a
// terminal: the data pins, the model pin, and a predict server started, asked for predictions and
// stopped. ./demo-board and ./.tmp are relative to the current folder.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { DEMO_MODEL, writeDemoBoard } from '../src/core/demo/demoBoard.js';
import { openBoard } from '../src/core/pins/index.js';

const repoRoot = path.resolve(import.meta.dirname, '..');
const cli = path.join(repoRoot, 'bin', 'pinwheel.js');

/** Deletes and rewrites the demo board in `boardDir`, refusing to delete a folder it did not make. */
export async function rebuildDemoBoard(boardDir: string): Promise<void> {
  const marker = path.join(boardDir, '.pinwheel-demo');
  if (existsSync(boardDir)) {
    if (!existsSync(marker)) throw new Error(`${boardDir} exists but was not made by npm start; move it away and run npm start again.`);
    await fs.rm(boardDir, { recursive: true, force: true });
  }
  await fs.mkdir(boardDir, { recursive: true });
  await fs.writeFile(marker, 'Made by `npm start`; deleted and rebuilt by it.\n');
  const board = await openBoard(boardDir);
  try {
    await writeDemoBoard(board);
  } finally {
    await board.dispose();
  }
}

interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `pinwheel …args --board <board>` in `cwd`, collecting its output. */
function runCli(cwd: string, board: string, args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args, '--board', board], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

interface ServeReady {
  url: string;
  version: string;
  pid: number;
  startupMs: number;
}

/** Starts `pinwheel serve NAME --port 0 --json` and resolves with its ready line (the first stdout line). */
function startServer(cwd: string, board: string, name: string): { child: ChildProcess; ready: Promise<ServeReady>; stderr: () => string } {
  const child = spawn(process.execPath, [cli, 'serve', name, '--port', '0', '--json', '--board', board], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const ready = new Promise<ServeReady>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('pinwheel serve was not ready after 30 s.')), 30_000);
    // After the ready line come the request log lines; reading them keeps the pipe flowing.
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(line) as ServeReady);
      } catch {
        reject(new Error(`pinwheel serve printed ${JSON.stringify(line)} instead of its ready line.`));
      }
    }).on('line', () => undefined);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`pinwheel serve exited (${code}) before it was ready.`));
    });
  });
  return { child, ready, stderr: () => stderr };
}

/** Stops a server with SIGTERM (SIGKILL after 10 s) and waits for it to exit; says how it ended. */
async function stopServer(child: ChildProcess): Promise<{ code: number | null; stopped: boolean }> {
  if (child.exitCode !== null || child.signalCode !== null) return { code: child.exitCode, stopped: false };
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  try {
    return { code: await exited, stopped: true };
  } finally {
    clearTimeout(timer);
  }
}

/** New ads for the model: three kinds of ad nobody has predicted yet. */
const NEW_ADS_CSV = [
  'funny,show_product,patriotic,celebrity,danger,animals',
  'true,false,false,true,true,false',
  'false,true,false,false,false,false',
  'false,false,true,false,false,true',
].join('\n') + '\n';

/**
 * Shows the demo board through the `pinwheel` CLI, as a user would run it from `cwd` with
 * `--board <board>`: the data pins, the model pin, then `pinwheel serve` in the background,
 * `pinwheel predict` against it with a few new ads, and the server stopped with SIGTERM.
 * Returns false when a command failed (its output says why). Leaves no process running.
 */
async function tourDemoBoard({ cwd, board }: { cwd: string; board: string }): Promise<boolean> {
  let ok = true;
  // The read-only commands and the server start at once; their output is printed in order.
  const commands = [
    ['list'],
    ['versions', 'ads'],
    ['meta', 'ads'],
    ['read', 'ads_parquet'],
    ['prune', 'ads', '--keep', '1', '--dry-run'],
    ['versions', DEMO_MODEL],
    ['model', DEMO_MODEL],
  ].map((args) => ({ args, result: runCli(cwd, board, args) }));
  const server = startServer(cwd, board, DEMO_MODEL);
  server.ready.catch(() => undefined); // awaited below; a failure before then is reported there
  const stopOnSignal = (signal: NodeJS.Signals) => {
    server.child.kill('SIGTERM');
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', stopOnSignal).once('SIGTERM', stopOnSignal);
  const show = (args: string[], result: CliResult) => {
    console.log(`\n$ pinwheel ${args.join(' ')}`);
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    if (result.status !== 0) ok = false;
  };
  try {
    for (const { args, result } of commands) show(args, await result);

    console.log(`\n$ pinwheel serve ${DEMO_MODEL} --port 0 --json &`);
    const ready = await server.ready;
    // What `serve --json` prints first: the line a script (or the extension) waits for.
    console.log(JSON.stringify(ready));

    const csv = path.join('.tmp', 'new_ads.csv');
    await fs.mkdir(path.join(cwd, '.tmp'), { recursive: true });
    await fs.writeFile(path.join(cwd, csv), NEW_ADS_CSV);
    console.log(`\n$ cat ${csv}\n${NEW_ADS_CSV.trimEnd()}`);
    show(['predict', ready.url, csv], await runCli(cwd, board, ['predict', ready.url, csv]));

    const docs = await fetch(`${ready.url}/__docs__`);
    await docs.arrayBuffer();
    console.log(`\nThe API's docs page (${docs.status} ${docs.headers.get('content-type')?.split(';')[0] ?? ''}): curl ${ready.url}/__docs__`);
    if (!docs.ok) ok = false;
  } catch (error) {
    console.error(`\n${error instanceof Error ? error.message : String(error)}`);
    ok = false;
  } finally {
    const { code, stopped } = await stopServer(server.child);
    process.off('SIGINT', stopOnSignal).off('SIGTERM', stopOnSignal);
    const how = `exit ${code ?? server.child.signalCode}`;
    console.log(stopped ? `\n$ kill -TERM ${server.child.pid ?? ''}   # the server stopped (${how})` : `\nThe server ended by itself (${how}).`);
    // The server's own messages, when something went wrong.
    if (!ok || !stopped || code !== 0) {
      ok = false;
      process.stderr.write(server.stderr());
    }
  }

  const [older] = await openBoard(path.resolve(cwd, board)).then(async (b) => {
    try {
      return await b.versions(DEMO_MODEL);
    } finally {
      await b.dispose();
    }
  });
  console.log(`
Try it yourself (the board is a plain folder that pins-python and pins-r can read too):
  npx pinwheel serve ${DEMO_MODEL} --board ${board}      # then open http://127.0.0.1:8080/__docs__
  npx pinwheel predict http://127.0.0.1:8080 ${path.join('.tmp', 'new_ads.csv')}
  npx pinwheel serve ${DEMO_MODEL} --version ${older?.version ?? '<version>'} --board ${board}   # the older model
  npx pinwheel write-app ${DEMO_MODEL} --out ads-app --board ${board}   # an app folder: npm ci && node app.js
  npx pinwheel search likes --board ${board}
  npx pinwheel write my.csv --name my_data --board ${board}
Python: pins.board_folder("${board}").pin_read("ads")   R: pins::board_folder("${board}") |> pins::pin_read("ads")`);
  return ok;
}

/** The tour on ./demo-board (relative to `cwd`); false when a step failed. */
export async function runDemoTour(cwd: string): Promise<boolean> {
  const boardDir = path.join(cwd, 'demo-board');
  try {
    await rebuildDemoBoard(boardDir);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return false;
  }
  if (!existsSync(path.join(repoRoot, 'dist', 'cli.js'))) {
    spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs')], { cwd: repoRoot, stdio: 'inherit' });
  }
  console.log(`Demo board written to ${boardDir}; the commands below run with --board demo-board.`);
  return tourDemoBoard({ cwd, board: 'demo-board' });
}
