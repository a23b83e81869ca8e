// Copy Request as curl / Python (vetiver) / R (vetiver) and Open Request as .http File with the
// stubbed `vscode` (test/support/vscode), against a REAL predict server (src/server's startServer,
// in this process, on a free port) serving a small ONNX model pin: what lands on the clipboard or in
// the editor names that server's URL and the prototype's example row (from src/core), and the
// requests copied get a prediction from it. Without a running server, the request says how to start
// one and the message offers to.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import * as vscode from 'vscode';
import packageJson from '../../package.json' with { type: 'json' };
import { openBoard, tableFromRecords, type Board } from '../../src/core/pins/index.js';
import { exampleRow } from '../../src/core/requests/exampleRow.js';
import { pythonLiteral } from '../../src/core/requests/pythonRequest.js';
import { rLiteral, rName } from '../../src/core/requests/rRequest.js';
import { pinModel, readModelPin } from '../../src/core/vetiver/index.js';
import type { BoardEntry } from '../../src/extension/boards/boardEntry.js';
import { BoardRegistry } from '../../src/extension/boards/boardRegistry.js';
import { BoardsTreeProvider } from '../../src/extension/boards/boardsTree.js';
import { QuickPickTargets } from '../../src/extension/boards/pinTargetPicker.js';
import type { BoardsTreeNode } from '../../src/extension/boards/treeNodes.js';
import { registerRequestCommands } from '../../src/extension/requests/requestCommands.js';
import type { ServerInfo } from '../../src/extension/servers/serverInfo.js';
import { startServer, type RunningServer } from '../../src/server/listen.js';
import { assertAllAnswered, MemoryMemento, resetStub, setConfiguration, stub } from '../support/vscode/stub.js';
import { tempFolders } from '../integration/cli-harness.js';
import { adsTreeRegressor, allAdsRows } from '../support/onnxModels.js';

const MODEL = 'ads_model';
const folders = tempFolders('request-commands');
/** What the palette and the menus call the commands a message points to. */
const commandTitle = (id: string) => packageJson.contributes.commands.find((command) => command.command === id)!.title;

let folder: string;
let board: Board;
let versions: string[];
let server: RunningServer;
let running: ServerInfo[];
let registry: BoardRegistry;
let tree: BoardsTreeProvider;
let entry: BoardEntry;
let context: { subscriptions: { dispose(): unknown }[] };

const LANGUAGES = [
  { command: 'pinwheel.copyRequestCurl', name: 'curl' },
  { command: 'pinwheel.copyRequestPython', name: 'Python' },
  { command: 'pinwheel.copyRequestR', name: 'R' },
] as const;

/** The request row every snippet must carry: the example row of that version's prototype. */
async function expectedRow(version: string): Promise<Record<string, unknown>> {
  const model = await readModelPin(board, MODEL, version);
  assert.ok(model.prototype && model.prototype.length > 0);
  return exampleRow(model.prototype);
}

function serverInfo(): ServerInfo {
  return { id: 'server-1', board: entry, boardFolder: folder, boardName: entry.name, pin: MODEL, version: server.version(), url: server.url, port: server.port, state: 'running', pid: process.pid, startupMs: null };
}

async function modelRow(): Promise<BoardsTreeNode> {
  const [boardRow] = await tree.getChildren();
  const row = (await tree.getChildren(boardRow)).find((node) => node.kind === 'pin' && node.name === MODEL);
  assert.ok(row);
  return row;
}

/** POSTs to a URL, as the copied command would, and returns the predictions. */
async function post(url: string, body: string): Promise<number[]> {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  assert.equal(response.status, 200, await response.clone().text());
  const { predict } = (await response.json()) as { predict: number[] };
  return predict;
}

before(async () => {
  folder = path.join(await folders.make(), 'board');
  board = await openBoard(folder, { create: true });
  const { bytes } = adsTreeRegressor();
  // Two versions whose prototypes hold the rows in opposite orders, so their example rows differ: a
  // request built from the wrong version shows.
  const rows = allAdsRows();
  await pinModel(board, { model: bytes, name: MODEL, prototype: tableFromRecords(rows), created: new Date(Date.UTC(2024, 0, 1)), forceIdentical: true });
  await pinModel(board, { model: bytes, name: MODEL, prototype: tableFromRecords([...rows].reverse()), created: new Date(Date.UTC(2024, 1, 1)), forceIdentical: true });
  versions = (await board.versions(MODEL)).map((version) => version.version);
  assert.notDeepEqual(await expectedRow(versions[0]!), await expectedRow(versions[1]!));
  server = await startServer({ board, name: MODEL, host: '127.0.0.1', port: 0, serverVersion: 'test' });
});

after(async () => {
  await server?.close();
  await board?.dispose();
  await folders.cleanup();
});

beforeEach(async () => {
  resetStub();
  stub.workspaceFolders = [{ uri: vscode.Uri.file(path.dirname(folder)), name: 'workspace', index: 0 }];
  setConfiguration('pinwheel.discoverBoards', false);
  setConfiguration('pinwheel.boards', [{ name: 'Models', uri: folder }]);
  registry = new BoardRegistry({ demoFolder: path.join(folder, 'no-demo'), state: new MemoryMemento() });
  [entry] = (await registry.boards()).boards as [BoardEntry];
  tree = new BoardsTreeProvider(registry, { onDidChange: new vscode.EventEmitter<void>().event, list: () => running });
  running = [];
  context = { subscriptions: [] };
  registerRequestCommands(context as unknown as vscode.ExtensionContext, { targets: new QuickPickTargets(registry), boards: registry, servers: { list: () => running } });
});

afterEach(() => {
  context.subscriptions.forEach((subscription) => subscription.dispose());
  tree.dispose();
  registry.dispose();
  assertAllAnswered();
});

describe('Copy Request as curl / Python / R, with the pin served', () => {
  test('each copies a request to the served server\'s URL with the example row of the served version, and says so', async () => {
    running = [serverInfo()];
    const row = await expectedRow(server.version());
    const predictUrl = `${server.url}/predict`;
    for (const language of LANGUAGES) {
      await vscode.commands.executeCommand(language.command, await modelRow());
      const copied = stub.clipboard;
      assert.ok(copied.includes(predictUrl), `${language.name}: ${copied}`);
      assert.ok(copied.includes(server.version()), `${language.name} names the version: ${copied}`);
      assert.doesNotMatch(copied, new RegExp(commandTitle('pinwheel.serveVersion')), `${language.name}: no "start a server" note`);
      if (language.name === 'Python') assert.ok(copied.includes(pythonLiteral(row)), copied);
      if (language.name === 'R') for (const [column, value] of Object.entries(row)) assert.ok(copied.includes(`${rName(column)} = ${rLiteral(value)}`), `${column}: ${copied}`);
      const message = stub.messages.at(-1);
      assert.equal(message?.level, 'info');
      assert.ok(message.message.includes(server.url), message.message);
      assert.deepEqual(message.items, [], 'no offer to serve it');
    }
    assert.equal(stub.clipboardWrites.length, 3);
    assert.deepEqual(stub.questions, []);

    // The curl command's URL and body, sent as curl would send them, get a prediction.
    const curl = stub.clipboardWrites[0]!;
    const url = /curl .*'(http[^']+)'/.exec(curl)?.[1];
    const body = /--data-raw '([^']+)'/.exec(curl)?.[1];
    assert.equal(url, predictUrl);
    assert.deepEqual(JSON.parse(body!), [row]);
    assert.equal((await post(url!, body!)).length, 1);
  });

  test('from the status bar\'s server actions (the server id): the request for what that server serves', async () => {
    running = [serverInfo()];
    await vscode.commands.executeCommand('pinwheel.copyRequestCurl', running[0]!.id);
    assert.ok(stub.clipboard.includes(`${server.url}/predict`), stub.clipboard);
    assert.deepEqual(JSON.parse(/--data-raw '([^']+)'/.exec(stub.clipboard)![1]!), [await expectedRow(server.version())]);
    assert.deepEqual(stub.questions, []);
  });

  test('from the palette: the running server is offered first, and picking it copies its request', async () => {
    running = [serverInfo()];
    stub.quickPickAnswers.push((items) => items[0]);
    await vscode.commands.executeCommand('pinwheel.copyRequestCurl');
    const [question] = stub.questions;
    assert.equal(question?.kind, 'quick pick');
    assert.match(question.items[0] ?? '', new RegExp(`${MODEL}@${server.version()}`));
    assert.match(question.items.at(-1) ?? '', /^Another pin/);
    assert.ok(stub.clipboard.includes(`${server.url}/predict`), stub.clipboard);
    assert.equal(stub.questions.length, 1, 'no board or pin question after that');
  });

  test('a version other than the served one: its own example row, sent to the server, with a note on switching', async () => {
    await server.switchVersion(versions[0]);
    try {
      running = [serverInfo()];
      const [newest] = await tree.getChildren(await modelRow());
      assert.ok(newest?.kind === 'version' && newest.version.version === versions[1]);
      await vscode.commands.executeCommand('pinwheel.copyRequestCurl', newest);
      const copied = stub.clipboard;
      assert.ok(copied.includes(`${server.url}/predict`), copied);
      assert.deepEqual(JSON.parse(/--data-raw '([^']+)'/.exec(copied)![1]!), [await expectedRow(versions[1]!)]);
      assert.ok(copied.includes(versions[0]!) && copied.includes(commandTitle('pinwheel.switchServedVersion')), copied);
    } finally {
      await server.switchVersion();
    }
  });
});

describe('Copy Request, with no server running', () => {
  test('the request says how to start a server; the message offers Serve Version, which serves that pin version', async () => {
    const latest = versions.at(-1)!;
    for (const language of LANGUAGES) {
      stub.messageAnswers.push((message) => message.items.find((item) => item === commandTitle('pinwheel.serveVersion')));
      await vscode.commands.executeCommand(language.command, await modelRow());
      const copied = stub.clipboard;
      assert.ok(copied.includes(commandTitle('pinwheel.serveVersion')), `${language.name}: ${copied}`);
      assert.ok(copied.includes(`pinwheel serve ${MODEL}`) && copied.includes(folder), `${language.name}: ${copied}`);
      const message = stub.messages.at(-1);
      assert.equal(message?.level, 'info');
      assert.ok(message.items.includes(commandTitle('pinwheel.serveVersion')), JSON.stringify(message));
      await new Promise((resolve) => setImmediate(resolve));
      const served = stub.executed.filter((call) => call.command === 'pinwheel.serveVersion');
      assert.equal(served.length, LANGUAGES.indexOf(language) + 1);
      assert.deepEqual(served.at(-1)!.args, [{ board: entry, pin: MODEL, version: latest }]);
    }
  });
});

describe('Open Request as .http File', () => {
  test('opens an untitled http document for the served server; its request, sent as written, gets a prediction', async () => {
    running = [serverInfo()];
    await vscode.commands.executeCommand('pinwheel.openRequestHttp', await modelRow());
    assert.equal(stub.shownDocuments.length, 1);
    const [document] = stub.shownDocuments;
    assert.equal(document!.languageId, 'http');
    assert.equal(document!.isUntitled, true);
    const text = document!.getText();
    const baseUrl = /^@baseUrl = (.+)$/m.exec(text)?.[1];
    assert.equal(baseUrl, server.url);
    // The first request, as the REST Client reads it: POST {{baseUrl}}/endpoint, headers, a blank
    // line, the body up to the next ### (or the end).
    const lines = text.split('\n');
    const start = lines.findIndex((line) => line.startsWith('POST '));
    const endpoint = /^POST \{\{baseUrl\}\}(\S+)$/.exec(lines[start] ?? '')?.[1];
    assert.equal(endpoint, '/predict', text);
    const bodyStart = lines.indexOf('', start) + 1;
    const bodyEnd = lines.findIndex((line, index) => index >= bodyStart && line.startsWith('###'));
    const body = lines.slice(bodyStart, bodyEnd === -1 ? undefined : bodyEnd).join('\n');
    assert.deepEqual(JSON.parse(body), [await expectedRow(server.version())]);
    assert.equal((await post(`${baseUrl}${endpoint}`, body)).length, 1);
    assert.deepEqual(stub.clipboardWrites, [], 'the clipboard is left alone');
    // No extension runs .http files here: the user is told how to send it.
    assert.match(stub.messages.at(-1)?.message ?? '', /install an extension that runs \.http files/);

    stub.languages.push('http');
    const said = stub.messages.length;
    await vscode.commands.executeCommand('pinwheel.openRequestHttp', await modelRow());
    assert.equal(stub.messages.length, said, 'with one installed, nothing more is said');
  });
});
