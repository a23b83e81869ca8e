// Which Data tab a pin gets: first rows for tables, an excerpt for JSON, none otherwise.
import type { Tab } from '../../components/index.js';
import type { PinPreview } from '../../contract/pinPreview.js';
import { jsonTab, tableTab } from './dataTab.js';

export function dataTabFor(preview: PinPreview): Tab | undefined {
  if (preview.table) return { id: 'data', title: 'Data', content: tableTab(preview.table) };
  if (preview.json) return { id: 'data', title: 'JSON', content: jsonTab(preview.json) };
  return undefined;
}
