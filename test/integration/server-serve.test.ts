// `pinwheel serve` as users and the extension start it: the real CLI bundle in its own process,
// on a real socket, with the IPC channel the extension uses. Two versions of one model pin:
// the forest exported by skl2onnx (../shared) and a small forest built by the test.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openBoard, tableFromRecords } from '../../src/core/pins/index.js';
import { pinModel } from '../../src/core/vetiver/index.js';
import type { ChildMessage } from '../../src/server/childProtocol.js';
import { adsTreeRegressor } from '../support/onnxModels.js';
import { fixturePath, repoRoot, skipWithoutShared } from '../support/sharedFixtures.js';
import { closeToFloat32, expectedForest, FOREST_FEATURES, forestFile } from '../support/servedForest.js';
import { assertUserError, ensureCliBuilt, pinwheel, pinwheelOk, tempFolders } from './cli-harness.js';

interface Served {
  child: ChildProcess;
  messages: ChildMessage[];
  stdout: string[];
  stderr: () => string;
  next(type: ChildMessage['type']): Promise<ChildMessage>;
  exit: Promise<number | null>;
}

function serve(args: string[]): Served {
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'pinwheel.js'), 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  const messages: ChildMessage[] = [];
  const waiters: { type: string; resolve: (m: ChildMessage) => void }[] = [];
  child.on('message', (message: ChildMessage) => {
    messages.push(message);
    const index = waiters.findIndex((w) => w.type === message.type);
    if (index >= 0) waiters.splice(index, 1)[0]?.resolve(message);
  });
  const stdout: string[] = [];
  let stderr = '';
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    stdout.push(...lines);
  });
  child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child, messages, stdout, stderr: () => stderr, exit,
    next(type) {
      const seen = messages.find((m) => m.type === type);
      if (seen) { messages.splice(messages.indexOf(seen), 1); return Promise.resolve(seen); }
      return new Promise((resolve, reject) => {
        waiters.push({ type, resolve: (m) => { messages.splice(messages.indexOf(m), 1); resolve(m); } });
        void exit.then((code) => reject(new Error(`serve exited (${code}) before '${type}':\n${stderr}`)));
      });
    },
  };
}

async function postRows(url: string, rows: unknown): Promise<{ status: number; version: string | null; body: { predict: number[] } }> {
  const response = await fetch(`${url}/predict`, { method: 'POST', body: JSON.stringify(rows) });
  return { status: response.status, version: response.headers.get('x-model-version'), body: (await response.json()) as { predict: number[] } };
}

describe('pinwheel serve', skipWithoutShared, () => {
  const folders = tempFolders('serve');
  let boardDir = '';
  let v1 = '';
  let v2 = '';
  before(async () => {
    await ensureCliBuilt();
    boardDir = await folders.make();
    // v1: the acceptance path, through the CLI: the exported forest pinned with its
    // prototype taken from the ads_data_csv pin that pins-python wrote (outcome excluded).
    const pinned = JSON.parse(await pinwheelOk(['pin-model', forestFile(), '--name', 'ads_rf', '--prototype', 'pin:ads_data_csv',
      '--prototype-board', fixturePath('pins-python-written'), '--exclude', 'like_count', '--board', boardDir, '--create', '--json'])) as { version: string };
    v1 = pinned.version;
    const board = await openBoard(boardDir);
    const sample = tableFromRecords(expectedForest().rows);
    v2 = (await pinModel(board, { model: adsTreeRegressor().bytes, name: 'ads_rf', prototype: sample })).version;
    await board.dispose();
  });
  after(() => folders.cleanup());

  test('the forest pinned with its prototype from ads_data_csv is served: /predict gives onnxruntime-in-Python\'s float32 predictions; ready over IPC and stdout on 127.0.0.1; one JSON log line per request; SIGTERM stops it', async () => {
    const server = serve(['ads_rf', '--version', v1, '--port', '0', '--json', '--board', boardDir]);
    const ready = await server.next('ready');
    assert.ok(ready.type === 'ready');
    assert.equal(ready.host, '127.0.0.1');
    assert.equal(ready.version, v1);
    assert.ok(ready.startupMs > 0);
    const answer = await postRows(ready.url, expectedForest().rows);
    assert.equal(answer.status, 200);
    assert.equal(answer.version, v1);
    answer.body.predict.forEach((value, i) => assert.ok(closeToFloat32(value, expectedForest().onnx_float32_latest_model[i] ?? NaN)));
    const metadata = (await (await fetch(`${ready.url}/metadata`)).json()) as { version: string };
    assert.equal(metadata.version, v1);
    server.child.kill('SIGTERM');
    assert.equal(await server.exit, 0, server.stderr());
    assert.deepEqual(JSON.parse(server.stdout[0] ?? '{}'), ready, 'the first stdout line is the ready message');
    const logLines = server.stdout.slice(1).map((line) => JSON.parse(line) as { method: string; path: string; status: number; version: string });
    assert.deepEqual(logLines.map((l) => `${l.method} ${l.path} ${l.status} ${l.version}`), [`POST /predict 200 ${v1}`, `GET /metadata 200 ${v1}`]);
    assert.match(server.stderr(), /Stopping/);
  });

  test('switching versions under load drops no request: each client sees the old version, then the new one, never a mix', async () => {
    const server = serve(['ads_rf', '--version', v1, '--port', '0', '--json', '--board', boardDir]);
    const ready = await server.next('ready');
    assert.ok(ready.type === 'ready');
    const rows = expectedForest().rows;
    const answers = new Map<string, string>();
    let stop = false;
    const failures: string[] = [];
    const seen: string[][] = [];
    const client = async (index: number) => {
      seen[index] = [];
      while (!stop) {
        const answer = await postRows(ready.url, rows).catch((error: unknown) => ({ status: 0, version: String(error), body: { predict: [] } }));
        if (answer.status !== 200 || answer.version === null) { failures.push(`${answer.status} ${answer.version}`); continue; }
        const text = JSON.stringify(answer.body);
        if ((answers.get(answer.version) ?? text) !== text) failures.push(`version ${answer.version} answered two ways`);
        answers.set(answer.version, text);
        seen[index]?.push(answer.version);
      }
    };
    const clients = [0, 1, 2, 3].map(client);
    await new Promise((resolve) => setTimeout(resolve, 300));
    server.child.send({ type: 'switch', version: v2 });
    const switched = await server.next('switched');
    assert.deepEqual(switched, { type: 'switched', version: v2, previous: v1 });
    // --json also reports it on stdout, among the request log lines.
    const reported = () => server.stdout.some((line) => line === JSON.stringify({ type: 'switched', version: v2, previous: v1 }));
    for (let waited = 0; !reported() && waited < 50; waited += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.ok(reported(), 'a {"type": "switched"} line on stdout');
    await new Promise((resolve) => setTimeout(resolve, 300));
    stop = true;
    await Promise.all(clients);
    assert.deepEqual(failures, []);
    for (const versions of seen) {
      const firstNew = versions.indexOf(v2);
      assert.ok(firstNew > 0, 'served v1 before and v2 after the switch');
      assert.ok(versions.slice(firstNew).every((v) => v === v2), 'never back to v1 after the switch');
    }
    assert.notEqual(answers.get(v1), answers.get(v2), 'the two versions predict differently');

    // Roll back over IPC, then SIGHUP rolls forward to the newest version.
    server.child.send({ type: 'switch', version: v1 });
    assert.equal((await server.next('switched')).type, 'switched');
    assert.equal((await postRows(ready.url, rows)).version, v1);
    server.child.kill('SIGHUP');
    await server.next('switched');
    assert.equal((await postRows(ready.url, rows)).version, v2);

    // A version that does not exist is refused; the server keeps serving what it served.
    server.child.send({ type: 'switch', version: '20000101T000000Z-00000' });
    const failed = await server.next('switch-failed');
    assert.ok(failed.type === 'switch-failed');
    assert.match(failed.message, /20000101T000000Z-00000/);
    assert.equal((await postRows(ready.url, rows)).version, v2);
    server.child.send({ type: 'stop' });
    assert.equal(await server.exit, 0);
  });

  test('pinwheel predict sends a large file in batches (--batch-size), joins the answers in file order, and numbers refused rows as rows of the file', async () => {
    const server = serve(['ads_rf', '--version', v1, '--port', '0', '--json', '--board', boardDir]);
    const ready = await server.next('ready');
    assert.ok(ready.type === 'ready');
    try {
      const { rows, onnx_float32_latest_model: expected } = expectedForest();
      const lines = [FOREST_FEATURES.join(','), ...[...rows, ...rows].map((row) => FOREST_FEATURES.map((f) => String(row[f])).join(','))];
      const dir = await folders.make();
      const csv = path.join(dir, 'six.csv');
      await writeFile(csv, `${lines.join('\n')}\n`);
      const answer = JSON.parse(await pinwheelOk(['predict', ready.url, csv, '--batch-size', '4', '--json'])) as { predict: number[] };
      const want = [...expected, ...expected];
      assert.equal(answer.predict.length, 6);
      answer.predict.forEach((value, i) => assert.ok(closeToFloat32(value, want[i] ?? NaN), `row ${i}`));
      for (let waited = 0; server.stdout.filter((l) => l.includes('"path":"/predict"')).length < 2 && waited < 50; waited += 1) await new Promise((r) => setTimeout(r, 20));
      assert.equal(server.stdout.filter((l) => l.includes('"path":"/predict"')).length, 2, 'two requests of 4 and 2 rows');
      const bad = [...lines];
      bad[6] = bad[6]!.replace(/^(true|false)/, 'maybe'); // file row 5 (0-based), in the second batch
      await writeFile(csv, `${bad.join('\n')}\n`);
      assertUserError(await pinwheel(['predict', ready.url, csv, '--batch-size', '4']), 'rows 4–5 of the file', 'row 5, column funny', 'expected true or false');
    } finally {
      server.child.kill('SIGTERM');
      await server.exit;
    }
  });

  test('a busy port and a pickle pin fail with a message, exit 1 and a "failed" IPC message', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const busy = serve(['ads_rf', '--port', String(port), '--board', boardDir]);
      const failed = await busy.next('failed');
      assert.ok(failed.type === 'failed');
      assert.equal(await busy.exit, 1);
      assert.match(busy.stderr(), new RegExp(`port ${port} .*already in use.*--port`));
    } finally {
      blocker.close();
    }
    const pickle = serve(['ads_rf', '--port', '0', '--board', fixturePath('pins-python-written')]);
    assert.equal(await pickle.exit, 1);
    assert.match(pickle.stderr(), /ONNX/);
    assert.match(pickle.stderr(), /skl2onnx/);
    assert.doesNotMatch(pickle.stderr(), /at .*\.js:\d+/, 'no stack trace');
  });

  test('the served model file is the pinned ONNX file byte for byte', () => {
    const pinned = readFileSync(path.join(boardDir, 'ads_rf', v1, 'ads_rf.onnx'));
    assert.ok(pinned.equals(readFileSync(forestFile())));
    assert.equal(FOREST_FEATURES.length, 6);
  });
});
