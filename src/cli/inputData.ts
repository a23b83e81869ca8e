/**
 * Glue for `pinwheel write`: decides how to read the user's input file and what the pin
 * will hold. Decoding itself is done by src/core (decodePinData); this only maps file
 * extensions to pin types and reshapes JSON records into a table when a table type is asked for.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { decodePinData, tableFromRecords, type PinContent, type Table } from '../core/pins/index.js';
import { CliUsageError } from './errors.js';

export type DataType = 'csv' | 'json' | 'arrow' | 'parquet';
export type WritableType = DataType | 'file';

export const WRITABLE: readonly WritableType[] = ['csv', 'json', 'arrow', 'parquet', 'file'];

const EXTENSION_TYPES: Record<string, DataType> = {
  '.csv': 'csv',
  '.json': 'json',
  '.arrow': 'arrow',
  '.feather': 'arrow',
  '.ipc': 'arrow',
  '.parquet': 'parquet',
};

/** The data format of a file judged by its extension, or undefined for anything else. */
export function dataTypeOfFile(file: string): DataType | undefined {
  return EXTENSION_TYPES[path.extname(file).toLowerCase()];
}

export async function decodeInputFile(file: string, format: DataType, pinName: string): Promise<PinContent> {
  const bytes = await readFile(file);
  return decodePinData(format, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
    pin: pinName,
    version: '(input file, not written yet)',
    file,
  });
}

function isRecordArray(value: unknown): value is Record<string, unknown>[] {
  return Array.isArray(value) && value.every((row) => row !== null && typeof row === 'object' && !Array.isArray(row));
}

/** What to pass to board.write for a pin of `type`: csv/arrow/parquet need a table, json takes anything. */
export function valueForType(content: PinContent, type: DataType, file: string): Table | unknown {
  if (content.kind === 'table') return content.table;
  if (type === 'json') return content.value;
  if (isRecordArray(content.value)) return tableFromRecords(content.value);
  throw new CliUsageError(
    `cannot write ${path.basename(file)} as a ${type} pin: ${type} holds a table, so the JSON must be an array ` +
      'of row objects like [{"x": 1, "y": "a"}, …]. Use --type json to pin this JSON value as it is.',
    'write',
  );
}
