// The editor tab title of a preview, e.g. `ads_model@20210209T…-08502`, as the server's
// status-bar item writes it: short (a tab has room for a few characters) yet different for two
// versions of one day. A webview tab's tooltip is its title too; the full version is in the page's
// header and Overview.
import { shortVersion } from '../../core/text/displayFormats.js';

export function previewPanelTitle(pin: string, version: string): string {
  return version === '.' ? pin : `${pin}@${shortVersion(version)}`;
}
