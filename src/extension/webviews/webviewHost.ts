// The host side of one webview panel, shared by every Pinwheel webview: loads the app into a
// CSP-locked HTML shell, holds back messages until the app says `initialized`, and hands on only
// messages that match the contract.
import * as vscode from 'vscode';
import { WEBVIEW_BUNDLES, type FromWebview, type ToWebview, type WebviewViewType } from '../../../webview-ui/contract/apps.js';
import type { InitializedMessage } from '../../../webview-ui/contract/handshake.js';
import { checkWebviewMessage } from './checkWebviewMessage.js';
import { createNonce } from './nonce.js';
import { renderWebviewHtml } from './webviewHtml.js';
import { webviewOptions, webviewPanelOptions } from './webviewOptions.js';

export interface WebviewLog {
  appendLine(line: string): void;
}

export interface WebviewHostOptions<V extends WebviewViewType> {
  viewType: V;
  extensionUri: vscode.Uri;
  /** Where messages that break the contract are reported (an output channel). */
  log: WebviewLog;
}

export interface OpenPanelOptions<V extends WebviewViewType> extends WebviewHostOptions<V> {
  title: string;
  column?: vscode.ViewColumn;
  iconPath?: vscode.Uri | { light: vscode.Uri; dark: vscode.Uri };
}

/** A message from the app other than the handshake. */
export type AppMessage<V extends WebviewViewType> = Exclude<FromWebview<V>, InitializedMessage>;

export class WebviewHost<V extends WebviewViewType> implements vscode.Disposable {
  /** Opens a new panel with the app loaded. */
  static open<V extends WebviewViewType>(options: OpenPanelOptions<V>): WebviewHost<V> {
    const panel = vscode.window.createWebviewPanel(options.viewType, options.title, options.column ?? vscode.ViewColumn.Active, webviewPanelOptions(options.extensionUri));
    if (options.iconPath) panel.iconPath = options.iconPath;
    return new WebviewHost(panel, options);
  }

  /** Takes over a panel VS Code restored after a window reload (a WebviewPanelSerializer's panel). */
  static restore<V extends WebviewViewType>(panel: vscode.WebviewPanel, options: WebviewHostOptions<V>): WebviewHost<V> {
    return new WebviewHost(panel, options);
  }

  private readonly queue: ToWebview<V>[] = [];
  private ready = false;
  private disposed = false;
  private readonly messageHandlers = new vscode.EventEmitter<AppMessage<V>>();
  private readonly initializedHandlers = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable[] = [];

  /** Fires for every valid message of the app except `initialized`. */
  readonly onMessage = this.messageHandlers.event;
  /**
   * Fires each time the app (re)starts and says `initialized`: when first loaded, and when a
   * hidden panel is shown again (its page was dropped and reloads from its saved state).
   */
  readonly onDidInitialize = this.initializedHandlers.event;
  readonly onDidDispose: vscode.Event<void>;

  private constructor(readonly panel: vscode.WebviewPanel, private readonly options: WebviewHostOptions<V>) {
    this.onDidDispose = panel.onDidDispose;
    const webview = panel.webview;
    webview.options = webviewOptions(options.extensionUri);
    webview.html = this.html();
    this.subscriptions.push(
      webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
      // A hidden panel loses its page: hold messages until the reloaded app says it is listening.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  get isInitialized(): boolean {
    return this.ready;
  }

  /** Sends a message to the app now if it is listening, else as soon as it says `initialized`. */
  post(message: ToWebview<V>): void {
    if (this.disposed) return;
    if (!this.ready) {
      this.queue.push(message);
      return;
    }
    void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.queue.length = 0;
    for (const subscription of this.subscriptions) subscription.dispose();
    this.messageHandlers.dispose();
    this.initializedHandlers.dispose();
    this.panel.dispose();
  }

  private html(): string {
    const bundle = WEBVIEW_BUNDLES[this.options.viewType];
    const folder = vscode.Uri.joinPath(this.options.extensionUri, 'dist', 'webview');
    const webview = this.panel.webview;
    return renderWebviewHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(folder, `${bundle}.js`)).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(folder, `${bundle}.css`)).toString(),
      title: this.panel.title,
    });
  }

  private receive(raw: unknown): void {
    if (this.disposed) return;
    const checked = checkWebviewMessage(this.options.viewType, raw);
    if (!checked.ok) {
      this.options.log.appendLine(checked.problem);
      return;
    }
    if (checked.message.type === 'initialized') {
      this.ready = true;
      for (const message of this.queue.splice(0)) void this.panel.webview.postMessage(message);
      this.initializedHandlers.fire();
      return;
    }
    this.messageHandlers.fire(checked.message as AppMessage<V>);
  }
}
