import type { Cell, ColumnType, Table } from '../../core/pins/index.js';
import { escapeControl, formatTable, plural, toJson, truncate } from '../output.js';
import { pinNameArg, stringFlag, withBoard, wantsJson, type RunCommand } from '../command.js';

const PREVIEW_ROWS = 20;
const PREVIEW_CELL_WIDTH = 30;

const SHORT_TYPE: Record<ColumnType, string> = {
  boolean: '<bool>',
  integer: '<int>',
  number: '<num>',
  string: '<str>',
  date: '<date>',
  datetime: '<datetime>',
  unknown: '<?>',
};

/** Significant digits of a fractional number in the preview, as R prints them; --json stays exact. */
const PREVIEW_DIGITS = 7;

/** A cell as the preview shows it: missing values as NA (as R does), control characters escaped. */
function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return 'NA';
  if (typeof cell === 'number' && Number.isFinite(cell) && !Number.isInteger(cell)) {
    return String(Number(cell.toPrecision(PREVIEW_DIGITS)));
  }
  return truncate(escapeControl(String(cell)), PREVIEW_CELL_WIDTH);
}

/** A tibble-like preview: dimensions, column names with their types, the first rows. */
function tablePreview(label: string, table: Table): string {
  const columns = table.columns;
  const shown = table.rows.slice(0, PREVIEW_ROWS);
  const numeric = columns.flatMap((c, i) => (c.type === 'integer' || c.type === 'number' ? [i] : []));
  const body = formatTable(
    columns.map((c) => truncate(escapeControl(c.name), PREVIEW_CELL_WIDTH)),
    [columns.map((c) => SHORT_TYPE[c.type]), ...shown.map((row) => columns.map((c) => cellText(row[c.name])))],
    numeric,
  );
  const more = table.rows.length > shown.length ? `\n… ${plural(table.rows.length - shown.length, 'more row')} (use --json for all)` : '';
  return `# ${label}: a table of ${plural(table.rows.length, 'row')} × ${plural(columns.length, 'column')}\n${body}${more}`;
}

export const run: RunCommand = async (args, context) => {
  const name = pinNameArg(args);
  const version = stringFlag(args, 'version');
  const content = await withBoard(args, context, 'read', 'read', (board) => board.read(name, version));
  const json = wantsJson(args);
  const label = version ? `${name} ${version}` : name;
  switch (content.kind) {
    case 'table':
      context.output.out(json ? toJson(content.table.rows) : tablePreview(label, content.table));
      break;
    case 'json':
      context.output.out(toJson(content.value));
      break;
    case 'files':
      context.output.out(json ? toJson(content.paths) : content.paths.join('\n'));
      break;
  }
};
