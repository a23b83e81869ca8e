// The Data tab: the first rows of a table pin with its column types, or a JSON excerpt.
import { dataGrid, h } from '../../components/index.js';
import type { ExcerptText, PreviewTable } from '../../contract/pinPreview.js';
import { formatCell } from './formatting.js';

export function tableTab(table: PreviewTable): HTMLElement {
  const shown = table.rows.length;
  // Keys are column positions: column names can be anything, including "__proto__".
  const columns = table.columns.map((column, index) => ({ key: `c${index}`, title: `${column.name} (${column.type})` }));
  const rows = table.rows.map((row) => Object.fromEntries(row.map((cell, index) => [`c${index}`, formatCell(cell)])));
  return h(
    'section',
    { className: 'data' },
    h('p', { className: 'muted', id: 'row-count' }, shown < table.totalRows ? `The first ${shown} of ${table.totalRows.toLocaleString('en-US')} rows, ${table.columns.length} columns.` : `All ${table.totalRows.toLocaleString('en-US')} rows, ${table.columns.length} columns.`),
    table.note ? h('p', { className: 'note' }, table.note) : null,
    dataGrid(columns, rows, { label: 'First rows' }),
  );
}

export function jsonTab(json: ExcerptText): HTMLElement {
  return h('section', { className: 'data' }, json.note ? h('p', { className: 'note' }, json.note) : null, h('pre', { className: 'json' }, json.text));
}
