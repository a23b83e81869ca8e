// Write → versions → read → download → prune → delete on real temp folder boards, through the
// built CLI. Expected hashes are computed here with xxhash-wasm directly, not with our code.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import xxhash from 'xxhash-wasm';
import { VERSION_NAME, assertUserError, ensureCliBuilt, pinwheel, pinwheelJson, pinwheelOk, tempFolders } from './cli-harness.js';

interface WriteJson {
  name: string; version: string; type: string; skipped: boolean; replaced: string | null;
  files: string[]; file_sizes: number[]; pin_hash: string | null;
}

// Every test has its own board, so they run side by side.
const temp = tempFolders('cli-flows');
before(ensureCliBuilt);
after(() => temp.cleanup());

const CARS_CSV = 'model,mpg,cyl,automatic\nMazda RX4,21,6,false\nDatsun 710,22.8,4,true\nValiant,18.1,6,true\n';
const CARS_ROWS = [
  { model: 'Mazda RX4', mpg: 21, cyl: 6, automatic: false },
  { model: 'Datsun 710', mpg: 22.8, cyl: 4, automatic: true },
  { model: 'Valiant', mpg: 18.1, cyl: 6, automatic: true },
];

async function xxh64Hex(bytes: Uint8Array): Promise<string> {
  const { h64Raw } = await xxhash();
  return h64Raw(bytes).toString(16).padStart(16, '0');
}

/** A new board folder and an input folder for the files to pin. */
async function setUp() {
  const board = await temp.make();
  const inputs = await temp.make();
  const input = async (name: string, content: string | Uint8Array) => {
    const file = path.join(inputs, name);
    await writeFile(file, content);
    return file;
  };
  return { board, input, b: ['--board', board] };
}

async function versionNames(b: string[], name: string): Promise<string[]> {
  return ((await pinwheelJson(['versions', name, ...b])) as { version: string }[]).map((v) => v.version);
}

/** Versions are named by the second they were created in: wait for the next one. */
async function nextSecond(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 20));
}

describe('pinwheel write, then read it back', { concurrency: true }, () => {
  test('a csv file becomes a csv pin; versions, meta, read and the file on disk agree', async () => {
    const { board, input, b } = await setUp();
    const file = await input('cars.csv', CARS_CSV);
    const written = (await pinwheelJson(['write', file, '--name', 'cars', ...b])) as WriteJson;
    assert.equal(written.name, 'cars');
    assert.match(written.version, VERSION_NAME);
    assert.equal(written.type, 'csv');
    assert.equal(written.skipped, false);
    assert.equal(written.replaced, null);
    assert.deepEqual(written.files, ['cars.csv']);

    // A csv file pinned as csv is stored byte for byte, as the user wrote it.
    const onDisk = await readFile(path.join(board, 'cars', written.version, 'cars.csv'));
    assert.equal(onDisk.toString('utf8'), CARS_CSV);
    assert.deepEqual(written.file_sizes, [onDisk.byteLength]);
    const hash = await xxh64Hex(onDisk);
    assert.equal(written.pin_hash, hash);
    assert.equal(written.version.slice(-5), hash.slice(0, 5));
    assert.ok((await readdir(path.join(board, 'cars', written.version))).includes('data.txt'));

    assert.deepEqual(await versionNames(b, 'cars'), [written.version]);
    assert.deepEqual(await pinwheelJson(['read', 'cars', ...b]), CARS_ROWS);
    const meta = (await pinwheelJson(['meta', 'cars', ...b])) as { title: string; type: string };
    assert.equal(meta.type, 'csv');
    assert.equal(meta.title, 'cars: a pinned 3 x 4 data frame');
  });

  test('title, description, metadata and tags are stored', async () => {
    const { input, b } = await setUp();
    const file = await input('cars.csv', CARS_CSV);
    await pinwheelOk(['write', file, '--name', 'cars', '--title', 'Motor Trend cars', '--description', 'three cars',
      '--metadata', '{"source": "1974 Motor Trend", "rows": 3, "nested": {"ok": true, "id": "12345678901234567890", "max": 9007199254740991}}',
      '--tags', 'cars, demo', '--durable', ...b]);
    const meta = (await pinwheelJson(['meta', 'cars', ...b])) as Record<string, unknown>;
    assert.equal(meta.title, 'Motor Trend cars');
    assert.equal(meta.description, 'three cars');
    assert.deepEqual(meta.user, { source: '1974 Motor Trend', rows: 3, nested: { ok: true, id: '12345678901234567890', max: 9007199254740991 } });
    assert.deepEqual(meta.tags, ['cars', 'demo']);
    const found = (await pinwheelJson(['search', 'DEMO', ...b])) as { name: string }[];
    assert.deepEqual(found.map((m) => m.name), ['cars']);
  });

  test('a csv converted to parquet, arrow and json reads back the same rows, and those files can be pinned again', async () => {
    const { input, b } = await setUp();
    const file = await input('cars.csv', CARS_CSV);
    const downloads = await temp.make();
    for (const type of ['parquet', 'arrow', 'json']) {
      const written = (await pinwheelJson(['write', file, '--name', `cars_${type}`, '--type', type, ...b])) as WriteJson;
      assert.deepEqual(written.files, [`cars_${type}.${type}`]);
      assert.deepEqual(await pinwheelJson(['read', `cars_${type}`, ...b]), CARS_ROWS, type);

      // The downloaded parquet/arrow/json file is itself a valid input, its type taken from the extension.
      const [copy] = ((await pinwheelJson(['download', `cars_${type}`, '--to', downloads, ...b])) as { files: string[] }).files;
      assert.ok(copy);
      const again = (await pinwheelJson(['write', copy, '--name', `again_${type}`, ...b])) as WriteJson;
      assert.equal(again.type, type);
      assert.deepEqual(await pinwheelJson(['read', `again_${type}`, ...b]), CARS_ROWS, type);
    }
  });

  test('a json array of records can become a csv pin; any json value a json pin', async () => {
    const { input, b } = await setUp();
    const records = await input('cars.json', JSON.stringify(CARS_ROWS));
    await pinwheelOk(['write', records, '--name', 'cars', '--type', 'csv', ...b]);
    assert.deepEqual(await pinwheelJson(['read', 'cars', ...b]), CARS_ROWS);
    const config = await input('config.json', '{"threshold": 0.5, "labels": ["a", "b"]}');
    await pinwheelOk(['write', config, '--name', 'config', ...b]);
    assert.deepEqual(await pinwheelJson(['read', 'config', ...b]), { threshold: 0.5, labels: ['a', 'b'] });
  });

  test('several files become one file pin: read lists them, download copies them all', async () => {
    const { board, input, b } = await setUp();
    const model = await input('model.onnx', new Uint8Array([1, 2, 3, 4]));
    const labels = await input('labels.json', '["cat", "dog"]');
    const written = (await pinwheelJson(['write', model, labels, '--name', 'bundle', '--type', 'file', ...b])) as WriteJson;
    assert.equal(written.type, 'file');
    assert.deepEqual(written.files, ['model.onnx', 'labels.json']);
    assert.deepEqual(written.file_sizes, [4, 14]);
    const inBoard = written.files.map((file) => path.join(board, 'bundle', written.version, file));
    assert.deepEqual(await pinwheelJson(['read', 'bundle', ...b]), inBoard);
    const to = await temp.make();
    const downloaded = (await pinwheelJson(['download', 'bundle', '--to', to, ...b])) as { files: string[] };
    assert.deepEqual(downloaded.files, [path.join(to, 'model.onnx'), path.join(to, 'labels.json')]);
    assert.deepEqual(new Uint8Array(await readFile(path.join(to, 'model.onnx'))), new Uint8Array([1, 2, 3, 4]));
    assert.equal(await readFile(path.join(to, 'labels.json'), 'utf8'), '["cat", "dog"]');
    // Without --type, several files are a file pin too (no data type could hold them).
    const again = (await pinwheelJson(['write', labels, model, '--name', 'bundle2', ...b])) as WriteJson;
    assert.equal(again.type, 'file');
    assert.deepEqual(again.files, ['labels.json', 'model.onnx']);
  });

  test('the read preview escapes control characters, shows missing values as NA and rounds fractions; --json stays exact', async () => {
    const { input, b } = await setUp();
    const rows = [
      { label: 'two\nlines', tabbed: 'a\tb', x: 3.14159265358979, n: 1 },
      { label: 'esc\u001b[0m\r', tabbed: null, x: 1234567.891, n: null },
      { label: 'plain', tabbed: 'c', x: 0.1 + 0.2, n: 3 },
    ];
    await pinwheelOk(['write', await input('rows.json', JSON.stringify(rows)), '--name', 'odd', '--type', 'parquet', ...b]);
    const lines = (await pinwheelOk(['read', 'odd', ...b])).trimEnd().split('\n');
    assert.equal(lines.length, 6, lines.join('\n'));
    assert.match(lines[0] ?? '', /3 rows × 4 columns/);
    assert.match(lines[3] ?? '', /^two\\nlines\s+a\\tb\s+3\.141593\s+1$/);
    assert.match(lines[4] ?? '', /^esc\\u\{1b\}\[0m\\r\s+NA\s+1234568\s+NA$/);
    assert.match(lines[5] ?? '', /^plain\s+c\s+0\.3\s+3$/);
    // Columns still line up: the type row and every data row end at the same width.
    assert.equal(new Set(lines.slice(2).map((line) => line.length)).size, 1, lines.join('\n'));
    assert.deepEqual(await pinwheelJson(['read', 'odd', ...b]), rows);
  });

  test('--type file uploads the bytes unchanged; read gives the path, download a copy', async () => {
    const { board, input, b } = await setUp();
    const bytes = new Uint8Array(4096).map((_, i) => (i * 31) % 256);
    const file = await input('model.onnx', bytes);
    const written = (await pinwheelJson(['write', file, '--name', 'model', ...b])) as WriteJson;
    assert.equal(written.type, 'file');
    assert.deepEqual(written.files, ['model.onnx']);
    assert.equal(written.pin_hash, await xxh64Hex(bytes));
    const inBoard = path.join(board, 'model', written.version, 'model.onnx');
    assert.deepEqual(await pinwheelJson(['read', 'model', ...b]), [inBoard]);
    const to = path.join(await temp.make(), 'new', 'folder');
    assert.equal(await pinwheelOk(['download', 'model', '--to', to, ...b]), `${path.join(to, 'model.onnx')}\n`);
    assert.deepEqual(new Uint8Array(await readFile(path.join(to, 'model.onnx'))), bytes);
    // Without --to, download says where the file is on the board, like pins' pin_download.
    assert.equal(await pinwheelOk(['download', 'model', ...b]), `${inBoard}\n`);
    // --json reports the version it resolved, not null, when --version is omitted.
    assert.deepEqual(await pinwheelJson(['download', 'model', ...b]), { name: 'model', version: written.version, files: [inBoard] });
  });
});

describe('versions: identical writes, unversioned writes, prune, delete', { concurrency: true }, () => {
  test('writing identical data again is skipped and says so; --force-identical writes a new version', async () => {
    const { input, b } = await setUp();
    const file = await input('cars.csv', CARS_CSV);
    const first = (await pinwheelJson(['write', file, '--name', 'cars', ...b])) as WriteJson;
    const again = await pinwheelOk(['write', file, '--name', 'cars', ...b]);
    assert.match(again, /^Skipped: .*'cars'.*identical.*--force-identical/s);
    assert.ok(again.includes(first.version));
    const skipped = (await pinwheelJson(['write', file, '--name', 'cars', ...b])) as WriteJson;
    assert.equal(skipped.skipped, true);
    assert.equal(skipped.version, first.version);
    assert.deepEqual(await versionNames(b, 'cars'), [first.version]);

    await nextSecond();
    const forced = (await pinwheelJson(['write', file, '--name', 'cars', '--force-identical', ...b])) as WriteJson;
    assert.equal(forced.skipped, false);
    assert.notEqual(forced.version, first.version);
    assert.deepEqual(await versionNames(b, 'cars'), [first.version, forced.version]);
  });

  test('--unversioned replaces the single version', async () => {
    const { input, b } = await setUp();
    const one = (await pinwheelJson(['write', await input('a.csv', 'x\n1\n'), '--name', 'p', '--unversioned', ...b])) as WriteJson;
    const two = (await pinwheelJson(['write', await input('b.csv', 'x\n2\n'), '--name', 'p', '--unversioned', ...b])) as WriteJson;
    assert.equal(two.replaced, one.version);
    assert.deepEqual(await versionNames(b, 'p'), [two.version]);
    assert.deepEqual(await pinwheelJson(['read', 'p', ...b]), [{ x: 2 }]);
  });

  test('--unversioned on a pin with several versions is refused and says how to go on', async () => {
    const { input, b } = await setUp();
    await pinwheelOk(['write', await input('a.csv', 'x\n1\n'), '--name', 'p', ...b]);
    await pinwheelOk(['write', await input('b.csv', 'x\n2\n'), '--name', 'p', ...b]);
    const result = await pinwheel(['write', await input('c.csv', 'x\n3\n'), '--name', 'p', '--unversioned', ...b]);
    assertUserError(result, '"p"', 'Drop --unversioned to add a new version, or run `pinwheel prune p --keep 1');
    assert.equal((await versionNames(b, 'p')).length, 2);
  });

  test('prune --keep with --dry-run, then for real; --days keeps recent versions; the latest is kept', async () => {
    const { input, b } = await setUp();
    for (let i = 1; i <= 4; i += 1) await pinwheelOk(['write', await input(`v${i}.csv`, `x\n${i}\n`), '--name', 'p', ...b]);
    const all = await versionNames(b, 'p');
    assert.equal(all.length, 4);

    const dry = await pinwheelJson(['prune', 'p', '--keep', '2', '--dry-run', ...b]);
    assert.deepEqual(dry, { name: 'p', dry_run: true, deleted: all.slice(0, 2), kept: all.slice(2) });
    assert.deepEqual(await versionNames(b, 'p'), all);

    const human = await pinwheelOk(['prune', 'p', '--keep', '2', ...b]);
    assert.match(human, /^Deleted 2 versions of 'p':/);
    for (const gone of all.slice(0, 2)) assert.ok(human.includes(`- ${gone}`), human);
    assert.deepEqual(await versionNames(b, 'p'), all.slice(2));

    assert.deepEqual(await pinwheelJson(['prune', 'p', '--days', '1', ...b]), { name: 'p', dry_run: false, deleted: [], kept: all.slice(2) });
    // The latest version is the greatest name (pins' rule), so `read` without --version reads it.
    const latest = all.at(-1);
    assert.ok(latest);
    assert.deepEqual(await pinwheelJson(['read', 'p', ...b]), await pinwheelJson(['read', 'p', '--version', latest, ...b]));
  });

  test('delete --version removes one version; delete NAME removes the pin', async () => {
    const { input, b } = await setUp();
    await pinwheelOk(['write', await input('a.csv', 'x\n1\n'), '--name', 'p', ...b]);
    await pinwheelOk(['write', await input('b.csv', 'x\n2\n'), '--name', 'p', ...b]);
    await pinwheelOk(['write', await input('c.csv', 'y\n1\n'), '--name', 'other', ...b]);
    const [older, newer] = await versionNames(b, 'p');
    assert.ok(older && newer);

    assert.equal(await pinwheelOk(['delete', 'p', '--version', older, ...b]), `Deleted version ${older} of pin 'p'.\n`);
    assert.deepEqual(await versionNames(b, 'p'), [newer]);

    assert.deepEqual(await pinwheelJson(['delete', 'p', ...b]), { name: 'p', deleted: 'pin', versions: [newer] });
    assert.deepEqual(await pinwheelJson(['list', ...b]), ['other']);
    const missing = await pinwheel(['read', 'p', ...b]);
    assert.equal(missing.code, 1);
  });

  test('delete works on damaged versions: data.txt empty or missing, even in the latest version', async () => {
    const { board, input, b } = await setUp();
    for (const x of [1, 2, 3]) await pinwheelOk(['write', await input(`v${x}.csv`, `x\n${x}\n`), '--name', 'p', ...b]);
    const [first, middle, latest] = await versionNames(b, 'p');
    assert.ok(first && middle && latest);
    const middleRows = await pinwheelJson(['read', 'p', '--version', middle, ...b]);
    await writeFile(path.join(board, 'p', first, 'data.txt'), '');
    await writeFile(path.join(board, 'p', latest, 'data.txt'), '');
    // A proper version name whose folder has no data.txt at all (an interrupted write by another tool).
    const bare = '20200101T000000Z-abcde';
    await mkdir(path.join(board, 'p', bare));

    for (const version of [first, latest]) {
      assert.equal(await pinwheelOk(['delete', 'p', '--version', version, ...b]), `Deleted version ${version} of pin 'p'.\n`);
    }
    assert.deepEqual(await pinwheelJson(['delete', 'p', '--version', bare, ...b]), { name: 'p', deleted: 'version', versions: [bare] });
    assert.deepEqual(await versionNames(b, 'p'), [middle]);
    assert.deepEqual(await pinwheelJson(['read', 'p', ...b]), middleRows);

    // The whole pin can be deleted when its latest version is damaged.
    await pinwheelOk(['write', await input('q1.csv', 'y\n1\n'), '--name', 'q', ...b]);
    await pinwheelOk(['write', await input('q2.csv', 'y\n2\n'), '--name', 'q', ...b]);
    const qVersions = await versionNames(b, 'q');
    await writeFile(path.join(board, 'q', qVersions.at(-1) ?? '', 'data.txt'), 'not: [valid');
    assert.deepEqual(await pinwheelJson(['delete', 'q', ...b]), { name: 'q', deleted: 'pin', versions: qVersions });
    assert.deepEqual(await pinwheelJson(['list', ...b]), ['p']);
  });
});

describe('damaged pins', { concurrency: true }, () => {
  test('search says how many pins it skipped instead of calling the board empty', async () => {
    const { board, input, b } = await setUp();
    const sales = (await pinwheelJson(['write', await input('sales.csv', 'x\n1\n'), '--name', 'sales', ...b])) as WriteJson;
    await writeFile(path.join(board, 'sales', sales.version, 'data.txt'), '');

    const onlyDamaged = await pinwheel(['search', ...b]);
    assert.equal(onlyDamaged.code, 0, onlyDamaged.stderr);
    assert.equal(onlyDamaged.stdout, '');
    assert.match(onlyDamaged.stderr, /^Warning: skipped pin 'sales': /m);
    assert.match(onlyDamaged.stderr, /^No readable pins on this board \(1 pin skipped: its metadata could not be read; see the warning above\)\.$/m);
    assert.doesNotMatch(onlyDamaged.stderr, /yet/);

    await pinwheelOk(['write', await input('other.csv', 'y\n1\n'), '--name', 'other', ...b]);
    const noMatch = await pinwheel(['search', 'sales', ...b]);
    assert.equal(noMatch.code, 0, noMatch.stderr);
    assert.equal(noMatch.stdout, '');
    assert.match(noMatch.stderr, /^No readable pin matches 'sales' \(1 pin skipped: its metadata could not be read; see the warning above\)\.$/m);
    assert.doesNotMatch(noMatch.stderr, /No pin matches/);
    // Pins that can be read are still found.
    assert.match(await pinwheelOk(['search', ...b]), /^other\s/m);
  });

  test('download of a version whose data file is missing names pin, version and file, and the fix', async () => {
    const { board, input, b } = await setUp();
    const older = (await pinwheelJson(['write', await input('a.csv', 'x\n1\n'), '--name', 'p', ...b])) as WriteJson;
    const newer = (await pinwheelJson(['write', await input('b.csv', 'x\n2\n'), '--name', 'p', ...b])) as WriteJson;
    await rm(path.join(board, 'p', newer.version, 'p.csv'));
    const to = path.join(await temp.make(), 'dl');
    for (const args of [['download', 'p', '--to', to], ['download', 'p'], ['download', 'p', '--version', newer.version, '--json']]) {
      assertUserError(await pinwheel([...args, ...b]), '"p"', 'p.csv', newer.version, `pinwheel delete p --version ${newer.version}`, /write the pin again/);
    }
    assert.deepEqual(await pinwheelJson(['download', 'p', '--version', older.version, ...b]), {
      name: 'p', version: older.version, files: [path.join(board, 'p', older.version, 'p.csv')],
    });
  });
});
