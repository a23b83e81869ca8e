// The first rows of a table pin, as compact arrays (a row of objects repeats every column name).
import type { Table } from '../pins/index.js';
import { shortText } from './excerpt.js';
import type { PreviewCell, PreviewTable } from './pinPreview.js';
import { PREVIEW_LIMITS } from './previewLimits.js';

function previewCell(cell: unknown): PreviewCell {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'string') return shortText(cell, PREVIEW_LIMITS.maxCellChars);
  if (typeof cell === 'number' || typeof cell === 'boolean') return cell;
  return shortText(JSON.stringify(cell) ?? String(cell), PREVIEW_LIMITS.maxCellChars);
}

export function tableExcerpt(table: Table, rows: number): PreviewTable {
  const wanted = Math.max(0, Math.min(Math.floor(rows), PREVIEW_LIMITS.maxRows));
  const columns = table.columns.slice(0, PREVIEW_LIMITS.maxColumns);
  const shown = table.rows.slice(0, wanted);
  const notes: string[] = [];
  if (table.columns.length > columns.length) {
    notes.push(`Showing the first ${columns.length} of ${table.columns.length} columns.`);
  }
  const cut = shown.some((row) => columns.some((column) => typeof row[column.name] === 'string' && (row[column.name] as string).length > PREVIEW_LIMITS.maxCellChars));
  if (cut) notes.push(`Text longer than ${PREVIEW_LIMITS.maxCellChars} characters is cut (…).`);
  return {
    columns: columns.map((column) => ({ name: column.name, type: column.type })),
    rows: shown.map((row) => columns.map((column) => previewCell(row[column.name]))),
    totalRows: table.rows.length,
    ...(notes.length > 0 ? { note: notes.join(' ') } : {}),
  };
}
