// The Overview tab: what the pin is, when it was written, and its metadata.
import { dataGrid, h, tag } from '../../components/index.js';
import type { PinPreview, PreviewKeyValue } from '../../contract/pinPreview.js';
import { formatCreated, textWithCode } from './formatting.js';

function keyValueGrid(rows: PreviewKeyValue[], label: string): HTMLElement {
  return dataGrid(
    [{ key: 'key', title: 'Key' }, { key: 'value', title: 'Value' }],
    rows.map((row) => ({ key: row.key, value: row.value })),
    { label, widths: ['minmax(120px, 1fr)', '4fr'] },
  );
}

export function overviewTab(preview: PinPreview): HTMLElement {
  const facts: PreviewKeyValue[] = [
    { key: 'Board', value: preview.board },
    { key: 'Version', value: preview.version === '.' ? 'unversioned (pins-r legacy layout)' : preview.version },
    { key: 'Created', value: formatCreated(preview.created) },
    { key: 'Kind', value: preview.kind.label },
    { key: 'Type', value: preview.type },
    { key: 'Versions of this pin', value: String(preview.versionCount) },
  ];
  if (preview.hash) facts.push({ key: 'Hash', value: preview.hash });
  return h(
    'section',
    { className: 'overview' },
    ...preview.problems.map((problem) => h('div', { className: 'callout error' }, textWithCode(problem))),
    preview.description ? h('p', { className: 'description' }, preview.description) : null,
    keyValueGrid(facts, 'Pin facts'),
    preview.tags.length > 0 ? h('div', { className: 'row tags' }, ...preview.tags.map((text) => tag(text))) : null,
    preview.urls.length > 0 ? h('ul', { className: 'urls' }, ...preview.urls.map((url) => h('li', {}, url))) : null,
    h('h2', {}, 'User metadata'),
    preview.userMetadata.length > 0 ? keyValueGrid(preview.userMetadata, 'User metadata') : h('p', { className: 'muted' }, 'This pin has no user metadata.'),
    h('h2', {}, 'data.txt fields'),
    keyValueGrid(preview.metadata, 'data.txt fields'),
  );
}
