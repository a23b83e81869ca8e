// `pinwheel write-app` as a user runs it: pin the skl2onnx forest, write the app, install it
// with `npm ci` (offline, from the npm cache), start `node app.js` and call it.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openBoard, type Board } from '../../src/core/pins/index.js';
import { repoRoot, skipWithoutShared } from '../support/sharedFixtures.js';
import { closeToFloat32, expectedForest } from '../support/servedForest.js';
import { ensureCliBuilt, pinwheel, pinwheelJson, pinwheelOk, tempFolders, VERSION_NAME } from './cli-harness.js';
import { npmOffline, pinForest, run, startApp } from './deploy-harness.js';

const temp = tempFolders('deploy-app');

describe('write-app: an app folder that serves a pinned ONNX model', skipWithoutShared, () => {
  let boardDir: string;
  let board: Board;
  let appDir: string;
  let written: string;
  let newer: string;
  let npmCiSeconds: number;

  before(async () => {
    await ensureCliBuilt();
    boardDir = await temp.make();
    board = await openBoard(boardDir);
    written = await pinForest(board, 'ads_rf');
    appDir = path.join(await temp.make(), 'ads_rf-app');
    const out = await pinwheelOk(['write-app', 'ads_rf', '--board', boardDir, '--out', appDir]);
    assert.match(out, new RegExp(`Wrote the app for ads_rf@${written} in ${appDir}`));
    assert.match(out.trim().split('\n').at(-1) ?? '', /^Next: cd \S+ && ONNXRUNTIME_NODE_INSTALL=skip npm ci && node app\.js$/);
    // A version pinned after the app was written must not change what the app serves.
    newer = await pinForest(board, 'ads_rf', { forceIdentical: true });
    const ci = await npmOffline(['ci', '--no-audit', '--no-fund'], appDir, { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip' });
    npmCiSeconds = ci.ms / 1000;
  });
  after(() => temp.cleanup());

  test('the folder holds the app, its locked dependencies and the server bundle', () => {
    const manifest = JSON.parse(readFileSync(path.join(appDir, 'package.json'), 'utf8')) as { type: string; dependencies: Record<string, string>; scripts: Record<string, string> };
    const ortVersion = (JSON.parse(readFileSync(path.join(repoRoot, 'node_modules', 'onnxruntime-node', 'package.json'), 'utf8')) as { version: string }).version;
    assert.deepEqual(manifest.dependencies, { 'onnxruntime-node': ortVersion });
    assert.equal(manifest.type, 'module');
    assert.equal(manifest.scripts.start, 'node app.js');
    const config = JSON.parse(readFileSync(path.join(appDir, 'pinwheel-app.json'), 'utf8')) as unknown;
    assert.deepEqual(config, { board: boardDir, pin: 'ads_rf', version: written });
    assert.match(written, VERSION_NAME);
    // npm ci installed exactly the lockfile: onnxruntime-node and its own dependencies, nothing of Pinwheel's.
    assert.ok(existsSync(path.join(appDir, 'node_modules', 'onnxruntime-node', 'package.json')));
    assert.ok(!existsSync(path.join(appDir, 'node_modules', 'fastify')), 'the server bundle carries fastify inside');
    // No native xxhash in the app: the bundle must only ever load it lazily, falling back to WebAssembly.
    assert.ok(!existsSync(path.join(appDir, 'node_modules', '@node-rs')));
    const bundle = readFileSync(path.join(appDir, 'server', 'app-server.js'), 'utf8');
    assert.doesNotMatch(bundle, /(from|require\()\s*["']@node-rs\/xxhash["']/);
    assert.match(bundle, /import\(\s*["']@node-rs\/xxhash["']\s*\)/);
    const readme = readFileSync(path.join(appDir, 'README.md'), 'utf8');
    for (const piece of ['node app.js', 'PINWHEEL_PIN_VERSION', 'PORT', 'POST /predict', written]) assert.ok(readme.includes(piece), `README.md mentions ${piece}`);
  });

  test('node app.js serves the pinned version: predictions, metadata, request log, SIGTERM exits 0', async (t) => {
    const app = await startApp(['node', 'app.js'], appDir, { ...process.env, PORT: '0' });
    t.diagnostic(`npm ci ${npmCiSeconds.toFixed(1)} s; node app.js start to /ping ${app.startToPingMs} ms`);
    try {
      const expected = expectedForest();
      const response = await fetch(`${app.url}/predict`, { method: 'POST', body: JSON.stringify(expected.rows), headers: { 'content-type': 'application/json' } });
      assert.equal(response.status, 200);
      const { predict } = (await response.json()) as { predict: number[] };
      assert.equal(predict.length, expected.onnx_float32_latest_model.length);
      predict.forEach((value, index) => assert.ok(closeToFloat32(value, expected.onnx_float32_latest_model[index] ?? NaN), `row ${index}: ${value}`));
      const metadata = (await (await fetch(`${app.url}/metadata`)).json()) as { version: string };
      assert.equal(metadata.version, written, `serves the version written into the app, not the newer ${newer}`);
      assert.notEqual(written, newer);
    } finally {
      assert.equal(await app.stop(), 0, app.stderr());
    }
    const log = app.stdout().trim().split('\n').map((line) => JSON.parse(line) as { path: string; status: number; version: string });
    assert.ok(log.some((line) => line.path === '/predict' && line.status === 200 && line.version === written), app.stdout());
    assert.match(app.stderr(), /Stopping/);
  });

  test('environment variables override pinwheel-app.json: PINWHEEL_PIN_VERSION', async () => {
    const app = await startApp(['node', 'app.js'], appDir, { ...process.env, PORT: '0', PINWHEEL_BOARD: boardDir, PINWHEEL_PIN_VERSION: newer });
    try {
      const metadata = (await (await fetch(`${app.url}/metadata`)).json()) as { version: string };
      assert.equal(metadata.version, newer);
    } finally {
      assert.equal(await app.stop(), 0);
    }
  });

  test('a bad setting stops the app at once with the variable, the value and the fix', async () => {
    const result = await run(process.execPath, ['app.js'], { cwd: appDir, env: { ...process.env, PORT: 'http' } });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^Error: PORT must be a port number from 0 to 65535 \(0 picks a free port\), got 'http'\. Fix it in the environment/);
    const missing = await run(process.execPath, ['app.js'], { cwd: appDir, env: { ...process.env, PORT: '0', PINWHEEL_PIN_VERSION: '20991231T000000Z-00000' } });
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^Error: .*20991231T000000Z-00000/);
    assert.doesNotMatch(missing.stderr, /^\s+at /m, 'no stack trace');
  });

  test('--json prints {out, files, name, version}; writing again needs --overwrite', async () => {
    const again = await pinwheel(['write-app', 'ads_rf', '--board', boardDir, '--out', appDir]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, new RegExp(`${path.join(appDir, 'app.js')} already exists\\. Pass --overwrite`));
    const json = (await pinwheelJson(['write-app', 'ads_rf', '--version', newer, '--board', boardDir, '--out', appDir, '--overwrite'])) as Record<string, unknown>;
    assert.deepEqual(Object.keys(json).sort(), ['files', 'name', 'out', 'version']);
    assert.equal(json.out, appDir);
    assert.equal(json.version, newer);
    assert.ok(Array.isArray(json.files) && ['app.js', 'package.json', 'package-lock.json', 'server/app-server.js', 'README.md', '.gitignore', 'pinwheel-app.json'].every((file) => (json.files as string[]).includes(file)));
    assert.equal((JSON.parse(readFileSync(path.join(appDir, 'pinwheel-app.json'), 'utf8')) as { version: string }).version, newer);
  });
});
