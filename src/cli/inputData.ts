/**
 * Glue for `pinwheel write`: decides how to read the user's input file and what the pin
 * will hold. Decoding itself is done by src/core (decodePinData); this only maps file
 * extensions to pin types and reshapes JSON records into a table when a table type is asked for.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { decodePinData, isPinsError, tableFromRecords, type PinContent, type Table } from '../core/pins/index.js';
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

/**
 * Decodes the user's file. decodePinData words its errors for files already on a board
 * ("The file x of pin 'p' (version v) …"); for an input file that prefix is replaced by the
 * file's own name, and the message says how the format was chosen.
 */
export async function decodeInputFile(file: string, format: DataType, pinName: string, formatFrom: 'extension' | '--type'): Promise<PinContent> {
  const bytes = await readFile(file);
  const where = { pin: pinName, version: 'new', file: path.basename(file) };
  try {
    return await decodePinData(format, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), where);
  } catch (error) {
    if (!isPinsError(error, 'corrupt-data')) throw error;
    const boardPrefix = `The file ${where.file} of pin '${where.pin}' (version ${where.version}) `;
    let problem = error.message.startsWith(boardPrefix) ? `it ${error.message.slice(boardPrefix.length)}` : error.message;
    // The advice for damaged board files (read an older version…) does not apply to an input file.
    problem = problem.replace(/\s*The file may be truncated or damaged[\s\S]*$/, '').replace(/\.?$/, '.');
    const chosen =
      formatFrom === 'extension'
        ? `The type ${format} comes from the file's extension: pass --type to read it as another format, or --type file to upload it unchanged.`
        : `Check that it really is ${format}, or pass --type file to upload it unchanged.`;
    throw new CliUsageError(`cannot pin ${file} as ${format}: ${problem} ${chosen}`);
  }
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
