// Pin Data or File…, Delete Version, Delete Pin, Prune Versions…, Download Version… and Compare
// Versions with the stubbed `vscode` (test/support/vscode) on a real board on disk: what lands on the
// board (versions, types, bytes), what a confirmation lists, what is left after a cancel, where
// downloads go, and which documents the diff editor opens. Expectations come from the board on disk.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import * as vscode from 'vscode';
import { checkPinName, decodePinData, openBoard, tableFromRecords, tableToRecords, type Board } from '../../src/core/pins/index.js';
import { BoardRegistry } from '../../src/extension/boards/boardRegistry.js';
import { BoardsTreeProvider } from '../../src/extension/boards/boardsTree.js';
import { QuickPickTargets } from '../../src/extension/boards/pinTargetPicker.js';
import type { BoardsTreeNode } from '../../src/extension/boards/treeNodes.js';
import type { ServerInfo } from '../../src/extension/servers/serverInfo.js';
import { MetadataDocuments } from '../../src/extension/pins/metadataDocuments.js';
import { registerPinCommands } from '../../src/extension/pins/pinCommands.js';
import { assertAllAnswered, MemoryMemento, resetStub, setConfiguration, stub, type ShownMessage } from '../support/vscode/stub.js';
import { tempFolders } from '../integration/cli-harness.js';

const DAY = 86_400_000;
const folders = tempFolders('pin-commands');

let root: string;
let folder: string;
let board: Board;
let registry: BoardRegistry;
let tree: BoardsTreeProvider;
let context: { subscriptions: { dispose(): unknown }[] };
let revealed: { board: string; pin: string }[];
/** What the pin commands see of the server manager: the servers running, and which were stopped. */
let running: ServerInfo[];
let stopped: string[];

/** Every file and folder of the board, relative: what a cancelled command must leave as it was. */
async function boardListing(): Promise<string[]> {
  return (await readdir(folder, { recursive: true })).sort();
}

async function versionsOnDisk(pin: string): Promise<string[]> {
  return (await board.versions(pin)).map((version) => version.version);
}

/** The rows the user right-clicks in the Boards view. */
async function boardRow(): Promise<BoardsTreeNode> {
  const [row] = await tree.getChildren();
  assert.ok(row?.kind === 'board');
  return row;
}
async function pinRow(pin: string): Promise<BoardsTreeNode> {
  const row = (await tree.getChildren(await boardRow())).find((node) => node.kind === 'pin' && node.name === pin);
  assert.ok(row, `no row for ${pin}`);
  return row;
}
/** Newest first, as the view shows them. */
async function versionRows(pin: string): Promise<Extract<BoardsTreeNode, { kind: 'version' }>[]> {
  return (await tree.getChildren(await pinRow(pin))).filter((node) => node.kind === 'version');
}

function modalDialogs(): ShownMessage[] {
  return stub.messages.filter((message) => message.modal);
}

before(async () => {
  root = await folders.make();
});

after(async () => {
  await folders.cleanup();
});

let boards = 0;
beforeEach(async () => {
  resetStub();
  // A fresh board for every test: `scores` has four versions (three old, one from an hour ago), `notes` one.
  folder = path.join(root, `board-${++boards}`);
  board = await openBoard(folder, { create: true });
  const now = Date.now();
  for (const [index, created] of [Date.UTC(2021, 0, 1), Date.UTC(2021, 1, 1), Date.UTC(2021, 2, 1), now - 3_600_000].entries()) {
    await board.write(tableFromRecords([{ id: index, score: index * 1.5 }]), { name: 'scores', type: 'csv', created: new Date(Math.floor(created / 1000) * 1000) });
  }
  await board.write({ text: 'a note' }, { name: 'notes', type: 'json' });
  stub.workspaceFolders = [{ uri: vscode.Uri.file(root), name: 'root', index: 0 }];
  setConfiguration('pinwheel.discoverBoards', false);
  setConfiguration('pinwheel.boards', [{ name: 'Test board', uri: folder }]);
  registry = new BoardRegistry({ demoFolder: path.join(root, 'no-demo'), state: new MemoryMemento() });
  tree = new BoardsTreeProvider(registry, { onDidChange: new vscode.EventEmitter<void>().event, list: () => [] });
  revealed = [];
  context = { subscriptions: [] };
  registerPinCommands(context as unknown as vscode.ExtensionContext, {
    registry,
    targets: new QuickPickTargets(registry),
    revealPin: async (shown, pin) => {
      revealed.push({ board: shown.folder, pin });
    },
    servers: {
      find: (boardFolder, pin) => running.find((server) => server.boardFolder === boardFolder && server.pin === pin),
      stop: async (id) => {
        stopped.push(id);
        running = running.filter((server) => server.id !== id);
      },
    },
  });
  running = [];
  stopped = [];
});

/** Pretends `version` of `pin` is being served (as the server manager would list it). */
async function serve(pin: string, version: string): Promise<ServerInfo> {
  const row = await boardRow();
  assert.ok(row.kind === 'board');
  const entry = row.board;
  const server: ServerInfo = { id: `server-${pin}`, board: entry, boardFolder: entry.folder, boardName: entry.name, pin, version, url: 'http://127.0.0.1:41553', port: 41553, state: 'running', pid: 1, startupMs: 400 };
  running.push(server);
  return server;
}

afterEach(async () => {
  context.subscriptions.forEach((subscription) => subscription.dispose());
  tree.dispose();
  registry.dispose();
  await board.dispose();
  assertAllAnswered();
});

describe('Pin Data or File…', () => {
  const CSV = 'name,score\nann,1.5\nbob,2\n';

  test('a csv pinned as it is: a new pin whose csv holds the file\'s bytes, with the title given, shown in the view', async () => {
    const file = path.join(root, 'Sales Report.csv');
    await writeFile(file, CSV);
    stub.openDialogAnswers.push([vscode.Uri.file(file)]);
    stub.quickPickAnswers.push('csv');
    stub.inputBoxAnswers.push('sales', 'Sales 2024');
    await vscode.commands.executeCommand('pinwheel.pinData', await boardRow());

    const [typeQuestion, nameBox] = stub.questions.filter((question) => question.kind !== 'open dialog');
    assert.ok(typeQuestion?.items.includes('parquet') && typeQuestion.items.includes('arrow') && typeQuestion.items.includes('file'), JSON.stringify(typeQuestion));
    // The name is checked as it is typed, with pins' own rules; an existing name only says it adds a version.
    const validate = nameBox!.options.validateInput as (value: string) => Promise<string | { message: string; severity: vscode.InputBoxValidationSeverity } | undefined>;
    const refused = await validate('a/b');
    assert.equal(typeof refused, 'string');
    assert.throws(() => checkPinName('a/b'), { message: refused as string });
    assert.equal(await validate('sales'), undefined);
    const existing = await validate('scores');
    assert.equal(typeof existing === 'object' && existing.severity, vscode.InputBoxValidationSeverity.Info);
    // A table over the JSON pin `notes`: allowed, with a warning naming what it is now.
    const otherKind = await validate('notes');
    assert.ok(typeof otherKind === 'object' && otherKind.severity === vscode.InputBoxValidationSeverity.Warning, JSON.stringify(otherKind));
    assert.match(otherKind.message, /"notes" is a JSON data pin .* a new version holding a csv table/);

    const [version] = await versionsOnDisk('sales');
    assert.ok(version);
    const meta = await board.meta('sales');
    assert.equal(meta.type, 'csv');
    assert.equal(meta.title, 'Sales 2024');
    assert.equal(meta.files.length, 1);
    assert.equal(await readFile(path.join(folder, 'sales', version, meta.files[0]!), 'utf8'), CSV, 'byte for byte');
    assert.deepEqual(revealed, [{ board: folder, pin: 'sales' }]);
    const done = stub.messages.at(-1);
    assert.equal(done?.level, 'info');
    assert.ok(done.message.includes(version), done.message);
  });

  test('a csv converted to parquet: the version is a parquet pin with the csv\'s rows', async () => {
    const file = path.join(root, 'sales.csv');
    await writeFile(file, CSV);
    stub.openDialogAnswers.push([vscode.Uri.file(file)]);
    stub.quickPickAnswers.push('parquet');
    stub.inputBoxAnswers.push('sales_parquet', '');
    await vscode.commands.executeCommand('pinwheel.pinData', await boardRow());

    const meta = await board.meta('sales_parquet');
    assert.equal(meta.type, 'parquet');
    assert.ok(meta.files.every((name) => name.endsWith('.parquet')), meta.files.join());
    assert.ok(existsSync(path.join(folder, 'sales_parquet', meta.version, meta.files[0]!)));
    const read = await board.read('sales_parquet');
    const original = await decodePinData('csv', new TextEncoder().encode(CSV), { pin: 'sales', version: null, file: 'sales.csv' });
    assert.ok(read.kind === 'table' && original.kind === 'table');
    assert.deepEqual(tableToRecords(read.table), tableToRecords(original.table));
  });

  test('any other file from the Explorer: no type question, uploaded unchanged under a name from the file', async () => {
    const file = path.join(root, 'Read Me.txt');
    await writeFile(file, 'just text\n');
    stub.inputBoxAnswers.push((question) => question.value, '');
    await vscode.commands.executeCommand('pinwheel.pinData', vscode.Uri.file(file));

    assert.deepEqual(stub.questions.map((question) => question.kind), ['input box', 'input box'], 'only the name and the title');
    const name = stub.questions[0]!.value!;
    const meta = await board.meta(name);
    assert.equal(meta.type, 'file');
    assert.deepEqual(meta.files, ['Read Me.txt']);
    assert.equal(await readFile(path.join(folder, name, meta.version, 'Read Me.txt'), 'utf8'), 'just text\n');
  });

  test('the same file pinned again under the same name writes no new version, and says which version it equals', async () => {
    const file = path.join(root, 'again.csv');
    await writeFile(file, CSV);
    for (let round = 0; round < 2; round++) {
      stub.openDialogAnswers.push([vscode.Uri.file(file)]);
      stub.quickPickAnswers.push('csv');
      stub.inputBoxAnswers.push('again', '');
      await vscode.commands.executeCommand('pinwheel.pinData', await boardRow());
    }
    const versions = await versionsOnDisk('again');
    assert.equal(versions.length, 1);
    const [first, second] = stub.messages;
    assert.ok(first && second, JSON.stringify(stub.messages));
    assert.ok(first.message.includes(versions[0]!) && second.message.includes(versions[0]!), JSON.stringify(stub.messages));
    assert.notEqual(first.message, second.message, 'the second says nothing was written');
  });

  test('cancelling the name question pins nothing', async () => {
    const file = path.join(root, 'cancelled.csv');
    await writeFile(file, CSV);
    const before = await boardListing();
    stub.openDialogAnswers.push([vscode.Uri.file(file)]);
    stub.quickPickAnswers.push('csv');
    stub.inputBoxAnswers.push(undefined);
    await vscode.commands.executeCommand('pinwheel.pinData', await boardRow());
    assert.deepEqual(await boardListing(), before);
    assert.deepEqual(revealed, []);
    assert.deepEqual(stub.messages, []);
  });

  test('Cancel in the progress notification: nothing reaches the board (not even a pin folder), and the message says so', async () => {
    const file = path.join(root, 'big upload.bin');
    await writeFile(file, Buffer.alloc(8 << 20, 7));
    const before = await boardListing();
    stub.openDialogAnswers.push([vscode.Uri.file(file)]);
    stub.inputBoxAnswers.push('upload', '');
    stub.cancelProgress = true;
    await vscode.commands.executeCommand('pinwheel.pinData', await boardRow());
    assert.deepEqual(await boardListing(), before);
    assert.deepEqual(revealed, []);
    const said = stub.messages.at(-1);
    assert.equal(said?.level, 'info', JSON.stringify(stub.messages));
    assert.match(said.message, /Cancelled: nothing was pinned as upload/);
  });
});

describe('Delete Version and Delete Pin', () => {
  test('a served version: the dialog says its server is stopped first; Cancel stops nothing; confirming stops the server, then deletes', async () => {
    const rows = await versionRows('scores');
    const servedVersion = rows[1]!.version.version;
    const server = await serve('scores', servedVersion);
    stub.messageAnswers.push(undefined);
    await vscode.commands.executeCommand('pinwheel.deleteVersion', rows[1]);
    const [dialog] = modalDialogs();
    assert.match(dialog?.detail ?? '', new RegExp(`scores@${servedVersion} is being served at http://127\\.0\\.0\\.1:41553: its server is stopped first`));
    assert.deepEqual(dialog?.items, ['Stop Server and Delete']);
    assert.deepEqual(stopped, []);
    assert.ok(existsSync(path.join(folder, 'scores', servedVersion)));

    stub.messageAnswers.push('Stop Server and Delete');
    await vscode.commands.executeCommand('pinwheel.deleteVersion', rows[1]);
    assert.deepEqual(stopped, [server.id]);
    assert.equal(existsSync(path.join(folder, 'scores', servedVersion)), false);
  });

  test('another version served: Delete Version leaves its server alone; Delete Pin and Prune stop it first', async () => {
    const rows = await versionRows('scores');
    const server = await serve('scores', rows[0]!.version.version);
    stub.messageAnswers.push('Delete Version');
    await vscode.commands.executeCommand('pinwheel.deleteVersion', rows[2]);
    assert.deepEqual(stopped, []);
    assert.equal(existsSync(path.join(folder, 'scores', rows[2]!.version.version)), false);

    // Prune keeps the newest, which is served here: its server is not stopped.
    stub.inputBoxAnswers.push('1');
    stub.messageAnswers.push((message) => message.items[0]);
    await vscode.commands.executeCommand('pinwheel.pruneVersions', await pinRow('scores'));
    assert.deepEqual(stopped, []);
    assert.deepEqual(modalDialogs().at(-1)?.items, ['Delete 2 Versions']);

    stub.messageAnswers.push((message) => message.items[0]);
    await vscode.commands.executeCommand('pinwheel.deletePin', await pinRow('scores'));
    assert.deepEqual(modalDialogs().at(-1)?.items, ['Stop Server and Delete Pin']);
    assert.deepEqual(stopped, [server.id]);
    assert.equal(existsSync(path.join(folder, 'scores')), false);
  });

  test('Prune whose rule would delete the served version says so and stops the server first', async () => {
    const rows = await versionRows('scores');
    const oldest = rows.at(-1)!.version.version;
    const server = await serve('scores', oldest);
    stub.inputBoxAnswers.push('2');
    stub.messageAnswers.push((message) => message.items[0]);
    await vscode.commands.executeCommand('pinwheel.pruneVersions', await pinRow('scores'));
    const dialog = modalDialogs().at(-1);
    assert.deepEqual(dialog?.items, ['Stop Server and Delete 2 Versions']);
    assert.match(dialog?.detail ?? '', new RegExp(`scores@${oldest} is being served`));
    assert.deepEqual(stopped, [server.id]);
    assert.equal(existsSync(path.join(folder, 'scores', oldest)), false);
  });

  test('Delete Version asks first (modal, naming the folder); Cancel deletes nothing; Delete removes exactly that version folder', async () => {
    const rows = await versionRows('scores');
    const doomed = rows[1]!.version.version;
    const before = await boardListing();
    stub.messageAnswers.push(undefined);
    await vscode.commands.executeCommand('pinwheel.deleteVersion', rows[1]);
    const [dialog] = modalDialogs();
    assert.ok(dialog);
    assert.ok(dialog.message.includes(doomed), dialog.message);
    assert.ok(dialog.detail?.includes(path.join(folder, 'scores', doomed)), dialog.detail);
    assert.deepEqual(await boardListing(), before, 'cancel: untouched');

    const versionsBefore = await versionsOnDisk('scores');
    stub.messageAnswers.push((message) => message.items[0]);
    await vscode.commands.executeCommand('pinwheel.deleteVersion', rows[1]);
    assert.equal(existsSync(path.join(folder, 'scores', doomed)), false);
    assert.deepEqual(await versionsOnDisk('scores'), versionsBefore.filter((version) => version !== doomed));
    assert.deepEqual(await boardListing(), before.filter((file) => !file.startsWith(path.join('scores', doomed))));
    assert.equal(stub.messages.at(-1)?.level, 'info');
  });

  test('Delete Pin asks first, saying how many versions go; Cancel deletes nothing; Delete removes only that pin\'s folder', async () => {
    const before = await boardListing();
    const count = (await versionsOnDisk('scores')).length;
    stub.messageAnswers.push(undefined);
    await vscode.commands.executeCommand('pinwheel.deletePin', await pinRow('scores'));
    const [dialog] = modalDialogs();
    assert.ok(dialog);
    assert.ok(dialog.message.includes('scores') && dialog.message.includes(String(count)), dialog.message);
    assert.ok(dialog.detail?.includes(path.join(folder, 'scores')), dialog.detail);
    assert.deepEqual(await boardListing(), before);

    stub.messageAnswers.push((message) => message.items[0]);
    await vscode.commands.executeCommand('pinwheel.deletePin', await pinRow('scores'));
    assert.equal(existsSync(path.join(folder, 'scores')), false);
    assert.deepEqual(await board.list(), ['notes']);
    assert.deepEqual(await boardListing(), before.filter((file) => file !== 'scores' && !file.startsWith(`scores${path.sep}`)));
  });

  test('the only version of a pin: no confirmation to delete it, but the offer to delete the pin, which asks in turn', async () => {
    const [only] = await versionRows('notes');
    const before = await boardListing();
    // Dismissing the offer deletes nothing, and no modal question comes first.
    stub.messageAnswers.push(undefined);
    await vscode.commands.executeCommand('pinwheel.deleteVersion', only);
    const [offer] = stub.messages;
    assert.ok(offer && !offer.modal, JSON.stringify(stub.messages));
    assert.match(offer.message, new RegExp(`${only!.version.version} is the only version of notes`));
    assert.deepEqual(modalDialogs(), []);
    assert.deepEqual(await boardListing(), before);
    // The library would refuse it too: deleting it would leave a pin with no version.
    await assert.rejects(board.deleteVersion('notes', only!.version.version));

    // Taking the offer runs Delete Pin, with its own confirmation naming the pin's folder.
    stub.messageAnswers.push((message) => message.items.find((item) => /^Delete Pin/.test(item)));
    stub.messageAnswers.push((message) => (message.modal ? message.items[0] : undefined));
    await vscode.commands.executeCommand('pinwheel.deleteVersion', only);
    const [dialog] = modalDialogs();
    assert.ok(dialog?.detail?.includes(path.join(folder, 'notes')), JSON.stringify(stub.messages));
    assert.equal(existsSync(path.join(folder, 'notes')), false);
  });

  test('in Restricted Mode nothing is asked and nothing deleted; the warning says why', async () => {
    stub.trusted = false;
    const before = await boardListing();
    const [newest] = await versionRows('scores');
    await vscode.commands.executeCommand('pinwheel.deleteVersion', newest);
    await vscode.commands.executeCommand('pinwheel.deletePin', await pinRow('scores'));
    await vscode.commands.executeCommand('pinwheel.pruneVersions', await pinRow('scores'));
    await vscode.commands.executeCommand('pinwheel.pinData', await boardRow());
    await vscode.commands.executeCommand('pinwheel.downloadVersion', newest);
    assert.deepEqual(stub.questions, []);
    assert.equal(stub.messages.length, 5);
    for (const message of stub.messages) {
      assert.equal(message.level, 'warning');
      assert.match(message.message, /Restricted Mode/);
    }
    assert.deepEqual(await boardListing(), before);
  });
});

describe('Prune Versions…', () => {
  test('keep 2: the dry run lists what would go and what stays (nothing deleted yet); then only the old versions go', async () => {
    const all = await versionsOnDisk('scores');
    const goes = all.slice(0, -2);
    const stays = all.slice(-2);
    stub.inputBoxAnswers.push('2');
    let onDiskWhileAsked: string[] = [];
    stub.messageAnswers.push((message) => {
      onDiskWhileAsked = all.filter((version) => existsSync(path.join(folder, 'scores', version)));
      return message.items[0];
    });
    await vscode.commands.executeCommand('pinwheel.pruneVersions', await pinRow('scores'));

    assert.deepEqual(onDiskWhileAsked, all, 'a dry run: nothing deleted while asking');
    const [dialog] = modalDialogs();
    assert.ok(dialog?.detail, JSON.stringify(stub.messages));
    // Every version is named once: the ones that go in the delete part, then the ones that stay.
    const keepAt = dialog.detail.search(/keep/i);
    assert.ok(keepAt > 0, dialog.detail);
    for (const version of goes) assert.ok(dialog.detail.indexOf(version) >= 0 && dialog.detail.indexOf(version) < keepAt, `${version} goes: ${dialog.detail}`);
    for (const version of stays) assert.ok(dialog.detail.indexOf(version) > keepAt, `${version} stays: ${dialog.detail}`);
    assert.deepEqual(await versionsOnDisk('scores'), stays);
    assert.deepEqual(await versionsOnDisk('notes'), (await board.versions('notes')).map((v) => v.version));
    assert.equal(stub.messages.at(-1)?.level, 'info');
  });

  test('30d: versions older than 30 days go, the recent one stays; Cancel first deletes nothing', async () => {
    const versions = await board.versions('scores');
    const cutoff = Date.now() - 30 * DAY;
    const stays = versions.filter((version) => version.created!.getTime() > cutoff).map((version) => version.version);
    assert.equal(stays.length, 1);
    const before = await boardListing();
    stub.inputBoxAnswers.push('30d');
    stub.messageAnswers.push(undefined);
    await vscode.commands.executeCommand('pinwheel.pruneVersions', await pinRow('scores'));
    assert.deepEqual(await boardListing(), before);

    stub.inputBoxAnswers.push('30d');
    stub.messageAnswers.push((message) => message.items[0]);
    await vscode.commands.executeCommand('pinwheel.pruneVersions', await pinRow('scores'));
    assert.deepEqual(await versionsOnDisk('scores'), stays);
  });

  test('a rule that keeps everything says so and asks nothing more; the rule box refuses what is not a rule', async () => {
    const before = await boardListing();
    stub.inputBoxAnswers.push('10');
    await vscode.commands.executeCommand('pinwheel.pruneVersions', await pinRow('scores'));
    assert.deepEqual(modalDialogs(), []);
    assert.equal(stub.messages.length, 1);
    assert.match(stub.messages[0]!.message, /Nothing to prune/);
    assert.deepEqual(await boardListing(), before);
    const validate = stub.questions[0]!.options.validateInput as (value: string) => string | undefined;
    for (const bad of ['0', 'abc', '-1', '2 versions', '']) assert.equal(typeof validate(bad), 'string', bad);
    for (const good of ['3', '30d', ' 7 D ']) assert.equal(validate(good), undefined, good);
  });
});

describe('Download Version…', () => {
  test('from the palette: pick the pin and an older version; its files land in the chosen folder, byte for byte; Reveal shows the first', async () => {
    const to = await folders.make();
    const older = (await versionsOnDisk('scores'))[1]!;
    stub.quickPickAnswers.push('scores', older);
    stub.openDialogAnswers.push([vscode.Uri.file(to)]);
    stub.messageAnswers.push((message) => message.items[0]);
    await vscode.commands.executeCommand('pinwheel.downloadVersion');

    const [pinPick, versionPick, dialog] = stub.questions;
    assert.deepEqual(pinPick?.items, await board.list());
    assert.deepEqual(versionPick?.items, (await versionsOnDisk('scores')).reverse(), 'newest first');
    assert.equal(dialog?.kind, 'open dialog');
    assert.equal(dialog.options.canSelectFolders, true);
    const meta = await board.meta('scores', older);
    assert.deepEqual((await readdir(to)).sort(), [...meta.files].sort());
    for (const file of meta.files) {
      assert.deepEqual(await readFile(path.join(to, file)), await readFile(path.join(folder, 'scores', older, file)));
    }
    const done = stub.messages.find((message) => message.level === 'info');
    assert.ok(done?.message.includes(to), done?.message);
    const reveal = stub.executed.find((call) => call.command === 'revealFileInOS');
    assert.equal((reveal?.args[0] as vscode.Uri).fsPath, path.join(to, meta.files[0]!));
  });

  test('Escape in the folder dialog downloads nothing', async () => {
    const [newest] = await versionRows('scores');
    stub.openDialogAnswers.push(undefined);
    await vscode.commands.executeCommand('pinwheel.downloadVersion', newest);
    assert.deepEqual(stub.messages, [], 'no "Downloaded …"');
    assert.deepEqual(stub.executed.filter((call) => call.command === 'revealFileInOS'), []);
  });
});

describe('Compare Versions', () => {
  const documents = new MetadataDocuments();

  /** The diff the command opened, and the text of its two sides as the diff editor would show it. */
  async function openedDiff(): Promise<{ left: string; right: string; title: string }> {
    const diffs = stub.executed.filter((call) => call.command === 'vscode.diff');
    assert.equal(diffs.length, 1, JSON.stringify(stub.executed));
    const [leftUri, rightUri, title] = diffs[0]!.args as [vscode.Uri, vscode.Uri, string];
    return { left: await documents.provideTextDocumentContent(leftUri), right: await documents.provideTextDocumentContent(rightUri), title };
  }

  function dataTxt(pin: string, version: string): Promise<string> {
    return readFile(path.join(folder, pin, version, 'data.txt'), 'utf8');
  }

  test('two versions selected in the view: the native diff of their data.txt, the older on the left', async () => {
    const rows = await versionRows('scores');
    const [newer, older] = [rows[0]!, rows[2]!];
    await vscode.commands.executeCommand('pinwheel.compareVersions', newer, [newer, older]);
    const diff = await openedDiff();
    assert.equal(diff.left, await dataTxt('scores', older.version.version));
    assert.equal(diff.right, await dataTxt('scores', newer.version.version));
    assert.ok(diff.title.includes(older.version.version) && diff.title.includes(newer.version.version), diff.title);
    assert.deepEqual(stub.questions, []);
  });

  test('one version: the other is picked from the pin\'s other versions, newest first; the older goes left', async () => {
    const rows = await versionRows('scores');
    const clicked = rows[1]!.version.version;
    const newest = rows[0]!.version.version;
    stub.quickPickAnswers.push(newest);
    await vscode.commands.executeCommand('pinwheel.compareVersions', rows[1], [rows[1]]);
    assert.deepEqual(stub.questions[0]?.items, (await versionsOnDisk('scores')).reverse().filter((version) => version !== clicked));
    const diff = await openedDiff();
    assert.equal(diff.left, await dataTxt('scores', clicked));
    assert.equal(diff.right, await dataTxt('scores', newest));
  });

  test('a pin with one version: nothing to compare, said; no diff opens', async () => {
    const [only] = await versionRows('notes');
    await vscode.commands.executeCommand('pinwheel.compareVersions', only, [only]);
    assert.equal(stub.executed.some((call) => call.command === 'vscode.diff'), false);
    assert.match(stub.messages[0]?.message ?? '', /only one version/);
    assert.deepEqual(stub.questions, []);
  });

  test('Escape in the version pick opens no diff', async () => {
    const [newest] = await versionRows('scores');
    stub.quickPickAnswers.push(undefined);
    await vscode.commands.executeCommand('pinwheel.compareVersions', newest);
    assert.equal(stub.executed.some((call) => call.command === 'vscode.diff'), false);
  });
});
