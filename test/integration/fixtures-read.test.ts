// Reads every reference board written by the real pins-r, pins-python and vetiver-python
// (../shared/fixtures, opened read-only, never written) and checks the values of spec §8.1/§8.2
// and pins-python-written.expected.json.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import xxhash from 'xxhash-wasm';
import type { Board } from '../../src/core/pins/board.js';
import { openBoard } from '../../src/core/pins/boardUri.js';
import { isPinsError } from '../../src/core/pins/errors.js';
import type { Table } from '../../src/core/pins/types/table.js';
import { fixturePath, skipWithoutShared } from '../support/sharedFixtures.js';

const open = (...parts: string[]): Promise<Board> => openBoard(fixturePath(...parts), { readOnly: true });

async function fileXxh64(file: string): Promise<string> {
  const api = await xxhash();
  return api.h64Raw(new Uint8Array(await fs.readFile(file)), 0n).toString(16).padStart(16, '0');
}

async function readTable(board: Board, name: string, version?: string): Promise<Table> {
  const content = await board.read(name, version);
  assert.equal(content.kind, 'table', `${name} should read as a table`);
  return (content as { table: Table }).table;
}

function columnValues(table: Table, column: string): unknown[] {
  return table.rows.map((row) => row[column]);
}

/** Every single-file version on a board: the recorded hash and size match the stored bytes. */
async function assertHashesAndSizes(board: Board): Promise<number> {
  let checked = 0;
  for (const name of await board.list()) {
    for (const { version } of await board.versions(name)) {
      const meta = await board.meta(name, version);
      const paths = await board.download(name, { version });
      for (const [index, file] of paths.entries()) {
        assert.equal((await fs.stat(file)).size, meta.fileSizes[index], `${name}@${version} ${file} size`);
      }
      if (paths.length === 1) {
        assert.equal(await fileXxh64(paths[0] as string), meta.pinHash, `${name}@${version} pin_hash`);
        checked++;
      }
    }
  }
  return checked;
}

describe('pins-r fixture board pins-compat (pins-python tests/test_compat.py)', skipWithoutShared, () => {
  test('pins, versions and their order', async () => {
    const board = await open('pins-r-written', 'pins-compat');
    assert.deepEqual(await board.list(), ['df_arrow', 'df_csv', 'df_rds', 'df_unversioned']);
    assert.deepEqual((await board.versions('df_csv')).map((v) => v.version), ['20220214T163718Z-eceac', '20220214T163720Z-9bfad']);
    assert.deepEqual((await board.versions('df_arrow')).map((v) => v.version), ['20220214T163720Z-ad0c1']);
    assert.equal(await board.exists('df_csv'), true);
    assert.equal(await board.exists('nonexistent'), false);
    const [first] = await board.versions('df_csv');
    assert.equal(first?.created?.toISOString(), '2022-02-14T16:37:18.000Z');
    assert.equal(first?.hash, 'eceac');
  });

  test('latest df_csv metadata', async () => {
    const board = await open('pins-r-written', 'pins-compat');
    const meta = await board.meta('df_csv');
    assert.equal(meta.name, 'df_csv');
    assert.equal(meta.version, '20220214T163720Z-9bfad');
    assert.equal(meta.created?.toISOString(), '2022-02-14T16:37:20.000Z');
    assert.equal(meta.createdText, '20220214T163720Z');
    assert.equal(meta.title, 'df_csv: a pinned 2 x 3 data frame');
    assert.equal(meta.description, null);
    assert.deepEqual(meta.files, ['df_csv.csv']);
    assert.deepEqual(meta.fileSizes, [28]);
    assert.equal(meta.pinHash, '9bfad6d1a322a904');
    assert.equal(meta.type, 'csv');
    assert.equal(meta.apiVersion, 1);
    assert.deepEqual(meta.user, {});
  });

  test('csv and arrow tables read back with their values; both csv versions', async () => {
    const board = await open('pins-r-written', 'pins-compat');
    const latest = await readTable(board, 'df_csv');
    assert.deepEqual(latest.columns.map((c) => c.name), ['x', 'y', 'z']);
    assert.deepEqual(latest.rows, [{ x: 1, y: 'a', z: 3 }, { x: 2, y: 'b', z: 4 }]);
    const older = await readTable(board, 'df_csv', '20220214T163718Z-eceac');
    assert.deepEqual(older.rows, [{ x: 1, y: 'a' }, { x: 2, y: 'b' }]);
    const arrow = await readTable(board, 'df_arrow');
    assert.deepEqual(arrow.columns.map((c) => c.name), ['x', 'y']);
    assert.deepEqual(columnValues(arrow, 'x'), [1, 2]);
    assert.deepEqual(columnValues(arrow, 'y'), ['a', 'b']);
    assert.equal((await board.meta('df_arrow')).fileSizes[0], 1282);
  });

  test('rds pins are refused with an explanation, but download works', async () => {
    const board = await open('pins-r-written', 'pins-compat');
    await assert.rejects(board.read('df_rds'), (error) => isPinsError(error, 'pickle-refused') && error.message.includes('df_rds') && /\bR\b/.test(error.message));
    const [file] = await board.download('df_rds');
    assert.equal((await fs.stat(file as string)).size, 116);
  });

  test('every recorded pin_hash is the xxh64 of the file and every file_size its length', async () => {
    assert.equal(await assertHashesAndSizes(await open('pins-r-written', 'pins-compat')), 5);
  });
});

describe('pins-r fixture board pin-board (with _pins.yaml)', skipWithoutShared, () => {
  test('the manifest is not a pin; x and y are', async () => {
    const board = await open('pins-r-written', 'pin-board');
    assert.deepEqual(await board.list(), ['x', 'y']);
    await assert.rejects(board.exists('_pins.yaml'), (error) => isPinsError(error, 'invalid-name') && error.message.includes('reserved'));
    await assert.rejects(board.meta('_pins.yaml'), (error) => isPinsError(error, 'invalid-name'));
    assert.deepEqual((await board.search('x')).map((meta) => meta.name), ['x']);
  });

  test('x reads as the integer vector 1..10 (json, 23 bytes)', async () => {
    const board = await open('pins-r-written', 'pin-board');
    assert.deepEqual(await board.read('x'), { kind: 'json', value: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] });
    const meta = await board.meta('x');
    assert.deepEqual(meta.fileSizes, [23]);
    assert.equal(meta.title, 'x: a pinned integer vector');
    assert.equal(meta.tags, null);
  });

  test("y's type changes between versions: rds, then json", async () => {
    const board = await open('pins-r-written', 'pin-board');
    const versions = (await board.versions('y')).map((v) => v.version);
    assert.deepEqual(versions, ['20221215T180357Z-9ae7a', '20221215T180400Z-b81d5']);
    assert.equal((await board.meta('y', versions[0])).type, 'rds');
    assert.deepEqual((await board.meta('y', versions[0])).files, ['y.rds']);
    assert.equal((await board.meta('y')).type, 'json');
    assert.deepEqual(await board.read('y'), { kind: 'json', value: Array.from({ length: 20 }, (_, i) => i + 1) });
    await assert.rejects(board.read('y', versions[0]), (error) => isPinsError(error, 'pickle-refused') && error.message.includes('y.rds'));
  });

  test('hashes and sizes', async () => {
    assert.equal(await assertHashesAndSizes(await open('pins-r-written', 'pin-board')), 3);
  });
});

describe('legacy and single-pin fixtures', skipWithoutShared, () => {
  test('a v0 table pin (version folder "v", no api_version) reads its data.csv', async () => {
    const board = await open('pins-r-written', 'pins-old-types');
    assert.deepEqual(await board.list(), ['a-table']);
    assert.deepEqual(await board.versions('a-table'), [{ version: 'v', created: null, hash: null }]);
    const meta = await board.meta('a-table');
    assert.equal(meta.apiVersion, 0);
    assert.equal(meta.type, 'table');
    assert.deepEqual(meta.files, ['data.csv', 'data.rds']);
    const table = await readTable(board, 'a-table');
    assert.deepEqual(table.rows, [{ a: 1, b: 'x' }, { a: 2, b: 'y' }]);
  });

  test('flat pin-files (data.txt in the pin folder): multi-file meta and download', async (t) => {
    const board = await open('pins-r-written', 'single-pins');
    assert.deepEqual(await board.list(), ['pin-files', 'pin-rds']);
    const meta = await board.meta('pin-files');
    assert.deepEqual(meta.files, ['first.txt', 'second.txt']);
    assert.deepEqual(meta.fileSizes, [8, 10]);
    assert.equal(meta.pinHash, '7bdc4d364edbe361dd14652ca8a9be4a');
    assert.equal(meta.type, 'file');
    assert.equal(meta.description, 'A pin containing 2 files');
    assert.equal(meta.created?.toISOString(), '2021-04-22T20:22:33.000Z');
    const read = await board.read('pin-files');
    assert.equal(read.kind, 'files');
    const to = await fs.mkdtemp(path.join(os.tmpdir(), 'pinwheel-fixture-dl-'));
    t.after(() => fs.rm(to, { recursive: true, force: true }));
    const copies = await board.download('pin-files', { to });
    assert.deepEqual(copies, [path.join(to, 'first.txt'), path.join(to, 'second.txt')]);
    assert.equal(await fs.readFile(copies[0] as string, 'utf8'), 'abcdefg\n');
    assert.equal(await fs.readFile(copies[1] as string, 'utf8'), 'hijklmnop\n');
  });

  test('flat pin-rds keeps its extra keys and is refused for reading', async () => {
    const board = await open('pins-r-written', 'single-pins');
    const meta = await board.meta('pin-rds');
    assert.deepEqual(meta.unknown.object, { rows: 10, cols: 1 });
    assert.equal(meta.pinHash, 'b19672da7864f6fb');
    assert.deepEqual(meta.fileSizes, [126]);
    assert.equal(await fileXxh64((await board.download('pin-rds'))[0] as string), 'b19672da7864f6fb');
    await assert.rejects(board.read('pin-rds'), (error) => isPinsError(error, 'pickle-refused'));
  });

  test('vetiver-python coffeeratings: joblib metadata is readable, the pickle is not', async () => {
    const board = await open('vetiver-python-written', 'coffeeratings-board');
    assert.deepEqual(await board.list(), ['v']);
    const meta = await board.meta('v');
    assert.equal(meta.version, '20220415T174503Z-06d9b');
    assert.equal(meta.type, 'joblib');
    assert.equal(meta.title, 'v: a pinned LinearRegression object');
    assert.equal(meta.pinHash, '06d9b5c677c7dcd0');
    assert.deepEqual(meta.user.required_pkgs, ['vetiver', 'scikit-learn']);
    assert.equal(meta.user.save_ptype, true);
    assert.equal(JSON.parse(meta.user.ptype as string).aroma, 7.5);
    await assert.rejects(board.read('v'), (error) => isPinsError(error, 'pickle-refused') && error.message.includes('Python'));
    assert.equal(await assertHashesAndSizes(board), 1);
  });
});

describe('pins-python-written board (pins-python-written.expected.json)', skipWithoutShared, () => {
  interface ExpectedMeta {
    title: string; description: string | null; created: string; pin_hash: string; file: string; file_size: number;
    type: string; api_version: number; tags: null; user: Record<string, unknown>; version: { created: string; hash: string };
  }
  interface Expected { ads_rf_versions: string[]; metrics: Record<string, unknown>[]; pin_meta: Record<string, ExpectedMeta> }
  const expected = async (): Promise<Expected> => JSON.parse(await fs.readFile(fixturePath('pins-python-written.expected.json'), 'utf8')) as Expected;

  test('every pin has the expected latest metadata', async () => {
    const board = await open('pins-python-written');
    const { pin_meta: metas } = await expected();
    assert.deepEqual(await board.list(), ['ads_data_csv', 'ads_data_json', 'ads_list_json', 'ads_metrics', 'ads_rf', 'ads_rf_onnx']);
    assert.deepEqual(Object.keys(metas).sort(), (await board.list()).filter((name) => name in metas).sort());
    for (const [name, want] of Object.entries(metas)) {
      const meta = await board.meta(name);
      assert.equal(meta.title, want.title, name);
      assert.equal(meta.description, want.description, name);
      assert.equal(meta.createdText, want.created, name);
      assert.equal(meta.pinHash, want.pin_hash, name);
      assert.deepEqual(meta.files, [want.file], name);
      assert.deepEqual(meta.fileSizes, [want.file_size], name);
      assert.equal(meta.type, want.type, name);
      assert.equal(meta.apiVersion, want.api_version, name);
      assert.equal(meta.tags, want.tags, name);
      assert.deepEqual(meta.user, want.user, name);
      assert.equal(meta.version.slice(-5), want.version.hash, name);
      assert.equal(meta.created?.toISOString().replace('T', ' ').slice(0, 19), want.version.created, name);
    }
  });

  test('versions of ads_rf and ads_metrics, oldest first', async () => {
    const board = await open('pins-python-written');
    assert.deepEqual((await board.versions('ads_rf')).map((v) => v.version), (await expected()).ads_rf_versions);
    assert.deepEqual((await board.versions('ads_metrics')).map((v) => v.version), ['20261126T050937Z-c0772', '20261126T050938Z-82aa8']);
    assert.equal((await board.meta('ads_metrics', '20261126T050937Z-c0772')).title, 'ads_metrics: a pinned 6 x 4 DataFrame');
  });

  test('the metrics table matches the expected values', async () => {
    const board = await open('pins-python-written');
    const table = await readTable(board, 'ads_metrics');
    const want = (await expected()).metrics;
    assert.deepEqual(table.columns.map((c) => c.name), ['index', 'n', 'metric', 'estimate']);
    assert.equal(table.rows.length, want.length);
    for (const [i, row] of table.rows.entries()) {
      const w = want[i] as Record<string, unknown>;
      assert.equal(row.index, w.index);
      assert.equal(row.n, w.n);
      assert.equal(row.metric, w.metric);
      assert.ok(Math.abs((row.estimate as number) - (w.estimate as number)) < 1e-6, `estimate row ${i}`);
    }
  });

  test('the same ads data as csv and as json read to the same values', async () => {
    const board = await open('pins-python-written');
    const csv = await readTable(board, 'ads_data_csv');
    const json = await board.read('ads_data_json');
    assert.equal(json.kind, 'json');
    const records = (json as { value: Record<string, unknown>[] }).value;
    assert.equal(csv.rows.length, 120);
    assert.equal(records.length, 120);
    assert.deepEqual(columnValues(csv, 'like_count'), records.map((r) => r.like_count));
    assert.deepEqual(await board.read('ads_list_json'), { kind: 'json', value: { a: [1, 2, 3], b: 'text', c: null } });
  });

  test('the ONNX file pin downloads; the joblib model is refused', async () => {
    const board = await open('pins-python-written');
    const read = await board.read('ads_rf_onnx');
    assert.equal(read.kind, 'files');
    assert.equal((await fs.stat((read as { paths: string[] }).paths[0] as string)).size, 11542);
    await assert.rejects(board.read('ads_rf'), (error) => isPinsError(error, 'pickle-refused') && error.message.includes('ads_rf'));
  });

  test('hashes and sizes', async () => {
    assert.equal(await assertHashesAndSizes(await open('pins-python-written')), 8);
  });
});

describe('fixture boards stay untouched', skipWithoutShared, () => {
  test('a fixture opened read-only refuses writes and deletes', async () => {
    const board = await open('pins-r-written', 'pin-board');
    await assert.rejects(board.write([1], { name: 'new', type: 'json' }), (error) => isPinsError(error, 'read-only'));
    await assert.rejects(board.deletePin('x'), (error) => isPinsError(error, 'read-only'));
    await assert.rejects(board.prune('y', { keep: 1 }), (error) => isPinsError(error, 'read-only'));
    assert.deepEqual(await board.list(), ['x', 'y']);
  });
});
