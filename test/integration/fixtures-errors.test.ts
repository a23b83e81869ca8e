// Bad input against the reference boards: every error names the pin (and version/file) and
// the problem. Tests that must change a board work on a copy in a temp folder.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { Board } from '../../src/core/pins/board.js';
import { openBoard } from '../../src/core/pins/boardUri.js';
import { isPinsError } from '../../src/core/pins/errors.js';
import { buildManifest, readManifest, renderManifest } from '../../src/core/pins/manifest.js';
import { FolderStorage } from '../../src/core/pins/storage/folderStorage.js';
import { fixturePath, skipWithoutShared } from '../support/sharedFixtures.js';
import { pinsError } from '../support/pinsErrors.js';

type Context = { after(fn: () => Promise<void>): void };

/** A writable copy of a fixture board (fixtures are read-only, like pins-r's data files). */
async function copyOf(t: Context, ...parts: string[]): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pinwheel-fixture-copy-'));
  t.after(() => fs.rm(dir, { recursive: true, force: true }));
  const root = path.join(dir, parts.at(-1) as string);
  await fs.cp(fixturePath(...parts), root, { recursive: true });
  await makeWritable(root);
  return root;
}

async function makeWritable(target: string): Promise<void> {
  const stat = await fs.stat(target);
  await fs.chmod(target, stat.mode | 0o200);
  if (stat.isDirectory()) for (const name of await fs.readdir(target)) await makeWritable(path.join(target, name));
}


describe('missing things', skipWithoutShared, () => {
  test('a missing board folder', async () => {
    const missing = path.join(os.tmpdir(), 'pinwheel-no-such-board', 'deeper');
    await assert.rejects(openBoard(missing), pinsError('board-missing', missing, 'does not exist', 'mkdir'));
  });

  test('a missing pin names the pin and the board, and suggests listing', async () => {
    const board = await openBoard(fixturePath('pins-r-written', 'pins-compat'), { readOnly: true });
    await assert.rejects(board.meta('df_nope'), pinsError('pin-missing', '"df_nope"', fixturePath('pins-r-written', 'pins-compat'), 'pinwheel list'));
  });

  test('a missing version lists the versions there are', async () => {
    const board = await openBoard(fixturePath('pins-r-written', 'pins-compat'), { readOnly: true });
    await assert.rejects(board.meta('df_csv', '123'), pinsError('version-missing', '"df_csv"', '"123"', '20220214T163718Z-eceac', '20220214T163720Z-9bfad'));
  });

  test('hostile pin names are refused by name, before touching the board', async () => {
    const board = await openBoard(fixturePath('pins-r-written', 'pin-board'), { readOnly: true });
    for (const name of ['../x', '/etc', 'a/b', '_pins.yaml', '', 'bad\u0007name', '..\\..\\x']) {
      await assert.rejects(board.meta(name), pinsError('invalid-name', JSON.stringify(name)), JSON.stringify(name));
      await assert.rejects(board.read(name), pinsError('invalid-name'), JSON.stringify(name));
    }
    await assert.rejects(board.read('x', '../y/20221215T180400Z-b81d5'), pinsError('invalid-argument', '"x"'));
  });
});

describe('damaged boards', skipWithoutShared, () => {
  test('corrupt data.txt: the error names pin and version', async (t) => {
    const root = await copyOf(t, 'pins-r-written', 'pins-compat');
    await fs.writeFile(path.join(root, 'df_csv', '20220214T163720Z-9bfad', 'data.txt'), 'file: [df_csv.csv\n  pin_hash: : :\n');
    const board = new Board(new FolderStorage(root));
    await assert.rejects(board.meta('df_csv'), pinsError('corrupt-metadata', 'df_csv', '20220214T163720Z-9bfad'));
    await assert.rejects(board.read('df_csv'), pinsError('corrupt-metadata', 'df_csv'));
    // The older version is still fine.
    assert.equal((await board.meta('df_csv', '20220214T163718Z-eceac')).fileSizes[0], 20);
  });

  test('metadata from a newer pins (api_version 2) is refused with the pin named', async (t) => {
    const root = await copyOf(t, 'pins-r-written', 'pin-board');
    const dataTxt = path.join(root, 'x', '20221215T180351Z-c3943', 'data.txt');
    await fs.writeFile(dataTxt, (await fs.readFile(dataTxt, 'utf8')).replace('api_version: 1.0', 'api_version: 2'));
    const board = new Board(new FolderStorage(root));
    await assert.rejects(board.meta('x'), (error) => isPinsError(error) && error.message.includes('x') && error.message.includes('2'));
  });

  test('a truncated arrow file: the error names pin, version and file', async (t) => {
    const root = await copyOf(t, 'pins-r-written', 'pins-compat');
    const file = path.join(root, 'df_arrow', '20220214T163720Z-ad0c1', 'df_arrow.arrow');
    const bytes = await fs.readFile(file);
    await fs.writeFile(file, bytes.subarray(0, 700));
    const board = new Board(new FolderStorage(root));
    await assert.rejects(board.read('df_arrow'), pinsError('corrupt-data', 'df_arrow', '20220214T163720Z-ad0c1', 'df_arrow.arrow'));
    await assert.rejects(board.read('df_arrow', undefined, { verifyHash: true }), pinsError('corrupt-data', 'df_arrow', 'hash'));
  });
});

describe('writing to copies of R-written boards', skipWithoutShared, () => {
  test("rewriting pin-board's manifest reproduces pins-r's _pins.yaml byte for byte", async (t) => {
    const root = await copyOf(t, 'pins-r-written', 'pin-board');
    const board = new Board(new FolderStorage(root));
    const original = await fs.readFile(fixturePath('pins-r-written', 'pin-board', '_pins.yaml'), 'utf8');
    assert.deepEqual(await buildManifest(board), await readManifest(board.storage));
    assert.equal(renderManifest(await buildManifest(board)), original);
  });

  test('a new version on a manifest board lands in _pins.yaml; R read-only files are deletable', async (t) => {
    const root = await copyOf(t, 'pins-r-written', 'pin-board');
    // Copying made everything writable; put back pins-r's u=r data files.
    for (const version of await fs.readdir(path.join(root, 'y'))) {
      for (const file of await fs.readdir(path.join(root, 'y', version))) await fs.chmod(path.join(root, 'y', version, file), 0o444);
    }
    const board = new Board(new FolderStorage(root));
    const { version } = await board.write([1, 2, 3], { name: 'x', type: 'json', created: new Date('2023-01-01T00:00:00Z') });
    assert.deepEqual((await readManifest(board.storage))?.x, ['x/20221215T180351Z-c3943/', `x/${version}/`]);
    await board.prune('y', { keep: 1 });
    await board.deletePin('y');
    assert.deepEqual(await readManifest(board.storage), { x: ['x/20221215T180351Z-c3943/', `x/${version}/`] });
    assert.deepEqual(await board.list(), ['x']);
  });

  test('a flat (pre-1.0) pin is read-only: writes explain why', async (t) => {
    const root = await copyOf(t, 'pins-r-written', 'single-pins');
    const board = new Board(new FolderStorage(root));
    await assert.rejects(board.write([1], { name: 'pin-rds', type: 'json' }), pinsError('read-only', '"pin-rds"', 'data.txt'));
    assert.deepEqual((await board.meta('pin-rds')).files, ['pin-rds.rds']);
  });
});
