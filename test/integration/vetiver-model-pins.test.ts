// Model pins on real boards: pinning the reference forest (ads_rf.onnx, exported by the peers'
// Python script) with the prototype from the reference ads_data_csv pin, checking data.txt against
// ../shared/design/model-pins.md and what Python's yaml + json make of it; then describing every
// kind of model pin the reference boards hold (vetiver-python new and old layouts, pins-r rds,
// a plain ONNX file pin) without ever opening a pickle or an rds file.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmod, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import xxhash from 'xxhash-wasm';
import { Board, decodePinData, FolderStorage, isPinsError, openBoard, type BoardStorage, type Table } from '../../src/core/pins/index.js';
import { openModelSession } from '../../src/core/inference/index.js';
import { isModelError, loadServableModel, pinModel, pinwheelModelSpecSchema, readModelPin } from '../../src/core/vetiver/index.js';
import { ADS_FEATURES, housePriceModel, int64LinearClassifier } from '../support/onnxModels.js';
import { fixturePath, repoRoot, sharedDir, skipWithoutShared } from '../support/sharedFixtures.js';
import { tempFolders } from './cli-harness.js';

const temp = tempFolders('vetiver-model-pins');
after(() => temp.cleanup());

const PYTHON_BOARD = () => fixturePath('pins-python-written');
const FOREST_VERSION = '20261126T050938Z-9404b';
const forestFile = () => fixturePath('pins-python-written', 'ads_rf_onnx', FOREST_VERSION, 'ads_rf.onnx');

/** The feature order the exporter recorded in the ads_rf_onnx pin's data.txt (user.features). */
let features: string[] = [];
/** The first data row of the fixture csv, parsed here by hand: the prototype's examples. */
let firstRow: Record<string, unknown> = {};
let adsTable: Table;

before(async () => {
  if (!sharedDir) return;
  const dataTxt = parseYaml(await readFile(path.join(PYTHON_BOARD(), 'ads_rf_onnx', FOREST_VERSION, 'data.txt'), 'utf8')) as { user: { features: string[] } };
  features = dataTxt.user.features;
  const csvDir = path.join(PYTHON_BOARD(), 'ads_data_csv');
  const [version] = await readdir(csvDir);
  const [header = '', first = ''] = (await readFile(path.join(csvDir, version as string, 'ads_data_csv.csv'), 'utf8')).split('\n');
  const cells = first.split(',');
  firstRow = Object.fromEntries(header.split(',').map((name, i) => [name, cells[i] === 'True' ? true : cells[i] === 'False' ? false : Number(cells[i])]));
  const board = await openBoard(PYTHON_BOARD(), { readOnly: true });
  const content = await board.read('ads_data_csv');
  assert.equal(content.kind, 'table');
  adsTable = (content as { table: Table }).table;
});

async function newBoard(): Promise<{ board: Board; root: string }> {
  const root = await temp.make();
  return { board: await openBoard(root), root };
}

function modelError(code: string, ...pieces: string[]) {
  return (error: unknown) => {
    assert.ok(isModelError(error, code as never), `expected ModelError ${code}, got ${String(error)}`);
    for (const piece of pieces) assert.ok(error.message.includes(piece), `expected ${JSON.stringify(piece)} in: ${error.message}`);
    return true;
  };
}

/** A read-only board over `root` that records every path whose bytes are read. */
function recordingBoard(root: string): { board: Board; opened: string[] } {
  const inner = new FolderStorage(root, { readOnly: true });
  const opened: string[] = [];
  const storage: BoardStorage = {
    description: inner.description,
    readOnly: true,
    list: (dir) => inner.list(dir),
    exists: (p) => inner.exists(p),
    stat: (p) => inner.stat(p),
    read: (p) => {
      opened.push(p);
      return inner.read(p);
    },
    localPath: (p) => {
      opened.push(p);
      return inner.localPath(p);
    },
    write: (p, data) => inner.write(p, data),
    delete: (p) => inner.delete(p),
    removeIfEmpty: (p) => inner.removeIfEmpty(p),
    stage: (dir) => inner.stage(dir),
  };
  return { board: new Board(storage), opened };
}

function onlyMetadataOpened(opened: string[]): void {
  assert.ok(opened.length > 0, 'data.txt should have been read');
  for (const file of opened) assert.equal(path.posix.basename(file), 'data.txt', `only data.txt may be read, but ${file} was`);
}

const installedRuntime = async () => (JSON.parse(await readFile(path.join(repoRoot, 'node_modules', 'onnxruntime-node', 'package.json'), 'utf8')) as { version: string }).version;

interface StoredUser {
  user: Record<string, unknown>;
  vetiver_meta: { prototype: string; required_pkgs: string[]; python_version: null };
  pinwheel: Record<string, unknown>;
}

// Off CI without python3 + PyYAML the test is skipped with the install command; in CI (CI=true),
// where .ci/run installs them, it runs and fails if they are missing.
const hasPythonYaml = spawnSync('python3', ['-c', 'import yaml'], { encoding: 'utf8' }).status === 0;
const pythonYaml = hasPythonYaml || process.env.CI ? {} : { skip: 'needs python3 with PyYAML (Debian: apt-get install python3-yaml)' };

describe('pinModel with the reference forest', skipWithoutShared, () => {
  test('data.txt follows model-pins.md, the .onnx is stored byte for byte, readModelPin returns the spec', async () => {
    const { board, root } = await newBoard();
    const result = await pinModel(board, {
      model: forestFile(),
      name: 'ads_model',
      prototype: adsTable,
      prototypeSource: 'pin "ads_data_csv"',
      exclude: ['like_count'],
      metadata: { owner: 'ads-team' },
    });
    assert.equal(result.skipped, false);
    const versionDir = path.join(root, 'ads_model', result.version);
    assert.deepEqual((await readdir(versionDir)).sort(), ['ads_model.onnx', 'data.txt']);

    const source = await readFile(forestFile());
    const stored = await readFile(path.join(versionDir, 'ads_model.onnx'));
    assert.ok(stored.equals(source), 'the pinned model must be the source file, byte for byte');

    const dataTxt = parseYaml(await readFile(path.join(versionDir, 'data.txt'), 'utf8'), { version: '1.1' }) as Record<string, unknown>;
    const { h64Raw } = await xxhash();
    assert.equal(dataTxt.type, 'file');
    assert.equal(dataTxt.file, 'ads_model.onnx');
    assert.equal(dataTxt.file_size, source.byteLength);
    assert.equal(dataTxt.pin_hash, h64Raw(new Uint8Array(source)).toString(16).padStart(16, '0'));
    assert.equal(dataTxt.title, 'ads_model: a pinned ONNX model');
    // The fixture's producer_name / producer_version are "peers/onnx_export.py" / "1".
    assert.equal(dataTxt.description, 'An ONNX TreeEnsembleRegressor model (peers/onnx_export.py 1)');

    const user = dataTxt.user as StoredUser;
    assert.deepEqual(Object.keys(user), ['user', 'vetiver_meta', 'pinwheel']);
    assert.deepEqual(user.user, { owner: 'ads-team' });
    assert.equal(typeof user.vetiver_meta.prototype, 'string');
    const example = JSON.parse(user.vetiver_meta.prototype) as Record<string, unknown>;
    assert.deepEqual(Object.keys(example), features);
    assert.deepEqual(example, Object.fromEntries(features.map((name) => [name, firstRow[name]])));
    assert.deepEqual(user.vetiver_meta.required_pkgs, ['onnxruntime']);
    assert.equal(user.vetiver_meta.python_version, null);

    const spec = pinwheelModelSpecSchema.parse(user.pinwheel);
    assert.equal(spec.schema_version, 1);
    assert.equal(spec.kind, 'onnx-model');
    assert.equal(spec.task, 'regression');
    assert.deepEqual(spec.prototype, features.map((name) => ({ name, type: 'boolean', example: firstRow[name] })));
    assert.deepEqual(spec.inputs, [{ name: 'input', dtype: 'bool', shape: [-1, 6], columns: features }]);
    assert.deepEqual(spec.outputs, [{ name: 'variable', dtype: 'float32', shape: [-1, 1], role: 'prediction' }]);
    assert.deepEqual(spec.onnx, { ir_version: 7, opset: { '': 13, 'ai.onnx.ml': 1 }, producer: 'peers/onnx_export.py', producer_version: '1' });
    assert.deepEqual(spec.runtime, { onnxruntime: await installedRuntime() });

    const described = await readModelPin(board, 'ads_model');
    assert.equal(described.origin, 'pinwheel-onnx');
    assert.equal(described.version, result.version);
    assert.equal(described.servable, true);
    assert.deepEqual(described.spec, spec);
    assert.deepEqual(described.prototype, spec.prototype);
    assert.deepEqual(described.requiredPkgs, ['onnxruntime']);
    assert.deepEqual(described.user, { owner: 'ads-team' });
    assert.equal(described.modelFile, 'ads_model.onnx');

    const servable = await loadServableModel(board, 'ads_model', result.version);
    assert.ok(Buffer.from(servable.modelBytes).equals(source));
    assert.deepEqual(servable.spec, spec);
  });

  test('--features instead of --exclude gives the same inputs; the unused outcome is noted', async () => {
    const { board } = await newBoard();
    const result = await pinModel(board, { model: new Uint8Array(await readFile(forestFile())), name: 'ads_model', prototype: adsTable, features, versioned: false });
    assert.deepEqual(result.spec.inputs[0]?.columns, features);
    assert.match(result.notes.join(' '), /like_count .*not a model input/);
    assert.equal(result.meta.title, 'ads_model: a pinned ONNX model');
  });

  test('the same model pinned again is skipped, as pins skips identical content', async () => {
    const { board } = await newBoard();
    const first = await pinModel(board, { model: forestFile(), name: 'm', prototype: adsTable, exclude: ['like_count'] });
    const again = await pinModel(board, { model: forestFile(), name: 'm', prototype: adsTable, exclude: ['like_count'], title: 'changed' });
    assert.equal(again.skipped, true);
    assert.equal(again.version, first.version);
  });

  test('a prototype that does not fit the model is refused before anything is written', async () => {
    const { board, root } = await newBoard();
    await assert.rejects(pinModel(board, { model: forestFile(), name: 'm', prototype: adsTable }), modelError('prototype-mismatch', 'takes 6 columns', '--exclude like_count'));
    assert.deepEqual(await readdir(root), []);
  });

  test('a file that is not ONNX is refused, and a pickle is recognised as one', async () => {
    const { board } = await newBoard();
    const csv = path.join(PYTHON_BOARD(), 'ads_data_csv');
    const [csvVersion] = await readdir(csv);
    await assert.rejects(pinModel(board, { model: path.join(csv, csvVersion as string, 'ads_data_csv.csv'), name: 'm', prototype: adsTable }), modelError('not-onnx', 'ads_data_csv.csv" is not an ONNX model', 'export'));
    const joblib = path.join(PYTHON_BOARD(), 'ads_rf', '20261126T050936Z-5e16d', 'ads_rf.joblib');
    await assert.rejects(pinModel(board, { model: joblib, name: 'm', prototype: adsTable }), modelError('not-onnx', 'Python pickle', 'skl2onnx'));
  });

  test('damaged Pinwheel metadata is reported with its key path', async () => {
    const { board, root } = await newBoard();
    const result = await pinModel(board, { model: forestFile(), name: 'm', prototype: adsTable, exclude: ['like_count'] });
    const file = path.join(root, 'm', result.version, 'data.txt');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('type: boolean', 'type: float'));
    await assert.rejects(readModelPin(board, 'm'), modelError('invalid-model-metadata', 'user.pinwheel.prototype[0].type', 'pinwheel pin-model'));
  });

  test("Python's yaml and json read what vetiver-python would (yaml.safe_load, json.loads of the prototype)", pythonYaml, async () => {
    const { board, root } = await newBoard();
    const result = await pinModel(board, { model: forestFile(), name: 'ads_model', prototype: adsTable, exclude: ['like_count'] });
    const script = [
      'import json, sys, yaml',
      'meta = yaml.safe_load(open(sys.argv[1]))',
      'user = meta["user"]',
      'print(json.dumps({"type": meta["type"], "file": meta["file"], "prototype": json.loads(user["vetiver_meta"]["prototype"]),',
      '  "required_pkgs": user["vetiver_meta"]["required_pkgs"], "python_version": user["vetiver_meta"]["python_version"],',
      '  "user": user["user"], "columns": [c["name"] for c in user["pinwheel"]["prototype"]], "opset": user["pinwheel"]["onnx"]["opset"]}))',
    ].join('\n');
    const run = spawnSync('python3', ['-c', script, path.join(root, 'ads_model', result.version, 'data.txt')], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), {
      type: 'file',
      file: 'ads_model.onnx',
      prototype: Object.fromEntries(features.map((name) => [name, firstRow[name]])),
      required_pkgs: ['onnxruntime'],
      python_version: null,
      user: {},
      columns: features,
      opset: { '': 13, 'ai.onnx.ml': 1 },
    });
  });
});

describe('readModelPin on the reference boards', skipWithoutShared, () => {
  test('vetiver-python (new layout), both versions of ads_rf: prototype, packages, never the pickle', async () => {
    for (const version of ['20261126T050935Z-6920b', '20261126T050936Z-5e16d']) {
      const { board, opened } = recordingBoard(PYTHON_BOARD());
      const model = await readModelPin(board, 'ads_rf', version);
      assert.equal(model.origin, 'vetiver-python');
      assert.equal(model.version, version);
      assert.equal(model.title, 'ads_rf: a pinned Pipeline object');
      assert.equal(model.description, 'Random forest on synthetic youtube ads');
      assert.deepEqual(model.prototype, features.map((name) => ({ name, type: 'boolean', example: false })));
      assert.deepEqual(model.requiredPkgs, ['scikit-learn']);
      assert.deepEqual(model.pythonVersion, [3, 11, 2, 'final', 0]);
      assert.deepEqual(model.user, {});
      assert.equal(model.servable, false);
      assert.match(model.notServableReason ?? '', /Pinwheel serves ONNX; this is a scikit-learn pickle \(ads_rf\.joblib, joblib\)/);
      for (const step of ['skl2onnx', 'to_onnx(model, X[:1])', 'onnxmltools', 'torch.onnx.export', 'pinwheel pin-model']) {
        assert.ok(model.howToExport?.includes(step), `howToExport should mention ${step}`);
      }
      onlyMetadataOpened(opened);
    }
  });

  test('the latest version is described when none is given', async () => {
    const { board } = recordingBoard(PYTHON_BOARD());
    assert.equal((await readModelPin(board, 'ads_rf')).version, '20261126T050936Z-5e16d');
  });

  test('vetiver-python old layout (coffeeratings, user.ptype): float columns, packages, no python version', async () => {
    const { board, opened } = recordingBoard(fixturePath('vetiver-python-written', 'coffeeratings-board'));
    const model = await readModelPin(board, 'v');
    assert.equal(model.origin, 'vetiver-python');
    // ptype: {"aroma": 7.5, "flavor": 7.67, "sweetness": 10.0, "acidity": 7.67, "body": 7.58, "uniformity": 10.0, "balance": 7.42}
    assert.deepEqual(model.prototype, [
      ['aroma', 7.5], ['flavor', 7.67], ['sweetness', 10], ['acidity', 7.67], ['body', 7.58], ['uniformity', 10], ['balance', 7.42],
    ].map(([name, example]) => ({ name, type: 'number', example })));
    assert.deepEqual(model.requiredPkgs, ['vetiver', 'scikit-learn']);
    assert.equal(model.pythonVersion, null);
    assert.deepEqual(model.user, {});
    assert.equal(model.servable, false);
    assert.match(model.notServableReason ?? '', /scikit-learn pickle/);
    onlyMetadataOpened(opened);
  });

  test('pins-r rds pins without vetiver metadata are R objects, not models, and are never opened', async () => {
    const cases: [string, string, string][] = [
      ['pin-board', 'y', 'y: a pinned integer vector'],
      ['pins-compat', 'df_rds', 'df_rds: a pinned 2 x 2 data frame'],
      ['single-pins', 'pin-rds', 'no title'],
    ];
    for (const [boardDir, name, title] of cases) {
      const { board, opened } = recordingBoard(fixturePath('pins-r-written', boardDir));
      const version = name === 'y' ? '20221215T180357Z-9ae7a' : undefined;
      await assert.rejects(readModelPin(board, name, version), modelError('not-a-model', `Pin "${name}"`, 'an R object saved as rds', title, 'user.required_pkgs'));
      onlyMetadataOpened(opened);
    }
  });

  test('a vetiver-r model pin (data.txt as vetiver_pin_write writes it, spec §4.3): packages and user, prototype unknown, rds unread', async () => {
    const root = await temp.make();
    const versionDir = path.join(root, 'cars_rf', '20250301T101500Z-8d2f4');
    await mkdir(versionDir, { recursive: true });
    await writeFile(path.join(versionDir, 'data.txt'), [
      'file: cars_rf.rds', 'file_size: 2345', 'pin_hash: 8d2f4c1a9b3e7f60', 'type: rds', "title: 'cars_rf: a pinned list'",
      'description: A ranger regression modeling workflow', 'tags: ~', 'urls: ~', 'created: 20250301T101500Z', 'api_version: 1',
      'user:', '  metrics: 0.9', '  required_pkgs:', '  - parsnip', '  - ranger', '  - workflows', '  renv_lock: ~', '',
    ].join('\n'));
    const rds = path.join(versionDir, 'cars_rf.rds');
    await writeFile(rds, 'not really an rds');
    await chmod(rds, 0o000);
    const { board, opened } = recordingBoard(root);
    const model = await readModelPin(board, 'cars_rf');
    assert.equal(model.origin, 'vetiver-r');
    assert.equal(model.description, 'A ranger regression modeling workflow');
    assert.deepEqual(model.requiredPkgs, ['parsnip', 'ranger', 'workflows']);
    assert.deepEqual(model.user, { metrics: 0.9 });
    assert.equal(model.prototype, null);
    assert.equal(model.pythonVersion, null);
    assert.equal(model.servable, false);
    assert.match(model.notServableReason ?? '', /R model serialised by vetiver-r \(cars_rf\.rds, rds\)/);
    assert.match(model.howToExport ?? '', /no general converter.*\{onnx\}/s);
    assert.match(model.howToExport ?? '', /xgb\.save/);
    assert.match(model.notes.join(' '), /prototype inside the rds/);
    onlyMetadataOpened(opened);
    await chmod(rds, 0o600);
  });

  test('a plain ONNX file pin (ads_rf_onnx) is servable with the six features of user.features', async () => {
    const board = await openBoard(PYTHON_BOARD(), { readOnly: true });
    const model = await readModelPin(board, 'ads_rf_onnx');
    assert.equal(model.origin, 'onnx-file');
    assert.equal(model.title, 'ads_rf as ONNX');
    assert.equal(model.servable, true);
    assert.equal(model.modelFile, 'ads_rf.onnx');
    assert.deepEqual(model.prototype, features.map((name) => ({ name, type: 'boolean', example: false })));
    assert.deepEqual(model.spec?.inputs, [{ name: 'input', dtype: 'bool', shape: [-1, 6], columns: features }]);
    assert.deepEqual(model.spec?.outputs.map((o) => [o.name, o.role]), [['variable', 'prediction']]);
    const servable = await loadServableModel(board, 'ads_rf_onnx');
    assert.ok(Buffer.from(servable.modelBytes).equals(await readFile(forestFile())));
  });

  test('an ONNX file pin whose columns nobody names is described but not servable, with the fix', async () => {
    const { board } = await newBoard();
    await board.upload([forestFile()], { name: 'bare' });
    const model = await readModelPin(board, 'bare');
    assert.equal(model.origin, 'onnx-file');
    assert.equal(model.servable, false);
    assert.match(model.notServableReason ?? '', /input "input" takes several columns/);
    assert.match(model.howToExport ?? '', /pinwheel pin-model ads_rf\.onnx --name bare --prototype/);
    await assert.rejects(loadServableModel(board, 'bare'), modelError('not-servable', 'Pin "bare"', 'pinwheel pin-model'));
    // Following the advice: the same file pinned again with a prototype (forced: the bytes are unchanged).
    const [downloaded] = await board.download('bare', { to: await temp.make() });
    const repinned = await pinModel(board, { model: downloaded as string, name: 'bare', prototype: adsTable, features, forceIdentical: true });
    assert.equal(repinned.skipped, false);
    assert.equal((await readModelPin(board, 'bare')).origin, 'pinwheel-onnx');
  });

  test('hand-written edge cases: no prototype, a broken prototype, a joblib without vetiver metadata, a model card', async () => {
    const root = await temp.make();
    const pin = async (name: string, lines: string[]) => {
      const dir = path.join(root, name, '20250301T101500Z-06d9b');
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, 'data.txt'), [...lines, ''].join('\n'));
    };
    const joblib = (name: string) => ['api_version: 1', 'created: 20250301T101500Z', `file: ${name}.joblib`, 'file_size: 10', 'pin_hash: 06d9b5c677c7dcd0', 'type: joblib'];
    await pin('no_ptype', [...joblib('no_ptype'), 'user:', '  user: {}', '  vetiver_meta:', '    prototype: null', '    required_pkgs: [xgboost]', '    python_version: null']);
    await pin('bad_ptype', [...joblib('bad_ptype'), 'user:', '  user: {team: a}', '  vetiver_meta:', "    prototype: '{\"a\": '", '    required_pkgs: [scikit-learn]']);
    await pin('plain_pickle', [...joblib('plain_pickle'), "title: 'plain_pickle: a pinned dict object'", 'user: {}']);
    await pin('card', ['api_version: 1', 'created: 20250301T101500Z', 'file: card.json', 'file_size: 2', 'pin_hash: 06d9b5c677c7dcd0', 'type: json', 'user:', '  pinwheel: {model: ads_model, model_version: 20250301T101500Z-9404b}']);
    const { board, opened } = recordingBoard(root);

    const noPrototype = await readModelPin(board, 'no_ptype');
    assert.equal(noPrototype.prototype, null);
    assert.match(noPrototype.notServableReason ?? '', /an XGBoost model saved with joblib/);
    assert.match(noPrototype.notes.join(' '), /stores no prototype/);
    const broken = await readModelPin(board, 'bad_ptype');
    assert.equal(broken.prototype, null);
    assert.deepEqual(broken.user, { team: 'a' });
    assert.match(broken.notes.join(' '), /user\.vetiver_meta\.prototype cannot be read as a prototype: it is not valid JSON/);
    await assert.rejects(readModelPin(board, 'plain_pickle'), modelError('not-a-model', 'a Python object saved with joblib', 'without vetiver metadata', 'skl2onnx'));
    await assert.rejects(readModelPin(board, 'card'), modelError('not-a-model', 'a companion of the model pin "ads_model" version 20250301T101500Z-9404b', '`pinwheel model ads_model`'));
    onlyMetadataOpened(opened);
  });

  test('pins that are not models, and missing pins or versions', async () => {
    const board = await openBoard(PYTHON_BOARD(), { readOnly: true });
    await assert.rejects(readModelPin(board, 'ads_data_csv'), modelError('not-a-model', 'is a csv pin (a table of data), not a model', 'pinwheel read ads_data_csv'));
    await assert.rejects(loadServableModel(board, 'ads_rf'), modelError('not-servable', 'Pin "ads_rf" version 20261126T050936Z-5e16d cannot be served', 'scikit-learn pickle', 'skl2onnx'));
    await assert.rejects(readModelPin(board, 'no_such_model'), (error: unknown) => isPinsError(error, 'pin-missing'));
    await assert.rejects(loadServableModel(board, 'ads_rf', '20200101T000000Z-00000'), (error: unknown) => isPinsError(error, 'version-missing'));
  });
});

describe('pinned models are served as pinned (test models built with the ONNX writer)', () => {
  async function csv(text: string): Promise<Table> {
    const content = await decodePinData('csv', new TextEncoder().encode(text), { pin: 'sample', version: null, file: 'sample.csv' });
    assert.equal(content.kind, 'table');
    return (content as { table: Table }).table;
  }

  test('one input per column (string, int64, rank-1 float, bool): matched by name, prototype in input order, predictions right', async () => {
    const model = housePriceModel();
    const { board } = await newBoard();
    const sample = await csv('id,garden,area,rooms,city,price\nh1,true,54.5,3,paris,410000\nh2,false,80,4,lyon,NA\n');
    const result = await pinModel(board, { model: model.bytes, name: 'houses', prototype: sample, prototypeSource: 'houses.csv' });
    assert.deepEqual(result.spec.prototype, [
      { name: 'city', type: 'string', example: 'paris' },
      { name: 'rooms', type: 'integer', example: 3 },
      { name: 'area', type: 'number', example: 54.5 },
      { name: 'garden', type: 'boolean', example: true },
    ]);
    assert.deepEqual(result.spec.inputs.map((input) => [input.name, input.dtype, input.shape, input.columns]), [
      ['city', 'string', [-1, 1], ['city']], ['rooms', 'int64', [-1, 1], ['rooms']], ['area', 'float32', [-1], ['area']], ['garden', 'bool', [-1, 1], ['garden']],
    ]);
    assert.match(result.notes.join(' '), /Columns id, price of houses\.csv are not model inputs/);
    assert.equal(result.spec.task, 'regression');

    const { spec, modelBytes } = await loadServableModel(board, 'houses');
    const session = await openModelSession(modelBytes, spec);
    try {
      const row = { city: 'nice', rooms: 2, area: 61.25, garden: true };
      const { predictions } = await session.predict([row]);
      const [code = 0, perRoom = 0, perArea = 0, perGarden = 0] = model.coefficients;
      const expected = (model.cityCodes.nice ?? 0) * code + 2 * perRoom + 61.25 * perArea + perGarden + model.intercept;
      assert.ok(Math.abs((predictions[0] as number) - expected) <= 1e-6 * expected, `got ${String(predictions[0])}, expected ${expected}`);
    } finally {
      await session.dispose();
    }
  });

  test('a ZipMap classifier over booleans: label and class probabilities, classes from the model', async () => {
    const model = int64LinearClassifier({ zipMap: true });
    const { board } = await newBoard();
    const header = ['outcome', ...ADS_FEATURES].join(',');
    const sample = await csv(`${header}\n20,true,false,true,false,false,true\n`);
    const result = await pinModel(board, { model: model.bytes, name: 'clf', prototype: sample, exclude: ['outcome'] });
    assert.equal(result.spec.task, 'classification');
    assert.deepEqual(result.spec.inputs, [{ name: 'X', dtype: 'float32', shape: [-1, 6], columns: [...ADS_FEATURES] }]);
    const probabilities = result.spec.outputs.find((output) => output.role === 'probabilities');
    assert.deepEqual(probabilities?.classes, model.classes);
    assert.equal(probabilities?.zipmap_output, 'output_probability');

    const described = await readModelPin(board, 'clf');
    assert.equal(described.servable, true);
    const { spec, modelBytes } = await loadServableModel(board, 'clf');
    const session = await openModelSession(modelBytes, spec);
    try {
      const row = { funny: true, show_product: false, patriotic: true, celebrity: false, danger: false, animals: true };
      const x = ADS_FEATURES.map((name) => (row[name] ? 1 : 0));
      const scores = model.coefficients.map((weights, k) => weights.reduce((sum, w, i) => sum + w * (x[i] ?? 0), model.intercepts[k] ?? 0));
      const exps = scores.map(Math.exp);
      const total = exps.reduce((a, b) => a + b, 0);
      const expected = exps.map((e) => e / total);
      const best = expected.indexOf(Math.max(...expected));
      const prediction = await session.predict([row]);
      assert.equal(prediction.predictions[0], model.classes[best]);
      prediction.probabilities?.[0]?.forEach((p, k) => assert.ok(Math.abs(p - (expected[k] ?? 0)) < 1e-6, `class ${model.classes[k]}: ${p} vs ${expected[k]}`));
    } finally {
      await session.dispose();
    }
  });
});
