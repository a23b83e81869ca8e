// The Data tab: the first rows of a table pin with its column types, or a JSON excerpt.
// The rows are a plain <table>, not the toolkit's data grid: each grid row sizes its columns on its
// own, so the grid can only share out the width evenly, and a wide table squashed its headers to
// "like_coun t". A table sizes each column to its content, never narrower than its longest word;
// a table wider than the page scrolls sideways inside its frame, and the header row stays on top.
import { h } from '../../components/index.js';
import type { ExcerptText, PreviewCell, PreviewColumn, PreviewTable } from '../../contract/pinPreview.js';
import { formatCell } from './formatting.js';

/** Values up to this long stay on one line ("2021-01-01" is never cut at its hyphens). */
const ONE_LINE_CHARS = 24;
const NUMERIC_TYPES = new Set(['integer', 'number']);

function headerCell(column: PreviewColumn): HTMLElement {
  const numeric = NUMERIC_TYPES.has(column.type) ? ' numeric' : '';
  return h('th', { className: `column${numeric}`, title: `${column.name} (${column.type})` }, h('span', { className: 'column-name' }, column.name), h('span', { className: 'column-type' }, column.type));
}

function dataCell(cell: PreviewCell, column: PreviewColumn | undefined): HTMLElement {
  const text = formatCell(cell);
  const classes = [column && NUMERIC_TYPES.has(column.type) ? 'numeric' : '', cell === null ? 'na' : '', text.length <= ONE_LINE_CHARS ? 'one-line' : ''].filter(Boolean).join(' ');
  return h('td', { className: classes }, h('div', {}, text));
}

export function tableTab(table: PreviewTable): HTMLElement {
  const shown = table.rows.length;
  const rows = table.rows.map((row) => h('tr', {}, ...row.map((cell, index) => dataCell(cell, table.columns[index]))));
  const frame = h('div', { className: 'table-frame', id: 'first-rows' }, h('table', { className: 'data-table' }, h('thead', {}, h('tr', {}, ...table.columns.map(headerCell))), h('tbody', {}, ...rows)));
  // A keyboard user scrolls a wide table with the arrow keys once the frame has focus.
  frame.tabIndex = 0;
  frame.setAttribute('role', 'region');
  frame.setAttribute('aria-label', 'First rows');
  return h(
    'section',
    { className: 'data' },
    h('p', { className: 'muted', id: 'row-count' }, shown < table.totalRows ? `The first ${shown} of ${table.totalRows.toLocaleString('en-US')} rows, ${table.columns.length} columns.` : `All ${table.totalRows.toLocaleString('en-US')} rows, ${table.columns.length} columns.`),
    table.note ? h('p', { className: 'note' }, table.note) : null,
    frame,
  );
}

export function jsonTab(json: ExcerptText): HTMLElement {
  return h('section', { className: 'data' }, json.note ? h('p', { className: 'note' }, json.note) : null, h('pre', { className: 'json' }, json.text));
}
