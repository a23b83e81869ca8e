// The Pin Preview's data, built from real boards: the reference boards of pins-python and
// vetiver-python (../shared/fixtures) and Pinwheel's demo board.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEMO_MODEL, writeDemoBoard } from '../../src/core/demo/demoBoard.js';
import { openBoard } from '../../src/core/pins/index.js';
import { buildPinPreview, PREVIEW_LIMITS } from '../../src/core/preview/index.js';
import { fixturePath, skipWithoutShared } from '../support/sharedFixtures.js';

test('a vetiver-python joblib pin says why Pinwheel cannot serve it and how to export it to ONNX, with its prototype', skipWithoutShared, async () => {
  const board = await openBoard(fixturePath('vetiver-python-written', 'coffeeratings-board'), { readOnly: true });
  const preview = await buildPinPreview(board, 'v', undefined, { rows: 5 });
  assert.equal(preview.kind.kind, 'pickle');
  assert.equal(preview.latest, true);
  assert.equal(preview.model?.servable, false);
  assert.match(preview.model?.notServableReason ?? '', /pickle can run any code/);
  assert.ok(preview.model?.howToExport?.some((line) => /skl2onnx|to_onnx/.test(line)), 'names the exporter');
  assert.deepEqual(preview.model?.prototype?.map((column) => column.name), ['aroma', 'flavor', 'sweetness', 'acidity', 'body', 'uniformity', 'balance']);
  assert.deepEqual(preview.files, [{ name: 'v.joblib', size: 1035, sizeFrom: 'data.txt' }]);
  assert.match(preview.dataTxt.text, /^api_version: 1/);
  assert.ok(preview.userMetadata.some((row) => row.key === 'required_pkgs'));
  assert.equal(preview.table, undefined);
  assert.doesNotThrow(() => JSON.parse(JSON.stringify(preview)), 'plain JSON');
});

test('a pins-python csv pin gives its first rows, column types and total row count', skipWithoutShared, async () => {
  const board = await openBoard(fixturePath('pins-python-written'), { readOnly: true });
  const preview = await buildPinPreview(board, 'ads_data_csv', undefined, { rows: 3 });
  assert.equal(preview.kind.kind, 'table');
  const table = preview.table;
  assert.ok(table);
  assert.equal(table.rows.length, 3);
  assert.ok(table.totalRows > 3);
  assert.equal(table.rows[0]?.length, table.columns.length);
  assert.ok(table.columns.every((column) => typeof column.type === 'string' && column.name !== ''));
  assert.deepEqual(preview.metadata.slice(0, 1), [{ key: 'file', value: 'ads_data_csv.csv' }]);
});

test('a JSON pin gives a pretty-printed excerpt', skipWithoutShared, async () => {
  const board = await openBoard(fixturePath('pins-python-written'), { readOnly: true });
  const preview = await buildPinPreview(board, 'ads_list_json', undefined, { rows: 3 });
  assert.equal(preview.kind.kind, 'data');
  assert.ok(preview.json);
  assert.equal(preview.json.truncated, false);
  assert.doesNotThrow(() => JSON.parse(preview.json!.text));
});

test("the demo's ONNX model shows its prototype and tensors and is servable; an older version is not the latest", async () => {
  const board = await openBoard('temp');
  try {
    await writeDemoBoard(board);
    const preview = await buildPinPreview(board, DEMO_MODEL, undefined, { rows: 5 });
    assert.equal(preview.kind.kind, 'model');
    assert.equal(preview.model?.servable, true);
    assert.equal(preview.model?.task, 'regression');
    assert.deepEqual(preview.model?.prototype?.map((column) => column.type), Array(6).fill('boolean'));
    assert.ok((preview.model?.inputs.length ?? 0) > 0 && (preview.model?.outputs.length ?? 0) > 0);
    assert.equal(preview.latest, true);
    assert.equal(preview.versionCount, 2);
    const versions = await board.versions(DEMO_MODEL);
    const older = await buildPinPreview(board, DEMO_MODEL, versions[0]!.version, { rows: 5 });
    assert.equal(older.latest, false);
    const table = await buildPinPreview(board, 'ads_parquet', undefined, { rows: 5000 });
    assert.equal(table.table?.rows.length, Math.min(PREVIEW_LIMITS.maxRows, table.table?.totalRows ?? 0), 'rows are capped');
  } finally {
    await board.dispose();
  }
});

test('long values are cut with a note, never posted whole', async () => {
  const board = await openBoard('temp');
  try {
    const long = 'x'.repeat(PREVIEW_LIMITS.maxCellChars * 3);
    await board.write({ columns: [{ name: 'text', type: 'string' }], rows: [{ text: long }] }, { name: 'long', type: 'csv', metadata: { essay: 'y'.repeat(PREVIEW_LIMITS.maxValueChars * 2) } });
    const preview = await buildPinPreview(board, 'long', undefined, { rows: 5 });
    const cell = preview.table?.rows[0]?.[0];
    assert.equal(typeof cell === 'string' && cell.length, PREVIEW_LIMITS.maxCellChars);
    assert.match(preview.table?.note ?? '', /cut/);
    assert.ok((preview.userMetadata.find((row) => row.key === 'essay')?.value.length ?? Infinity) <= PREVIEW_LIMITS.maxValueChars);
  } finally {
    await board.dispose();
  }
});
