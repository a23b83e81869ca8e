// The Overview tab: what the pin is, when it was written, and its metadata.
import { h, tag } from '../../components/index.js';
import type { PinPreview, PreviewKeyValue } from '../../contract/pinPreview.js';
import { formatCreated, textWithCode } from './formatting.js';
import { metadataValue } from './metadataValue.js';

/** User metadata blocks the Model tab already shows readably, and what it shows of them. */
const SHOWN_IN_MODEL_TAB: Record<string, string> = {
  vetiver_meta: "vetiver's prototype and required packages: the Model tab shows them",
  pinwheel: "Pinwheel's description of the model (prototype, task, inputs, outputs): the Model tab shows it",
};

/** Key/value rows; `value` renders one value (plain text by default). */
function keyValueTable(rows: PreviewKeyValue[], label: string, id: string, value: (row: PreviewKeyValue) => Node = (row) => document.createTextNode(row.value)): HTMLElement {
  const table = h(
    'table',
    { className: 'key-values', id },
    h('thead', {}, h('tr', {}, h('th', {}, 'Key'), h('th', {}, 'Value'))),
    h('tbody', {}, ...rows.map((row) => h('tr', {}, h('th', { className: 'key' }, row.key), h('td', {}, value(row))))),
  );
  table.setAttribute('aria-label', label);
  return table;
}

/** For a model pin, its vetiver/Pinwheel blocks fold away: the Model tab shows what is in them. */
function userValue(preview: PinPreview): (row: PreviewKeyValue) => Node {
  return (row) => {
    const shownAs = Object.hasOwn(SHOWN_IN_MODEL_TAB, row.key) ? SHOWN_IN_MODEL_TAB[row.key] : undefined;
    if (!preview.model || !shownAs) return metadataValue(row.value);
    return h('details', { className: 'shown-elsewhere' }, h('summary', {}, shownAs), metadataValue(row.value));
  };
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
    keyValueTable(facts, 'Pin facts', 'pin-facts'),
    preview.tags.length > 0 ? h('div', { className: 'row tags' }, ...preview.tags.map((text) => tag(text))) : null,
    preview.urls.length > 0 ? h('ul', { className: 'urls' }, ...preview.urls.map((url) => h('li', {}, url))) : null,
    h('h2', {}, 'User metadata'),
    preview.userMetadata.length > 0 ? keyValueTable(preview.userMetadata, 'User metadata', 'user-metadata', userValue(preview)) : h('p', { className: 'muted' }, 'This pin has no user metadata.'),
    h('h2', {}, 'data.txt fields'),
    keyValueTable(preview.metadata, 'data.txt fields', 'data-txt-fields', (row) => metadataValue(row.value)),
  );
}
