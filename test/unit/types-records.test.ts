// Tables from JSON records, default titles, and how each pin type is dispatched: refusals for
// serialised objects and uploaded files, unknown types.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  decodePinData,
  defaultTitle,
  defaultUploadTitle,
  describeSerializedObject,
  encodePinData,
  tableFromRecords,
  WRITABLE_TYPES,
} from '../../src/core/pins/types/index.js';
import { isPinsError } from '../../src/core/pins/errors.js';

test('tableFromRecords infers column types and takes the union of keys in first-seen order', () => {
  const table = tableFromRecords([
    { id: 1, flag: true, score: 1, name: 'a' },
    { name: 'b', id: 2, score: 2.5, extra: 'late' },
    { id: 3, flag: false, score: null, name: null, extra: null },
  ]);
  assert.deepEqual(table.columns, [
    { name: 'id', type: 'integer' },
    { name: 'flag', type: 'boolean' },
    { name: 'score', type: 'number' },
    { name: 'name', type: 'string' },
    { name: 'extra', type: 'string' },
  ]);
  assert.deepEqual(table.rows[1], { id: 2, flag: null, score: 2.5, name: 'b', extra: 'late' });
});

test('tableFromRecords: all-missing and mixed columns are unknown; nested values become JSON text', () => {
  const table = tableFromRecords([
    { none: null, mixed: 1, nested: { a: [1, 2] }, when: '2024-01-02' },
    { none: null, mixed: 'x', nested: [true], when: '2024-01-03' },
  ]);
  assert.deepEqual(table.columns, [
    { name: 'none', type: 'unknown' },
    { name: 'mixed', type: 'unknown' },
    { name: 'nested', type: 'unknown' },
    { name: 'when', type: 'string' },
  ]);
  assert.deepEqual(table.rows[0], { none: null, mixed: 1, nested: '{"a":[1,2]}', when: '2024-01-02' });
  assert.deepEqual(table.rows[1], { none: null, mixed: 'x', nested: '[true]', when: '2024-01-03' });
});

test('tableFromRecords: integers beyond 2^53 make a number column; no records is an empty table', () => {
  assert.equal(tableFromRecords([{ n: 1 }, { n: 2 ** 60 }]).columns[0]!.type, 'number');
  assert.deepEqual(tableFromRecords([]), { columns: [], rows: [] });
});

test('default titles are worded as pins-r words them', () => {
  const table = tableFromRecords([
    { x: 1, y: 'a', z: 3 },
    { x: 2, y: 'b', z: 4 },
  ]);
  assert.equal(defaultTitle('df_csv', table, 'csv'), 'df_csv: a pinned 2 x 3 data frame'); // the pins-compat fixture's title
  assert.equal(defaultTitle('x', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 'json'), 'x: a pinned integer vector'); // the pin-board fixture's title
  assert.equal(defaultTitle('p', [0.5, 1], 'json'), 'p: a pinned double vector');
  assert.equal(defaultTitle('s', ['a'], 'json'), 's: a pinned character vector');
  assert.equal(defaultTitle('b', true, 'json'), 'b: a pinned logical vector');
  assert.equal(defaultTitle('l', { a: [1, 2, 3], b: 'text', c: null }, 'json'), 'l: a pinned list');
  assert.equal(defaultTitle('m', [1, 'a'], 'json'), 'm: a pinned list');
  assert.equal(defaultTitle('n', null, 'json'), 'n: a pinned NULL');
});

test('default upload titles: one file by extension, several by count', () => {
  assert.equal(defaultUploadTitle('model', ['/tmp/ads_rf.onnx']), 'model: a pinned .onnx file');
  assert.equal(defaultUploadTitle('data', ['data.a.b.csv']), 'data: a pinned .csv file');
  assert.equal(defaultUploadTitle('raw', ['README']), 'raw: a pinned file');
  assert.equal(defaultUploadTitle('docs', ['first.txt', 'second.txt']), 'docs: 2 pinned files');
});

const where = { pin: 'ads_rf', version: '20261126T050936Z-5e16d', file: 'ads_rf.joblib' };

test('joblib and pickle pins are refused, naming Python, the pin, and that download still works', async () => {
  for (const type of ['joblib', 'pickle']) {
    await assert.rejects(decodePinData(type, new Uint8Array([0x80, 0x04]), where), (error: unknown) => {
      assert.ok(isPinsError(error, 'pickle-refused'), String(error));
      assert.match(error.message, /Python object serialised with (joblib|pickle)/);
      assert.match(error.message, /Only Python can load it/);
      assert.match(error.message, /never executes pickles/);
      assert.match(error.message, /arbitrary code/);
      assert.match(error.message, /pinwheel download ads_rf/);
      assert.match(error.message, /ads_rf\.joblib/);
      assert.match(error.message, /20261126T050936Z-5e16d/);
      return true;
    });
  }
});

test('rds, qs and qs2 pins are refused, naming R and its loaders', async () => {
  const loaders: Record<string, RegExp> = { rds: /readRDS/, qs: /qs::qread/, qs2: /qs2::qs_read/ };
  for (const [type, loader] of Object.entries(loaders)) {
    const rWhere = { pin: 'df_rds', version: '20220214T163720Z-35b15', file: `df_rds.${type}` };
    await assert.rejects(decodePinData(type, new Uint8Array([0x1f, 0x8b]), rWhere), (error: unknown) => {
      assert.ok(isPinsError(error, 'pickle-refused'), String(error));
      assert.match(error.message, /an R object/);
      assert.match(error.message, /Only R can load it/);
      assert.match(error.message, loader);
      assert.match(error.message, /can only be read by R/);
      assert.match(error.message, /pinwheel download df_rds/);
      return true;
    });
  }
});

test('describeSerializedObject tells UIs what a pin holds and which language loads it', () => {
  const joblib = describeSerializedObject('joblib');
  assert.equal(joblib?.language, 'Python');
  assert.equal(joblib?.explanation, 'a Python object serialised with joblib (pickle)');
  assert.match(joblib?.loader ?? '', /joblib\.load/);
  assert.equal(describeSerializedObject('rds')?.language, 'R');
  assert.equal(describeSerializedObject('qs2')?.language, 'R');
  for (const type of ['csv', 'json', 'arrow', 'parquet', 'file', 'toString', 'constructor']) assert.equal(describeSerializedObject(type), null, type);
});

test("'file' pins are not readable as data and point to download; unknown types are unsupported", async () => {
  const fileWhere = { pin: 'ads_rf_onnx', version: '20261126T050938Z-9404b', file: 'ads_rf.onnx' };
  await assert.rejects(
    decodePinData('file', new Uint8Array([1]), fileWhere),
    (error: unknown) => isPinsError(error, 'not-readable') && /pinwheel download ads_rf_onnx/.test(error.message) && /ads_rf\.onnx/.test(error.message),
  );
  await assert.rejects(
    decodePinData('froopy-loops', new Uint8Array([1]), fileWhere),
    (error: unknown) => isPinsError(error, 'unsupported-type') && /'froopy-loops'/.test(error.message) && /download/.test(error.message),
  );
});

test('only csv, json, arrow and parquet can be written; other types say why', async () => {
  assert.deepEqual([...WRITABLE_TYPES], ['csv', 'json', 'arrow', 'parquet']);
  const table = tableFromRecords([{ a: 1 }]);
  await assert.rejects(encodePinData('joblib', table), (e: unknown) => isPinsError(e, 'unsupported-type') && /only Python can produce/.test(e.message));
  await assert.rejects(encodePinData('rds', table), (e: unknown) => isPinsError(e, 'unsupported-type') && /only R can produce/.test(e.message));
  await assert.rejects(encodePinData('file', table), (e: unknown) => isPinsError(e, 'invalid-argument') && /upload/.test(e.message));
  await assert.rejects(encodePinData('table', table), (e: unknown) => isPinsError(e, 'unsupported-type') && /legacy/.test(e.message));
  for (const type of ['arrow', 'parquet'] as const) {
    await assert.rejects(encodePinData(type, { a: 1 }), (e: unknown) => isPinsError(e, 'invalid-argument') && /holds a table/.test(e.message));
  }
});
