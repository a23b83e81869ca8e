// The in-memory data frame every tabular pin type (csv, arrow, parquet, legacy table, and json
// records) is read into and written from.
import { PinsError } from '../errors.js';

export type Cell = string | number | boolean | null;

/**
 * - integer: every value is a safe integer (|n| <= 2^53 - 1);
 * - date: 'YYYY-MM-DD' strings; datetime: ISO 8601 UTC strings ('2021-01-02T03:04:05.678Z');
 * - unknown: no type could be given (all values missing, mixed kinds, or nested values, which
 *   are held as JSON text).
 */
export type ColumnType = 'boolean' | 'integer' | 'number' | 'string' | 'date' | 'datetime' | 'unknown';

export interface Table {
  columns: { name: string; type: ColumnType }[];
  rows: Record<string, Cell>[];
}

const COLUMN_TYPES: readonly ColumnType[] = ['boolean', 'integer', 'number', 'string', 'date', 'datetime', 'unknown'];

/** True for a value shaped like a Table (columns with names and types, rows as objects). */
export function isTable(value: unknown): value is Table {
  if (typeof value !== 'object' || value === null) return false;
  const { columns, rows } = value as Partial<Table>;
  return (
    Array.isArray(columns) &&
    Array.isArray(rows) &&
    columns.every(
      (column) =>
        typeof column === 'object' &&
        column !== null &&
        typeof column.name === 'string' &&
        COLUMN_TYPES.includes(column.type),
    )
  );
}

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Milliseconds since the epoch of a 'YYYY-MM-DD' cell, or null if it is not a real date. */
export function parseDateCell(text: string): number | null {
  if (!DATE_PATTERN.test(text)) return null;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text ? null : ms;
}

/** Milliseconds since the epoch of an ISO 8601 datetime cell with a time zone, or null. */
export function parseDatetimeCell(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

export function formatDateCell(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function formatDatetimeCell(ms: number): string {
  return new Date(ms).toISOString();
}

function describeCell(cell: unknown): string {
  return typeof cell === 'string' ? JSON.stringify(cell) : String(cell);
}

function cellFits(type: ColumnType, cell: Cell): boolean {
  switch (type) {
    case 'boolean':
      return typeof cell === 'boolean';
    case 'integer':
      return Number.isSafeInteger(cell);
    case 'number':
      return typeof cell === 'number';
    case 'string':
      return typeof cell === 'string';
    case 'date':
      return typeof cell === 'string' && parseDateCell(cell) !== null;
    case 'datetime':
      return typeof cell === 'string' && parseDatetimeCell(cell) !== null;
    case 'unknown':
      return true;
  }
}

const EXPECTED: Record<ColumnType, string> = {
  boolean: 'true or false',
  integer: 'a whole number between -(2^53 - 1) and 2^53 - 1',
  number: 'a number',
  string: 'a string',
  date: "a 'YYYY-MM-DD' date",
  datetime: "an ISO 8601 date-time with a time zone, like '2021-01-02T03:04:05Z'",
  unknown: 'any value',
};

/**
 * Checks a table before it is written: unique column names, and every cell null or of its
 * column's type. Throws PinsError('invalid-argument') pointing at the first bad cell.
 */
export function checkTable(table: Table, what: string): void {
  const seen = new Set<string>();
  for (const { name } of table.columns) {
    if (seen.has(name)) {
      throw new PinsError('invalid-argument', `Cannot write ${what}: the column name ${JSON.stringify(name)} appears twice. Rename one of the columns.`);
    }
    seen.add(name);
  }
  table.rows.forEach((row, index) => {
    if (typeof row !== 'object' || row === null) {
      throw new PinsError('invalid-argument', `Cannot write ${what}: row ${index + 1} is not an object of column values.`);
    }
    for (const { name, type } of table.columns) {
      const cell = cellOf(row, name);
      if (cell !== null && !cellFits(type, cell)) {
        throw new PinsError(
          'invalid-argument',
          `Cannot write ${what}: column ${JSON.stringify(name)} is declared ${type}, but row ${index + 1} holds ` +
            `${describeCell(cell)}; expected ${EXPECTED[type]} or null. Fix the value or change the column's type.`,
        );
      }
    }
  });
}

/** Column names as pandas makes duplicates unique: x, x.1, x.2 … */
export function uniqueColumnNames(names: string[]): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    let unique = name;
    for (let suffix = 1; used.has(unique); suffix++) unique = `${name}.${suffix}`;
    used.add(unique);
    return unique;
  });
}

/**
 * The cell of a row in a column; an absent key is null. Own keys only, so that columns named
 * like Object.prototype members ('constructor', '__proto__') are never confused with them.
 */
export function cellOf(row: Record<string, Cell>, name: string): Cell {
  return Object.hasOwn(row, name) ? (row[name] ?? null) : null;
}

/** The cells of one column, top to bottom. */
export function columnCells(table: Table, name: string): Cell[] {
  return table.rows.map((row) => cellOf(row, name));
}

/** A row object from column/value pairs; '__proto__' becomes an ordinary key. */
export function makeRow(entries: [string, Cell][]): Record<string, Cell> {
  return Object.fromEntries(entries) as Record<string, Cell>;
}

function jsonText(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (typeof inner === 'bigint') return Number(inner);
    if (ArrayBuffer.isView(inner) && !(inner instanceof DataView)) return Array.from(inner as unknown as ArrayLike<number>);
    return inner;
  });
}

/** An integer from a reader: a number when a double holds it exactly, else its decimal digits. */
export function exactInteger(value: number | bigint): number | string {
  if (typeof value === 'number') return value;
  const asNumber = Number(value);
  return Number.isSafeInteger(asNumber) ? asNumber : value.toString();
}

/**
 * An int64 column holding integers beyond 2^53 cannot be numbers in JavaScript without rounding
 * (an ID 9007199254740993 would silently become ...992). Such a column becomes a string column of
 * exact decimal digits instead, so that reading, printing and converting lose nothing.
 */
export function integersBeyondDoubles(type: ColumnType, cells: (Cell | undefined)[]): { type: ColumnType; cells: Cell[] } {
  const present = cells.map((cell) => cell ?? null);
  if (type !== 'integer' || !present.some((cell) => typeof cell === 'string')) return { type, cells: present };
  return { type: 'string', cells: present.map((cell) => (cell === null ? null : String(cell))) };
}

/**
 * A table cell for any value a reader produced: scalars as they are, BigInt as a number,
 * a Date as an ISO datetime, and anything nested (arrays, objects, binary) as JSON text.
 */
export function cellFromValue(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  const withJson = value as { toJSON?: () => unknown };
  return jsonText(typeof withJson.toJSON === 'function' ? withJson.toJSON() : value) ?? null;
}

function inferType(values: unknown[]): ColumnType {
  const present = values.filter((value) => value !== null && value !== undefined);
  if (present.length === 0) return 'unknown';
  if (present.every((value) => typeof value === 'boolean')) return 'boolean';
  if (present.every((value) => Number.isSafeInteger(value))) return 'integer';
  if (present.every((value) => typeof value === 'number')) return 'number';
  if (present.every((value) => typeof value === 'string')) return 'string';
  return 'unknown';
}

/**
 * Builds a Table from row records (parsed JSON, pandas `orient="records"`, jsonlite data
 * frames). Columns are the union of the keys in first-seen order; a missing key is null.
 * Types: all booleans → boolean, all safe integers → integer, all numbers → number, all
 * strings → string (ISO dates stay strings), anything else → unknown, with nested values
 * kept as JSON text.
 */
export function tableFromRecords(records: Record<string, unknown>[]): Table {
  const names: string[] = [];
  const known = new Set<string>();
  for (const record of records) {
    for (const key of Object.keys(record)) {
      if (!known.has(key)) {
        known.add(key);
        names.push(key);
      }
    }
  }
  const field = (record: Record<string, unknown>, name: string) => (Object.hasOwn(record, name) ? record[name] : null);
  const columns = names.map((name) => ({
    name,
    type: inferType(records.map((record) => field(record, name))),
  }));
  const rows = records.map((record) => makeRow(names.map((name) => [name, cellFromValue(field(record, name))])));
  return { columns, rows };
}
