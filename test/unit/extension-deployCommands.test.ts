// Write Dockerfile…, Write App… and Write Kubernetes Manifests… with the stubbed `vscode`
// (test/support/vscode) on a real board with a small ONNX model pin (two versions) and a data pin: the files written in the folder chosen (the same files
// src/core's writers write, for the version picked), the overwrite question when files exist
// ("no" leaves every file as it was), and errors said. Needs dist/app-server.js (built if stale).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import * as vscode from 'vscode';
import { defaultImageName, writeApp, writeDocker, writeK8s } from '../../src/core/deploy/index.js';
import { openBoard, tableFromRecords, type Board } from '../../src/core/pins/index.js';
import { pinKindOf, pinModel } from '../../src/core/vetiver/index.js';
import { registerDeployCommands } from '../../src/extension/deploy/deployCommands.js';
import { BoardRegistry } from '../../src/extension/boards/boardRegistry.js';
import { BoardsTreeProvider } from '../../src/extension/boards/boardsTree.js';
import { QuickPickTargets } from '../../src/extension/boards/pinTargetPicker.js';
import type { BoardsTreeNode } from '../../src/extension/boards/treeNodes.js';
import { acceptDefault, assertAllAnswered, MemoryMemento, resetStub, setConfiguration, stub } from '../support/vscode/stub.js';
import { ensureCliBuilt, tempFolders } from '../integration/cli-harness.js';
import { adsTreeRegressor, allAdsRows } from '../support/onnxModels.js';

const MODEL = 'ads_model';

const folders = tempFolders('deploy-commands');
let folder: string;
let board: Board;
let versions: string[];
let workspace: string;
let registry: BoardRegistry;
let tree: BoardsTreeProvider;
let context: { subscriptions: { dispose(): unknown }[] };

/** Every file under `dir` with its bytes and modification time: what "left untouched" compares. */
async function snapshot(dir: string): Promise<Map<string, { bytes: string; mtimeMs: number }>> {
  const files = new Map<string, { bytes: string; mtimeMs: number }>();
  for (const relative of (await readdir(dir, { recursive: true })).sort()) {
    const file = path.join(dir, relative);
    const info = await stat(file);
    if (info.isFile()) files.set(relative, { bytes: (await readFile(file)).toString('base64'), mtimeMs: info.mtimeMs });
  }
  return files;
}

async function modelRow(): Promise<BoardsTreeNode> {
  const [boardRow] = await tree.getChildren();
  const row = (await tree.getChildren(boardRow)).find((node) => node.kind === 'pin' && node.name === MODEL);
  assert.ok(row);
  return row;
}

/** The model's version rows, newest first as the view shows them. */
async function versionRows(): Promise<BoardsTreeNode[]> {
  return tree.getChildren(await modelRow());
}

before(async () => {
  await ensureCliBuilt();
  folder = path.join(await folders.make(), 'board');
  board = await openBoard(folder, { create: true });
  const { bytes } = adsTreeRegressor();
  for (const created of [Date.UTC(2024, 0, 1), Date.UTC(2024, 1, 1)]) {
    await pinModel(board, { model: bytes, name: MODEL, prototype: tableFromRecords(allAdsRows()), created: new Date(created), forceIdentical: true });
  }
  await board.write(tableFromRecords(allAdsRows()), { name: 'ads', type: 'csv' });
  versions = (await board.versions(MODEL)).map((version) => version.version);
});

after(async () => {
  await board.dispose();
  await folders.cleanup();
});

beforeEach(async () => {
  resetStub();
  workspace = await folders.make();
  stub.workspaceFolders = [{ uri: vscode.Uri.file(workspace), name: 'workspace', index: 0 }];
  setConfiguration('pinwheel.discoverBoards', false);
  setConfiguration('pinwheel.boards', [{ name: 'Demo', uri: folder }]);
  registry = new BoardRegistry({ demoFolder: path.join(workspace, 'no-demo'), state: new MemoryMemento() });
  tree = new BoardsTreeProvider(registry, { onDidChange: new vscode.EventEmitter<void>().event, list: () => [] });
  context = { subscriptions: [] };
  registerDeployCommands(context as unknown as vscode.ExtensionContext, { registry, targets: new QuickPickTargets(registry) });
});

afterEach(() => {
  context.subscriptions.forEach((subscription) => subscription.dispose());
  tree.dispose();
  registry.dispose();
  assertAllAnswered();
});

describe('Write Dockerfile…', () => {
  test('writes the build context src/core writes for the version clicked, in the folder given relative to the workspace; Open README opens it', async () => {
    const [newest] = await versionRows();
    assert.ok(newest?.kind === 'version');
    stub.inputBoxAnswers.push(acceptDefault);
    stub.messageAnswers.push((message) => message.items[0]);
    await vscode.commands.executeCommand('pinwheel.writeDockerfile', newest);

    const offered = stub.questions[0]!.value!;
    assert.ok(offered.includes(MODEL) && !path.isAbsolute(offered), offered);
    const out = path.resolve(workspace, offered);
    const reference = await writeDocker({ board, name: MODEL, version: newest.version.version, outDir: await folders.make() });
    for (const file of reference.files) assert.ok(existsSync(path.join(out, file)), `${file} written`);
    assert.ok(reference.files.includes('Dockerfile'));
    assert.equal(await readFile(path.join(out, 'Dockerfile'), 'utf8'), await readFile(path.join(reference.out, 'Dockerfile'), 'utf8'));
    // The image's board is a copy of that version.
    const dataTxt = path.join(MODEL, newest.version.version, 'data.txt');
    assert.deepEqual(await readFile(path.join(out, 'board', dataTxt)), await readFile(path.join(folder, dataTxt)));
    const done = stub.messages.find((message) => message.level === 'info');
    assert.ok(done?.message.includes(out) && done.message.includes(String(reference.files.length)), done?.message);
    assert.deepEqual(stub.shownDocuments.map((document) => document.uri.fsPath), [path.join(out, 'README.md')]);
  });

  test('when files exist, asks before replacing them: "no" leaves every file as it was; Replace writes them again', async () => {
    const out = path.join(workspace, 'image');
    stub.inputBoxAnswers.push('image');
    await vscode.commands.executeCommand('pinwheel.writeDockerfile', await modelRow());
    const written = await readFile(path.join(out, 'Dockerfile'), 'utf8');
    await writeFile(path.join(out, 'Dockerfile'), `${written}# my own change\n`);
    const before = await snapshot(out);

    stub.inputBoxAnswers.push('image');
    stub.messageAnswers.push(undefined);
    await vscode.commands.executeCommand('pinwheel.writeDockerfile', await modelRow());
    const question = stub.messages.find((message) => message.modal);
    assert.ok(question, JSON.stringify(stub.messages));
    assert.ok(question.message.includes(out), question.message);
    assert.deepEqual(await snapshot(out), before);

    stub.inputBoxAnswers.push('image');
    stub.messageAnswers.push((message) => (message.modal ? message.items[0] : undefined));
    await vscode.commands.executeCommand('pinwheel.writeDockerfile', await modelRow());
    assert.equal(await readFile(path.join(out, 'Dockerfile'), 'utf8'), written);
    assert.deepEqual(stub.messages.filter((message) => message.level === 'error'), []);
  });
});

describe('Write App…', () => {
  test('from the palette, with no folder open: only model pins offered, an older version picked, the folder chosen in a dialog; the app serves that version from the board', async () => {
    stub.workspaceFolders = [];
    const out = await folders.make();
    const older = versions[0]!;
    stub.quickPickAnswers.push(MODEL, older);
    stub.openDialogAnswers.push([vscode.Uri.file(out)]);
    await vscode.commands.executeCommand('pinwheel.writeApp');

    const servable: string[] = [];
    for (const name of await board.list()) if (pinKindOf(await board.meta(name)).servable) servable.push(name);
    assert.deepEqual(stub.questions[0]?.items, servable);
    assert.equal(stub.questions[2]?.kind, 'open dialog');
    assert.equal(stub.questions[2].options.canSelectFolders, true);
    const reference = await writeApp({ board, boardUri: folder, name: MODEL, version: older, outDir: await folders.make() });
    assert.deepEqual([...(await snapshot(out)).keys()].sort(), [...reference.files].sort());
    for (const file of reference.files.filter((name) => !name.startsWith('server/'))) {
      assert.equal(await readFile(path.join(out, file), 'utf8'), await readFile(path.join(reference.out, file), 'utf8'), file);
    }
    const config = await readFile(path.join(out, 'pinwheel-app.json'), 'utf8');
    assert.ok(config.includes(older) && config.includes(JSON.stringify(folder)), config);
  });

  test('Escape in the folder dialog writes nothing', async () => {
    stub.workspaceFolders = [];
    const [newest] = await versionRows();
    stub.openDialogAnswers.push(undefined);
    await vscode.commands.executeCommand('pinwheel.writeApp', newest);
    assert.deepEqual(stub.messages, []);
  });
});

describe('Write Kubernetes Manifests…', () => {
  test('offers the image write-docker names, runs the one typed; "no" to replacing keeps the manifests as they were', async () => {
    const latest = versions.at(-1)!;
    stub.inputBoxAnswers.push('k8s', (question) => {
      assert.equal(question.value, defaultImageName(MODEL, latest));
      return 'registry.example.com/ads-model:v1';
    });
    await vscode.commands.executeCommand('pinwheel.writeKubernetes', await modelRow());
    const out = path.join(workspace, 'k8s');
    const reference = await writeK8s({ board, name: MODEL, outDir: await folders.make(), image: 'registry.example.com/ads-model:v1' });
    assert.deepEqual((await readdir(out)).sort(), [...reference.files].sort());
    for (const file of reference.files) assert.equal(await readFile(path.join(out, file), 'utf8'), await readFile(path.join(reference.out, file), 'utf8'), file);
    assert.match(await readFile(path.join(out, 'deployment.yaml'), 'utf8'), /image: registry\.example\.com\/ads-model:v1$/m);

    const before = await snapshot(out);
    stub.inputBoxAnswers.push('k8s', 'registry.example.com/ads-model:v2');
    stub.messageAnswers.push(undefined);
    await vscode.commands.executeCommand('pinwheel.writeKubernetes', await modelRow());
    assert.equal(stub.messages.filter((message) => message.modal).length, 1);
    assert.deepEqual(await snapshot(out), before);
  });

  test('an image that is no Docker reference is refused with a message; nothing is written', async () => {
    stub.inputBoxAnswers.push('bad-image', 'Not An Image');
    await vscode.commands.executeCommand('pinwheel.writeKubernetes', await modelRow());
    const [error] = stub.messages.filter((message) => message.level === 'error');
    assert.ok(error, JSON.stringify(stub.messages));
    assert.match(error.message, /"Not An Image" is not a Docker image reference/);
    assert.equal(existsSync(path.join(workspace, 'bad-image')), false);
  });
});

test('in Restricted Mode the three commands ask nothing, write nothing and say why', async () => {
  stub.trusted = false;
  const before = await readdir(workspace, { recursive: true });
  for (const command of ['pinwheel.writeApp', 'pinwheel.writeDockerfile', 'pinwheel.writeKubernetes']) await vscode.commands.executeCommand(command, await modelRow());
  assert.deepEqual(stub.questions, []);
  assert.deepEqual(stub.messages.map((message) => message.level), ['warning', 'warning', 'warning']);
  for (const message of stub.messages) assert.match(message.message, /Restricted Mode/);
  assert.deepEqual(await readdir(workspace, { recursive: true }), before);
});
