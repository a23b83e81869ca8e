// The open Pin Preview panels: one per board, pin and version (showing it again reveals it), each
// filled by the host after its webview says `initialized`, refreshed on request, and taken over
// again after a window reload. Loaded on first use, with the pins library.
import path from 'node:path';
import * as vscode from 'vscode';
import type { PinPreviewSource, PinPreviewState } from '../../../webview-ui/contract/pinPreview.js';
import { STATE_SCHEMAS } from '../../../webview-ui/contract/schemas.js';
import { FLAT_VERSION, META_FILE, openBoard, type Board } from '../../core/pins/index.js';
import { buildPinPreview } from '../../core/preview/index.js';
import { errorMessage } from '../showError.js';
import { WebviewHost, type WebviewLog } from '../webviews/webviewHost.js';
import { previewPanelTitle } from './panelTitle.js';

export const PIN_PREVIEW_VIEW_TYPE = 'pinwheel.pinPreview';

/** How a panel gets its board: the Boards view's (cached) board, or the folder opened read-only. */
export type BoardOpener = (source: PinPreviewSource) => Promise<Board>;

interface OpenPanel {
  host: WebviewHost<typeof PIN_PREVIEW_VIEW_TYPE>;
  source: PinPreviewSource & { version: string };
  openBoard: BoardOpener;
}

function panelKey(source: { boardFolder: string; pin: string; version: string }): string {
  return JSON.stringify([source.boardFolder, source.pin, source.version]);
}

/** A board folder opened read-only: a preview never writes. */
export const openBoardFolder: BoardOpener = (source) => openBoard(source.boardFolder, { readOnly: true });

function previewRows(): number {
  const rows = vscode.workspace.getConfiguration('pinwheel.preview').get<number>('rows', 20);
  return typeof rows === 'number' && Number.isFinite(rows) ? Math.min(Math.max(Math.floor(rows), 1), 1000) : 20;
}

export class PinPreviewPanels implements vscode.Disposable {
  private readonly panels = new Map<string, OpenPanel>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: WebviewLog,
  ) {}

  /** Shows a pin version (undefined: the latest) in its panel, opening one if needed. */
  async show(source: PinPreviewSource, openBoardFor: BoardOpener): Promise<void> {
    const board = await openBoardFor(source);
    // "Latest" becomes a version name now, so the panel keeps showing that version.
    const version = source.version ?? (await board.meta(source.pin)).version;
    const concrete = { ...source, version };
    const existing = this.panels.get(panelKey(concrete));
    if (existing) {
      existing.host.panel.reveal();
      return;
    }
    const host = WebviewHost.open({
      viewType: PIN_PREVIEW_VIEW_TYPE,
      extensionUri: this.extensionUri,
      log: this.log,
      title: previewPanelTitle(source.pin, version),
      iconPath: vscode.Uri.joinPath(this.extensionUri, 'media', 'pinwheel.svg'),
    });
    const panel = this.track(host, concrete, openBoardFor);
    await this.load(panel, board);
  }

  /** Takes over a panel VS Code restored after a reload; its webview redraws from its own state. */
  async restore(webviewPanel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const parsed = STATE_SCHEMAS[PIN_PREVIEW_VIEW_TYPE].safeParse(state);
    if (!parsed.success || parsed.data.source.version === undefined) {
      this.log.appendLine(`[webview ${PIN_PREVIEW_VIEW_TYPE}] closed a restored preview whose saved state does not say which pin it showed.`);
      webviewPanel.dispose();
      return;
    }
    const source = { ...parsed.data.source, version: parsed.data.source.version };
    const duplicate = this.panels.get(panelKey(source));
    if (duplicate) duplicate.host.dispose();
    const host = WebviewHost.restore(webviewPanel, { viewType: PIN_PREVIEW_VIEW_TYPE, extensionUri: this.extensionUri, log: this.log });
    const panel = this.track(host, source, openBoardFolder);
    // A preview saved before its data arrived has nothing to redraw: read the pin again.
    if (!(parsed.data as PinPreviewState).preview) await this.load(panel);
  }

  dispose(): void {
    for (const panel of [...this.panels.values()]) panel.host.dispose();
    this.panels.clear();
  }

  private track(host: OpenPanel['host'], source: OpenPanel['source'], openBoardFor: BoardOpener): OpenPanel {
    const key = panelKey(source);
    const panel: OpenPanel = { host, source, openBoard: openBoardFor };
    this.panels.set(key, panel);
    host.onDidDispose(() => {
      if (this.panels.get(key) === panel) this.panels.delete(key);
    });
    host.onMessage((message) => {
      if (message.type === 'refresh') void this.load(panel);
      else if (message.type === 'openDataTxt') void this.openDataTxt(panel.source);
    });
    return panel;
  }

  private async load(panel: OpenPanel, board?: Board): Promise<void> {
    const { source, host } = panel;
    host.post({ type: 'loading', pin: source.pin, version: source.version });
    try {
      const opened = board ?? (await panel.openBoard(source));
      const preview = await buildPinPreview(opened, source.pin, source.version, { rows: previewRows() });
      host.post({ type: 'preview', preview, source });
    } catch (error) {
      host.post({ type: 'error', message: `Could not show pin "${source.pin}" version ${source.version} of the board "${source.boardName}": ${errorMessage(error)}` });
    }
  }

  private async openDataTxt(source: OpenPanel['source']): Promise<void> {
    const versionFolder = source.version === FLAT_VERSION ? [] : [source.version];
    const file = vscode.Uri.file(path.join(source.boardFolder, source.pin, ...versionFolder, META_FILE));
    await vscode.commands.executeCommand('vscode.open', file, { preview: true });
  }
}
