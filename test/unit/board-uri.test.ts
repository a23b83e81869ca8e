// What users type to name a board: temp, local, local:r, file URLs and paths.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { folderOf, openBoard } from '../../src/core/pins/boardUri.js';
import { isPinsError } from '../../src/core/pins/errors.js';
import { FolderStorage } from '../../src/core/pins/storage/folderStorage.js';

async function tempDir(t: { after(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pinwheel-uri-'));
  t.after(() => fs.rm(dir, { recursive: true, force: true }));
  return dir;
}

test('a relative path is resolved against cwd; file:// URLs and ~ work too', async (t) => {
  const dir = await tempDir(t);
  await fs.mkdir(path.join(dir, 'boards', 'team'), { recursive: true });
  const relative = await openBoard('boards/team', { cwd: dir });
  assert.equal((relative.storage as FolderStorage).root, path.join(dir, 'boards', 'team'));
  const url = await openBoard(pathToFileURL(path.join(dir, 'boards', 'team')).href);
  assert.equal((url.storage as FolderStorage).root, path.join(dir, 'boards', 'team'));
  assert.equal(folderOf('~/pins', '/elsewhere'), path.join(os.homedir(), 'pins'));
  assert.equal(folderOf('/abs/board', '/elsewhere'), path.resolve('/abs/board'));
});

test('a missing folder is a board-missing error with the fix, unless create is given', async (t) => {
  const dir = await tempDir(t);
  const missing = path.join(dir, 'new-board');
  await assert.rejects(openBoard('new-board', { cwd: dir }), (error) => isPinsError(error, 'board-missing') && error.message.includes(missing) && error.message.includes('mkdir'));
  const board = await openBoard('new-board', { cwd: dir, create: true });
  assert.deepEqual(await board.list(), []);
  assert.ok((await fs.stat(missing)).isDirectory());
});

test('a file is not a board', async (t) => {
  const dir = await tempDir(t);
  await fs.writeFile(path.join(dir, 'notes.txt'), 'x');
  await assert.rejects(openBoard(path.join(dir, 'notes.txt')), (error) => isPinsError(error, 'board-missing') && error.message.includes('not a folder'));
});

test('cloud and other URL schemes are refused clearly', async () => {
  for (const uri of ['s3://bucket/prefix', 'gs://bucket', 'https://example.com/board/', 'ftp://host/x']) {
    await assert.rejects(openBoard(uri), (error) => isPinsError(error, 'invalid-argument') && error.message.includes('not supported yet') && error.message.includes('folder'), uri);
  }
  await assert.rejects(openBoard(''), (error) => isPinsError(error, 'invalid-argument'));
});

test('temp opens an empty board that dispose deletes', async () => {
  const board = await openBoard('temp');
  const root = (board.storage as FolderStorage).root;
  await board.write([1, 2], { name: 'p', type: 'json' });
  assert.deepEqual(await board.list(), ['p']);
  await board.dispose();
  await assert.rejects(fs.stat(root));
});

test('local and local:r open the pins data folders (created on first use)', async (t) => {
  const dir = await tempDir(t);
  const saved = { PINS_DATA_DIR: process.env.PINS_DATA_DIR, R_USER_DATA_DIR: process.env.R_USER_DATA_DIR };
  t.after(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });
  process.env.PINS_DATA_DIR = path.join(dir, 'py-data');
  process.env.R_USER_DATA_DIR = path.join(dir, 'r-data');
  // Before anything was written, reading the local board finds it empty (and creates nothing).
  assert.deepEqual(await (await openBoard('local', { readOnly: true })).list(), []);
  await assert.rejects(fs.stat(path.join(dir, 'py-data')));
  const python = await openBoard('local');
  assert.equal((python.storage as FolderStorage).root, path.join(dir, 'py-data'));
  const r = await openBoard('local:r');
  assert.equal((r.storage as FolderStorage).root, path.join(dir, 'r-data', process.platform === 'win32' ? 'pins\\pins' : 'pins'));
  assert.ok((await fs.stat(path.join(dir, 'py-data'))).isDirectory());
});

test('versioned defaults to true and can be turned off; readOnly boards refuse writes', async (t) => {
  const dir = await tempDir(t);
  assert.equal((await openBoard(dir)).versioned, true);
  assert.equal((await openBoard(dir, { versioned: false })).versioned, false);
  const readOnly = await openBoard(dir, { readOnly: true });
  await assert.rejects(readOnly.write([1], { name: 'p', type: 'json' }), (error) => isPinsError(error, 'read-only'));
  assert.deepEqual(await fs.readdir(dir), []);
});
