// Add Board… and Remove Board with the stubbed `vscode` (test/support/vscode): what the user notices
// is the setting pinwheel.boards (written, appended to, removed from), folders created or refused,
// the messages that say why, and that nothing is touched after a cancel. Real folders on disk.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import * as vscode from 'vscode';
import { folderOf, openBoard, tableFromRecords } from '../../src/core/pins/index.js';
import { registerBoardCommands } from '../../src/extension/boards/boardCommands.js';
import { BoardRegistry } from '../../src/extension/boards/boardRegistry.js';
import { BoardsTreeProvider } from '../../src/extension/boards/boardsTree.js';
import { acceptDefault, assertAllAnswered, MemoryMemento, resetStub, setConfiguration, stub } from '../support/vscode/stub.js';
import { tempFolders } from '../integration/cli-harness.js';

const folders = tempFolders('board-commands');
let root: string;
let workspace: string;
let registry: BoardRegistry;
let context: { subscriptions: { dispose(): unknown }[] };

/** The boards in the setting, as the user reads them in settings.json. */
function boardsSetting(): unknown {
  return stub.configuration.get('pinwheel.boards');
}

/** Which settings.json each write went to. */
function updateTargets(): unknown[] {
  return stub.configurationUpdates.map((update) => update.target);
}

/** The answer to Add Board's first question: how to give the folder. */
const choose = /Choose a Folder/;
const type = /Type a Path/;

before(async () => {
  root = await folders.make();
});

after(async () => {
  await folders.cleanup();
});

beforeEach(async () => {
  resetStub();
  workspace = await mkdtempIn(root, 'workspace');
  stub.workspaceFolders = [{ uri: vscode.Uri.file(workspace), name: 'workspace', index: 0 }];
  setConfiguration('pinwheel.discoverBoards', false);
  registry = new BoardRegistry({ demoFolder: path.join(root, 'no-demo'), state: new MemoryMemento() });
  context = { subscriptions: [] };
  registerBoardCommands(context as unknown as vscode.ExtensionContext, { registry });
});

afterEach(() => {
  context.subscriptions.forEach((subscription) => subscription.dispose());
  registry.dispose();
  assertAllAnswered();
});

let made = 0;
async function mkdtempIn(parent: string, prefix: string): Promise<string> {
  const folder = path.join(parent, `${prefix}-${++made}`);
  await mkdir(folder, { recursive: true });
  return folder;
}

describe('Add Board…', () => {
  test('a folder chosen inside the workspace is added to the setting relative to the workspace, after the boards already there', async () => {
    const board = path.join(workspace, 'boards', 'models');
    await mkdir(board, { recursive: true });
    const existing = { name: 'Shared', uri: path.join(root, 'shared') };
    setConfiguration('pinwheel.boards', [existing], vscode.ConfigurationTarget.Workspace);
    stub.quickPickAnswers.push(choose);
    stub.openDialogAnswers.push([vscode.Uri.file(board)]);
    stub.inputBoxAnswers.push(acceptDefault);
    await vscode.commands.executeCommand('pinwheel.addBoard');

    const dialog = stub.questions.find((question) => question.kind === 'open dialog');
    assert.equal(dialog?.options.canSelectFolders, true, 'the dialog picks a folder');
    const nameBox = stub.questions.find((question) => question.kind === 'input box');
    assert.equal(nameBox?.value, path.basename(board), 'the name offered is the folder\'s');
    // Relative to the workspace folder, with '/', so the workspace setting works on other machines.
    const relative = path.relative(workspace, board).split(path.sep).join('/');
    assert.deepEqual(boardsSetting(), [existing, { name: path.basename(board), uri: relative }]);
    assert.deepEqual(updateTargets(), [vscode.ConfigurationTarget.Workspace]);
    // The board shows: the registry reads the new setting.
    const { boards } = await registry.boards();
    assert.deepEqual(boards.map((entry) => [entry.name, entry.folder]), [['Shared', existing.uri], [path.basename(board), board]]);
    assert.deepEqual(stub.messages.filter((message) => message.level === 'error'), []);
  });

  test('a typed path to a missing folder asks to create it: Create makes the folder and adds it; Cancel creates and adds nothing', async () => {
    const cancelled = path.join(root, 'not-yet-1');
    stub.quickPickAnswers.push(type);
    stub.inputBoxAnswers.push(cancelled);
    stub.messageAnswers.push(undefined);
    await vscode.commands.executeCommand('pinwheel.addBoard');
    const question = stub.messages.at(-1);
    assert.equal(question?.modal, true);
    assert.ok(question?.message.includes(cancelled), question?.message);
    assert.equal(existsSync(cancelled), false);
    assert.equal(boardsSetting(), undefined);
    assert.deepEqual(stub.configurationUpdates, []);

    const created = path.join(root, 'not-yet-2');
    stub.quickPickAnswers.push(type);
    stub.inputBoxAnswers.push(created, 'New board');
    stub.messageAnswers.push((message) => message.items[0]);
    await vscode.commands.executeCommand('pinwheel.addBoard');
    assert.deepEqual(await readdir(created), [], 'an empty folder');
    // Outside the workspace: stored as the absolute path.
    assert.deepEqual(boardsSetting(), [{ name: 'New board', uri: created }]);
  });

  test('local (pins-python\'s board) is stored as typed, trimmed', async () => {
    stub.quickPickAnswers.push(type);
    stub.inputBoxAnswers.push('  local  ', 'My pins-python board');
    await vscode.commands.executeCommand('pinwheel.addBoard');
    assert.deepEqual(boardsSetting(), [{ name: 'My pins-python board', uri: 'local' }]);
  });

  test('refuses a file, a relative path with no folder open, and credentials, saying why; nothing is written', async () => {
    const file = path.join(workspace, 'notes.txt');
    await writeFile(file, 'not a board');
    stub.quickPickAnswers.push(type);
    stub.inputBoxAnswers.push(file);
    await vscode.commands.executeCommand('pinwheel.addBoard');
    const [isFile] = stub.messages.filter((message) => message.level === 'error');
    assert.ok(isFile, JSON.stringify(stub.messages));
    assert.ok(isFile.message.includes(file), isFile.message);
    assert.match(isFile.message, /is a file.*folder/i);

    stub.workspaceFolders = [];
    stub.quickPickAnswers.push(type);
    stub.inputBoxAnswers.push('boards/models');
    await vscode.commands.executeCommand('pinwheel.addBoard');
    const relative = stub.messages.filter((message) => message.level === 'error')[1];
    assert.ok(relative, JSON.stringify(stub.messages));
    assert.match(relative.message, /"boards\/models" is a relative path/);
    assert.match(relative.message, /no folder is open/);
    assert.match(relative.message, /absolute path/);

    // A uri with a user name and password cannot even be entered: the input box says why.
    stub.quickPickAnswers.push(type);
    stub.inputBoxAnswers.push(undefined);
    await vscode.commands.executeCommand('pinwheel.addBoard');
    const pathBox = stub.questions.at(-1)!;
    const validate = pathBox.options.validateInput as (value: string) => string | undefined;
    assert.match(validate('https://me:s3cret@example.com/board') ?? '', /credentials/i);
    assert.match(validate('   ') ?? '', /board folder/i);
    assert.equal(validate('/data/board'), undefined);

    assert.equal(boardsSetting(), undefined);
    assert.deepEqual(stub.configurationUpdates, []);
  });

  test('a file:// URI is the folder it names; another scheme (a cloud board) is refused with pins\' own reason, asking nothing more', async () => {
    const board = path.join(root, 'by-url');
    await mkdir(board, { recursive: true });
    stub.quickPickAnswers.push(type);
    stub.inputBoxAnswers.push(pathToFileURL(board).href, 'By URL');
    await vscode.commands.executeCommand('pinwheel.addBoard');
    assert.equal(stub.messages.length, 0, JSON.stringify(stub.messages));
    assert.deepEqual(boardsSetting(), [{ name: 'By URL', uri: board }]);

    const cloud = 's3://bucket/pins';
    stub.quickPickAnswers.push(type);
    stub.inputBoxAnswers.push(cloud);
    await vscode.commands.executeCommand('pinwheel.addBoard');
    const [refused] = stub.messages;
    assert.equal(refused?.level, 'error', JSON.stringify(stub.messages));
    assert.equal(refused.modal, false, 'no offer to create a folder');
    assert.throws(() => folderOf(cloud, workspace), (error: Error) => refused.message.includes(error.message));
    assert.deepEqual(await readdir(workspace), [], 'no folder made for it');
    assert.deepEqual(boardsSetting(), [{ name: 'By URL', uri: board }]);
  });

  test('cancelling any question writes nothing', async () => {
    stub.quickPickAnswers.push(undefined);
    await vscode.commands.executeCommand('pinwheel.addBoard');
    stub.quickPickAnswers.push(choose);
    stub.openDialogAnswers.push(undefined);
    await vscode.commands.executeCommand('pinwheel.addBoard');
    stub.quickPickAnswers.push(choose);
    stub.openDialogAnswers.push([vscode.Uri.file(workspace)]);
    stub.inputBoxAnswers.push(undefined);
    await vscode.commands.executeCommand('pinwheel.addBoard');
    assert.equal(stub.questions.length, 6);
    assert.deepEqual(stub.configurationUpdates, []);
    assert.deepEqual(stub.messages, []);
  });

  test('in Restricted Mode a missing folder is not created', async () => {
    stub.trusted = false;
    const folder = path.join(root, 'untrusted');
    stub.quickPickAnswers.push(type);
    stub.inputBoxAnswers.push(folder);
    stub.messageAnswers.push((message) => message.items[0]);
    await vscode.commands.executeCommand('pinwheel.addBoard');
    assert.equal(existsSync(folder), false);
    assert.equal(boardsSetting(), undefined);
    assert.match(stub.messages.at(-1)?.message ?? '', /Restricted Mode/);
  });
});

describe('Remove Board', () => {
  async function boardWithPin(name: string): Promise<string> {
    const folder = path.join(workspace, name);
    const board = await openBoard(folder, { create: true });
    await board.write(tableFromRecords([{ x: 1 }]), { name: 'scores', type: 'csv' });
    await board.dispose();
    return folder;
  }

  test('from its row: the entry leaves the setting (where it was written), the other stays, and its folder and pins are untouched', async () => {
    const keptFolder = await boardWithPin('kept');
    const removedFolder = await boardWithPin('removed');
    const entries = [{ name: 'Kept', uri: 'kept' }, { name: 'Removed', uri: 'removed' }];
    setConfiguration('pinwheel.boards', entries, vscode.ConfigurationTarget.Workspace);
    const before = await readdir(removedFolder, { recursive: true });
    const tree = new BoardsTreeProvider(registry, { onDidChange: new vscode.EventEmitter<void>().event, list: () => [] });
    const row = (await tree.getChildren()).find((node) => node.kind === 'board' && node.board.name === 'Removed');
    assert.ok(row);
    await vscode.commands.executeCommand('pinwheel.removeBoard', row);
    tree.dispose();

    assert.deepEqual(boardsSetting(), [entries[0]]);
    assert.deepEqual(updateTargets(), [vscode.ConfigurationTarget.Workspace]);
    assert.deepEqual((await registry.boards()).boards.map((entry) => entry.folder), [keptFolder]);
    assert.deepEqual(await readdir(removedFolder, { recursive: true }), before);
    const [info] = stub.messages;
    assert.equal(info?.level, 'info');
    assert.ok(info.message.includes(removedFolder), info.message);
  });

  test('an entry written by hand with spaces around its name or uri (the view trims them) is removed too', async () => {
    const padded = await boardWithPin('padded');
    setConfiguration('pinwheel.boards', [{ name: ' Padded ', uri: ` ${padded} ` }]);
    const [shown] = (await registry.boards()).boards;
    assert.equal(shown?.name, 'Padded');
    stub.quickPickAnswers.push('Padded');
    await vscode.commands.executeCommand('pinwheel.removeBoard');
    assert.deepEqual(boardsSetting(), []);
    assert.deepEqual((await registry.boards()).boards, []);
    assert.ok(existsSync(path.join(padded, 'scores')));
  });

  test('from the palette: picks among the boards of the setting; Escape removes nothing; with none, says why', async () => {
    const a = await boardWithPin('a');
    const b = await boardWithPin('b');
    setConfiguration('pinwheel.boards', [{ name: 'A', uri: a }, { name: 'B', uri: b }]);
    stub.quickPickAnswers.push(undefined);
    await vscode.commands.executeCommand('pinwheel.removeBoard');
    assert.deepEqual(stub.questions[0]?.items, ['A', 'B']);
    assert.deepEqual(stub.configurationUpdates, []);

    stub.quickPickAnswers.push('B');
    await vscode.commands.executeCommand('pinwheel.removeBoard');
    // Written in the user settings: removed there.
    assert.deepEqual(updateTargets(), [vscode.ConfigurationTarget.Global]);
    assert.deepEqual(boardsSetting(), [{ name: 'A', uri: a }]);
    assert.ok(existsSync(path.join(b, 'scores')));

    setConfiguration('pinwheel.boards', []);
    await vscode.commands.executeCommand('pinwheel.removeBoard');
    assert.match(stub.messages.at(-1)?.message ?? '', /No board to remove/);
    assert.equal(stub.questions.length, 2, 'no question when there is nothing to remove');
  });
});
