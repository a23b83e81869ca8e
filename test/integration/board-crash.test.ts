// Crash safety and concurrency, proven with real processes: a writer SIGKILLed in the middle of
// writing a large pin leaves no visible half version, and two processes writing the same pin at
// the same moment both succeed with distinct, complete versions.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import xxhash from 'xxhash-wasm';
import { Board } from '../../src/core/pins/board.js';
import { FolderStorage, STAGING_PREFIX } from '../../src/core/pins/storage/folderStorage.js';

const CHILD = path.join(import.meta.dirname, 'board-crash-writer.child.ts');
const BIG_FILE_BYTES = 40 * 1024 * 1024;

function startWriter(config: Record<string, unknown>): ChildProcess & { output: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const output = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return Object.assign(child, { output });
}

/** Resolves once the child has printed `count` "writing" lines. */
function writesStarted(child: ChildProcess, count: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = 0;
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString().split('\n').filter((line) => line.startsWith('writing')).length;
      if (seen >= count) resolve();
    });
    child.on('close', () => reject(new Error('the writer exited before it started writing')));
  });
}

async function streamedXxh64(file: string): Promise<string> {
  const api = await xxhash();
  const hasher = api.create64(0n);
  for await (const chunk of createReadStream(file)) hasher.update(chunk as Buffer);
  return hasher.digest().toString(16).padStart(16, '0');
}

async function stagingLeftovers(root: string): Promise<number> {
  return (await fs.readdir(path.join(root, 'big')).catch(() => [])).filter((name) => name.startsWith(STAGING_PREFIX)).length;
}

/** Every listed version is complete: readable data.txt, files of the recorded sizes and hashes. */
async function assertBoardConsistent(board: Board, root: string): Promise<number> {
  let versions = 0;
  for (const name of await board.list()) {
    for (const { version } of await board.versions(name)) {
      assert.ok(!version.startsWith('.'), `staging folder listed as a version: ${version}`);
      const meta = await board.meta(name, version);
      const dir = path.join(root, name, version);
      assert.deepEqual((await fs.readdir(dir)).sort(), [...meta.files, 'data.txt'].sort(), `${name}@${version} holds exactly its files`);
      const hashes: string[] = [];
      for (const [index, file] of meta.files.entries()) {
        assert.equal((await fs.stat(path.join(dir, file))).size, meta.fileSizes[index], `${name}@${version}/${file} size`);
        hashes.push(await streamedXxh64(path.join(dir, file)));
      }
      const api = await xxhash();
      const expected = hashes.length === 1 ? hashes[0] : api.h64Raw(new TextEncoder().encode(hashes.join('')), 0n).toString(16).padStart(16, '0');
      assert.equal(meta.pinHash, expected, `${name}@${version} pin_hash matches its files`);
      versions++;
    }
  }
  return versions;
}

test('kill -9 in the middle of writing a large pin never leaves a visible half version', { timeout: 120_000 }, async (t) => {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'pinwheel-crash-'));
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'pinwheel-crash-src-'));
  t.after(async () => {
    await fs.rm(root, { recursive: true, force: true });
    await fs.rm(work, { recursive: true, force: true });
  });
  const bigFile = path.join(work, 'model.bin');
  await fs.writeFile(bigFile, randomBytes(BIG_FILE_BYTES));

  let killsMidWrite = 0;
  let countedLeftovers = 0;
  for (let round = 0; round < 4; round++) {
    const writer = startWriter({ root, name: 'big', mode: 'upload-loop', bigFile, workDir: work });
    // Let it finish a write or two in some rounds, then kill it at a random moment.
    await writesStarted(writer, 1 + (round % 2));
    await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 250));
    writer.kill('SIGKILL');
    const { signal, stderr } = await writer.output;
    assert.equal(signal, 'SIGKILL', `the writer should have been killed, not exited: ${stderr}`);
    // A staging folder the killed writer could not discard proves the kill hit a write.
    const leftovers = await stagingLeftovers(root);
    if (leftovers > countedLeftovers) killsMidWrite++;
    countedLeftovers = leftovers;
  }
  t.diagnostic(`kills that hit a write in progress: ${killsMidWrite} of 4`);
  assert.ok(killsMidWrite > 0, 'at least one kill must land in the middle of a write for this test to prove anything');

  const board = new Board(new FolderStorage(root));
  assert.deepEqual(await board.list(), ['big']);
  const complete = await assertBoardConsistent(board, root);
  t.diagnostic(`complete versions on the board: ${complete}`);
  // Leftover staging folders exist on disk but are never versions; a later write still works.
  const again = await board.write({ after: 'crash' }, { name: 'big', type: 'json' });
  assert.ok((await board.versions('big')).some((v) => v.version === again.version));
  assert.deepEqual(await board.read('big', again.version), { kind: 'json', value: { after: 'crash' } });
});

test('two processes writing the same content to the same pin in the same second both succeed', { timeout: 60_000 }, async (t) => {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'pinwheel-race-'));
  t.after(() => fs.rm(root, { recursive: true, force: true }));
  const startAt = Date.now() + 1500;
  const common = { root, name: 'shared', mode: 'json', count: 6, value: { same: 'content' }, created: '2024-01-01T00:00:00Z', startAt };
  const [a, b] = [startWriter(common), startWriter(common)];
  const [ra, rb] = await Promise.all([a.output, b.output]);
  assert.equal(ra.code, 0, ra.stderr);
  assert.equal(rb.code, 0, rb.stderr);
  const written = [...(JSON.parse(ra.stdout) as string[]), ...(JSON.parse(rb.stdout) as string[])];
  assert.equal(new Set(written).size, 12, 'every write got its own version');

  const board = new Board(new FolderStorage(root));
  const versions = (await board.versions('shared')).map((v) => v.version);
  assert.deepEqual(versions, [...written].sort());
  assert.equal(await assertBoardConsistent(board, root), 12);
});

test('two processes writing different content to the same pin at once both succeed', { timeout: 60_000 }, async (t) => {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'pinwheel-race-'));
  t.after(() => fs.rm(root, { recursive: true, force: true }));
  const startAt = Date.now() + 1500;
  const writers = ['left', 'right'].map((who) => startWriter({ root, name: 'shared', mode: 'json', count: 5, value: { who, n: '{i}' }, startAt }));
  const results = await Promise.all(writers.map((w) => w.output));
  for (const result of results) assert.equal(result.code, 0, result.stderr);
  const written = results.flatMap((result) => JSON.parse(result.stdout) as string[]);
  const board = new Board(new FolderStorage(root));
  assert.deepEqual((await board.versions('shared')).map((v) => v.version), [...new Set(written)].sort());
  assert.equal(written.length, 10);
  assert.equal(new Set(written).size, 10);
  assert.equal(await assertBoardConsistent(board, root), 10);
  const values = await Promise.all(written.map(async (version) => (await board.read('shared', version)) as { value: { who: string; n: string } }));
  assert.deepEqual(values.map((v) => `${v.value.who}${v.value.n}`).sort(), ['left0', 'left1', 'left2', 'left3', 'left4', 'right0', 'right1', 'right2', 'right3', 'right4']);
});
