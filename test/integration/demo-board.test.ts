import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { demoAdsModel, predictAdsForest } from '../../src/core/demo/adsModel.js';
import { writeDemoBoard, DEMO_MODEL, DEMO_MODEL_TRAINING, DEMO_PINS } from '../../src/core/demo/demoBoard.js';
import { AD_FEATURES } from '../../src/core/demo/syntheticAds.js';
import { openModelSession } from '../../src/core/inference/index.js';
import { openBoard, type Board } from '../../src/core/pins/index.js';
import { loadServableModel, readModelPin } from '../../src/core/vetiver/index.js';
import { allAdsRows } from '../support/onnxModels.js';
import { closeToFloat32 } from '../support/servedForest.js';
import { runProcess, type ProcessResult } from '../support/runProcess.js';
import { repoRoot } from '../support/sharedFixtures.js';
import { e2eOptions } from '../e2e/support/codeServer.js';
import { ensureCliBuilt, tempFolders } from './cli-harness.js';

async function demoBoard(): Promise<Board> {
  const board = await openBoard('temp');
  await writeDemoBoard(board);
  return board;
}

/** The bytes of every file of every version of a pin, by "version/file". */
async function pinFiles(board: Board, name: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const { version } of await board.versions(name)) {
    const paths = await board.download(name, { version });
    const dir = path.dirname(paths[0] ?? '');
    for (const file of [...paths, path.join(dir, 'data.txt')]) files.set(`${version}/${path.basename(file)}`, await readFile(file));
  }
  return files;
}

test('the demo board has the same pins and version names on every machine', async () => {
  const [a, b] = [await demoBoard(), await demoBoard()];
  try {
    assert.deepEqual(await a.list(), [...DEMO_PINS].sort());
    for (const pin of DEMO_PINS) assert.deepEqual(await a.versions(pin), await b.versions(pin));
    assert.equal((await a.versions('ads')).length, 2);
    // The model pin: the same ONNX files and data.txt, byte for byte, at fixed times.
    const models = await a.versions(DEMO_MODEL);
    assert.deepEqual(models.map((v) => v.created?.toISOString()), ['2021-01-20T10:30:00.000Z', '2021-02-09T10:30:00.000Z']);
    assert.deepEqual(await pinFiles(a, DEMO_MODEL), await pinFiles(b, DEMO_MODEL));
    assert.deepEqual([...(await pinFiles(a, DEMO_MODEL)).keys()].map((key) => key.split('/')[1]), ['ads_model.onnx', 'data.txt', 'ads_model.onnx', 'data.txt']);
  } finally {
    await a.dispose();
    await b.dispose();
  }
});

test('the demo ads table reads back identically from csv, arrow and parquet', async () => {
  const board = await demoBoard();
  try {
    const tables = await Promise.all(['ads', 'ads_arrow', 'ads_parquet'].map((pin) => board.read(pin)));
    for (const content of tables) assert.equal(content.kind, 'table');
    const rows = tables.map((content) => (content.kind === 'table' ? content.table.rows : []));
    assert.equal(rows[0]?.length, 320);
    assert.deepEqual(rows[1], rows[0]);
    assert.deepEqual(rows[2], rows[0]);
    const older = await board.read('ads', (await board.versions('ads'))[0]?.version);
    assert.equal(older.kind === 'table' ? older.table.rows.length : -1, 160);
  } finally {
    await board.dispose();
  }
});

test('each version of the demo model is servable, was trained on the matching ads version, and predicts what the JS forest predicts', async () => {
  const board = await demoBoard();
  try {
    const adsVersions = (await board.versions('ads')).map((v) => v.version);
    const modelVersions = (await board.versions(DEMO_MODEL)).map((v) => v.version);
    assert.equal(modelVersions.length, DEMO_MODEL_TRAINING.length);
    const rows = allAdsRows();
    const answers: number[][] = [];
    for (const [i, training] of DEMO_MODEL_TRAINING.entries()) {
      const description = await readModelPin(board, DEMO_MODEL, modelVersions[i]);
      assert.equal(description.servable, true, description.notServableReason ?? '');
      assert.equal(description.origin, 'pinwheel-onnx');
      assert.deepEqual(description.prototype?.map((column) => [column.name, column.type]), AD_FEATURES.map((name) => [name, 'boolean']));
      assert.equal(description.user.trained_on, `ads@${adsVersions[i]}`);
      assert.match(description.description ?? '', new RegExp(`${training.rows} rows of ads version ${adsVersions[i]}`));

      const { forest } = demoAdsModel(training);
      const { spec, modelBytes } = await loadServableModel(board, DEMO_MODEL, modelVersions[i]);
      const session = await openModelSession(modelBytes, spec);
      try {
        const { predictions } = await session.predict(rows);
        answers.push(predictions as number[]);
        rows.forEach((row, r) => {
          const expected = predictAdsForest(forest, row);
          assert.ok(closeToFloat32(predictions[r] as number, expected), `version ${i + 1}, ${JSON.stringify(row)}: ${String(predictions[r])} vs ${expected}`);
        });
      } finally {
        await session.dispose();
      }
    }
    assert.notDeepEqual(answers[0], answers[1], 'more data, another forest');
  } finally {
    await board.dispose();
  }
});

/** Runs scripts/start.ts (what `npm start` runs) in `cwd`, with `args`. */
function runStart(cwd: string, args: string[] = ['--tour']): Promise<ProcessResult> {
  const env = { ...process.env };
  delete env.PINWHEEL_BOARD;
  delete env.NODE_OPTIONS;
  // tsx is resolved here: cwd is a temp folder without node_modules.
  return runProcess(process.execPath, ['--import', import.meta.resolve('tsx'), path.join(repoRoot, 'scripts', 'start.ts'), ...args], { cwd, env });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

test('npm start -- --tour builds ./demo-board, tours it, serves the model, prints its predictions and leaves no server running', async () => {
  await ensureCliBuilt();
  const folders = tempFolders('start');
  try {
    const cwd = await folders.make();
    const run = await runStart(cwd);
    assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
    assert.ok(existsSync(path.join(cwd, 'demo-board', DEMO_MODEL)));
    for (const command of ['list', 'versions ads', `model ${DEMO_MODEL}`, 'predict ']) assert.match(run.stdout, new RegExp(`^\\$ pinwheel ${command}`, 'm'));
    // The three new ads and their predictions, in the order of the CSV.
    const predictions = /^row\tprediction\n((?:\d+\t.*\n)+)/m.exec(run.stdout)?.[1]?.trim().split('\n').map((line) => Number(line.split('\t')[1]));
    assert.equal(predictions?.length, 3, run.stdout);
    const forest = demoAdsModel(DEMO_MODEL_TRAINING[1]).forest;
    const csv = (await readFile(path.join(cwd, '.tmp', 'new_ads.csv'), 'utf8')).trim().split('\n');
    const header = csv[0]?.split(',') ?? [];
    csv.slice(1).forEach((line, i) => {
      const row = Object.fromEntries(line.split(',').map((cell, c) => [header[c], cell === 'true'])) as Record<(typeof AD_FEATURES)[number], boolean>;
      assert.ok(closeToFloat32(predictions?.[i] ?? NaN, predictAdsForest(forest, row)), `row ${i}: ${predictions?.[i]}`);
    });
    assert.match(run.stdout, /curl http:\/\/127\.0\.0\.1:\d+\/__docs__/);
    assert.match(run.stdout, /the server stopped \(exit 0\)/);
    const pid = Number(/^\{"type":"ready".*"pid":(\d+)/m.exec(run.stdout)?.[1]);
    assert.ok(pid > 0, 'the server pid is printed');
    assert.equal(isRunning(pid), false, `the server (pid ${pid}) is still running`);
    assert.ok(run.ms < 30_000, `npm start took ${run.ms} ms`);
  } finally {
    await folders.cleanup();
  }
});

test('npm start -- --tour refuses to delete a ./demo-board it did not make', async () => {
  const folders = tempFolders('start');
  try {
    const cwd = await folders.make();
    await mkdir(path.join(cwd, 'demo-board', 'mine'), { recursive: true });
    const run = await runStart(cwd);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /exists but was not made by npm start; move it away/);
    assert.ok(existsSync(path.join(cwd, 'demo-board', 'mine')));
  } finally {
    await folders.cleanup();
  }
});

test('npm start writes the demo workspace (board with model, data and metrics; an .onnx file and a sample to pin) and serves it in browser VS Code on 127.0.0.1', e2eOptions, async () => {
  const folders = tempFolders('start');
  try {
    const cwd = await folders.make();
    // --check: start code-server, fetch the workbench page, stop (no `code` on this machine's PATH either way).
    const run = await runStart(cwd, ['--check']);
    assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
    assert.match(run.stdout, /^Workbench 200 at http:\/\/127\.0\.0\.1:\d+\/\?folder=/m);
    const workspace = path.join(cwd, 'demo-workspace');
    const board = await openBoard(path.join(workspace, 'board'));
    assert.deepEqual(await board.list(), [...DEMO_PINS].sort());
    const metrics = await board.read('ads_metrics');
    assert.equal(metrics.kind === 'table' && metrics.table.columns.map((column) => column.name).join(','), 'index,n,metric,estimate');
    const settings = JSON.parse(await readFile(path.join(workspace, '.vscode', 'settings.json'), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(settings['pinwheel.boards'], [{ name: 'Demo board', uri: 'board' }]);
    assert.ok(existsSync(path.join(workspace, 'models', 'ads_forest.onnx')));
    assert.match(await readFile(path.join(workspace, 'data', 'ads_sample.csv'), 'utf8'), /^like_count,funny,/);
  } finally {
    await folders.cleanup();
  }
});
