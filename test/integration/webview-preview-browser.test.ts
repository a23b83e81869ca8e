// The Pin Preview app in a real browser (Debian's Chromium driven by playwright-core): the HTML
// shell the extension renders, with its CSP, loads dist/webview/pinPreview.js from a fake
// webview origin; a fake `acquireVsCodeApi` plays the extension host. Off CI without Chromium
// the test is skipped with the install command; in CI (CI=true) a missing browser fails instead.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { chromium, type Page } from 'playwright-core';
import type { PinPreviewSource, PinPreviewToWebview } from '../../webview-ui/contract/pinPreview.js';
import { writeDemoBoard } from '../../src/core/demo/demoBoard.js';
import { openBoard } from '../../src/core/pins/index.js';
import { buildPinPreview } from '../../src/core/preview/index.js';
import { renderWebviewHtml } from '../../src/extension/webviews/webviewHtml.js';
import { fixturePath, repoRoot, skipWithoutShared } from '../support/sharedFixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const browserMissing = !existsSync(CHROMIUM) && !process.env.CI;
const options = skipWithoutShared.skip ? skipWithoutShared : browserMissing ? { skip: `needs ${CHROMIUM}: apt-get install -y chromium (.ci/run does this in CI)` } : {};

// VS Code serves a webview's resources from its own origin; this one stands in for it.
const ORIGIN = 'https://pinwheel-webview.test';
const BUNDLE = path.join(repoRoot, 'dist', 'webview');

/** The variables VS Code's Dark Modern theme sets on a webview's <html>. */
const DARK_THEME: Record<string, string> = {
  '--vscode-foreground': '#cccccc',
  '--vscode-descriptionForeground': '#9d9d9d',
  '--vscode-editor-background': '#1f1f1f',
  '--vscode-font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif',
  '--vscode-font-size': '13px',
  '--vscode-font-weight': 'normal',
  '--vscode-editor-font-family': '"Droid Sans Mono", "monospace", monospace',
  '--vscode-editor-font-size': '14px',
  '--vscode-textLink-foreground': '#4daafc',
  '--vscode-textLink-activeForeground': '#4daafc',
  '--vscode-textCodeBlock-background': '#2b2b2b',
  '--vscode-textBlockQuote-background': '#2b2b2b',
  '--vscode-editorWarning-foreground': '#cca700',
  '--vscode-editorError-foreground': '#f85149',
  '--vscode-charts-green': '#89d185',
  '--vscode-button-background': '#0078d4',
  '--vscode-button-foreground': '#ffffff',
  '--vscode-button-hoverBackground': '#026ec1',
  '--vscode-button-secondaryBackground': '#313131',
  '--vscode-button-secondaryForeground': '#cccccc',
  '--vscode-button-secondaryHoverBackground': '#3c3c3c',
  '--vscode-badge-background': '#616161',
  '--vscode-badge-foreground': '#f8f8f8',
  '--vscode-panelTitle-activeBorder': '#0078d4',
  '--vscode-panelTitle-activeForeground': '#cccccc',
  '--vscode-panelTitle-inactiveForeground': '#9d9d9d',
  '--vscode-panel-background': '#181818',
  '--vscode-panel-border': '#2b2b2b',
  '--vscode-focusBorder': '#0078d4',
  '--vscode-list-hoverBackground': '#2a2d2e',
  '--vscode-list-activeSelectionBackground': '#04395e',
  '--vscode-editor-foreground': '#cccccc',
  '--vscode-progressBar-background': '#0078d4',
  '--vscode-settings-headerForeground': '#ffffff',
  '--vscode-keybindingTable-headerBackground': '#2b2b2b',
  '--vscode-keybindingTable-rowsBackground': '#2b2b2b',
};

/**
 * Runs in the page before its own script: records CSP violations and plays VS Code's API (state in
 * sessionStorage, so it survives a reload as VS Code's webview state does). A string, not a
 * function: playwright would serialise the function as tsx compiled it, helpers and all.
 */
function fakeVsCode(theme: Record<string, string>): string {
  return `(() => {
  const theme = ${JSON.stringify(theme)};
  window.__posted = [];
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (event) => window.__violations.push(event.violatedDirective + ': ' + event.blockedURI + ' ' + (event.sourceFile || '') + ':' + event.lineNumber));
  function applyTheme() {
    for (const [name, value] of Object.entries(theme)) document.documentElement.style.setProperty(name, value);
    if (document.body) document.body.classList.add('vscode-dark');
  }
  if (document.documentElement) applyTheme();
  document.addEventListener('DOMContentLoaded', applyTheme);
  window.acquireVsCodeApi = () => ({
    postMessage: (message) => window.__posted.push(message),
    getState: () => JSON.parse(sessionStorage.getItem('vscode-state') ?? 'null') ?? undefined,
    setState: (state) => sessionStorage.setItem('vscode-state', JSON.stringify(state)),
  });
})();`;
}

async function posted(page: Page): Promise<{ type: string }[]> {
  return page.evaluate(() => (globalThis as unknown as { __posted: { type: string }[] }).__posted);
}

async function deliver(page: Page, message: PinPreviewToWebview): Promise<void> {
  await page.evaluate((data) => (globalThis as unknown as { postMessage(data: unknown, origin: string): void }).postMessage(data, '*'), message as unknown as Record<string, unknown>);
}

function source(boardFolder: string, pin: string, version: string): PinPreviewSource {
  return { boardFolder, boardName: path.basename(boardFolder), pin, version };
}

test('the Pin Preview renders in Chromium under its CSP: handshake first, prototype, first rows, the pickle explanation, and it comes back from its state after a reload', options, async () => {
  assert.ok(existsSync(path.join(BUNDLE, 'pinPreview.js')), 'dist/webview/pinPreview.js is missing: run `npm run build` first');
  const vetiverBoard = await openBoard(fixturePath('vetiver-python-written', 'coffeeratings-board'), { readOnly: true });
  const pickle = await buildPinPreview(vetiverBoard, 'v', undefined, { rows: 20 });
  const demo = await openBoard('temp');
  await writeDemoBoard(demo);
  const model = await buildPinPreview(demo, 'ads_model', undefined, { rows: 20 });
  const table = await buildPinPreview(demo, 'ads', undefined, { rows: 20 });

  const html = renderWebviewHtml({ cspSource: ORIGIN, nonce: 'n0nce-for-the-test', scriptUri: `${ORIGIN}/pinPreview.js`, styleUri: `${ORIGIN}/pinPreview.css`, title: 'ads_model' });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 860 } });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('request', (request) => requests.push(request.url()));
    await page.addInitScript({ content: fakeVsCode(DARK_THEME) });
    // Every request is answered here, from the page's own files; anything else would fail loudly.
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.origin !== ORIGIN) return route.abort();
      if (url.pathname === '/index.html') return route.fulfill({ contentType: 'text/html', body: html });
      const file = path.join(BUNDLE, path.basename(url.pathname));
      if (!existsSync(file)) return route.fulfill({ status: 404 });
      return route.fulfill({ contentType: file.endsWith('.css') ? 'text/css' : 'text/javascript', body: readFileSync(file) });
    });

    await page.goto(`${ORIGIN}/index.html`);
    await page.waitForFunction(() => (globalThis as unknown as { __posted: unknown[] }).__posted.length > 0);
    assert.deepEqual(await posted(page), [{ type: 'initialized' }], 'the app says "initialized" first, and nothing else before data arrives');

    // A vetiver-python pickle: opens on why it cannot be served and how to export it.
    await deliver(page, { type: 'preview', preview: pickle, source: source('/boards/coffee', 'v', pickle.version) });
    await page.locator('#not-servable').waitFor();
    const explanation = (await page.locator('#not-servable').textContent()) ?? '';
    assert.match(explanation, /Why Pinwheel cannot serve it/);
    assert.match(explanation, /never opens it/);
    assert.match(explanation, /How to export it to ONNX/);
    assert.match(explanation, /skl2onnx|to_onnx/);
    await page.getByText('aroma', { exact: true }).waitFor();

    // The demo's ONNX model: its prototype table.
    await deliver(page, { type: 'preview', preview: model, source: source('/boards/demo', 'ads_model', model.version) });
    await page.locator('#pin-name', { hasText: 'ads_model' }).waitFor();
    await page.locator('vscode-panel-tab#tab-model').click();
    await page.locator('#servable').waitFor();
    for (const column of model.model?.prototype ?? []) await page.getByText(column.name, { exact: true }).first().waitFor();
    assert.ok((model.model?.prototype?.length ?? 0) > 0, 'the demo model has a prototype');
    mkdirSync(path.join(repoRoot, 'test', 'e2e', '.artifacts'), { recursive: true });
    await page.screenshot({ path: path.join(repoRoot, 'test', 'e2e', '.artifacts', 'preview-browser.png'), fullPage: true });

    // A table pin: its first rows.
    await deliver(page, { type: 'preview', preview: table, source: source('/boards/demo', 'ads', table.version) });
    await page.locator('#pin-name', { hasText: /^ads$/ }).waitFor();
    await page.locator('vscode-panel-tab#tab-data').click();
    await page.locator('#row-count', { hasText: `The first 20 of ${table.table?.totalRows}` }).waitFor();
    const rowsShown = await page.locator('#view-data vscode-data-grid-row').count();
    assert.equal(rowsShown, 21, 'a header row and 20 data rows');
    const firstCell = String(table.table?.rows[0]?.[0]);
    await page.locator('#view-data vscode-data-grid-cell', { hasText: firstCell }).first().waitFor();
    await page.screenshot({ path: path.join(repoRoot, 'test', 'e2e', '.artifacts', 'preview-browser-table.png'), fullPage: true });

    // A reload (a hidden panel shown again, a window reload): the same pin, from the saved state alone.
    await page.reload();
    await page.locator('#pin-name', { hasText: /^ads$/ }).waitFor();
    await page.locator('#row-count').waitFor();
    assert.deepEqual(await posted(page), [{ type: 'initialized' }], 'after the reload the app only says "initialized" again');

    const violations = await page.evaluate(() => (globalThis as unknown as { __violations: string[] }).__violations);
    assert.deepEqual(violations, [], 'no Content-Security-Policy violation');
    assert.deepEqual(problems, [], 'no script error');
    const files = new Set(requests.map((url) => url.replace(ORIGIN, '')));
    assert.deepEqual([...files].sort(), ['/index.html', '/pinPreview.css', '/pinPreview.js'], 'nothing but the page and its own bundle is requested');
  } finally {
    await browser.close();
    await demo.dispose();
  }
});
