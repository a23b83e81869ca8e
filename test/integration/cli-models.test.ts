// `pinwheel pin-model` and `pinwheel model` end to end through the built CLI, with the reference
// forest (ads_rf.onnx) and data (ads_data_csv) of ../shared, and the user errors they give.
// Expected columns come from the fixtures' own files (the ONNX pin's user.features, the csv).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { fixturePath, sharedDir, skipWithoutShared } from '../support/sharedFixtures.js';
import { VERSION_NAME, assertUserError, ensureCliBuilt, pinwheel, pinwheelJson, pinwheelOk, tempFolders } from './cli-harness.js';

const temp = tempFolders('cli-models');
before(ensureCliBuilt);
after(() => temp.cleanup());

const pythonBoard = () => fixturePath('pins-python-written');
const forest = () => fixturePath('pins-python-written', 'ads_rf_onnx', '20261126T050938Z-9404b', 'ads_rf.onnx');
let adsCsv = '';
let features: string[] = [];
let firstRow: Record<string, boolean> = {};

before(async () => {
  if (!sharedDir) return;
  const dataTxt = parseYaml(await readFile(path.join(path.dirname(forest()), 'data.txt'), 'utf8')) as { user: { features: string[] } };
  features = dataTxt.user.features;
  const csvDir = path.join(pythonBoard(), 'ads_data_csv');
  const [version] = await readdir(csvDir);
  adsCsv = path.join(csvDir, version as string, 'ads_data_csv.csv');
  const [header = '', first = ''] = (await readFile(adsCsv, 'utf8')).split('\n');
  const cells = first.split(',');
  firstRow = Object.fromEntries(header.split(',').map((name, i) => [name, cells[i] === 'True']));
});

interface PinModelJson {
  name: string; version: string; type: string; skipped: boolean; replaced: string | null;
  files: string[]; file_sizes: number[]; pin_hash: string;
  spec: { task: string; prototype: { name: string; type: string; example: unknown }[]; inputs: { name: string; columns: string[] }[] };
  notes: string[];
}

interface ModelJson {
  name: string; version: string; origin: string; pin_type: string; title: string; model_file: string | null;
  required_pkgs: string[]; python_version: unknown[] | null; prototype: { name: string; type: string; example: unknown }[] | null;
  servable: boolean; not_servable_reason: string | null; how_to_export: string | null; spec: unknown; user: Record<string, unknown>;
}

describe('pinwheel pin-model and pinwheel model', { ...skipWithoutShared, concurrency: true }, () => {
  test('pin-model from a csv file with --exclude, then model describes it (human and --json)', async () => {
    const board = path.join(await temp.make(), 'board');
    const b = ['--board', board];
    const pinned = (await pinwheelJson(['pin-model', forest(), '--name', 'ads_model', '--prototype', adsCsv, '--exclude', 'like_count', '--metadata', '{"owner": "ads-team"}', '--create', ...b])) as PinModelJson;
    assert.equal(pinned.name, 'ads_model');
    assert.match(pinned.version, VERSION_NAME);
    assert.equal(pinned.type, 'file');
    assert.equal(pinned.skipped, false);
    assert.deepEqual(pinned.files, ['ads_model.onnx']);
    assert.deepEqual(pinned.file_sizes, [(await readFile(forest())).byteLength]);
    assert.equal(pinned.spec.task, 'regression');
    assert.deepEqual(pinned.spec.inputs.map((input) => [input.name, input.columns]), [['input', features]]);
    assert.deepEqual(pinned.spec.prototype, features.map((name) => ({ name, type: 'boolean', example: firstRow[name] })));
    assert.equal(pinned.notes.length, 1, 'one note: the column order came from the sample');
    assert.match(pinned.notes[0] ?? '', /does not name its features/);

    const described = (await pinwheelJson(['model', 'ads_model', ...b])) as ModelJson;
    assert.equal(described.origin, 'pinwheel-onnx');
    assert.equal(described.version, pinned.version);
    assert.equal(described.title, 'ads_model: a pinned ONNX model');
    assert.equal(described.model_file, 'ads_model.onnx');
    assert.deepEqual(described.required_pkgs, ['onnxruntime']);
    assert.equal(described.servable, true);
    assert.deepEqual(described.prototype, pinned.spec.prototype);
    assert.deepEqual(described.spec, pinned.spec);
    assert.deepEqual(described.user, { owner: 'ads-team' });

    const human = await pinwheelOk(['model', 'ads_model', ...b]);
    assert.match(human, /^origin\s+pinwheel-onnx: an ONNX model pinned with Pinwheel$/m);
    assert.match(human, /^servable\s+yes$/m);
    assert.match(human, /Prototype \(6 columns\):\n\s+COLUMN\s+TYPE\s+EXAMPLE\s+NULLABLE\n\s+funny\s+boolean\s+false\n/);
    assert.match(human, new RegExp(`input bool \\[-1, 6\\] ← ${features.join(', ')}`));
    assert.match(human, /variable float32 \[-1, 1\] \(prediction\)/);
  });

  test('pin-model with pin:NAME from another board and --features: prints the version; the unused column is a note on stderr', async () => {
    const board = await temp.make();
    const result = await pinwheel(['pin-model', forest(), '--name', 'ads_model', '--prototype', 'pin:ads_data_csv', '--prototype-board', pythonBoard(), '--features', features.join(','), '--board', board]);
    assert.equal(result.code, 0, result.stderr);
    const version = /^Pinned model 'ads_model' version (\S+) \(ads_model\.onnx, /.exec(result.stdout)?.[1];
    assert.match(version ?? '', VERSION_NAME);
    assert.match(result.stderr, /^Note: Column like_count of pin "ads_data_csv" version 20261126T050936Z-9fe18 is not a model input/m);
    const versions = (await pinwheelJson(['versions', 'ads_model', '--board', board])) as { version: string }[];
    assert.deepEqual(versions.map((v) => v.version), [version]);
  });

  test('pin-model with pin:NAME@VERSION of a data pin on the same board', async () => {
    const board = await temp.make();
    const written = (await pinwheelJson(['write', adsCsv, '--name', 'ads_data', '--board', board])) as { version: string };
    const pinned = (await pinwheelJson(['pin-model', forest(), '--name', 'm', '--prototype', `pin:ads_data@${written.version}`, '--exclude', 'like_count', '--board', board])) as PinModelJson;
    assert.deepEqual(pinned.spec.inputs[0]?.columns, features);
  });

  test('model describes the vetiver-python pin as not servable, with the reason and the export steps', async () => {
    const described = (await pinwheelJson(['model', 'ads_rf', '--version', '20261126T050935Z-6920b', '--board', pythonBoard()])) as ModelJson;
    assert.equal(described.origin, 'vetiver-python');
    assert.equal(described.pin_type, 'joblib');
    assert.deepEqual(described.required_pkgs, ['scikit-learn']);
    assert.deepEqual(described.python_version, [3, 11, 2, 'final', 0]);
    assert.deepEqual(described.prototype?.map((column) => column.name), features);
    assert.equal(described.servable, false);
    assert.match(described.not_servable_reason ?? '', /scikit-learn pickle/);
    assert.match(described.how_to_export ?? '', /skl2onnx/);
    const human = await pinwheelOk(['model', 'ads_rf', '--board', pythonBoard()]);
    assert.match(human, /^servable\s+no: Pinwheel serves ONNX; this is a scikit-learn pickle/m);
    assert.match(human, /^python\s+3\.11\.2$/m);
    assert.match(human, /How to serve it with Pinwheel:\n\s+- Load the model in Python/);
  });

  test('model on the plain ONNX file pin derives its columns from user.features', async () => {
    const described = (await pinwheelJson(['model', 'ads_rf_onnx', '--board', pythonBoard()])) as ModelJson;
    assert.equal(described.origin, 'onnx-file');
    assert.equal(described.servable, true);
    assert.deepEqual(described.prototype?.map((column) => column.name), features);
  });
});

describe('pin-model and model: user errors', { ...skipWithoutShared, concurrency: true }, () => {
  test('a file that is not ONNX', async () => {
    const board = await temp.make();
    assertUserError(await pinwheel(['pin-model', adsCsv, '--name', 'm', '--prototype', adsCsv, '--board', board]), 'ads_data_csv.csv" is not an ONNX model', 'Export the model to ONNX');
    // A failed first write with --create leaves no empty board folder behind.
    const fresh = path.join(board, 'new-board');
    assertUserError(await pinwheel(['pin-model', adsCsv, '--name', 'm', '--prototype', adsCsv, '--create', '--board', fresh]), 'is not an ONNX model');
    assert.equal(existsSync(fresh), false, 'the folder --create made was removed');
    const pickle = path.join(pythonBoard(), 'ads_rf', '20261126T050936Z-5e16d', 'ads_rf.joblib');
    assertUserError(await pinwheel(['pin-model', pickle, '--name', 'm', '--prototype', adsCsv, '--board', board]), 'It looks like a Python pickle', 'skl2onnx');
  });

  test('a prototype that does not match the model suggests --features and --exclude', async () => {
    const board = await temp.make();
    const result = await pinwheel(['pin-model', forest(), '--name', 'm', '--prototype', adsCsv, '--board', board]);
    assertUserError(result, 'input "input" takes 6 columns', 'ads_data_csv.csv has 7 columns', `--features ${features.join(',')}`, '--exclude like_count');
    assert.deepEqual(await readdir(board), [], 'nothing is written');
  });

  test('an unknown column in --features', async () => {
    const board = await temp.make();
    const wrong = [...features.slice(0, 5), 'animal'].join(',');
    assertUserError(await pinwheel(['pin-model', forest(), '--name', 'm', '--prototype', adsCsv, '--features', wrong, '--board', board]), '--features names the column "animal"', 'Its columns are: like_count, funny');
  });

  test('--prototype missing, or naming a pin that does not exist, or a file that is not data', async () => {
    const board = await temp.make();
    assertUserError(await pinwheel(['pin-model', forest(), '--name', 'm', '--board', board]), '--prototype is required', 'pin:ads_data');
    assertUserError(await pinwheel(['pin-model', forest(), '--name', 'm', '--prototype', 'pin:nope', '--board', board]), '--prototype pin:nope', 'Can\'t find pin "nope"', '`pinwheel list --board');
    assertUserError(await pinwheel(['pin-model', forest(), '--name', 'm', '--prototype', forest(), '--board', board]), "--prototype: '", 'is not a data file');
    assertUserError(await pinwheel(['pin-model', forest(), '--name', 'm', '--prototype', 'pin:ads_rf', '--prototype-board', pythonBoard(), '--board', board]), '--prototype pin:ads_rf', 'joblib');
    // Suggested commands name the board the pin was looked for on.
    assertUserError(await pinwheel(['pin-model', forest(), '--name', 'm', '--prototype', 'pin:nope', '--prototype-board', pythonBoard(), '--board', board]), `\`pinwheel list --board ${pythonBoard()}\``);
    // A prototype board that does not exist: check the path (not mkdir or --create: it is only read).
    const missingBoard = await pinwheel(['pin-model', forest(), '--name', 'm', '--prototype', 'pin:ads', '--prototype-board', path.join(board, 'nowhere'), '--board', board]);
    assertUserError(missingBoard, '--prototype-board', 'does not exist', 'Check the path');
    assert.doesNotMatch(missingBoard.stderr, /mkdir|--create/);
  });

  test('a missing model file, a missing --name', async () => {
    const board = await temp.make();
    assertUserError(await pinwheel(['pin-model', 'nope.onnx', '--name', 'm', '--prototype', adsCsv, '--board', board]), "the model file 'nope.onnx' does not exist");
    assertUserError(await pinwheel(['pin-model', forest(), '--prototype', adsCsv, '--board', board]), '--name is required');
  });

  test('model on a pin that is not a model, or not there', async () => {
    assertUserError(await pinwheel(['model', 'ads_data_csv', '--board', pythonBoard()]), 'is a csv pin (a table of data), not a model', '`pinwheel read ads_data_csv --board');
    assertUserError(await pinwheel(['model', 'df_rds', '--board', fixturePath('pins-r-written', 'pins-compat')]), 'an R object saved as rds', 'never opens R serialisations');
    assertUserError(await pinwheel(['model', 'nope', '--board', pythonBoard()]), 'Can\'t find pin "nope"');
  });
});
