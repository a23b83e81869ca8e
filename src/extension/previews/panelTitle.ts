// The editor tab title of a preview, e.g. `ads_model@20210209T…-08502`: the day and the hash
// suffix, as the server's status-bar item writes it. Two versions of one day differ in their hash
// suffix, so their tabs differ, while the title stays short (a tab has room for a few characters).
// A webview tab's tooltip is its title too; the full version is in the page's header and Overview.
const PINS_VERSION = /^(\d{8}T)\d{6}Z(-[0-9a-z]+)$/;

export function previewPanelTitle(pin: string, version: string): string {
  if (version === '.') return pin;
  const pins = PINS_VERSION.exec(version);
  if (pins) return `${pin}@${pins[1]}…${pins[2]}`;
  // Another kind of version name (pins-r's, or one chosen by hand): its start and its end.
  return version.length > 16 ? `${pin}@${version.slice(0, 9)}…${version.slice(-6)}` : `${pin}@${version}`;
}
