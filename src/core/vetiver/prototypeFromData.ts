// A model's prototype (the typed, ordered columns a request row must have) from a sample of the
// data it was trained on: any pins Table (csv, json records, arrow, parquet, or a data pin).
// Like vetiver-python's prototype from a DataFrame (spec §4.2), the example of each column is a
// real value from the sample; unlike it, Pinwheel records which columns may be missing.
import type { Cell, ColumnType, Table } from '../pins/index.js';
import { ModelError } from './errors.js';
import type { PrototypeColumn } from './modelSpec.js';

/** A sample column that cannot become a prototype column, and why. */
export interface UntypedColumn {
  name: string;
  problem: string;
}

/**
 * What a data sample says about a model's columns. Columns that cannot be typed are kept apart
 * rather than refused at once: they only matter when the model uses them.
 */
export interface DataSample {
  /** Names the sample in messages, e.g. "ads.csv" or 'pin "ads_data" version 2026…'. */
  source: string;
  /** Every column's name, typed or not, in the sample's order. */
  columns: string[];
  /** Every typed column, in the sample's order. */
  prototype: PrototypeColumn[];
  untyped: UntypedColumn[];
  /** 'number' columns whose sample values are all whole numbers (they may feed an integer tensor). */
  wholeNumberColumns: string[];
  /** Whole-number columns whose sample values are all 0 or 1 (dummy columns: they may feed a bool tensor). */
  zeroOneColumns?: string[];
  /** Things the user should know about how the sample was read (dates taken as text…). */
  notes: string[];
}

function firstPresent(table: Table, name: string): Cell {
  for (const row of table.rows) {
    const cell = Object.hasOwn(row, name) ? (row[name] ?? null) : null;
    if (cell !== null) return cell;
  }
  return null;
}

function hasMissing(table: Table, name: string): boolean {
  return table.rows.some((row) => !Object.hasOwn(row, name) || row[name] === null || row[name] === undefined);
}

function allWholeNumbers(table: Table, name: string): boolean {
  return table.rows.every((row) => {
    const cell = Object.hasOwn(row, name) ? (row[name] ?? null) : null;
    return cell === null || (typeof cell === 'number' && Number.isSafeInteger(cell));
  });
}

function allZeroOrOne(table: Table, name: string): boolean {
  return table.rows.every((row) => {
    const cell = Object.hasOwn(row, name) ? (row[name] ?? null) : null;
    return cell === null || cell === 0 || cell === 1;
  });
}

const PROTOTYPE_TYPE: Partial<Record<ColumnType, PrototypeColumn['type']>> = {
  boolean: 'boolean',
  integer: 'integer',
  number: 'number',
  string: 'string',
  date: 'string',
  datetime: 'string',
};

function untypedProblem(table: Table, name: string): string {
  if (table.rows.length > 0 && table.rows.every((row) => !Object.hasOwn(row, name) || row[name] === null)) {
    return 'every value is missing, so the sample does not show what the model expects there';
  }
  return 'its values are of mixed kinds (or nested lists/objects), so it has no single type';
}

/**
 * Reads a sample leniently: typed columns become prototype columns (dates and date-times as ISO
 * text, with a note), untyped ones are listed with the reason. Throws ModelError
 * 'invalid-prototype' only when the sample has no rows or no columns at all.
 */
export function sampleFromTable(table: Table, source = 'the sample data'): DataSample {
  if (table.columns.length === 0) {
    throw new ModelError('invalid-prototype', `Cannot build a prototype from ${source}: it has no columns. Give a sample of the data the model was trained on (a csv, json, arrow or parquet file, or a data pin) with one column per model input.`);
  }
  if (table.rows.length === 0) {
    throw new ModelError('invalid-prototype', `Cannot build a prototype from ${source}: it has columns (${table.columns.map((c) => c.name).join(', ')}) but no rows, and the prototype takes each column's example from the first row that has a value. Give a sample with at least one row.`);
  }
  const sample: DataSample = { source, columns: table.columns.map((column) => column.name), prototype: [], untyped: [], wholeNumberColumns: [], notes: [] };
  for (const { name, type } of table.columns) {
    const prototypeType = PROTOTYPE_TYPE[type];
    const example = firstPresent(table, name);
    if (prototypeType === undefined || example === null) {
      sample.untyped.push({ name, problem: untypedProblem(table, name) });
      continue;
    }
    const column: PrototypeColumn = { name, type: prototypeType, example };
    if (hasMissing(table, name)) column.nullable = true;
    sample.prototype.push(column);
    if (type === 'number' && allWholeNumbers(table, name)) sample.wholeNumberColumns.push(name);
    if ((type === 'integer' || type === 'number') && allZeroOrOne(table, name)) (sample.zeroOneColumns ??= []).push(name);
    if (type === 'date' || type === 'datetime') {
      sample.notes.push(
        `Column "${name}" of ${source} holds ${type === 'date' ? 'dates' : 'date-times'}; the prototype takes them as ISO text ` +
          `(such as "${String(example)}"), since an ONNX model reads numbers or text. If the model expects numbers there, convert the column before pinning.`,
      );
    }
  }
  return sample;
}

/** The message for a sample column that is needed but has no type. */
export function untypedColumnError(source: string, column: UntypedColumn, fix: string): ModelError {
  return new ModelError(
    'invalid-prototype',
    `Cannot use column "${column.name}" of ${source} in the prototype: ${column.problem}. ${fix}`,
  );
}

/**
 * The prototype of every column of a sample, in order; `notes` say what was converted.
 * Throws ModelError 'invalid-prototype' naming the first column without a usable type.
 */
export function prototypeFromTable(table: Table, source = 'the sample data'): { prototype: PrototypeColumn[]; notes: string[] } {
  const sample = sampleFromTable(table, source);
  const first = sample.untyped[0];
  if (first) {
    throw untypedColumnError(source, first, `Give it values of one kind in the sample (all numbers, all text or all true/false), or leave the column out (--exclude ${first.name}) if the model does not use it.`);
  }
  return { prototype: sample.prototype, notes: sample.notes };
}
