// What the Pin Preview webview and the extension host say to each other, and the preview itself.
// Everything here crosses postMessage, so it is plain JSON: no Date, no Map, no class.
import type { InitializedMessage } from './handshake.js';

// The preview's own types are defined once, in src/core (the host builds them there).
export type { PreviewCell, ExcerptText, PreviewKeyValue, PreviewFile, PreviewColumn, PreviewTable, PreviewTensor, PreviewModel, PinPreview } from '../../src/core/preview/pinPreview.js';
import type { PinPreview } from '../../src/core/preview/pinPreview.js';

/** Identifies a preview panel: the board folder, the pin, the version (undefined: latest). */
export interface PinPreviewSource {
  boardFolder: string;
  boardName: string;
  pin: string;
  version?: string;
}

export type PinPreviewToWebview =
  | { type: 'loading'; pin: string; version?: string }
  | { type: 'preview'; preview: PinPreview; source: PinPreviewSource }
  | { type: 'error'; message: string };

export type PinPreviewFromWebview =
  | InitializedMessage
  /** Read the pin again (the user pressed Refresh). */
  | { type: 'refresh' }
  /** Open the version's data.txt in a text editor. */
  | { type: 'openDataTxt' };

/** What the webview keeps across reloads (vscode.setState); the host's serializer reads it back. */
export interface PinPreviewState {
  source: PinPreviewSource;
  preview?: PinPreview;
  /** The open tab. */
  tab?: string;
}
