// The CLI reading boards written by the real pins-r and pins-python (read-only, in ../shared),
// with expected values from the spec (§8.1) and pins-python-written.expected.json.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fixturePath, skipWithoutShared } from '../support/sharedFixtures.js';
import { assertUserError, ensureCliBuilt, pinwheel, pinwheelJson, pinwheelOk, tempFolders } from './cli-harness.js';

interface MetaJson {
  name: string; version: string; title: string | null; description: string | null; type: string;
  files: string[]; file_sizes: number[]; pin_hash: string | null; created: string | null; created_text: string | null;
  api_version: number; tags: string[] | null; user: Record<string, unknown>;
}

// Read-only boards: the tests are independent and run side by side.
const temp = tempFolders('cli-fixtures');
before(ensureCliBuilt);
after(() => temp.cleanup());

describe('pins-compat board written by pins-r (spec §8.1)', { ...skipWithoutShared, concurrency: true }, () => {
  const board = () => ['--board', fixturePath('pins-r-written', 'pins-compat')];

  test('list shows the four pins, sorted', async () => {
    assert.deepEqual(await pinwheelJson(['list', ...board()]), ['df_arrow', 'df_csv', 'df_rds', 'df_unversioned']);
    assert.equal(await pinwheelOk(['list', ...board()]), 'df_arrow\ndf_csv\ndf_rds\ndf_unversioned\n');
  });

  test('versions of df_csv, oldest first, with their creation time and hash', async () => {
    assert.deepEqual(await pinwheelJson(['versions', 'df_csv', ...board()]), [
      { version: '20220214T163718Z-eceac', created: '2022-02-14T16:37:18.000Z', hash: 'eceac' },
      { version: '20220214T163720Z-9bfad', created: '2022-02-14T16:37:20.000Z', hash: '9bfad' },
    ]);
  });

  test('versions without --json is an aligned table', async () => {
    const lines = (await pinwheelOk(['versions', 'df_csv', ...board()])).trimEnd().split('\n');
    assert.equal(lines.length, 3);
    assert.match(lines[0] ?? '', /^VERSION\s+CREATED\s+HASH$/);
    assert.match(lines[2] ?? '', /^20220214T163720Z-9bfad\s+2022-02-14 16:37:20 UTC\s+9bfad$/);
    // Columns line up: every row starts its CREATED column at the same offset.
    const offsets = lines.map((line) => line.search(/CREATED|2022-02-14 /));
    assert.equal(new Set(offsets).size, 1);
  });

  test('meta of df_csv (latest) has the values pins-python asserts in test_compat.py', async () => {
    const meta = (await pinwheelJson(['meta', 'df_csv', ...board()])) as MetaJson;
    assert.equal(meta.name, 'df_csv');
    assert.equal(meta.version, '20220214T163720Z-9bfad');
    assert.equal(meta.title, 'df_csv: a pinned 2 x 3 data frame');
    assert.equal(meta.description, null);
    assert.equal(meta.created, '2022-02-14T16:37:20.000Z');
    assert.equal(meta.created_text, '20220214T163720Z');
    assert.deepEqual(meta.files, ['df_csv.csv']);
    assert.deepEqual(meta.file_sizes, [28]);
    assert.equal(meta.pin_hash, '9bfad6d1a322a904');
    assert.equal(meta.type, 'csv');
    assert.equal(meta.api_version, 1);
    assert.deepEqual(meta.user, {});
  });

  test('meta --version picks an older version', async () => {
    const meta = (await pinwheelJson(['meta', 'df_csv', '--version', '20220214T163718Z-eceac', ...board()])) as MetaJson;
    assert.equal(meta.version, '20220214T163718Z-eceac');
    assert.deepEqual(meta.file_sizes, [20]);
  });

  test('read prints the csv and arrow tables as records', async () => {
    assert.deepEqual(await pinwheelJson(['read', 'df_csv', ...board()]), [
      { x: 1, y: 'a', z: 3 },
      { x: 2, y: 'b', z: 4 },
    ]);
    assert.deepEqual(await pinwheelJson(['read', 'df_csv', '--version', '20220214T163718Z-eceac', ...board()]), [
      { x: 1, y: 'a' },
      { x: 2, y: 'b' },
    ]);
    assert.deepEqual(await pinwheelJson(['read', 'df_arrow', ...board()]), [
      { x: 1, y: 'a' },
      { x: 2, y: 'b' },
    ]);
  });

  test('read without --json previews the table with column types', async () => {
    const lines = (await pinwheelOk(['read', 'df_csv', ...board()])).trimEnd().split('\n');
    assert.match(lines[0] ?? '', /2 rows × 3 columns/);
    assert.match(lines[1] ?? '', /^\s*x\s+y\s+z$/);
    assert.match(lines[2] ?? '', /^\s*<int>\s+<str>\s+<int>$/);
    assert.match(lines[3] ?? '', /^\s*1\s+a\s+3$/);
    assert.match(lines[4] ?? '', /^\s*2\s+b\s+4$/);
  });

  test('read of an R object (rds) is refused with an explanation, and download still works', async () => {
    assertUserError(await pinwheel(['read', 'df_rds', ...board()]), 'df_rds', /\bR\b/);
    const to = await temp.make();
    const result = (await pinwheelJson(['download', 'df_rds', '--to', to, ...board()])) as { files: string[] };
    assert.deepEqual(result.files, [path.join(to, 'df_rds.rds')]);
    const copied = await readFile(path.join(to, 'df_rds.rds'));
    assert.deepEqual(copied, await readFile(fixturePath('pins-r-written', 'pins-compat', 'df_rds', '20220214T163720Z-35b15', 'df_rds.rds')));
  });

  test('a missing pin and a missing version are named in the error', async () => {
    assertUserError(await pinwheel(['meta', 'no_such_pin', ...board()]), 'no_such_pin');
    assertUserError(await pinwheel(['versions', 'no_such_pin', ...board()]), 'no_such_pin');
    assertUserError(await pinwheel(['read', 'df_csv', '--version', '123', ...board()]), 'df_csv', '123');
  });
});

describe('pin-board written by pins-r with a _pins.yaml manifest', { ...skipWithoutShared, concurrency: true }, () => {
  const board = () => ['--board', fixturePath('pins-r-written', 'pin-board')];

  test('list does not show the manifest', async () => {
    assert.deepEqual(await pinwheelJson(['list', ...board()]), ['x', 'y']);
  });

  test('read of the json pin x gives 1..10', async () => {
    assert.deepEqual(await pinwheelJson(['read', 'x', ...board()]), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  test("pin y changed type between versions; --version reads each one's own type", async () => {
    const versions = (await pinwheelJson(['versions', 'y', ...board()])) as { version: string }[];
    assert.deepEqual(versions.map((v) => v.version), ['20221215T180357Z-9ae7a', '20221215T180400Z-b81d5']);
    assert.equal(((await pinwheelJson(['meta', 'y', '--version', '20221215T180357Z-9ae7a', ...board()])) as MetaJson).type, 'rds');
    assert.equal(((await pinwheelJson(['meta', 'y', ...board()])) as MetaJson).type, 'json');
  });

  test('search x finds only x', async () => {
    const found = (await pinwheelJson(['search', 'x', ...board()])) as MetaJson[];
    assert.deepEqual(found.map((m) => m.name), ['x']);
    assert.equal(found[0]?.version, '20221215T180351Z-c3943');
  });
});

describe('board written by pins-python (pins-python-written.expected.json)', { ...skipWithoutShared, concurrency: true }, () => {
  const board = () => ['--board', fixturePath('pins-python-written')];
  const expected = async () =>
    JSON.parse(await readFile(fixturePath('pins-python-written.expected.json'), 'utf8')) as {
      ads_rf_versions: string[];
      metrics: { index: string; n: number; metric: string; estimate: number }[];
      pin_meta: Record<string, { title: string; description: string | null; created: string; pin_hash: string; file: string; file_size: number; type: string; api_version: number; tags: unknown; user: unknown; version: { hash: string } }>;
    };

  test('list and versions', async () => {
    const want = await expected();
    assert.deepEqual(await pinwheelJson(['list', ...board()]), Object.keys(want.pin_meta).sort());
    const versions = (await pinwheelJson(['versions', 'ads_rf', ...board()])) as { version: string }[];
    assert.deepEqual(versions.map((v) => v.version), want.ads_rf_versions);
  });

  test('meta of every pin matches what pins-python reported', async () => {
    const want = await expected();
    for (const [name, pin] of Object.entries(want.pin_meta)) {
      const meta = (await pinwheelJson(['meta', name, ...board()])) as MetaJson;
      assert.equal(meta.title, pin.title, name);
      assert.equal(meta.description, pin.description, name);
      assert.equal(meta.created_text, pin.created, name);
      assert.equal(meta.pin_hash, pin.pin_hash, name);
      assert.deepEqual(meta.files, [pin.file], name);
      assert.deepEqual(meta.file_sizes, [pin.file_size], name);
      assert.equal(meta.type, pin.type, name);
      assert.equal(meta.api_version, pin.api_version, name);
      assert.deepEqual(meta.tags, pin.tags, name);
      assert.deepEqual(meta.user, pin.user, name);
      assert.equal(meta.version.slice(-5), pin.version.hash, name);
    }
  });

  test('read of the metrics csv gives the 12 rows pins-python computed', async () => {
    const want = await expected();
    const rows = (await pinwheelJson(['read', 'ads_metrics', ...board()])) as { index: string; n: number; metric: string; estimate: number }[];
    assert.equal(rows.length, want.metrics.length);
    rows.forEach((row, i) => {
      const expectedRow = want.metrics[i];
      assert.ok(expectedRow);
      assert.equal(row.index, expectedRow.index);
      assert.equal(row.n, expectedRow.n);
      assert.equal(row.metric, expectedRow.metric);
      assert.ok(Math.abs(row.estimate - expectedRow.estimate) < 1e-6, `${row.estimate} vs ${expectedRow.estimate}`);
    });
  });

  test('read of a json pin prints the stored value', async () => {
    assert.deepEqual(await pinwheelJson(['read', 'ads_list_json', ...board()]), { a: [1, 2, 3], b: 'text', c: null });
  });

  test('read of a file pin prints its path; download copies it', async () => {
    const file = fixturePath('pins-python-written', 'ads_rf_onnx', '20261126T050938Z-9404b', 'ads_rf.onnx');
    assert.deepEqual(await pinwheelJson(['read', 'ads_rf_onnx', ...board()]), [file]);
    const to = await temp.make();
    const out = await pinwheelOk(['download', 'ads_rf_onnx', '--to', to, ...board()]);
    assert.equal(out, `${path.join(to, 'ads_rf.onnx')}\n`);
    assert.deepEqual(await readFile(path.join(to, 'ads_rf.onnx')), await readFile(file));
  });

  test('read of a joblib model is refused: Pinwheel never unpickles', async () => {
    assertUserError(await pinwheel(['read', 'ads_rf', ...board()]), 'ads_rf', /python/i, /download/i);
  });
});
