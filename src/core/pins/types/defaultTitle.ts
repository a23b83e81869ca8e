// Default pin titles, worded as pins-r words them (R/meta.R `default_title`), so a board written
// by Pinwheel reads like one written by R: 'df: a pinned 2 x 3 data frame',
// 'x: a pinned integer vector', 'm: a pinned .onnx file', 'docs: 3 pinned files'.
import { isTable } from './table.js';

/** R's friendly name for the type of a JSON value (jsonlite simplifies arrays to vectors). */
function friendlyType(value: unknown): string {
  const items = Array.isArray(value) ? value : [value];
  if (value === null || value === undefined) return 'NULL';
  if (items.length > 0) {
    if (items.every((item) => typeof item === 'boolean')) return 'logical vector';
    if (items.every((item) => Number.isSafeInteger(item))) return 'integer vector';
    if (items.every((item) => typeof item === 'number')) return 'double vector';
    if (items.every((item) => typeof item === 'string')) return 'character vector';
  }
  return 'list';
}

/** The title pins gives a written value: tables by size, other values by kind. */
export function defaultTitle(name: string, value: unknown, _type?: string): string {
  if (isTable(value)) return `${name}: a pinned ${value.rows.length} x ${value.columns.length} data frame`;
  return `${name}: a pinned ${friendlyType(value)}`;
}

/** The title pins gives uploaded files: '<name>: a pinned .<ext> file' or '<name>: <n> pinned files'. */
export function defaultUploadTitle(name: string, fileNames: readonly string[]): string {
  if (fileNames.length !== 1) return `${name}: ${fileNames.length} pinned files`;
  const base = fileNames[0]!.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 && dot < base.length - 1 ? `${name}: a pinned .${base.slice(dot + 1)} file` : `${name}: a pinned file`;
}
