// The webview's side of the message contract: the typed link to the extension host. Apps get all
// their data through it (never by fetching: under Remote-SSH or Codespaces the webview runs on
// another machine than the extension).
import type { FromWebview, ToWebview, WebviewState, WebviewViewType } from '../contract/apps.js';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface HostConnection<V extends WebviewViewType> {
  post(message: FromWebview<V>): void;
  /** What the webview saved before a reload, or undefined on first open. */
  readonly restoredState: WebviewState<V> | undefined;
  saveState(state: WebviewState<V>): void;
}

/**
 * Connects to the host: listens first, then says `initialized`, so no message of the host can
 * arrive before the listener. `acquireVsCodeApi` may be called once per page, hence one connection.
 */
export function connectToHost<V extends WebviewViewType>(onMessage: (message: ToWebview<V>) => void): HostConnection<V> {
  const api = acquireVsCodeApi();
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const data = event.data;
    if (typeof data === 'object' && data !== null && typeof (data as { type?: unknown }).type === 'string') onMessage(data as ToWebview<V>);
  });
  const connection: HostConnection<V> = {
    post: (message) => api.postMessage(message),
    restoredState: (api.getState() ?? undefined) as WebviewState<V> | undefined,
    saveState: (state) => api.setState(state),
  };
  connection.post({ type: 'initialized' } as FromWebview<V>);
  return connection;
}
