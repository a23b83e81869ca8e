// The whole preview page: a header naming the pin and version, then one tab per part.
import { badge, button, divider, h, progressRing, tabs, tag, type Tab } from '../../components/index.js';
import type { PinPreview } from '../../contract/pinPreview.js';
import { dataTabFor } from './dataTabFor.js';
import { dataTxtTab } from './dataTxtTab.js';
import { filesTab } from './filesTab.js';
import { modelTab } from './modelTab.js';
import { overviewTab } from './overviewTab.js';

export interface PreviewActions {
  refresh(): void;
  openDataTxt(): void;
  tabChanged(tab: string): void;
}

function header(preview: PinPreview, actions: PreviewActions): HTMLElement {
  return h(
    'header',
    { className: 'header' },
    h(
      'div',
      { className: 'title-row' },
      h('h1', { id: 'pin-name' }, preview.name),
      h('span', { className: 'version muted', id: 'pin-version' }, preview.version === '.' ? 'unversioned' : `@ ${preview.version}`),
      preview.latest ? badge('latest') : null,
      h('span', { className: 'spacer' }),
      button('Refresh', actions.refresh, { title: 'Read the pin again from its board' }),
    ),
    preview.title ? h('p', { className: 'pin-title' }, preview.title) : null,
    h('div', { className: 'row' }, tag(preview.kind.label), tag(preview.type), preview.kind.servable ? tag('servable') : null),
  );
}

/**
 * The tab a preview opens on when none was saved yet (a restored panel keeps the tab it showed):
 * what its reader needs first. A model that cannot be served: why not; a table: its rows.
 */
export function firstTab(preview: PinPreview): string {
  if (preview.model && !preview.model.servable) return 'model';
  if (preview.table) return 'data';
  return 'overview';
}

export function renderPreview(preview: PinPreview, actions: PreviewActions, activeTab: string | undefined): HTMLElement {
  const items: Tab[] = [{ id: 'overview', title: 'Overview', content: overviewTab(preview) }];
  if (preview.model) items.push({ id: 'model', title: 'Model', content: modelTab(preview.model) });
  const data = dataTabFor(preview);
  if (data) items.push(data);
  items.push({ id: 'files', title: 'Files', count: preview.files.length, content: filesTab(preview.files) });
  items.push({ id: 'data-txt', title: 'data.txt', content: dataTxtTab(preview.dataTxt, actions.openDataTxt) });
  return h('main', { className: 'preview' }, header(preview, actions), divider(), tabs(items, { active: activeTab ?? firstTab(preview), onChange: actions.tabChanged }));
}

export function renderLoading(pin: string | undefined): HTMLElement {
  return h('main', { className: 'loading' }, progressRing('Loading'), h('span', {}, pin ? `Reading ${pin}…` : 'Reading the pin…'));
}

export function renderError(message: string, actions: Pick<PreviewActions, 'refresh'>): HTMLElement {
  return h('main', { className: 'preview' }, h('div', { className: 'callout error', id: 'error' }, h('p', {}, message)), button('Try Again', actions.refresh));
}
