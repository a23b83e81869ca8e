// Folder-specific storage behaviour beyond the shared contract: crash leftovers, read-only
// boards, temp boards, symlinks and the local data directory.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { isPinsError } from '../../src/core/pins/errors.js';
import { FolderStorage, STAGING_PREFIX, TEMP_FILE_PREFIX } from '../../src/core/pins/storage/folderStorage.js';
import { TempFolderStorage } from '../../src/core/pins/storage/tempStorage.js';

async function tempRoot(t: { after(fn: () => Promise<void>): void }): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'pinwheel-folder-'));
  t.after(() => fs.rm(root, { recursive: true, force: true }));
  return root;
}

async function age(target: string, hours: number): Promise<void> {
  const when = new Date(Date.now() - hours * 3600_000);
  await fs.utimes(target, when, when);
}

test('staging areas left by crashed writers are removed after an hour, recent ones kept', async (t) => {
  const root = await tempRoot(t);
  const pinDir = path.join(root, 'pin');
  const crashed = path.join(pinDir, `${STAGING_PREFIX}crashed`);
  const busy = path.join(pinDir, `${STAGING_PREFIX}busy`);
  await fs.mkdir(crashed, { recursive: true });
  await fs.writeFile(path.join(crashed, 'pin.csv'), 'partial');
  await age(path.join(crashed, 'pin.csv'), 2);
  await age(crashed, 2);
  // A writer still streaming a big file: its folder is old but the file keeps changing.
  await fs.mkdir(busy);
  await fs.writeFile(path.join(busy, 'big.bin'), 'still growing');
  await age(busy, 2);

  const storage = new FolderStorage(root);
  const area = await storage.stage('pin');
  const left = (await fs.readdir(pinDir)).sort();
  assert.ok(!left.includes(`${STAGING_PREFIX}crashed`), 'the crashed staging area is cleaned up');
  assert.ok(left.includes(`${STAGING_PREFIX}busy`), 'a staging area in use is kept');
  await area.discard();
});

test('stale temp files from an interrupted small-file write are removed by the next write', async (t) => {
  const root = await tempRoot(t);
  const leftover = path.join(root, `${TEMP_FILE_PREFIX}123-abc`);
  await fs.writeFile(leftover, 'half a manifest');
  await age(leftover, 2);
  const storage = new FolderStorage(root);
  await storage.write('_pins.yaml', new TextEncoder().encode('x: []\n'));
  assert.deepEqual(await fs.readdir(root), ['_pins.yaml']);
});

test('dot-prefixed staging folders and temp files are never listed', async (t) => {
  const root = await tempRoot(t);
  await fs.mkdir(path.join(root, 'pin', `${STAGING_PREFIX}1`), { recursive: true });
  await fs.mkdir(path.join(root, 'pin', '20240101T000000Z-abcde'));
  await fs.writeFile(path.join(root, `${TEMP_FILE_PREFIX}1`), 'x');
  const storage = new FolderStorage(root);
  assert.deepEqual(await storage.list('pin'), [{ name: '20240101T000000Z-abcde', kind: 'directory' }]);
  assert.deepEqual(await storage.list(''), [{ name: 'pin', kind: 'directory' }]);
});

test('a read-only folder storage refuses every change with a read-only error', async (t) => {
  const root = await tempRoot(t);
  await fs.mkdir(path.join(root, 'pin'));
  const storage = new FolderStorage(root, { readOnly: true });
  const readOnly = (error: unknown): boolean => isPinsError(error, 'read-only') && (error as Error).message.includes('read-only');
  await assert.rejects(storage.write('pin/x', new Uint8Array()), readOnly);
  await assert.rejects(storage.delete('pin'), readOnly);
  await assert.rejects(storage.stage('pin'), readOnly);
  assert.deepEqual(await fs.readdir(root), ['pin']);
});

test('a folder storage refuses to delete its own root', async (t) => {
  const root = await tempRoot(t);
  const storage = new FolderStorage(root);
  await assert.rejects(storage.delete(''), (error) => isPinsError(error, 'invalid-argument'));
  await fs.access(root);
});

test('symlinked pin folders are listed as folders; dangling links are skipped', async (t) => {
  const root = await tempRoot(t);
  const elsewhere = await tempRoot(t);
  await fs.mkdir(path.join(elsewhere, 'real-pin'));
  await fs.symlink(path.join(elsewhere, 'real-pin'), path.join(root, 'linked'));
  await fs.symlink(path.join(elsewhere, 'missing'), path.join(root, 'dangling'));
  const storage = new FolderStorage(root);
  assert.deepEqual(await storage.list(''), [{ name: 'linked', kind: 'directory' }]);
});

test('a committed version gets ordinary folder permissions, not a private temp-dir mode', async (t) => {
  const root = await tempRoot(t);
  const storage = new FolderStorage(root);
  const area = await storage.stage('pin');
  await fs.writeFile(path.join(area.localDir, 'data.txt'), 'x');
  await area.commit('pin/v1');
  const plain = path.join(root, 'plain');
  await fs.mkdir(plain);
  const mode = (await fs.stat(path.join(root, 'pin', 'v1'))).mode & 0o777;
  assert.equal(mode, (await fs.stat(plain)).mode & 0o777);
});

test('a temp storage lives under the OS temp folder and disappears on dispose', async () => {
  const storage = await TempFolderStorage.create();
  assert.ok(storage.root.startsWith(await fs.realpath(os.tmpdir())) || storage.root.startsWith(os.tmpdir()));
  await storage.write('pin/v/data.txt', new TextEncoder().encode('x'));
  await storage.dispose();
  await assert.rejects(fs.stat(storage.root));
  await storage.dispose();
});
