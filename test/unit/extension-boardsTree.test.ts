// The Boards view's data side, with a stubbed `vscode` (test/support/vscode): which boards it shows
// (setting, discovery, demo), what each row says and offers (icons, descriptions, context values
// the menus match), newest-first versions with the latest marked, problems as rows, and the
// debounced refresh when files change on disk. Real boards on disk throughout.
import assert from 'node:assert/strict';
import { cp, mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import * as vscode from 'vscode';
import { BoardRegistry } from '../../src/extension/boards/boardRegistry.js';
import { BoardsTreeProvider } from '../../src/extension/boards/boardsTree.js';
import type { BoardsTreeNode } from '../../src/extension/boards/treeNodes.js';
import type { ServedModelInfo } from '../../src/extension/servers/servedModels.js';
import { openBoard, tableFromRecords } from '../../src/core/pins/index.js';
import { DEMO_MODEL, writeDemoBoard } from '../../src/core/demo/demoBoard.js';
import { APP_CONFIG_FILE } from '../../src/core/deploy/appFiles.js';
import { fixturePath, skipWithoutShared } from '../support/sharedFixtures.js';
import { MemoryMemento, resetStub, setConfiguration, stub } from '../support/vscode/stub.js';

function servedModels(servers: ServedModelInfo[] = []) {
  const changed = new vscode.EventEmitter<void>();
  return { onDidChange: changed.event, list: () => servers, fire: () => changed.fire() };
}

function label(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

let root: string;
let workspace: string;
let demoBoardFolder: string;

before(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'pinwheel-tree-'));
  workspace = path.join(root, 'workspace');
  demoBoardFolder = path.join(root, 'demo');
  await mkdir(workspace, { recursive: true });
  const demo = await openBoard(demoBoardFolder, { create: true });
  await writeDemoBoard(demo);
});

after(async () => {
  await rm(root, { recursive: true, force: true });
});

beforeEach(() => {
  resetStub();
  stub.workspaceFolders = [{ uri: vscode.Uri.file(workspace), name: 'workspace', index: 0 }];
});

function makeTree(servers: ServedModelInfo[] = []) {
  const registry = new BoardRegistry({ demoFolder: path.join(root, 'no-demo'), state: new MemoryMemento() });
  const served = servedModels(servers);
  const tree = new BoardsTreeProvider(registry, served);
  return { registry, tree, served, dispose: () => { tree.dispose(); registry.dispose(); } };
}

describe('Boards view', () => {
  test('lists the boards of the setting, relative paths resolved against the workspace, and says what is wrong with bad entries', async () => {
    const board = path.join(workspace, 'models');
    await mkdir(board);
    setConfiguration('pinwheel.discoverBoards', false);
    setConfiguration('pinwheel.boards', [{ name: 'Models', uri: 'models' }, { name: 'No uri' }, { name: 'Secret', uri: 'https://me:token@example.com/board' }]);
    const { tree, dispose } = makeTree();
    const rows = await tree.getChildren();
    const items = rows.map((row) => tree.getTreeItem(row));
    assert.deepEqual(items.map(label), ['Problem in the setting pinwheel.boards', 'Problem in the setting pinwheel.boards', 'Models']);
    assert.match(String(items[0]!.tooltip), /pinwheel\.boards\[1\]: uri: .*Each entry needs "name" and "uri"/);
    assert.match(String(items[1]!.tooltip), /user name and password.*secret storage/);
    const boardNode = rows[2]!;
    assert.equal(boardNode.kind === 'board' && boardNode.board.folder, board);
    assert.match(items[2]!.contextValue!, /^board setting configured$/);
    // The welcome view shows only while there is nothing: the context key says there is something.
    assert.ok(stub.executed.some((call) => call.command === 'setContext' && call.args[0] === 'pinwheel.hasBoards' && call.args[1] === true));
    dispose();
  });

  test('an empty workspace sets the context keys the welcome view waits for', async () => {
    const { tree, dispose } = makeTree();
    assert.deepEqual(await tree.getChildren(), []);
    const keys = Object.fromEntries(stub.executed.filter((call) => call.command === 'setContext').map((call) => [call.args[0], call.args[1]]));
    assert.deepEqual(keys, { 'pinwheel.hasBoards': false, 'pinwheel.boardsLoaded': true });
    dispose();
  });

  test('discovers a board in the workspace by its version folders, not by any data.txt', async () => {
    const folder = path.join(workspace, 'found');
    await cp(demoBoardFolder, folder, { recursive: true });
    stub.workspaceFiles = [
      path.join(folder, 'ads', '20210120T093000Z-0b8a5', 'data.txt'),
      path.join(workspace, 'notes', 'data.txt'),
      path.join(workspace, 'a', 'b', 'data.txt'),
    ];
    const { tree, dispose } = makeTree();
    const rows = await tree.getChildren();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.kind === 'board' && rows[0]!.board.folder, folder);
    assert.equal(tree.getTreeItem(rows[0]!).description, 'found in the workspace');
    await rm(folder, { recursive: true, force: true });
    dispose();
  });

  test('the board copy inside a Docker build context written by Write Dockerfile… is not a board of the workspace', async () => {
    const board = path.join(workspace, 'board');
    await cp(demoBoardFolder, board, { recursive: true });
    const version = (await (await openBoard(board)).versions(DEMO_MODEL)).at(-1)!.version;
    // What writeDocker leaves: pinwheel-app.json beside board/ holding the one version it serves.
    const app = path.join(workspace, 'deploy', 'ads_model-docker');
    await cp(path.join(board, DEMO_MODEL, version), path.join(app, 'board', DEMO_MODEL, version), { recursive: true });
    await writeFile(path.join(app, APP_CONFIG_FILE), '{}');
    stub.workspaceFiles = [
      path.join(board, DEMO_MODEL, version, 'data.txt'),
      path.join(app, 'board', DEMO_MODEL, version, 'data.txt'),
      path.join(app, APP_CONFIG_FILE),
    ];
    const { tree, dispose } = makeTree();
    const rows = await tree.getChildren();
    assert.deepEqual(rows.map((row) => row.kind === 'board' && row.board.folder), [board]);
    await rm(path.join(workspace, 'deploy'), { recursive: true, force: true });
    await rm(board, { recursive: true, force: true });
    dispose();
  });

  test('pins show their kind, title and metadata; the model offers serving; versions are newest first with the latest marked', async () => {
    setConfiguration('pinwheel.boards', [{ name: 'Demo', uri: demoBoardFolder }]);
    const { tree, dispose } = makeTree();
    const [boardRow] = await tree.getChildren();
    const pins = await tree.getChildren(boardRow);
    const byName = new Map(pins.map((pin) => [pin.kind === 'pin' ? pin.name : '', pin]));
    const model = tree.getTreeItem(byName.get('ads_model')!);
    assert.equal((model.iconPath as vscode.ThemeIcon).id, 'circuit-board');
    assert.match(model.contextValue!, /^pin model servable$/);
    assert.match(String(model.description), /forest/);
    const tooltip = (model.tooltip as vscode.MarkdownString).value;
    assert.match(tooltip, /ONNX model/);
    assert.match(tooltip, /ads_model\.onnx \(\d/);
    assert.equal((tree.getTreeItem(byName.get('ads')!).iconPath as vscode.ThemeIcon).id, 'table');
    assert.match(tree.getTreeItem(byName.get('ads')!).contextValue!, /^pin table$/);

    const versions = await tree.getChildren(byName.get('ads_model'));
    const names = versions.map((version) => (version.kind === 'version' ? version.version.version : ''));
    assert.equal(names.length, 2);
    assert.deepEqual(names, [...names].sort().reverse());
    const [newest, older] = versions.map((version) => tree.getTreeItem(version));
    assert.match(String(newest!.description), /^latest · \d{4}-\d\d-\d\d \d\d:\d\d UTC · \d+(\.\d)? kB$/);
    assert.doesNotMatch(String(older!.description), /latest/);
    assert.match(newest!.contextValue!, /\bservable\b.*\blatest\b/);
    assert.equal(newest!.command?.command, 'pinwheel.showPin');
    dispose();
  });

  test('a served version is marked with its port, on the pin and on the version', async () => {
    setConfiguration('pinwheel.boards', [{ name: 'Demo', uri: demoBoardFolder }]);
    const board = await openBoard(demoBoardFolder);
    const [first] = await board.versions('ads_model');
    const { tree, dispose } = makeTree([{ id: 's1', boardFolder: demoBoardFolder, boardName: 'Demo', pin: 'ads_model', version: first!.version, url: 'http://127.0.0.1:5123', port: 5123, state: 'running' }]);
    const [boardRow] = await tree.getChildren();
    const pin = (await tree.getChildren(boardRow)).find((node) => node.kind === 'pin' && node.name === 'ads_model')!;
    assert.match(String(tree.getTreeItem(pin).description), /^serving :5123/);
    const versions = (await tree.getChildren(pin)).map((node) => tree.getTreeItem(node));
    assert.deepEqual(versions.map((item) => /serving :5123/.test(String(item.description))), [false, true]);
    assert.match(versions[1]!.contextValue!, /\bserved\b/);
    dispose();
  });

  test('a pickle pin (vetiver-python joblib) is shown as a pickle and offers no serving', skipWithoutShared, async () => {
    setConfiguration('pinwheel.boards', [{ name: 'pins-python', uri: fixturePath('pins-python-written') }]);
    const { tree, dispose } = makeTree();
    const [boardRow] = await tree.getChildren();
    const pickle = (await tree.getChildren(boardRow)).find((node) => node.kind === 'pin' && node.name === 'ads_rf')!;
    const item = tree.getTreeItem(pickle);
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'file-binary');
    assert.equal(item.contextValue, 'pin pickle');
    assert.match((item.tooltip as vscode.MarkdownString).value, /Python pickle, a vetiver model/);
    dispose();
  });

  test('a missing board folder and an unreadable pin become rows that say so; the other pins still show', async () => {
    const board = path.join(root, 'damaged');
    const writable = await openBoard(board, { create: true });
    await writable.write(tableFromRecords([{ x: 1 }]), { name: 'good', type: 'csv' });
    const bad = await writable.write(tableFromRecords([{ x: 2 }]), { name: 'bad', type: 'csv' });
    await writeFile(path.join(board, 'bad', bad.version, 'data.txt'), 'type: [unclosed');
    setConfiguration('pinwheel.boards', [{ name: 'Gone', uri: path.join(root, 'gone') }, { name: 'Damaged', uri: board }]);
    const { tree, dispose } = makeTree();
    const [gone, damaged] = await tree.getChildren();
    const goneRows = await tree.getChildren(gone);
    assert.equal(goneRows[0]!.kind, 'message');
    assert.match(String(tree.getTreeItem(goneRows[0]!).tooltip), /does not exist/);
    const pins = await tree.getChildren(damaged);
    const items = pins.map((pin) => tree.getTreeItem(pin));
    assert.deepEqual(items.map(label), ['bad', 'good']);
    assert.equal((items[0]!.iconPath as vscode.ThemeIcon).id, 'warning');
    assert.match(String(items[0]!.description), /cannot be read/);
    assert.equal((items[1]!.iconPath as vscode.ThemeIcon).id, 'table');
    dispose();
  });

  test('file changes in a board refresh that board once, after a short quiet period', async () => {
    setConfiguration('pinwheel.boards', [{ name: 'Demo', uri: demoBoardFolder }]);
    const { tree, dispose } = makeTree();
    const [boardRow] = await tree.getChildren();
    const fired: (BoardsTreeNode | undefined)[] = [];
    tree.onDidChangeTreeData((node) => fired.push(node));
    const watcher = stub.watchers.find((candidate) => candidate.pattern instanceof vscode.RelativePattern && (candidate.pattern.base as unknown as vscode.Uri).fsPath === demoBoardFolder);
    assert.ok(watcher, 'the board folder is watched');
    for (let index = 0; index < 20; index++) watcher.fire('create', path.join(demoBoardFolder, 'ads', `file${index}`));
    await new Promise((resolve) => setTimeout(resolve, 600));
    assert.equal(fired.length, 1, 'one refresh for a burst of changes');
    assert.equal(fired[0], boardRow, 'the board row itself is refreshed');
    dispose();
    assert.ok(watcher.disposed);
  });

  test('settings changes reload the list of boards', async () => {
    const { tree, dispose } = makeTree();
    assert.equal((await tree.getChildren()).length, 0);
    const fired: unknown[] = [];
    tree.onDidChangeTreeData((node) => fired.push(node));
    setConfiguration('pinwheel.boards', [{ name: 'Demo', uri: demoBoardFolder }]);
    assert.deepEqual(fired, [undefined]);
    assert.equal((await tree.getChildren()).length, 1);
    dispose();
  });
});
