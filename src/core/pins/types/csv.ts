// CSV pins: read what pandas `to_csv(index=False)` and R `write.csv(row.names = FALSE)` write,
// and write files both of them (and this reader) read back as the same table.
//
// Reading (RFC 4180, plus what those writers produce):
// - fields separated by commas; a field in double quotes may hold commas, CR/LF line breaks
//   and doubled quotes; records end with LF, CRLF or CR; a UTF-8 byte order mark is ignored;
//   a trailing line break is optional; blank lines are skipped (as pandas and R do).
// - missing values: an empty unquoted field and an unquoted `NA` (R's marker) are null. A
//   quoted `""` is the empty string and a quoted `"NA"` is the string NA, which is how R
//   writes them.
// - column types, from the non-missing values: all TRUE/FALSE/True/False/true/false →
//   boolean; all integer literals within ±(2^53-1) → integer; all numbers (also 1e-05, .5,
//   Inf, -Inf, inf, Infinity, NaN) → number; otherwise string. A column is string if any of
//   its values is quoted (R quotes exactly its character columns; pandas quotes only strings
//   that need it) or has a leading zero like 00123 (codes, not numbers). ISO dates stay
//   strings. A column without any value is `unknown`.
//
// Writing: a header row, then one line per row, LF line endings. Fields are quoted only when
// needed — for the CSV syntax (comma, quote, CR, LF) or, in string columns, when the text
// would otherwise read back as something else (empty string, NA, a number or a boolean
// literal). Missing values are written `NA`, as R's write.csv does: R's read.csv reads an
// empty field in a text column as "" rather than missing, while pandas, R and this reader all
// read an unquoted NA as missing. Booleans are written TRUE and
// FALSE: pandas' read_csv and R's read.csv both read TRUE/FALSE and True/False as booleans,
// and TRUE/FALSE is what R writes and spreadsheets show. Numbers use JavaScript's shortest
// round-trip form; whole numbers in a number column get a `.0` (as pandas writes floats) so
// the column reads back as number rather than integer; infinities and NaN are Inf, -Inf, NaN.
//
// CSV limits (what does not survive write → read): date and datetime columns read back as
// string columns; -0 in an integer column reads back as 0; a string column whose values are
// all missing, and every column of a table with no rows, read back as `unknown`. Other readers:
// pandas reads both "" and NA as NaN; R reads NA as NA and "" as "" (as this reader does); both
// ignore quotes when typing a column, so a text column holding only numerals ("00123", "12")
// or TRUE/FALSE comes back there as numbers or booleans: `csvTextColumnsAtRisk` names them,
// so that users can be told to pin such data as arrow or parquet.
import { corruptData, type DataLocation } from './dataLocation.js';
import { decodeUtf8 } from './utf8.js';
import { PinsError } from '../errors.js';
import { cellOf, checkTable, makeRow, uniqueColumnNames, type Cell, type ColumnType, type Table } from './table.js';

interface RawField {
  text: string;
  quoted: boolean;
}

interface RawRecord {
  line: number;
  fields: RawField[];
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code === LF || (code === CR && text.charCodeAt(i + 1) !== LF)) count++;
  }
  return count;
}

/** Splits CSV text into records of fields, remembering the line each record starts on. */
function readRecords(text: string, where: DataLocation): RawRecord[] {
  const records: RawRecord[] = [];
  const unquotedEnd = /[,\r\n]/g;
  const length = text.length;
  let at = 0;
  let line = 1;
  while (at < length) {
    const first = text.charCodeAt(at);
    if (first === LF || first === CR) {
      at += first === CR && text.charCodeAt(at + 1) === LF ? 2 : 1;
      line++;
      continue; // blank line
    }
    const record: RawRecord = { line, fields: [] };
    for (;;) {
      if (text.charCodeAt(at) === QUOTE) {
        const openedOn = line;
        let value = '';
        let from = at + 1;
        for (;;) {
          const close = text.indexOf('"', from);
          if (close < 0) {
            throw corruptData(where, `has a quoted field starting on line ${openedOn} that is never closed (the file ends inside it)`);
          }
          value += text.slice(from, close);
          line += countLineBreaks(text, from, close);
          if (text.charCodeAt(close + 1) === QUOTE) {
            value += '"';
            from = close + 2;
            continue;
          }
          at = close + 1;
          break;
        }
        record.fields.push({ text: value, quoted: true });
        const next = text.charCodeAt(at);
        if (at < length && next !== COMMA && next !== CR && next !== LF) {
          throw corruptData(where, `has text right after the closing quote of a field on line ${line}, which is not valid CSV`, {
            hint: 'Inside a quoted field a double quote must be doubled ("").',
          });
        }
      } else {
        unquotedEnd.lastIndex = at;
        const end = unquotedEnd.exec(text)?.index ?? length;
        record.fields.push({ text: text.slice(at, end), quoted: false });
        at = end;
      }
      if (at >= length) break;
      const delimiter = text.charCodeAt(at);
      if (delimiter === COMMA) {
        at++;
        continue;
      }
      at += delimiter === CR && text.charCodeAt(at + 1) === LF ? 2 : 1;
      line++;
      break;
    }
    records.push(record);
  }
  return records;
}

const BOOLEANS = new Map<string, boolean>([
  ['TRUE', true],
  ['True', true],
  ['true', true],
  ['FALSE', false],
  ['False', false],
  ['false', false],
]);
const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const INFINITY = /^[+-]?inf(inity)?$/i;
const NOT_A_NUMBER = /^nan$/i;
const LEADING_ZERO = /^[+-]?0\d/;

function isMissing(field: RawField): boolean {
  return !field.quoted && (field.text === '' || field.text === 'NA');
}

function isIntegerText(text: string): boolean {
  return INTEGER.test(text) && Number.isSafeInteger(Number(text));
}

function isNumberText(text: string): boolean {
  return DECIMAL.test(text) || INFINITY.test(text) || NOT_A_NUMBER.test(text);
}

function numberFromText(text: string): number {
  if (INFINITY.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (NOT_A_NUMBER.test(text)) return NaN;
  return Number(text);
}

function inferColumnType(fields: RawField[]): ColumnType {
  let present = 0;
  let allBoolean = true;
  let allInteger = true;
  let allNumber = true;
  for (const field of fields) {
    if (isMissing(field)) continue;
    present++;
    const { text } = field;
    if (field.quoted || LEADING_ZERO.test(text)) return 'string';
    allBoolean &&= BOOLEANS.has(text);
    allInteger &&= isIntegerText(text);
    allNumber &&= isNumberText(text);
  }
  if (present === 0) return 'unknown';
  if (allBoolean) return 'boolean';
  if (allInteger) return 'integer';
  if (allNumber) return 'number';
  return 'string';
}

function cellFromField(field: RawField, type: ColumnType): Cell {
  if (isMissing(field)) return null;
  switch (type) {
    case 'boolean':
      return BOOLEANS.get(field.text) ?? null;
    case 'integer':
    case 'number':
      return numberFromText(field.text);
    default:
      return field.text;
  }
}

/** Parses CSV text (see the rules at the top of this file) into a Table. */
export function parseCsv(text: string, where: DataLocation): Table {
  const records = readRecords(text, where);
  const header = records[0];
  if (!header) {
    throw corruptData(where, 'is empty: a CSV pin needs at least a header row with the column names');
  }
  const names = uniqueColumnNames(header.fields.map((field) => field.text));
  const body = records.slice(1);
  for (const record of body) {
    if (record.fields.length !== names.length) {
      throw corruptData(
        where,
        `has ${record.fields.length} field${record.fields.length === 1 ? '' : 's'} on line ${record.line}, ` +
          `but its header (line ${header.line}) has ${names.length} column${names.length === 1 ? '' : 's'}`,
        {
          hint:
            'Every row must have one value per column: a value containing a comma may be missing its quotes, ' +
            'or the file was cut short.',
        },
      );
    }
  }
  const columns = names.map((name, index) => ({
    name,
    type: inferColumnType(body.map((record) => record.fields[index]!)),
  }));
  const rows = body.map((record) =>
    makeRow(columns.map((column, index) => [column.name, cellFromField(record.fields[index]!, column.type)])),
  );
  return { columns, rows };
}

export function decodeCsv(bytes: Uint8Array, where: DataLocation): Table {
  return parseCsv(decodeUtf8(bytes, where, 'CSV'), where);
}

const NEEDS_QUOTES = /[",\r\n]/;

function quote(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/** Would this unquoted text be read as something other than this very string? */
function readsAsOther(text: string): boolean {
  return text === '' || text === 'NA' || BOOLEANS.has(text) || isNumberText(text);
}

function formatNumber(value: number, inNumberColumn: boolean): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Inf';
  if (value === -Infinity) return '-Inf';
  if (Object.is(value, -0)) return inNumberColumn ? '-0.0' : '0';
  const text = String(value);
  return inNumberColumn && Number.isInteger(value) && !text.includes('e') ? `${text}.0` : text;
}

function formatString(text: string): string {
  return NEEDS_QUOTES.test(text) || readsAsOther(text) ? quote(text) : text;
}

function formatCell(cell: Cell, type: ColumnType): string {
  if (cell === null) return 'NA';
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (typeof cell === 'number') return formatNumber(cell, type === 'number');
  if (type === 'date' || type === 'datetime') return cell;
  return formatString(cell);
}

/**
 * Text columns that pandas' read_csv and R's read.csv would read back from CSV as numbers or
 * booleans (they ignore quotes when typing a column): zip codes like "00123", IDs like "12".
 */
export function csvTextColumnsAtRisk(table: Table): { column: string; example: string }[] {
  const atRisk: { column: string; example: string }[] = [];
  for (const { name, type } of table.columns) {
    if (type !== 'string') continue;
    const texts = table.rows.map((row) => cellOf(row, name)).filter((cell): cell is string => typeof cell === 'string');
    if (texts.length > 0 && texts.every((text) => BOOLEANS.has(text) || isNumberText(text))) {
      atRisk.push({ column: name, example: texts.find((text) => LEADING_ZERO.test(text)) ?? texts[0]! });
    }
  }
  return atRisk;
}

/** Writes a Table as CSV text (see the rules at the top of this file). */
export function formatCsv(table: Table): string {
  if (table.columns.length === 0) {
    throw new PinsError('invalid-argument', 'Cannot write a CSV pin from a table with no columns: a CSV file needs at least one column.');
  }
  checkTable(table, 'the table as CSV');
  // an empty name is quoted so a one-column header is not a blank line; a leading U+FEFF so
  // readers do not take it for a byte order mark
  const header = table.columns
    .map(({ name }) => (name === '' || name.startsWith('\uFEFF') || NEEDS_QUOTES.test(name) ? quote(name) : name))
    .join(',');
  const lines = [header];
  for (const row of table.rows) {
    lines.push(table.columns.map(({ name, type }) => formatCell(cellOf(row, name), type)).join(','));
  }
  return `${lines.join('\n')}\n`;
}

export function encodeCsv(table: Table): Uint8Array {
  return new TextEncoder().encode(formatCsv(table));
}
