// Every webview app, by its view type: the one place that says which messages each app sends
// and receives. Hosts and apps name an app by its key here, so a message of the wrong app does
// not typecheck.
import type { PinPreviewFromWebview, PinPreviewState, PinPreviewToWebview } from './pinPreview.js';

export interface WebviewApps {
  'pinwheel.pinPreview': {
    /** The bundle in dist/webview/<bundle>.js (and .css): webview-ui/apps/<bundle>/main.ts. */
    bundle: 'pinPreview';
    toWebview: PinPreviewToWebview;
    fromWebview: PinPreviewFromWebview;
    state: PinPreviewState;
  };
}

export type WebviewViewType = keyof WebviewApps;
export type ToWebview<V extends WebviewViewType> = WebviewApps[V]['toWebview'];
export type FromWebview<V extends WebviewViewType> = WebviewApps[V]['fromWebview'];
export type WebviewState<V extends WebviewViewType> = WebviewApps[V]['state'];

/** The bundle name of each app (a value, for the host to build script and style URIs). */
export const WEBVIEW_BUNDLES: { readonly [V in WebviewViewType]: WebviewApps[V]['bundle'] } = {
  'pinwheel.pinPreview': 'pinPreview',
};
