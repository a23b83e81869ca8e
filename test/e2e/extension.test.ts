// Pinwheel in a real VS Code (code-server) driven by Chromium, on the demo workspace `npm start`
// opens plus the pins-python fixture board: the Boards tree, Pin Model from ONNX File, Serve
// Version with a real /predict, Copy Request as curl run in a shell, Switch Served Version, a
// crash of the server process reported with a working Restart, Stop Server, the in-editor preview
// (a model's prototype, a pickle's explanation), Compare Versions in the diff editor, Write
// Dockerfile, Delete Pin's confirmation, a preview restored after a window reload, and deleting the
// served version (its server is stopped first). The tests run in order on one workbench: each step
// builds on the one before. Every test saves a screenshot in test/e2e/.artifacts/.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { demoAdsModel, predictAdsForest, type AdFeatures } from '../../src/core/demo/adsModel.js';
import { DEMO_MODEL, DEMO_MODEL_TRAINING } from '../../src/core/demo/demoBoard.js';
import { openBoard } from '../../src/core/pins/index.js';
import { writeDemoWorkspace } from '../../scripts/demoWorkspace.js';
import { closeToFloat32 } from '../support/servedForest.js';
import { fixturePath, sharedDir } from '../support/sharedFixtures.js';
import { e2eOptions, startCodeServer, type CodeServer } from './support/codeServer.js';
import {
  capturingFailure, clearNotifications, clickDialogButton, diffEditorTexts, escapeRegExp, exactly, expandTreeRow,
  launchBrowser, modalDialog, notification, notificationToast, openViewContainer, openWorkbench, pickQuickItem,
  quickInput, readClipboard, runCommand, screenshot, statusBarItem, submitQuickInput, treeRow, treeRowContextMenu,
  treeRows, waitForActiveEditor, waitForActivityBarItem, waitForQuickInput, webviewFrame,
} from './support/workbench.js';

const VIEW = 'Boards';
const NEW_ADS = [
  { funny: true, show_product: false, patriotic: false, celebrity: true, danger: true, animals: false },
  { funny: false, show_product: true, patriotic: false, celebrity: false, danger: false, animals: false },
  { funny: false, show_product: false, patriotic: true, celebrity: false, danger: false, animals: true },
];

let root: string;
let workspace: string;
let server: CodeServer | undefined;
let browser: Browser | undefined;
let page: Page | undefined;
let modelVersions: string[] = [];

/** The port of the running server, read off its status-bar item ("ads_model@… :PORT"). */
async function servedPort(pin: string): Promise<number> {
  const item = statusBarItem(page!, new RegExp(`${pin}@.* :\\d+$`));
  await item.waitFor({ timeout: 60_000 });
  const text = (await item.innerText()).trim();
  return Number(/:(\d+)$/.exec(text)![1]);
}

/** Answers code-server's file dialog (a quick input showing a folder path) with an absolute path. */
async function answerFileDialog(title: RegExp, file: string): Promise<void> {
  await waitForQuickInput(page!, { title });
  const input = quickInput(page!).locator('.quick-input-box input');
  const listed = quickInput(page!).locator('.monaco-list-row', { has: page!.locator('.label-name', { hasText: exactly(path.basename(file)) }) });
  // The dialog fills in a folder, and under load may fill in another one after we typed (it
  // resolves its default folder asynchronously), and it lists a typed folder's files only
  // after reading it: Enter is pressed only once the typed path has stayed put and the file is
  // listed, typing it again otherwise.
  const deadline = Date.now() + 60_000;
  for (;;) {
    await input.fill(file);
    try {
      await listed.waitFor({ timeout: 5_000 });
      await page!.waitForTimeout(250);
      if ((await input.inputValue()) === file && (await listed.isVisible())) break;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`code-server's file dialog did not take ${file}: its input shows "${await input.inputValue()}"`, { cause: error });
    }
    if (Date.now() > deadline) throw new Error(`code-server's file dialog did not keep ${file}: its input shows "${await input.inputValue()}"`);
  }
  await page!.keyboard.press('Enter');
}

/** The served predictions equal the forest trained on `training`'s, row by row (float32 tolerance). */
function assertForestAnswers(training: (typeof DEMO_MODEL_TRAINING)[number], rows: readonly AdFeatures[], predictions: readonly number[]): void {
  const forest = demoAdsModel(training).forest;
  assert.equal(predictions.length, rows.length);
  rows.forEach((row, index) => assert.ok(closeToFloat32(predictions[index]!, predictAdsForest(forest, row)), `row ${index}: ${predictions[index]}`));
}

async function predict(port: number): Promise<number[]> {
  const response = await fetch(`http://127.0.0.1:${port}/predict`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(NEW_ADS) });
  assert.equal(response.status, 200, await response.clone().text());
  const body = (await response.json()) as { predict: number[] };
  return body.predict;
}

/** The pids of `pinwheel serve` children serving `pin` from this run's board (not another run's). */
function servePids(pin: string): number[] {
  try {
    return execFileSync('pgrep', ['-f', `cli.js serve ${pin} --board ${path.join(workspace, 'board')}`], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

before(async () => {
  if (e2eOptions.skip) return;
  root = await mkdtemp(path.join(os.tmpdir(), 'pinwheel-e2e-'));
  workspace = path.join(root, 'demo-workspace');
  await writeDemoWorkspace(workspace);
  // The demo board, and the board pins-python wrote (read in place, never copied).
  const boards = [{ name: 'Demo board', uri: 'board' }];
  if (sharedDir) boards.push({ name: 'pins-python fixture', uri: fixturePath('pins-python-written') });
  await writeFile(path.join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'pinwheel.boards': boards, 'pinwheel.discoverBoards': false }, null, 2));
  modelVersions = (await (await openBoard(path.join(workspace, 'board'))).versions(DEMO_MODEL)).map((version) => version.version).reverse();
  server = await startCodeServer({ workspace, settings: { 'files.simpleDialog.enable': true } });
  browser = await launchBrowser();
  page = await openWorkbench(browser, server);
  await waitForActivityBarItem(page, 'Pinwheel');
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('Pinwheel in VS Code', e2eOptions, () => {
  test('the Boards tree lists the boards and the pins of the pins-python fixture board', () => capturingFailure(page, 'tree', async () => {
    assert.ok(page && sharedDir, 'the shared fixtures are needed');
    await openViewContainer(page, 'Pinwheel');
    await treeRow(page, VIEW, 'pins-python fixture').waitFor();
    await expandTreeRow(page, VIEW, 'pins-python fixture');
    await treeRow(page, VIEW, 'ads_rf').waitFor();
    const expected = await (await openBoard(fixturePath('pins-python-written'))).list();
    const rows = (await treeRows(page, VIEW)).filter((row) => row.level === 2).map((row) => row.label);
    assert.ok(expected.every((pin) => rows.includes(pin)), `the fixture's pins ${expected.join(', ')} are all in the tree: ${rows.join(', ')}`);
    await expandTreeRow(page, VIEW, 'Demo board');
    await treeRow(page, VIEW, DEMO_MODEL).waitFor();
    await screenshot(page, '01-boards-tree');
  }, server));

  test('Pin Model from ONNX File creates a version that appears in the tree', () => capturingFailure(page, 'pin-model', async () => {
    assert.ok(page);
    await runCommand(page, 'Pinwheel: Pin Model from ONNX File…');
    await waitForQuickInput(page, { title: /Pin Model from ONNX File/ });
    await pickQuickItem(page, 'Demo board');
    // code-server's file dialogs are quick inputs: type the path.
    await answerFileDialog(/the \.onnx file/, path.join(workspace, 'models', 'ads_forest.onnx'));
    await waitForQuickInput(page, { placeholder: /The prototype/ });
    await pickQuickItem(page, /Choose a Data File/);
    await answerFileDialog(/the prototype sample/, path.join(workspace, 'data', 'ads_sample.csv'));
    await waitForQuickInput(page, { title: /Pin Model from ONNX File/ });
    await submitQuickInput(page, 'ads_forest', { prompt: /^Pin name/ });
    await submitQuickInput(page, 'Ads forest pinned from VS Code', { prompt: /^Title/ });
    await submitQuickInput(page, '', { prompt: /^Description/, closes: true }); // empty: described from the model
    const message = await notification(page, /^Pinned ads_forest version \d{8}T\d{6}Z-[0-9a-f]{5} on Demo board\./, { timeout: 30_000 });
    await treeRow(page, VIEW, 'ads_forest').waitFor();
    const version = /version (\S+) on/.exec(message)![1]!;
    const board = await openBoard(path.join(workspace, 'board'));
    assert.deepEqual((await board.versions('ads_forest')).map((entry) => entry.version), [version]);
    assert.equal((await board.meta('ads_forest')).title, 'Ads forest pinned from VS Code');
    await screenshot(page, '02-pin-model');
    await clearNotifications(page);
  }, server));

  test('Serve Version starts a server whose /predict answers with the forest\'s predictions', () => capturingFailure(page, 'serve', async () => {
    assert.ok(page);
    await expandTreeRow(page, VIEW, DEMO_MODEL);
    await treeRowContextMenu(page, VIEW, modelVersions[0]!, 'Serve Version');
    const port = await servedPort(DEMO_MODEL);
    assertForestAnswers(DEMO_MODEL_TRAINING[1], NEW_ADS, await predict(port));
    // The row is redrawn after the status bar's item (the tree refreshes on the server's change): wait for it.
    await treeRow(page, VIEW, modelVersions[0]!).locator('.label-description', { hasText: new RegExp(`serving :${port}`) }).waitFor();
    // The play button is on the other version's row, not on the one already served.
    const serveButton = (version: string) => treeRow(page!, VIEW, version).locator('.actions .action-label[aria-label="Serve Version"]');
    await treeRow(page, VIEW, modelVersions[1]!).hover();
    await serveButton(modelVersions[1]!).waitFor();
    await treeRow(page, VIEW, modelVersions[0]!).hover();
    assert.equal(await serveButton(modelVersions[0]!).count(), 0, 'no Serve button on the served row');
    await screenshot(page, '03-serve-version');
    await clearNotifications(page);
  }, server));

  test('Copy Request as curl copies a command that gets the served model\'s predictions', () => capturingFailure(page, 'copy-curl', async () => {
    assert.ok(page);
    const port = await servedPort(DEMO_MODEL);
    await treeRowContextMenu(page, VIEW, modelVersions[0]!, 'Copy Request as curl');
    await notification(page, new RegExp(`^Copied a curl request for ${DEMO_MODEL}@${modelVersions[0]} to the clipboard \\(server at http://127\\.0\\.0\\.1:${port}\\)`));
    const command = await readClipboard(page);
    // What a user does with it: paste it into a shell.
    const answer = JSON.parse(execFileSync('bash', ['-c', command], { encoding: 'utf8', timeout: 20_000 })) as { predict: number[] };
    const rows = JSON.parse(/--data-raw '(.*)'$/m.exec(command)![1]!) as AdFeatures[];
    assertForestAnswers(DEMO_MODEL_TRAINING[1], rows, answer.predict);
    await clearNotifications(page);
  }, server));

  test('Switch Served Version changes the version /metadata reports, on the same port', () => capturingFailure(page, 'switch', async () => {
    assert.ok(page);
    const port = await servedPort(DEMO_MODEL);
    await runCommand(page, 'Pinwheel: Switch Served Version…');
    await waitForQuickInput(page, { title: /Switch Served Version/ });
    await pickQuickItem(page, modelVersions[1]!);
    await notification(page, new RegExp(`^Now serving ${DEMO_MODEL}@${modelVersions[1]}`));
    const metadata = await fetch(`http://127.0.0.1:${port}/metadata`);
    assert.equal(metadata.headers.get('x-model-version'), modelVersions[1]);
    assertForestAnswers(DEMO_MODEL_TRAINING[0], NEW_ADS, await predict(port)); // the older model
    await screenshot(page, '04-switch-version');
    await clearNotifications(page);
  }, server));

  test('a crash of the server process is reported with its last log lines, and Restart serves again', () => capturingFailure(page, 'crash', async () => {
    assert.ok(page);
    const pids = servePids(DEMO_MODEL);
    assert.equal(pids.length, 1, 'one server process');
    process.kill(pids[0]!, 'SIGKILL');
    // Reported at once in the status bar (red), and as an error toast with the last log lines.
    await statusBarItem(page, /crashed$/).waitFor({ timeout: 20_000 });
    const crash = notificationToast(page, /stopped unexpectedly/).first();
    const message = await notification(page, /stopped unexpectedly/, { timeout: 20_000 });
    assert.match(message, new RegExp(`${DEMO_MODEL}@${modelVersions[1]} stopped unexpectedly \\(killed by SIGKILL\\)`));
    assert.match(message, /Its last log lines:.*"path":"\/predict","status":200/s);
    await screenshot(page, '05-crash-reported');
    await crash.locator('.monaco-button', { hasText: /^Restart$/ }).click();
    const port = await servedPort(DEMO_MODEL);
    assert.equal((await fetch(`http://127.0.0.1:${port}/ping`)).status, 200);
    assert.equal(servePids(DEMO_MODEL).length, 1);
    await clearNotifications(page);
  }, server));

  test('Stop Server stops the process and removes its status-bar item', () => capturingFailure(page, 'stop', async () => {
    assert.ok(page);
    const port = await servedPort(DEMO_MODEL);
    await runCommand(page, 'Pinwheel: Stop Server');
    await statusBarItem(page, new RegExp(`${DEMO_MODEL}@`)).waitFor({ state: 'detached', timeout: 20_000 });
    await assert.rejects(fetch(`http://127.0.0.1:${port}/ping`));
    assert.deepEqual(servePids(DEMO_MODEL), []);
    await screenshot(page, '06-server-stopped');
  }, server));

  test('the preview of a model version shows its prototype as a table', () => capturingFailure(page, 'preview-model', async () => {
    assert.ok(page);
    await treeRowContextMenu(page, VIEW, modelVersions[0]!, 'Show Pin');
    const frame = webviewFrame(page);
    await frame.locator('#pin-name', { hasText: DEMO_MODEL }).waitFor({ timeout: 30_000 });
    await frame.locator('#tab-model').click();
    const prototype = frame.locator('#view-model vscode-data-grid[aria-label="Prototype"]');
    await prototype.waitFor();
    const text = await prototype.innerText();
    for (const column of ['funny', 'show_product', 'patriotic', 'celebrity', 'danger', 'animals']) assert.match(text, new RegExp(`\\b${column}\\b`));
    assert.match(await frame.locator('#servable').innerText(), /can serve this model/);
    await screenshot(page, '07-preview-model');
  }, server));

  test('the preview of a pickle pin explains why it cannot be served and how to export to ONNX', () => capturingFailure(page, 'preview-pickle', async () => {
    assert.ok(page);
    await treeRowContextMenu(page, VIEW, 'ads_rf', 'Show Pin');
    const frame = webviewFrame(page);
    const why = frame.locator('#not-servable');
    await why.waitFor({ timeout: 30_000 });
    const text = await why.innerText();
    assert.match(text, /pickle/i);
    assert.match(text, /skl2onnx/);
    assert.match(text, /Pinwheel: Pin Model from ONNX File…/, 'and how to pin the exported model without leaving VS Code');
    await screenshot(page, '08-preview-pickle');
  }, server));

  test('Compare Versions opens the two versions\' data.txt in the diff editor, older on the left', () => capturingFailure(page, 'compare', async () => {
    assert.ok(page);
    await treeRowContextMenu(page, VIEW, modelVersions[0]!, 'Compare Versions');
    await waitForQuickInput(page, { title: /Compare Versions/ });
    await pickQuickItem(page, modelVersions[1]!);
    const [newer, older] = modelVersions as [string, string];
    await waitForActiveEditor(page, `${DEMO_MODEL}: ${older} ↔ ${newer} (data.txt)`);
    const board = await openBoard(path.join(workspace, 'board'));
    const [olderMeta, newerMeta] = await Promise.all([board.meta(DEMO_MODEL, older), board.meta(DEMO_MODEL, newer)]);
    const { original, modified } = await diffEditorTexts(page);
    assert.match(original, new RegExp(`^pin_hash: ${olderMeta.pinHash}$`, 'm'));
    assert.match(modified, new RegExp(`^pin_hash: ${newerMeta.pinHash}$`, 'm'));
    assert.match(original, new RegExp(`^title: ${escapeRegExp(olderMeta.title!)}$`, 'm'));
    assert.match(modified, new RegExp(`^title: ${escapeRegExp(newerMeta.title!)}$`, 'm'));
    await screenshot(page, '09-compare-versions');
  }, server));

  test('Write Dockerfile writes a build context holding the chosen version, byte for byte', () => capturingFailure(page, 'write-docker', async () => {
    assert.ok(page);
    await treeRowContextMenu(page, VIEW, modelVersions[1]!, 'Write Dockerfile…');
    await waitForQuickInput(page, { title: `Write Dockerfile: ${DEMO_MODEL}` });
    const folder = (await quickInput(page).locator('.quick-input-box input').inputValue()).trim();
    await page.keyboard.press('Enter'); // the suggested folder, relative to the workspace
    const out = path.join(workspace, folder);
    await notification(page, new RegExp(`^Wrote \\d+ files for ${DEMO_MODEL}@${modelVersions[1]} to ${escapeRegExp(out)}\\.`), { timeout: 60_000 });
    assert.match(await readFile(path.join(out, 'Dockerfile'), 'utf8'), /^FROM node:/m);
    // The image's own board holds exactly that version of the pin, the same bytes as the user's board.
    const [copy, original] = await Promise.all([openBoard(path.join(out, 'board')), openBoard(path.join(workspace, 'board'))]);
    assert.deepEqual((await copy.versions(DEMO_MODEL)).map((entry) => entry.version), [modelVersions[1]]);
    const [copied, source] = await Promise.all([copy.download(DEMO_MODEL), original.download(DEMO_MODEL, { version: modelVersions[1] })]);
    assert.deepEqual(await readFile(copied[0]!), await readFile(source[0]!));
    await screenshot(page, '10-write-dockerfile');
    await clearNotifications(page);
  }, server));

  test('Delete Pin asks first: Cancel keeps the pin, Delete Pin removes its folder and its row', () => capturingFailure(page, 'delete-pin', async () => {
    assert.ok(page);
    const folder = path.join(workspace, 'board', 'ads_forest');
    const ask = async () => {
      await treeRowContextMenu(page!, VIEW, 'ads_forest', 'Delete Pin');
      const dialog = await modalDialog(page!);
      assert.match(dialog.message, /^Delete the pin ads_forest and its only version from Demo board\?/);
      assert.match(dialog.detail, new RegExp(escapeRegExp(folder)));
    };
    await ask();
    await clickDialogButton(page, 'Cancel');
    assert.ok(existsSync(folder), 'Cancel keeps the pin');
    await treeRow(page, VIEW, 'ads_forest').waitFor();
    await ask();
    await screenshot(page, '11-delete-pin');
    await clickDialogButton(page, 'Delete Pin');
    await notification(page, 'Deleted the pin ads_forest.');
    await treeRow(page, VIEW, 'ads_forest').waitFor({ state: 'detached' });
    assert.ok(!existsSync(folder), 'the pin\'s folder is gone');
    assert.ok(!(await (await openBoard(path.join(workspace, 'board'))).list()).includes('ads_forest'));
    await clearNotifications(page);
  }, server));

  test('a preview comes back after the window reloads, on the tab it showed', () => capturingFailure(page, 'preview-reload', async () => {
    assert.ok(page && server);
    await treeRowContextMenu(page, VIEW, modelVersions[1]!, 'Show Pin');
    let frame = webviewFrame(page);
    await frame.locator('#pin-name', { hasText: DEMO_MODEL }).waitFor({ timeout: 30_000 });
    await frame.locator('#tab-model').click();
    await frame.locator('#view-model vscode-data-grid[aria-label="Prototype"]').waitFor();
    // Browser VS Code writes the open editors (a webview's saved state with them) to storage every
    // 5 s, as it cannot on unload (BrowserStorageService's flush interval): reload after one write.
    await page.waitForTimeout(6_000);
    await page.reload();
    await waitForActivityBarItem(page, 'Pinwheel');
    // Restored by the extension's serializer (VS Code activates it for the panel), on the Model tab.
    frame = webviewFrame(page);
    await frame.locator('#pin-name', { hasText: DEMO_MODEL }).waitFor({ timeout: 60_000 });
    const prototype = frame.locator('#view-model vscode-data-grid[aria-label="Prototype"]');
    await prototype.waitFor();
    assert.ok(await prototype.isVisible(), 'the Model tab is the one shown');
    assert.equal((await frame.locator('#pin-version').innerText()).trim(), `@ ${modelVersions[1]}`);
    await screenshot(page, '12-preview-restored');
  }, server));

  test('Delete Version of the served version says it is served, stops its server, then deletes it', () => capturingFailure(page, 'delete-served', async () => {
    assert.ok(page);
    const older = modelVersions[1]!;
    await expandTreeRow(page, VIEW, 'Demo board');
    await expandTreeRow(page, VIEW, DEMO_MODEL);
    await treeRowContextMenu(page, VIEW, older, 'Serve Version');
    const port = await servedPort(DEMO_MODEL);
    await treeRowContextMenu(page, VIEW, older, 'Delete Version');
    const dialog = await modalDialog(page);
    assert.match(dialog.message, new RegExp(`^Delete version ${older} of ${DEMO_MODEL}`));
    assert.match(dialog.detail, new RegExp(`${DEMO_MODEL}@${older} is being served at http://127\\.0\\.0\\.1:${port}: its server is stopped first`));
    await screenshot(page, '13-delete-served');
    await clickDialogButton(page, 'Stop Server and Delete');
    await notification(page, `Deleted ${DEMO_MODEL}@${older}.`);
    await statusBarItem(page, new RegExp(`${DEMO_MODEL}@`)).waitFor({ state: 'detached' });
    await assert.rejects(fetch(`http://127.0.0.1:${port}/ping`));
    assert.deepEqual(servePids(DEMO_MODEL), []);
    await treeRow(page, VIEW, older).waitFor({ state: 'detached' });
    const board = await openBoard(path.join(workspace, 'board'));
    assert.deepEqual((await board.versions(DEMO_MODEL)).map((entry) => entry.version), [modelVersions[0]]);
  }, server));
});
