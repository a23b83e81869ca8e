// Cancelling a write (the Cancel button of a VS Code progress notification, through an
// AbortSignal): until the version becomes visible a cancel stops it, and nothing of it stays on
// the board: no version, no half-copied file, no empty pin folder, no staging area.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { openBoard, tableFromRecords } from '../../src/core/pins/index.js';

async function tempDir(t: { after(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pinwheel-cancel-'));
  t.after(() => fs.rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Everything under the board folder, hidden entries included. */
async function everything(folder: string): Promise<string[]> {
  return (await fs.readdir(folder, { recursive: true })).sort();
}

const rows = tableFromRecords([{ x: 1, y: 'a' }, { x: 2, y: 'b' }]);

test('a write cancelled before it starts writes nothing, not even the pin folder', async (t) => {
  const folder = path.join(await tempDir(t), 'board');
  const board = await openBoard(folder, { create: true });
  const before = await everything(folder);
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(board.write(rows, { name: 'scores', type: 'csv', signal: controller.signal }), { name: 'AbortError' });
  assert.deepEqual(await everything(folder), before);
  assert.deepEqual(await board.list(), []);
});

test('an upload cancelled while its file is copied: no version, no partial file; an existing pin keeps its versions', async (t) => {
  const dir = await tempDir(t);
  const folder = path.join(dir, 'board');
  const board = await openBoard(folder, { create: true });
  const big = path.join(dir, 'model.bin');
  await fs.writeFile(big, randomBytes(96 << 20));
  await board.write(rows, { name: 'kept', type: 'csv' });

  for (const name of ['fresh', 'kept']) {
    const versionsBefore = (await board.exists(name)) ? (await board.versions(name)).map((version) => version.version) : [];
    const controller = new AbortController();
    const upload = board.upload([big], { name, signal: controller.signal });
    // Cancel once the copy has begun: some bytes of the file are in the staging area.
    for (;;) {
      const staged = await fs.readdir(path.join(folder, name), { recursive: true }).catch(() => [] as string[]);
      const copying = staged.find((entry) => entry.endsWith('model.bin'));
      if (copying && (await fs.stat(path.join(folder, name, copying)).catch(() => undefined))?.size) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    controller.abort();
    await assert.rejects(upload, { name: 'AbortError' });
    if (name === 'fresh') assert.equal(await board.exists('fresh'), false, 'a cancelled first write leaves no pin folder');
    else assert.deepEqual((await board.versions(name)).map((version) => version.version), versionsBefore);
    assert.ok(!(await everything(folder)).some((entry) => entry.includes('model.bin')), 'no copy of the file is left');
  }
  assert.deepEqual(await board.list(), ['kept']);
});

test('a download cancelled before it starts copies nothing into the target folder', async (t) => {
  const dir = await tempDir(t);
  const board = await openBoard(path.join(dir, 'board'), { create: true });
  await board.write(rows, { name: 'scores', type: 'csv' });
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(board.download('scores', { to: path.join(dir, 'out'), signal: controller.signal }), { name: 'AbortError' });
  assert.deepEqual(await fs.readdir(path.join(dir, 'out')).catch(() => []), []);
});
