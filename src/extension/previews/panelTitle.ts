// The editor tab title of a preview: `ads_model@20210120T…`. The full version is in the page
// and the tab's tooltip; tabs have room for a few characters only.
export function previewPanelTitle(pin: string, version: string): string {
  if (version === '.') return pin;
  return version.length > 9 ? `${pin}@${version.slice(0, 9)}…` : `${pin}@${version}`;
}
