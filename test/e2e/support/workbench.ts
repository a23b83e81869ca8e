// Playwright helpers for driving the VS Code workbench that code-server serves, in Debian's Chromium.
// Selectors are VS Code 1.100's (code-server 4.100.3). Every wait has a timeout, and helpers that
// look for a text match it exactly unless a RegExp is given: Playwright's `hasText: 'str'` is a
// case-insensitive substring match, which lets stale or neighbouring elements pass a test.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type FrameLocator, type Locator, type Page } from 'playwright-core';
import { assertE2eTools, CHROMIUM, repoRoot, type CodeServer } from './codeServer.js';

/** Where screenshots (and a failed test's logs) go; git-ignored. */
export const ARTIFACTS_DIR = path.join(repoRoot, 'test', 'e2e', '.artifacts');

/** Long enough for a cold extension host on a busy 2-core machine; override per call. */
const DEFAULT_TIMEOUT = 30_000;

type Text = string | RegExp;

/** The little of the DOM the page functions below use (the project's tsconfig has no DOM library). */
interface DomElement {
  innerText: string;
  style: { top: string };
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A string matches exactly (after trimming); a RegExp as it is. */
export function exactly(text: Text): RegExp {
  return typeof text === 'string' ? new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`) : text;
}

// ---------------------------------------------------------------------------------------------
// Browser and workbench

export function launchBrowser(): Promise<Browser> {
  assertE2eTools();
  // launch() makes a fresh, empty profile of its own (Playwright refuses --user-data-dir in args).
  // The flags keep Chromium from reaching out to Google's services and from needing a GPU or /dev/shm.
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
    ],
  });
}

export interface OpenWorkbenchOptions {
  viewport?: { width: number; height: number };
  timeout?: number;
}

/**
 * Opens the workbench in a new page (its own browser context, with clipboard access so tests can
 * read what "Copy …" commands wrote) and waits until the activity bar is painted. Extensions'
 * contributions come a few seconds later: wait for them with waitForActivityBarItem().
 */
export async function openWorkbench(browser: Browser, server: CodeServer, options: OpenWorkbenchOptions = {}): Promise<Page> {
  const timeout = options.timeout ?? 60_000;
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1400, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const page = await context.newPage();
  page.setDefaultTimeout(DEFAULT_TIMEOUT);
  await page.goto(server.workbenchUrl);
  await page.locator('.monaco-workbench').waitFor({ timeout });
  await page.locator('.activitybar .action-item').first().waitFor({ timeout });
  return page;
}

// ---------------------------------------------------------------------------------------------
// Activity bar and views

/** An activity-bar item by its title ("Pinwheel"); built-in ones carry a keybinding suffix, hence the prefix match. */
export function activityBarItem(page: Page, title: string): Locator {
  return page.locator(`.activitybar .action-item ${activityLabel(title)}`);
}

function activityLabel(title: string): string {
  return `a.action-label[aria-label^="${title}"]`;
}

/** Waits for an extension's view container to appear: the extension host has then scanned the extension. */
export async function waitForActivityBarItem(page: Page, title: string, options: { timeout?: number } = {}): Promise<void> {
  await activityBarItem(page, title).waitFor({ timeout: options.timeout ?? 60_000 });
}

/** Shows a view container (clicking its activity-bar item only when it is not already shown: a second click hides the side bar). */
export async function openViewContainer(page: Page, title: string): Promise<void> {
  const item = page.locator('.activitybar .action-item', { has: page.locator(activityLabel(title)) });
  await item.waitFor();
  if ((await item.getAttribute('aria-selected')) !== 'true' || !(await page.locator('#workbench\\.parts\\.sidebar').isVisible())) {
    await activityBarItem(page, title).click();
  }
  await page.locator('.activitybar .action-item[aria-selected="true"]', { has: page.locator(activityLabel(title)) }).waitFor();
}

/** The side-bar pane of a view, by its name ("Boards"); also when it is a container's only view (header hidden). */
export function viewPane(page: Page, viewName: string): Locator {
  return page.locator('#workbench\\.parts\\.sidebar .pane', { has: page.locator(`.pane-header[aria-label="${viewName} Section"]`) });
}

/** The tree of a view: its list carries the view's name as aria-label. */
export function viewTree(page: Page, viewName: string): Locator {
  return viewPane(page, viewName).locator(`.monaco-list[role="tree"][aria-label="${viewName}"]`);
}

/** A view's welcome content (shown instead of the tree while a `viewsWelcome` entry's `when` holds). */
export function viewWelcome(page: Page, viewName: string): Locator {
  return viewPane(page, viewName).locator('.welcome-view-content');
}

export interface TreeRow {
  label: string;
  description: string;
  /** 1 for top-level rows. */
  level: number;
  /** undefined for rows that cannot expand. */
  expanded: boolean | undefined;
}

/** The rows a view's tree shows now (only rendered rows: a long tree scrolls). */
export async function treeRows(page: Page, viewName: string): Promise<TreeRow[]> {
  const rows = viewTree(page, viewName).locator('.monaco-list-row');
  return rows.evaluateAll((elements: DomElement[]) => elements.map((row) => {
    const expanded = row.getAttribute('aria-expanded');
    return {
      label: row.querySelector('.label-name')?.innerText.trim() ?? '',
      description: row.querySelector('.label-description')?.innerText.trim() ?? '',
      level: Number(row.getAttribute('aria-level') ?? '1'),
      expanded: expanded === null ? undefined : expanded === 'true',
    };
  }));
}

/** A row of a view's tree by its label (exact unless a RegExp). */
export function treeRow(page: Page, viewName: string, label: Text): Locator {
  return viewTree(page, viewName).locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: exactly(label) }) });
}

/** Expands a row (no-op when it already is) and waits until it is. */
export async function expandTreeRow(page: Page, viewName: string, label: Text): Promise<void> {
  const row = treeRow(page, viewName, label);
  await row.waitFor();
  if ((await row.getAttribute('aria-expanded')) === 'false') await row.locator('.monaco-tl-twistie').click();
  await viewTree(page, viewName).locator('.monaco-list-row[aria-expanded="true"]', { has: page.locator('.label-name', { hasText: exactly(label) }) }).waitFor();
}

/** The entries of the context menu now open (separators left out). */
export async function contextMenuEntries(page: Page): Promise<string[]> {
  const menu = page.locator('.context-view .monaco-menu');
  await menu.waitFor();
  return (await menu.locator('.action-menu-item .action-label').allInnerTexts()).map((text) => text.trim()).filter(Boolean);
}

/**
 * Right-clicks a row and picks an entry of its context menu by title. Without `entry`, leaves the
 * menu open and returns its entries (close it with Escape).
 */
export async function treeRowContextMenu(page: Page, viewName: string, label: Text, entry?: Text): Promise<string[]> {
  await treeRow(page, viewName, label).locator('.label-name').click({ button: 'right' });
  const entries = await contextMenuEntries(page);
  if (entry !== undefined) {
    // The web workbench draws its menus in a shadow root; Playwright's CSS selectors pierce it.
    // A click straight after the menu opens can be lost: hover first, wait until VS Code has
    // focused the entry, then click it.
    const item = page.locator('.context-view .monaco-menu li.action-item', { has: page.locator('.action-label', { hasText: exactly(entry) }) });
    await item.hover();
    await page.locator('.context-view .monaco-menu li.action-item.focused', { has: page.locator('.action-label', { hasText: exactly(entry) }) }).waitFor();
    await item.click({ delay: 50 });
    await page.locator('.context-view .monaco-menu').waitFor({ state: 'detached' });
  }
  return entries;
}

// ---------------------------------------------------------------------------------------------
// Command palette and quick input

/** The quick input widget (command palette, quick picks, input boxes). */
export function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget');
}

/** Runs a command through the palette (F1) by its full title as the palette shows it ("Pinwheel: Add Board…"). */
export async function runCommand(page: Page, title: string): Promise<void> {
  const widget = quickInput(page);
  // A quick input still open (from an earlier step) would take the keystrokes.
  if (await widget.isVisible()) {
    await page.keyboard.press('Escape');
    await widget.waitFor({ state: 'hidden' });
  }
  await page.keyboard.press('F1');
  await widget.waitFor({ state: 'visible' });
  await widget.locator('.quick-input-box input').fill(`>${title}`);
  // The list filters as it is typed: wait until the first row is exactly this command.
  await widget.locator('.monaco-list-row').first().locator('.label-name', { hasText: exactly(title) }).waitFor();
  await page.keyboard.press('Enter');
}

/** Waits for a quick input (an input box or a quick pick) to show, optionally with this title or placeholder. */
export async function waitForQuickInput(page: Page, options: { title?: Text; placeholder?: Text; timeout?: number } = {}): Promise<void> {
  const widget = quickInput(page);
  await widget.waitFor({ state: 'visible', ...(options.timeout ? { timeout: options.timeout } : {}) });
  if (options.title !== undefined) await widget.locator('.quick-input-title', { hasText: exactly(options.title) }).waitFor();
  if (options.placeholder !== undefined) {
    const expected = exactly(options.placeholder);
    const input = widget.locator('.quick-input-box input');
    await input.and(page.locator('[placeholder]')).waitFor();
    const deadline = Date.now() + (options.timeout ?? DEFAULT_TIMEOUT);
    while (!expected.test((await input.getAttribute('placeholder')) ?? '')) {
      if (Date.now() > deadline) throw new Error(`the quick input's placeholder is "${await input.getAttribute('placeholder')}", not ${String(expected)}`);
      await page.waitForTimeout(50);
    }
  }
}

/**
 * Types `text` into the quick input now showing (replacing what is there) and accepts it with
 * Enter. The widget may stay open when the extension asks the next question; with `closes: true`
 * this waits until it is hidden.
 */
export async function submitQuickInput(page: Page, text: string, options: { closes?: boolean; prompt?: RegExp } = {}): Promise<void> {
  const widget = quickInput(page);
  await widget.waitFor({ state: 'visible' });
  // Questions in a row can share a title: the prompt tells the next one has replaced the last.
  if (options.prompt) await widget.locator('.quick-input-message', { hasText: options.prompt }).waitFor();
  await widget.locator('.quick-input-box input').fill(text);
  await page.keyboard.press('Enter');
  if (options.closes) await widget.waitFor({ state: 'hidden' });
}

/** Picks the quick pick item with this label (exact unless a RegExp) by clicking it. */
export async function pickQuickItem(page: Page, label: Text): Promise<void> {
  const widget = quickInput(page);
  const row = widget.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: exactly(label) }) }).first();
  await row.click();
}

// ---------------------------------------------------------------------------------------------
// Notifications, status bar, editors

/** Toasts whose message matches `text` (exact unless a RegExp). */
export function notificationToast(page: Page, text: Text): Locator {
  return page.locator('.notifications-toasts .notification-list-item', {
    has: page.locator('.notification-list-item-message', { hasText: exactly(text) }),
  });
}

/** Waits for a toast whose message matches `text` (exact unless a RegExp) and returns its message. */
export async function notification(page: Page, text: Text, options: { timeout?: number } = {}): Promise<string> {
  const message = notificationToast(page, text).first().locator('.notification-list-item-message');
  await message.waitFor(options.timeout ? { timeout: options.timeout } : {});
  return (await message.innerText()).trim();
}

/** The messages of all toasts now shown. */
export async function notifications(page: Page): Promise<string[]> {
  return (await page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts()).map((text) => text.trim());
}

/** Dismisses every toast, so that a later assertion cannot match a stale one. */
export async function clearNotifications(page: Page): Promise<void> {
  await runCommand(page, 'Notifications: Clear All Notifications');
  await page.locator('.notifications-toasts .notification-list-item').first().waitFor({ state: 'detached' });
}

/** The modal dialog now shown (`showWarningMessage(…, { modal: true })`): its message and detail. */
export async function modalDialog(page: Page): Promise<{ message: string; detail: string }> {
  const box = page.locator('.monaco-dialog-box');
  await box.waitFor();
  const detail = box.locator('.dialog-message-detail');
  return {
    message: (await box.locator('.dialog-message').innerText()).trim(),
    detail: (await detail.count()) > 0 ? (await detail.innerText()).trim() : '',
  };
}

/** Clicks a button of the modal dialog by its label (exact unless a RegExp) and waits until the dialog is gone. */
export async function clickDialogButton(page: Page, label: Text): Promise<void> {
  const box = page.locator('.monaco-dialog-box');
  await box.locator('.dialog-buttons .monaco-button', { hasText: exactly(label) }).click();
  await box.waitFor({ state: 'detached' });
}

/** The two sides of the diff editor now active, as rendered (short documents: Monaco renders visible lines only). */
export async function diffEditorTexts(page: Page): Promise<{ original: string; modified: string }> {
  const diff = page.locator('.editor-group-container.active .monaco-diff-editor');
  await diff.waitFor();
  return { original: await renderedText(diff.locator('.editor.original .view-lines')), modified: await renderedText(diff.locator('.editor.modified .view-lines')) };
}

/** A status bar entry whose text matches (exact unless a RegExp). */
export function statusBarItem(page: Page, text: Text): Locator {
  return page.locator('#workbench\\.parts\\.statusbar .statusbar-item', { hasText: exactly(text) });
}

/** Waits for an editor tab with this title (exact unless a RegExp) to be the active one. */
export async function waitForActiveEditor(page: Page, title: Text, options: { timeout?: number } = {}): Promise<void> {
  await page.locator('.tabs-container .tab.active .label-name', { hasText: exactly(title) }).waitFor(options.timeout ? { timeout: options.timeout } : {});
}

/** The lines a Monaco editor's `.view-lines` renders, in order: they are positioned absolutely; non-breaking spaces are spaces. */
async function renderedText(viewLines: Locator): Promise<string> {
  await viewLines.locator('.view-line').first().waitFor();
  return viewLines.evaluate((element: DomElement) =>
    [...element.querySelectorAll('.view-line')]
      .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
      .map((line) => line.innerText.replace(/\u00a0/g, ' '))
      .join('\n'));
}

/** What the page's clipboard holds (openWorkbench granted access). */
export function readClipboard(page: Page): Promise<string> {
  return page.evaluate('navigator.clipboard.readText()') as Promise<string>;
}

// ---------------------------------------------------------------------------------------------
// Webviews

/**
 * The content of a webview (a panel in an editor, or a webview view). A webview is two nested
 * iframes: <iframe class="webview ready"> (VS Code's host page) holding <iframe id="active-frame">
 * (the extension's HTML). By default the first visible one: a panel's iframe exists only while
 * its editor tab is showing (unless it retains its context), so make that tab active first.
 * `index` picks among all (e.g. two panels side by side).
 */
export function webviewFrame(page: Page, options: { index?: number } = {}): FrameLocator {
  const frames = page.locator('iframe.webview.ready');
  const frame = options.index !== undefined ? frames.nth(options.index) : frames.filter({ visible: true }).first();
  return frame.contentFrame().frameLocator('#active-frame');
}

// ---------------------------------------------------------------------------------------------
// Screenshots

function artifactPath(name: string, extension: string): string {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return path.join(ARTIFACTS_DIR, `${name.replace(/[^\w.-]+/g, '-')}${extension}`);
}

/**
 * Saves test/e2e/.artifacts/<name>.png. Animations are finished first (toasts slide in), so the
 * picture shows the state the test checked.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  const file = artifactPath(name, '.png');
  await page.screenshot({ path: file, animations: 'disabled' });
  return file;
}

/**
 * For a failed test: a screenshot `failed-<name>.png` and, with `server`, the workbench's logs
 * (extension host, output channels) in `failed-<name>-logs/`. Never throws (it runs while a
 * failure is being reported).
 */
export async function failureArtifacts(page: Page | undefined, name: string, server?: CodeServer): Promise<void> {
  try {
    if (page && !page.isClosed()) await page.screenshot({ path: artifactPath(`failed-${name}`, '.png'), animations: 'disabled', timeout: 10_000 });
  } catch {
    // the page may be gone; the logs may still help
  }
  try {
    server?.saveLogs(artifactPath(`failed-${name}-logs`, ''));
  } catch {
    // nothing more to save
  }
}

/**
 * Runs a test body and, when it throws, saves failureArtifacts() before passing the error on:
 * `test('shows the rows', () => capturingFailure(page, 'shows the rows', async () => { … }, server))`.
 */
export async function capturingFailure<T>(page: Page | undefined, name: string, body: () => Promise<T>, server?: CodeServer): Promise<T> {
  try {
    return await body();
  } catch (error) {
    await failureArtifacts(page, name, server);
    throw error;
  }
}
