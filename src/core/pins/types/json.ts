// JSON pins: any JSON value. A table is written as an array of row records, as pandas
// `to_json(orient="records")` and R's jsonlite write data frames; callers turn such an array
// back into a table with tableFromRecords.
//
// Limits: NaN and ±Infinity are written as null (JSON has no such numbers; pandas does the
// same); -0 is written as 0; JSON keeps no column types, so a number column whose values are
// all whole reads back as integer, date/datetime columns read back as strings, and a table
// with no rows is written `[]`, losing its column names; and since JavaScript objects list
// integer-like keys first, columns named like '12' come first when records become a table.
import { corruptData, type DataLocation } from './dataLocation.js';
import { decodeUtf8 } from './utf8.js';
import { PinsError } from '../errors.js';
import { cellOf, isTable, makeRow, type Cell, type Table } from './table.js';

/** Row records of a table, columns in table order, missing cells as null. */
export function tableToRecords(table: Table): Record<string, Cell>[] {
  return table.rows.map((row) => makeRow(table.columns.map(({ name }) => [name, cellOf(row, name)])));
}

export function formatJson(value: unknown): string {
  const data = isTable(value) ? tableToRecords(value) : value;
  let text: string | undefined;
  try {
    text = JSON.stringify(data);
  } catch (error) {
    throw new PinsError(
      'invalid-argument',
      `Cannot write this value as a JSON pin: ${(error as Error).message}. JSON pins hold plain data ` +
        '(objects, arrays, strings, numbers, booleans and null) without cycles or BigInt values.',
      { cause: error },
    );
  }
  if (text === undefined) {
    throw new PinsError('invalid-argument', `Cannot write ${typeof data} as a JSON pin: only plain data (objects, arrays, strings, numbers, booleans, null) can be stored as JSON.`);
  }
  return text;
}

export function encodeJson(value: unknown): Uint8Array {
  return new TextEncoder().encode(formatJson(value));
}

// Python's json module writes NaN, Infinity and -Infinity as bare words (not valid JSON) and
// reads them back; pins-python writes dicts with json.dumps, so accept them too.
const NON_FINITE: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };
const TOKENS = /"(?:[^"\\]|\\.)*"|-?Infinity|NaN/g;
const PLACEHOLDER = '\u0000pinwheel-non-finite:';

function parseWithNonFiniteNumbers(text: string): unknown {
  let replaced = false;
  const patched = text.replace(TOKENS, (token) => {
    if (token.startsWith('"')) return token;
    replaced = true;
    return JSON.stringify(PLACEHOLDER + token);
  });
  if (!replaced) throw new SyntaxError('no NaN or Infinity to accept');
  return JSON.parse(patched, (_key, value: unknown) =>
    typeof value === 'string' && value.startsWith(PLACEHOLDER) ? NON_FINITE[value.slice(PLACEHOLDER.length)] : value,
  );
}

export function parseJson(text: string, where: DataLocation): unknown {
  if (text.trim() === '') throw corruptData(where, 'is empty, so it holds no JSON value');
  try {
    return JSON.parse(text);
  } catch (error) {
    try {
      return parseWithNonFiniteNumbers(text);
    } catch {
      throw corruptData(where, `is not valid JSON (${(error as Error).message})`, { cause: error });
    }
  }
}

export function decodeJson(bytes: Uint8Array, where: DataLocation): unknown {
  return parseJson(decodeUtf8(bytes, where, 'JSON'), where);
}
