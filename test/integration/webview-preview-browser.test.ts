// The Pin Preview app in a real browser (Debian's Chromium driven by playwright-core): the HTML
// shell the extension renders, with its CSP, loads dist/webview/pinPreview.js from a fake
// webview origin; a fake `acquireVsCodeApi` plays the extension host. Off CI without Chromium
// the test is skipped with the install command; in CI (CI=true) a missing browser fails instead.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { PinPreview, PinPreviewSource, PinPreviewToWebview } from '../../webview-ui/contract/pinPreview.js';
import { writeDemoBoard } from '../../src/core/demo/demoBoard.js';
import { openBoard } from '../../src/core/pins/index.js';
import { buildPinPreview } from '../../src/core/preview/index.js';
import { previewPanelTitle } from '../../src/extension/previews/panelTitle.js';
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

/** The few browser globals the page functions below use (this file is typechecked without the DOM library). */
interface PageGlobals {
  document: {
    createRange(): { selectNodeContents(node: unknown): void; getClientRects(): Iterable<{ top: number }>; getBoundingClientRect(): { width: number } };
    documentElement: { scrollWidth: number; clientWidth: number };
  };
  sessionStorage: { getItem(key: string): string | null };
}

/** What one page saw: script errors, requests, and (read at the end) CSP violations. */
interface OpenedPage {
  page: Page;
  problems: string[];
  requests: string[];
}

/** A fresh page (its own sessionStorage, so no saved webview state) showing the preview's HTML shell. */
async function openPreviewPage(browser: Browser, html: string, viewport: { width: number; height: number }): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
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
  return { page, problems, requests };
}

/** No CSP violation, no script error, and nothing requested but the page and its own bundle. */
async function assertCleanPage({ page, problems, requests }: OpenedPage): Promise<void> {
  const violations = await page.evaluate(() => (globalThis as unknown as { __violations: string[] }).__violations);
  assert.deepEqual(violations, [], 'no Content-Security-Policy violation');
  assert.deepEqual(problems, [], 'no script error');
  const files = new Set(requests.map((url) => url.replace(ORIGIN, '')));
  assert.deepEqual([...files].sort(), ['/index.html', '/pinPreview.css', '/pinPreview.js'], 'nothing but the page and its own bundle is requested');
}

/** The open tab, as the tabs element says. */
async function activeTab(page: Page): Promise<string | null> {
  return page.locator('vscode-panels').first().getAttribute('activeid');
}

/** Each header cell of the first-rows table: its column name, on how many lines it is drawn, and its width against the name's. */
async function headerLayout(page: Page): Promise<{ name: string; nameLines: number; typeTop: number; nameBottom: number; cellWidth: number; nameWidth: number }[]> {
  return page.locator('#first-rows th').evaluateAll((cells) =>
    cells.map((cell) => {
      const name = cell.querySelector('.column-name');
      const type = cell.querySelector('.column-type');
      const range = (globalThis as unknown as PageGlobals).document.createRange();
      if (name) range.selectNodeContents(name);
      // One rectangle per line the text is drawn on: a name cut mid-word would have two.
      const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
      return {
        name: name?.textContent ?? '',
        nameLines: lines,
        typeTop: type?.getBoundingClientRect().top ?? 0,
        nameBottom: name?.getBoundingClientRect().bottom ?? 0,
        cellWidth: cell.getBoundingClientRect().width,
        nameWidth: range.getBoundingClientRect().width,
      };
    }),
  );
}

/** A table wider than any panel: 30 columns with long names and long text. */
function wideTable(table: PinPreview): PinPreview {
  const columns = Array.from({ length: 30 }, (_, index) => ({ name: `feature_importance_${index}`, type: index % 3 === 0 ? 'string' : 'number' }));
  const rows = Array.from({ length: 5 }, (_, row) => columns.map((column, index) => (column.type === 'string' ? `a longer note for row ${row}, column ${index}, that wraps within its cell` : row * 1000 + index + 0.5)));
  return { ...table, name: 'wide_table', table: { columns, rows, totalRows: 5 } };
}

test('the Pin Preview renders in Chromium under its CSP: handshake first, prototype, first rows, the pickle explanation, and it comes back from its state after a reload', options, async () => {
  assert.ok(existsSync(path.join(BUNDLE, 'pinPreview.js')), 'dist/webview/pinPreview.js is missing: run `npm run build` first');
  const vetiverBoard = await openBoard(fixturePath('vetiver-python-written', 'coffeeratings-board'), { readOnly: true });
  const pickle = await buildPinPreview(vetiverBoard, 'v', undefined, { rows: 20 });
  const demo = await openBoard('temp');
  await writeDemoBoard(demo);
  const model = await buildPinPreview(demo, 'ads_model', undefined, { rows: 20 });
  const table = await buildPinPreview(demo, 'ads', undefined, { rows: 20 });
  const artifacts = path.join(repoRoot, 'test', 'e2e', '.artifacts');
  mkdirSync(artifacts, { recursive: true });

  // The shell carries the panel's title: short, yet different for two versions of the same day.
  const title = previewPanelTitle('ads_model', model.version);
  assert.notEqual(previewPanelTitle('ads_model', '20210209T093000Z-2cccc'), previewPanelTitle('ads_model', '20210209T103000Z-08502'));
  const html = renderWebviewHtml({ cspSource: ORIGIN, nonce: 'n0nce-for-the-test', scriptUri: `${ORIGIN}/pinPreview.js`, styleUri: `${ORIGIN}/pinPreview.css`, title });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const opened = await openPreviewPage(browser, html, { width: 1100, height: 860 });
    const { page } = opened;
    assert.deepEqual(await posted(page), [{ type: 'initialized' }], 'the app says "initialized" first, and nothing else before data arrives');
    assert.equal(await page.title(), title);
    assert.match(title, /^ads_model@\d{8}T….*-[0-9a-f]{5}$/, `the title keeps the hash suffix: ${title}`);

    // A vetiver-python pickle: opens on why it cannot be served and how to export it.
    await deliver(page, { type: 'preview', preview: pickle, source: source('/boards/coffee', 'v', pickle.version) });
    await page.locator('#not-servable').waitFor();
    const explanation = (await page.locator('#not-servable').textContent()) ?? '';
    assert.match(explanation, /Why Pinwheel cannot serve it/);
    assert.match(explanation, /never opens it/);
    assert.match(explanation, /How to export it to ONNX/);
    assert.match(explanation, /skl2onnx|to_onnx/);
    await page.locator('#view-model').getByText('aroma', { exact: true }).waitFor();

    // The demo's ONNX model: its Overview reads its metadata as rows, and its prototype table.
    await deliver(page, { type: 'preview', preview: model, source: source('/boards/demo', 'ads_model', model.version) });
    await page.locator('#pin-name', { hasText: 'ads_model' }).waitFor();
    await page.locator('vscode-panel-tab#tab-overview').click();
    const userMetadata = page.locator('#user-metadata');
    await userMetadata.locator('.meta-key', { hasText: 'trained_on' }).waitFor();
    assert.equal(await userMetadata.locator('.meta-value', { hasText: 'ads@20210209T093000Z-2cccc' }).count(), 1, '`user` is key/value rows, not JSON');
    // vetiver_meta and pinwheel say what the Model tab shows, and fold away.
    const folded = userMetadata.locator('details.shown-elsewhere');
    assert.equal(await folded.count(), 2, 'vetiver_meta and pinwheel are folded');
    assert.deepEqual(await folded.evaluateAll((elements) => elements.map((element) => (element as unknown as { open: boolean }).open)), [false, false]);
    assert.equal(await userMetadata.locator('pre').first().isVisible(), false, 'nothing of them shows until opened');
    await page.screenshot({ path: path.join(artifacts, 'preview-browser-model-overview-folded.png'), fullPage: true });
    await folded.locator('summary').first().click();
    const prototype = (await folded.first().locator('pre.meta-json').first().textContent()) ?? '';
    assert.match(prototype, /^\{\n {2}"funny": false,\n {2}"show_product": true,/, `vetiver's prototype is pretty-printed: ${prototype}`);
    await folded.locator('summary').nth(1).click();
    const pinwheelBlock = (await folded.nth(1).textContent()) ?? '';
    assert.match(pinwheelBlock, /Cut at 500 characters: the data.txt tab has all of it\./);
    assert.match(pinwheelBlock, /"schema_version": 1,\n/, 'the cut pinwheel block is re-indented as far as it goes');
    await page.screenshot({ path: path.join(artifacts, 'preview-browser-model-overview.png'), fullPage: true });

    await page.locator('vscode-panel-tab#tab-model').click();
    await page.locator('#servable').waitFor();
    for (const column of model.model?.prototype ?? []) await page.getByText(column.name, { exact: true }).first().waitFor();
    assert.ok((model.model?.prototype?.length ?? 0) > 0, 'the demo model has a prototype');
    await page.screenshot({ path: path.join(artifacts, 'preview-browser.png'), fullPage: true });

    // Files: the size, and where it came from only when data.txt does not record it.
    await page.locator('vscode-panel-tab#tab-files').click();
    await page.locator('#view-files').getByText('ads_model.onnx').waitFor();
    const filesText = (await page.locator('#view-files').textContent()) ?? '';
    assert.doesNotMatch(filesText, /Size from|on disk/, 'a size recorded in data.txt needs no comment');
    const measured = { ...model, files: model.files.map((file) => ({ ...file, sizeFrom: 'disk' as const })) };
    await deliver(page, { type: 'preview', preview: measured, source: source('/boards/demo', 'ads_model', model.version) });
    await page.locator('#size-note').waitFor();
    assert.match((await page.locator('#view-files').textContent()) ?? '', /23 kB \(on disk\)/);

    // A reload (a hidden panel shown again, a window reload): the same pin and tab, from the saved state alone.
    await page.reload();
    await page.locator('#pin-name', { hasText: 'ads_model' }).waitFor();
    await page.locator('#size-note').waitFor();
    assert.equal(await activeTab(page), 'tab-files', 'a restored panel keeps the tab it showed');
    assert.deepEqual(await posted(page), [{ type: 'initialized' }], 'after the reload the app only says "initialized" again');
    await assertCleanPage(opened);

    // A table pin in a panel as narrow as a split editor, with no saved tab: it opens on its rows.
    const narrow = await openPreviewPage(browser, html, { width: 760, height: 760 });
    const tablePage = narrow.page;
    await deliver(tablePage, { type: 'preview', preview: table, source: source('/boards/demo', 'ads', table.version) });
    await tablePage.locator('#pin-name', { hasText: /^ads$/ }).waitFor();
    await tablePage.locator('#row-count', { hasText: `The first 20 of ${table.table?.totalRows}` }).waitFor();
    assert.equal(await activeTab(tablePage), 'tab-data', 'a table pin opens on its Data tab');
    assert.ok(await tablePage.locator('#first-rows').isVisible(), 'its rows are on screen without a click');
    assert.equal(await tablePage.locator('#first-rows tr').count(), 21, 'a header row and 20 data rows');
    const firstCell = String(table.table?.rows[0]?.[0]);
    await tablePage.locator('#first-rows td', { hasText: firstCell }).first().waitFor();
    // No column name is cut across lines; the type sits on its own line below it.
    const headers = await headerLayout(tablePage);
    assert.deepEqual(headers.map((header) => header.name), table.table?.columns.map((column) => column.name));
    for (const header of headers) {
      assert.equal(header.nameLines, 1, `"${header.name}" is drawn on one line`);
      assert.ok(header.cellWidth >= header.nameWidth, `"${header.name}" fits its cell`);
      assert.ok(header.typeTop >= header.nameBottom - 1, `the type of "${header.name}" is below its name`);
    }
    // A date is not cut at its hyphens either.
    const dateLines = await tablePage.locator('#first-rows td', { hasText: /^\d{4}-\d{2}-\d{2}$/ }).first().evaluate((cell) => {
      const range = (globalThis as unknown as PageGlobals).document.createRange();
      range.selectNodeContents(cell);
      return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
    });
    assert.equal(dateLines, 1, 'a date cell is one line');
    await tablePage.screenshot({ path: path.join(artifacts, 'preview-browser-table.png'), fullPage: true });

    // Reopened, it stays on Data; a user who chose the Overview gets the Overview back.
    await tablePage.reload();
    await tablePage.locator('#row-count').waitFor();
    assert.equal(await activeTab(tablePage), 'tab-data');
    await tablePage.locator('vscode-panel-tab#tab-overview').click();
    await tablePage.waitForFunction(() => (JSON.parse((globalThis as unknown as PageGlobals).sessionStorage.getItem('vscode-state') ?? '{}') as { tab?: string }).tab === 'overview');
    await tablePage.reload();
    await tablePage.locator('#pin-name', { hasText: /^ads$/ }).waitFor();
    assert.equal(await activeTab(tablePage), 'tab-overview', 'the saved tab wins over the first tab of a table');
    await assertCleanPage(narrow);

    // A table wider than the panel scrolls sideways rather than squashing its columns.
    const wide = await openPreviewPage(browser, html, { width: 760, height: 760 });
    await deliver(wide.page, { type: 'preview', preview: wideTable(table), source: source('/boards/demo', 'wide_table', table.version) });
    await wide.page.locator('#first-rows').waitFor();
    const frame = await wide.page.locator('#first-rows').evaluate((element) => ({ scrollWidth: element.scrollWidth, clientWidth: element.clientWidth, pageScrolls: (globalThis as unknown as PageGlobals).document.documentElement.scrollWidth > (globalThis as unknown as PageGlobals).document.documentElement.clientWidth }));
    assert.ok(frame.scrollWidth > frame.clientWidth * 3, `the rows scroll inside their frame (${frame.scrollWidth} px of content in ${frame.clientWidth} px)`);
    assert.equal(frame.pageScrolls, false, 'the page itself does not scroll sideways');
    for (const header of await headerLayout(wide.page)) assert.equal(header.nameLines, 1, `"${header.name}" is drawn on one line`);
    const noteWidth = await wide.page.locator('#first-rows td:not(.numeric)').first().evaluate((cell) => cell.getBoundingClientRect().width);
    assert.ok(noteWidth < 500, `a long text wraps inside its cell (${Math.round(noteWidth)} px wide)`);
    await wide.page.screenshot({ path: path.join(artifacts, 'preview-browser-wide-table.png'), fullPage: true });
    await assertCleanPage(wide);
  } finally {
    await browser.close();
    await demo.dispose();
  }
});
