// Smoke test of the extension in a real VS Code (code-server) driven by Chromium: the workbench loads
// with Pinwheel installed, the activity bar shows Pinwheel, and its Boards view comes up with the
// welcome content (an empty workspace has no boards) without the extension failing to activate.
//
// The extension is this repository linked into code-server's extensions folder (dist/ as
// `npm run build` left it); with PINWHEEL_E2E_VSIX=<file> it is that .vsix, installed
// (e.g. PINWHEEL_E2E_VSIX=$(ls pinwheel-*.vsix) after `npm run package`).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { e2eOptions, startCodeServer, type CodeServer } from './support/codeServer.js';
import {
  capturingFailure, failureArtifacts, launchBrowser, openViewContainer, openWorkbench, screenshot, treeRows, viewTree, viewWelcome, waitForActivityBarItem,
} from './support/workbench.js';

let server: CodeServer | undefined;
let browser: Browser | undefined;
let page: Page | undefined;
const timings: string[] = [];

before(async () => {
  if (e2eOptions.skip) return;
  const start = Date.now();
  const vsix = process.env.PINWHEEL_E2E_VSIX;
  server = await startCodeServer(vsix ? { extension: { vsix } } : {});
  timings.push(`code-server up ${Date.now() - start} ms`);
  try {
    browser = await launchBrowser();
    page = await openWorkbench(browser, server);
    timings.push(`workbench ${Date.now() - start} ms`);
    await waitForActivityBarItem(page, 'Pinwheel');
    timings.push(`Pinwheel in the activity bar ${Date.now() - start} ms`);
  } catch (error) {
    await failureArtifacts(page, 'smoke-start', server);
    throw error;
  }
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (timings.length > 0) console.log(`smoke: ${timings.join(', ')}`);
});

test('the Pinwheel activity-bar item opens the Boards view, which welcomes a workspace without boards', e2eOptions, () => capturingFailure(page, 'smoke', async () => {
  assert.ok(page && server);
  const start = Date.now();
  await openViewContainer(page, 'Pinwheel');
  // "Looking for boards…" first, then the welcome (no boards) or, had the workspace any, their rows.
  const welcome = viewWelcome(page, 'Boards').filter({ hasText: 'No pins boards yet.' });
  await welcome.or(viewTree(page, 'Boards').locator('.monaco-list-row').first()).waitFor();
  timings.push(`Boards view filled ${Date.now() - start} ms after the click`);
  assert.deepEqual(await treeRows(page, 'Boards'), [], 'an empty workspace has no boards');
  const text = await welcome.innerText();
  assert.match(text, /^No pins boards yet\./);
  assert.deepEqual(
    (await welcome.locator('.monaco-button').allInnerTexts()).map((label) => label.trim()),
    ['Add Board…', 'Open Demo Board'],
  );
  await page.mouse.move(900, 500); // no tooltip of the activity-bar item in the picture
  await screenshot(page, 'smoke-boards-welcome');

  // The extension host activated Pinwheel (opening the view does) and logged no failure for it.
  const hostLog = Object.entries(server.logs()).filter(([file]) => file.endsWith('remoteexthost.log')).map(([, log]) => log).join('\n');
  assert.match(hostLog, /_doActivateExtension pinwheel\.pinwheel\b/, 'the extension host activated pinwheel.pinwheel');
  assert.doesNotMatch(hostLog, /Activating extension .?pinwheel\.pinwheel.? failed/i);
}, server));
