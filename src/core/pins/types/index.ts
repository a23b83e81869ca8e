// Pin data types: turning a value into the bytes of a pin's data file and back.
// The board chooses the file (data.txt `file`, or data.csv for a legacy `table` pin) and calls
// encodePinData / decodePinData; the per-format modules hold the details and their limits.
import { decodeCsv, encodeCsv } from './csv.js';
import { describeLocation, type DataLocation } from './dataLocation.js';
import { decodeJson, encodeJson } from './json.js';
import { describeSerializedObject, refuseSerializedObject } from './serializedObjects.js';
import { PinsError } from '../errors.js';
import { isTable, type Table } from './table.js';

export type PinType = 'csv' | 'json' | 'arrow' | 'parquet' | 'file' | 'rds' | 'qs' | 'qs2' | 'joblib' | 'pickle' | 'table';

/** Types encodePinData can write ('file' pins are made by uploading files). */
export const WRITABLE_TYPES: readonly PinType[] = ['csv', 'json', 'arrow', 'parquet'];

export const PIN_TYPES: readonly PinType[] = ['csv', 'json', 'arrow', 'parquet', 'file', 'rds', 'qs', 'qs2', 'joblib', 'pickle', 'table'];

export function isPinType(type: string): type is PinType {
  return (PIN_TYPES as readonly string[]).includes(type);
}

export type PinContent = { kind: 'table'; table: Table } | { kind: 'json'; value: unknown };

export type { Cell, ColumnType, Table } from './table.js';
export type { DataLocation } from './dataLocation.js';
export type { SerializedObjectInfo } from './serializedObjects.js';
export { isTable, tableFromRecords } from './table.js';
export { tableToRecords } from './json.js';
export { describeSerializedObject } from './serializedObjects.js';
export { csvTextColumnsAtRisk } from './csv.js';
export { defaultTitle, defaultUploadTitle } from './defaultTitle.js';

// The arrow and parquet libraries are large: loaded on first use, so that commands and the
// predict server that never touch those formats start faster.
const arrowCodec = () => import('./arrow.js');
const parquetCodec = () => import('./parquet.js');

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object that is not a table' : `a ${typeof value}`;
}

const WRITE_INSTEAD = 'Write a table (data frame) as csv, json, arrow or parquet, and any other JSON value as json.';

/**
 * The bytes of a pin's data file. json takes any JSON value (a Table is written as an array of
 * row records, like pins); csv, arrow and parquet need a Table. Throws PinsError
 * 'invalid-argument' for a value the type cannot hold and 'unsupported-type' for types
 * Pinwheel cannot write.
 */
export async function encodePinData(type: PinType, value: unknown): Promise<Uint8Array> {
  if (type === 'json') return encodeJson(value);
  if (type === 'csv' || type === 'arrow' || type === 'parquet') {
    if (!isTable(value)) {
      throw new PinsError(
        'invalid-argument',
        `A ${type} pin holds a table (columns and rows), but the value given is ${describeValue(value)}. ` +
          'Write it as json instead, or convert it to a table first.',
      );
    }
    if (type === 'csv') return encodeCsv(value);
    if (type === 'arrow') return (await arrowCodec()).encodeArrow(value);
    return (await parquetCodec()).encodeParquet(value);
  }
  if (type === 'file') {
    throw new PinsError('invalid-argument', "'file' pins are made by uploading files (pinwheel upload), not written from a value. " + WRITE_INSTEAD);
  }
  const serialized = describeSerializedObject(type);
  if (serialized) {
    throw new PinsError(
      'unsupported-type',
      `Pinwheel cannot write '${type}' pins: they hold ${serialized.explanation}, which only ${serialized.language} can produce. ${WRITE_INSTEAD}`,
    );
  }
  if (type === 'table') {
    throw new PinsError('unsupported-type', "'table' is the legacy pins 0.x type, which current pins only read. Write the table as csv instead.");
  }
  throw new PinsError('unsupported-type', `Unknown pin type '${String(type)}'. Pinwheel writes ${WRITABLE_TYPES.join(', ')}.`);
}

/**
 * Reads the bytes of a pin's data file. csv, arrow, parquet and the legacy table pins (given the
 * bytes of their data.csv) give a table; json gives the parsed value. Throws PinsError:
 * 'corrupt-data' for a damaged file, 'pickle-refused' for serialised R/Python objects,
 * 'not-readable' for uploaded files, 'unsupported-type' for unknown types; each names the pin,
 * version and file.
 */
export async function decodePinData(type: string, bytes: Uint8Array, where: DataLocation): Promise<PinContent> {
  switch (type) {
    case 'csv':
    case 'table':
      return { kind: 'table', table: decodeCsv(bytes, where) };
    case 'json':
      return { kind: 'json', value: decodeJson(bytes, where) };
    case 'arrow':
    case 'feather': // pins-python's deprecated name for arrow files
      return { kind: 'table', table: (await arrowCodec()).decodeArrow(bytes, where) };
    case 'parquet':
      return { kind: 'table', table: await (await parquetCodec()).decodeParquet(bytes, where) };
    case 'file':
      throw new PinsError(
        'not-readable',
        `Pin '${where.pin}' (version ${where.version}) holds uploaded files (type 'file'), which are not read as data. ` +
          `Use \`pinwheel download ${where.pin}\` to get ${where.file}.`,
      );
  }
  const serialized = describeSerializedObject(type);
  if (serialized) throw refuseSerializedObject(type, serialized, where);
  throw new PinsError(
    'unsupported-type',
    `The ${describeLocation(where)} has type '${type}', which Pinwheel cannot read (it reads csv, json, arrow, parquet and the legacy table type). ` +
      `It may come from a newer pins; \`pinwheel download ${where.pin}\` still gives you the file.`,
  );
}
