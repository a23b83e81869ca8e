// Data files written by the real pins-python and pins-r (../shared/fixtures) decode to the
// values the spec (§8.1) and pins-python-written.expected.json give.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { fixturePath, skipWithoutShared } from '../support/sharedFixtures.js';
import { decodePinData, defaultTitle, tableFromRecords, type PinContent, type Table } from '../../src/core/pins/types/index.js';
import { isPinsError } from '../../src/core/pins/errors.js';

async function decodeFixture(type: string, ...parts: string[]): Promise<PinContent> {
  const bytes = new Uint8Array(await readFile(fixturePath(...parts)));
  const [pin = '', version = '', file = ''] = parts.slice(-3);
  return decodePinData(type, bytes, { pin, version, file });
}

async function tableFixture(type: string, ...parts: string[]): Promise<Table> {
  const content = await decodeFixture(type, ...parts);
  assert.equal(content.kind, 'table');
  return content.table;
}

async function jsonFixture(...parts: string[]): Promise<unknown> {
  const content = await decodeFixture('json', ...parts);
  assert.equal(content.kind, 'json');
  return content.value;
}

/** The title stored in a fixture's data.txt (quoted by R's yaml). */
async function storedTitle(...parts: string[]): Promise<string> {
  const text = await readFile(fixturePath(...parts, 'data.txt'), 'utf8');
  const match = /^title: '(.*)'$/m.exec(text);
  assert.ok(match, 'the fixture has a quoted title');
  return match[1]!;
}

const column = (table: Table, name: string) => table.rows.map((row) => row[name]);
const types = (table: Table) => Object.fromEntries(table.columns.map((c) => [c.name, c.type]));

const rCompat = ['pins-r-written', 'pins-compat'];
const python = 'pins-python-written';

test('pins-r df_csv: both versions, R-quoted CSV', skipWithoutShared, async () => {
  const first = await tableFixture('csv', ...rCompat, 'df_csv', '20220214T163718Z-eceac', 'df_csv.csv');
  assert.deepEqual(first, {
    columns: [
      { name: 'x', type: 'integer' },
      { name: 'y', type: 'string' },
    ],
    rows: [
      { x: 1, y: 'a' },
      { x: 2, y: 'b' },
    ],
  });
  const second = await tableFixture('csv', ...rCompat, 'df_csv', '20220214T163720Z-9bfad', 'df_csv.csv');
  assert.deepEqual(types(second), { x: 'integer', y: 'string', z: 'integer' });
  assert.deepEqual(second.rows, [
    { x: 1, y: 'a', z: 3 },
    { x: 2, y: 'b', z: 4 },
  ]);
  assert.equal(defaultTitle('df_csv', second, 'csv'), await storedTitle(...rCompat, 'df_csv', '20220214T163720Z-9bfad'));
});

test('pins-r df_arrow: LZ4-compressed Feather V2 with R metadata reads as x = 1:2, y = c("a", "b")', skipWithoutShared, async () => {
  const table = await tableFixture('arrow', ...rCompat, 'df_arrow', '20220214T163720Z-ad0c1', 'df_arrow.arrow');
  assert.deepEqual(types(table), { x: 'integer', y: 'string' });
  assert.deepEqual(column(table, 'x'), [1, 2]);
  assert.deepEqual(column(table, 'y'), ['a', 'b']);
  assert.equal(defaultTitle('df_arrow', table, 'arrow'), await storedTitle(...rCompat, 'df_arrow', '20220214T163720Z-ad0c1'));
});

test('pins-r pin-board: x is the JSON vector 1..10, y (second version) 1..20', skipWithoutShared, async () => {
  const x = await jsonFixture('pins-r-written', 'pin-board', 'x', '20221215T180351Z-c3943', 'x.json');
  assert.deepEqual(x, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.equal(defaultTitle('x', x, 'json'), await storedTitle('pins-r-written', 'pin-board', 'x', '20221215T180351Z-c3943'));
  const y = await jsonFixture('pins-r-written', 'pin-board', 'y', '20221215T180400Z-b81d5', 'y.json');
  assert.deepEqual(y, Array.from({ length: 20 }, (_, i) => i + 1));
});

test('legacy pins-r v0 table pin: data.csv reads as a = 1:2, b = c("x", "y")', skipWithoutShared, async () => {
  const table = await tableFixture('table', 'pins-r-written', 'pins-old-types', 'a-table', 'v', 'data.csv');
  assert.deepEqual(types(table), { a: 'integer', b: 'string' });
  assert.deepEqual(table.rows, [
    { a: 1, b: 'x' },
    { a: 2, b: 'y' },
  ]);
});

test('pins-python ads_data: the csv and json pins hold the same 120 x 7 table', skipWithoutShared, async () => {
  const csv = await tableFixture('csv', python, 'ads_data_csv', '20261126T050936Z-9fe18', 'ads_data_csv.csv');
  const flags = ['funny', 'show_product', 'patriotic', 'celebrity', 'danger', 'animals'];
  assert.deepEqual(types(csv), { like_count: 'integer', ...Object.fromEntries(flags.map((f) => [f, 'boolean'])) });
  assert.equal(csv.rows.length, 120);
  // first data line of the file: 516,False,False,False,False,False,False
  assert.deepEqual(csv.rows[0], { like_count: 516, ...Object.fromEntries(flags.map((f) => [f, false])) });
  // second: 3483,True,False,False,True,True,False
  assert.deepEqual(csv.rows[1], { like_count: 3483, funny: true, show_product: false, patriotic: false, celebrity: true, danger: true, animals: false });
  const records = await jsonFixture(python, 'ads_data_json', '20261126T050936Z-b781f', 'ads_data_json.json');
  assert.ok(Array.isArray(records));
  assert.deepEqual(tableFromRecords(records as Record<string, unknown>[]), csv);
});

test('pins-python ads_metrics: the latest version equals the expected metrics table, the first its first 6 rows', skipWithoutShared, async () => {
  const expected = JSON.parse(await readFile(fixturePath('pins-python-written.expected.json'), 'utf8')) as {
    metrics: { index: string; n: number; metric: string; estimate: number }[];
  };
  // vetiver's pin_metrics appended three more days to the first version (titles: 6 x 4, 12 x 4)
  for (const [version, rows] of [
    ['20261126T050937Z-c0772', 6],
    ['20261126T050938Z-82aa8', 12],
  ] as const) {
    const table = await tableFixture('csv', python, 'ads_metrics', version, 'ads_metrics.csv');
    assert.deepEqual(types(table), { index: 'string', n: 'integer', metric: 'string', estimate: 'number' });
    assert.equal(defaultTitle('ads_metrics', table, 'csv'), `ads_metrics: a pinned ${rows} x 4 data frame`);
    assert.equal(table.rows.length, rows);
    table.rows.forEach((row, i) => {
      // the expected values are rounded to 10 decimals
      assert.deepEqual({ ...row, estimate: Number((row.estimate as number).toFixed(10)) }, expected.metrics[i], `${version} row ${i + 1}`);
    });
  }
});

test('pins-python ads_list_json is the dict {a: [1, 2, 3], b: "text", c: None}', skipWithoutShared, async () => {
  assert.deepEqual(await jsonFixture(python, 'ads_list_json', '20261126T050937Z-2d535', 'ads_list_json.json'), { a: [1, 2, 3], b: 'text', c: null });
});

test('joblib and rds fixtures are refused without being read; the ONNX upload is not readable as data', skipWithoutShared, async () => {
  const refused: [string, string[]][] = [
    ['joblib', [python, 'ads_rf', '20261126T050936Z-5e16d', 'ads_rf.joblib']],
    ['joblib', ['vetiver-python-written', 'coffeeratings-board', 'v', '20220415T174503Z-06d9b', 'v.joblib']],
    ['rds', [...rCompat, 'df_rds', '20220214T163720Z-35b15', 'df_rds.rds']],
    ['rds', ['pins-r-written', 'pin-board', 'y', '20221215T180357Z-9ae7a', 'y.rds']],
  ];
  for (const [type, parts] of refused) {
    await assert.rejects(decodeFixture(type, ...parts), (error: unknown) => {
      assert.ok(isPinsError(error, 'pickle-refused'), String(error));
      assert.match(error.message, type === 'rds' ? /Only R can load it/ : /Only Python can load it/);
      assert.match(error.message, new RegExp(`pinwheel download ${parts.at(-3)}`));
      return true;
    });
  }
  await assert.rejects(decodeFixture('file', python, 'ads_rf_onnx', '20261126T050938Z-9404b', 'ads_rf.onnx'), (error: unknown) =>
    isPinsError(error, 'not-readable'),
  );
});
