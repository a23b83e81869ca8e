import { z } from 'zod';
import type { ModelRow } from '../core/inference/modelSession.js';
import { closestName } from '../core/text/editDistance.js';
import type { PrototypeColumn } from '../core/vetiver/modelSpec.js';

/** One thing wrong with a request body: which row (0-based) and column, and what. */
export interface RowProblem {
  row: number | null;
  column: string | null;
  problem: string;
}

export type RowsResult =
  | { ok: true; rows: ModelRow[]; ignoredColumns: string[] }
  | { ok: false; message: string; details: RowProblem[] };

/** At most this many problems are listed; the message says how many more there were. */
const MAX_DETAILS = 100;

function show(value: unknown): string {
  let text: string;
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (Array.isArray(value)) text = `a list (${value.length} items)`;
  else if (typeof value === 'object' && value !== null) text = 'an object';
  else text = String(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

function example(column: PrototypeColumn): string {
  return column.example === null || column.example === undefined ? '' : `, e.g. ${JSON.stringify(column.example)}`;
}

// R's client sends missing values as the string "NA"; Python's as null.
const MISSING_STRINGS = new Set(['NA', 'NaN', '']);
const TRUE_STRINGS = new Set(['true', 'True', 'TRUE', 't', 'T', 'yes', 'Yes', 'YES', 'y', 'on', '1']);
const FALSE_STRINGS = new Set(['false', 'False', 'FALSE', 'f', 'F', 'no', 'No', 'NO', 'n', 'off', '0']);
const NUMERIC_STRING = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

type Coerced = { value: boolean | number | string | null } | { problem: string };

function coerceBoolean(value: unknown): Coerced {
  if (typeof value === 'boolean') return { value };
  if (value === 0 || value === 1) return { value: value === 1 };
  if (typeof value === 'string') {
    if (TRUE_STRINGS.has(value)) return { value: true };
    if (FALSE_STRINGS.has(value)) return { value: false };
  }
  return { problem: `expected true or false, got ${show(value)}` };
}

function coerceNumber(value: unknown, integer: boolean): Coerced {
  let number: number | undefined;
  if (typeof value === 'number') number = value;
  else if (typeof value === 'boolean') number = value ? 1 : 0; // as R and pandas do
  else if (typeof value === 'string' && NUMERIC_STRING.test(value)) number = Number(value);
  if (number === undefined) return { problem: `expected ${integer ? 'an integer' : 'a number'}, got ${show(value)}` };
  if (!Number.isFinite(number)) return { problem: `expected a finite number, got ${show(value)} (too large for a 64-bit float)` };
  if (integer && !Number.isInteger(number)) return { problem: `expected an integer, got ${show(value)}` };
  if (integer && !Number.isSafeInteger(number)) return { problem: `expected an integer between -(2^53-1) and 2^53-1, got ${show(value)}` };
  return { value: number };
}

function coerceString(value: unknown): Coerced {
  if (typeof value === 'string') return { value };
  // pandas and R write numbers for text columns that look numeric (e.g. zip codes).
  if (typeof value === 'number' && Number.isFinite(value)) return { value: String(value) };
  return { problem: `expected a string, got ${show(value)}` };
}

function coerce(column: PrototypeColumn, value: unknown): Coerced {
  // For text columns only "NA" of a nullable column is missing: "" and "NaN" may be real text.
  const missing = value === undefined || value === null
    || (typeof value === 'string' && (column.type === 'string' ? value === 'NA' && column.nullable === true : MISSING_STRINGS.has(value)));
  if (missing) {
    if (column.nullable) return { value: null };
    const what = `${column.type}${example(column)}`;
    return { problem: value === undefined ? `missing: every row needs "${column.name}" (${what})` : `is ${show(value)}, but "${column.name}" cannot be missing (${what})` };
  }
  switch (column.type) {
    case 'boolean': return coerceBoolean(value);
    case 'integer': return coerceNumber(value, true);
    case 'number': return coerceNumber(value, false);
    case 'string': return coerceString(value);
  }
}

/**
 * The zod schema of one row: every prototype column, coerced the way vetiver's clients need
 * (R sends "NA" and numeric strings, pandas sends null), with a message per bad cell.
 * Unknown keys are stripped (vetiver ignores extra columns too); the caller reports them.
 */
export function rowSchema(prototype: readonly PrototypeColumn[]): z.ZodType<ModelRow> {
  const shape: Record<string, z.ZodType> = {};
  for (const column of prototype) {
    shape[column.name] = z.unknown().transform((value, context) => {
      const result = coerce(column, value);
      if ('problem' in result) {
        context.addIssue({ code: 'custom', message: result.problem });
        return z.NEVER;
      }
      return result.value;
    });
  }
  return z.object(shape, { error: (issue) => (issue.code === 'invalid_type' ? `expected an object of column values like ${exampleRowText(prototype)}, got ${show(issue.input)}` : undefined) }) as unknown as z.ZodType<ModelRow>;
}

function exampleRowText(prototype: readonly PrototypeColumn[]): string {
  const first = prototype.slice(0, 2).map((c) => `${JSON.stringify(c.name)}: ${JSON.stringify(c.example ?? null)}`);
  return `{${first.join(', ')}${prototype.length > 2 ? ', …' : ''}}`;
}

/**
 * Accepted body shapes: an array of records (what vetiver's clients send), one record,
 * `{"data": [records]}`, and pandas' split orientation `{"columns": [...], "data": [[...]]}`.
 */
function recordsOf(body: unknown, prototype: readonly PrototypeColumn[]): unknown[] | RowProblem {
  if (Array.isArray(body)) return body;
  if (typeof body === 'object' && body !== null) {
    const object = body as Record<string, unknown>;
    const hasDataColumn = prototype.some((c) => c.name === 'data' || c.name === 'columns');
    if (!hasDataColumn && Array.isArray(object.data)) {
      if (Array.isArray(object.columns)) {
        const columns = object.columns;
        if (!columns.every((c) => typeof c === 'string')) return { row: null, column: null, problem: '"columns" must be a list of column names' };
        return object.data.map((values: unknown) => (Array.isArray(values) ? Object.fromEntries(columns.map((c, i) => [c, values[i]])) : values));
      }
      return object.data;
    }
    return [body];
  }
  return { row: null, column: null, problem: `expected a JSON list of rows like [${exampleRowText(prototype)}], got ${show(body)}` };
}

/** Validates a parsed JSON body against the prototype: rows ready for the model, or every problem. */
export function validateRows(body: unknown, prototype: readonly PrototypeColumn[], schema: z.ZodType<ModelRow>): RowsResult {
  const records = recordsOf(body, prototype);
  if (!Array.isArray(records)) return { ok: false, message: records.problem, details: [records] };
  if (records.length === 0) {
    const problem = `the list of rows is empty: send at least one row like [${exampleRowText(prototype)}]`;
    return { ok: false, message: problem, details: [{ row: null, column: null, problem }] };
  }
  const rows: ModelRow[] = new Array<ModelRow>(records.length);
  const details: RowProblem[] = [];
  let problems = 0;
  for (let index = 0; index < records.length; index += 1) {
    const record = records[index];
    // Once the details are full, bad rows are only counted, without zod's error objects: a
    // body of 100,000 bad rows must be refused in milliseconds, not block the server.
    if (details.length >= MAX_DETAILS) {
      problems += countProblems(record, prototype);
      continue;
    }
    const parsed = schema.safeParse(record);
    if (parsed.success) {
      rows[index] = parsed.data;
      continue;
    }
    for (const issue of parsed.error.issues) {
      problems += 1;
      if (details.length < MAX_DETAILS) {
        const column = typeof issue.path[0] === 'string' ? issue.path[0] : null;
        details.push({ row: index, column, problem: issue.message + typoHint(record, column, prototype) });
      }
    }
  }
  if (problems > 0) {
    const listed = details.slice(0, 3).map((d) => `row ${d.row}${d.column === null ? '' : `, column "${d.column}"`}: ${d.problem}`);
    const more = problems > listed.length ? `; and ${problems - listed.length} more (see details)` : '';
    return { ok: false, message: `${problems} problem${problems === 1 ? '' : 's'} in the request body: ${listed.join('; ')}${more}. The expected columns are at GET /prototype.`, details };
  }
  return { ok: true, rows, ignoredColumns: ignoredColumnsOf(records, prototype) };
}

/** For a missing column, a key of the row that looks like a misspelling of it ("funy" for "funny"). */
function typoHint(record: unknown, column: string | null, prototype: readonly PrototypeColumn[]): string {
  if (column === null || typeof record !== 'object' || record === null || Object.hasOwn(record, column)) return '';
  const known = new Set(prototype.map((c) => c.name));
  const unknownKeys = Object.keys(record).filter((key) => !known.has(key));
  const near = closestName(column, unknownKeys);
  return near === undefined ? '' : `; the row has ${JSON.stringify(near)}: a misspelling of "${column}"?`;
}

/** The number of problems rowSchema would report for one record, counted the same way. */
function countProblems(record: unknown, prototype: readonly PrototypeColumn[]): number {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return 1;
  let count = 0;
  for (const column of prototype) {
    const value: unknown = Object.hasOwn(record, column.name) ? (record as Record<string, unknown>)[column.name] : undefined;
    if ('problem' in coerce(column, value)) count += 1;
  }
  return count;
}

/** Keys the model does not use (as vetiver, they are ignored; the server says which). */
function ignoredColumnsOf(records: readonly unknown[], prototype: readonly PrototypeColumn[]): string[] {
  const known = new Set(prototype.map((c) => c.name));
  const ignored = new Set<string>();
  for (const record of records) {
    for (const key in record as Record<string, unknown>) {
      if (!known.has(key)) {
        ignored.add(key);
        if (ignored.size >= 20) return [...ignored];
      }
    }
  }
  return [...ignored];
}
