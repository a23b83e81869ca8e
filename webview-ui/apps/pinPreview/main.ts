// The Pin Preview webview: a read-only view of one pin version. It shows what the host sends and
// keeps it in the webview state, so after a window reload the same pin is back at once.
import '../../components/theme.css';
import './pinPreview.css';
import { connectToHost } from '../../components/index.js';
import type { PinPreviewState, PinPreviewToWebview } from '../../contract/pinPreview.js';
import { renderError, renderLoading, renderPreview, type PreviewActions } from './renderPreview.js';

const root = document.getElementById('root') ?? document.body;
let state: PinPreviewState | undefined;

function show(content: HTMLElement): void {
  root.replaceChildren(content);
}

const actions: PreviewActions = {
  refresh: () => connection.post({ type: 'refresh' }),
  openDataTxt: () => connection.post({ type: 'openDataTxt' }),
  tabChanged: (tab) => {
    if (!state) return;
    state = { ...state, tab };
    connection.saveState(state);
  },
};

function onMessage(message: PinPreviewToWebview): void {
  switch (message.type) {
    case 'loading':
      // A refresh keeps the current preview on screen; only an empty page shows the spinner.
      if (!state?.preview) show(renderLoading(message.pin));
      break;
    case 'preview':
      state = { source: message.source, preview: message.preview, tab: state?.tab };
      connection.saveState(state);
      show(renderPreview(message.preview, actions, state.tab));
      break;
    case 'error':
      show(renderError(message.message, actions));
      break;
  }
}

const connection = connectToHost<'pinwheel.pinPreview'>(onMessage);
state = connection.restoredState;
show(state?.preview ? renderPreview(state.preview, actions, state.tab) : renderLoading(state?.source.pin));
