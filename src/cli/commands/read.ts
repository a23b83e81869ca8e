import type { Cell, ColumnType, Table } from '../../core/pins/index.js';
import { escapeControl, formatTable, plural, toJson, truncate } from '../output.js';
import { pinNameArg, stringFlag, withBoard, wantsJson, type Command } from '../command.js';

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

export const readCommand: Command = {
  name: 'read',
  summary: "print a pin's data: a preview of a table, a JSON value, or the paths of a file pin",
  positionals: [{ name: 'NAME', required: true, description: 'the pin name' }],
  options: { version: { type: 'string', value: 'V', example: '20220214T163720Z-9bfad', description: 'a version from `pinwheel versions NAME` (default: the latest)' } },
  details:
    'Tables (csv, arrow, parquet, and json pins holding records) are previewed; --json prints every row. ' +
    'The preview shows missing values as NA, newlines, tabs and other control characters escaped (\\n, \\t), ' +
    'and fractional numbers to 7 significant digits; --json gives the exact values (missing ones as null). ' +
    'File pins (type file, and R/Python objects such as rds or joblib, which Pinwheel never loads) are ' +
    'not decoded: use `pinwheel download` to get their files. Nothing is executed.',
  jsonShape:
    'tables: [{"column": value, …}, …] (one object per row; values are string, number, boolean or null)\n' +
    '  json pins: the stored JSON value as is\n' +
    '  file pins: ["/absolute/path/of/each/file", …]',
  examples: ['pinwheel read df_csv --board ./my-board', 'pinwheel read df_csv --board ./my-board --json > rows.json'],
  async run(args, context) {
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
  },
};
