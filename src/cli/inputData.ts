/**
 * Glue for `pinwheel write`: decides how to read the user's input file and what the pin
 * will hold. Decoding itself is done by src/core (decodePinData); this only maps file
 * extensions to pin types and reshapes JSON records into a table when a table type is asked for.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { decodePinData, isPinsError, tableFromRecords, type Board, type PinContent, type Table, type WriteOptions, type WriteResult } from '../core/pins/index.js';
import { CliUsageError } from './errors.js';
import type { DataType } from './writableTypes.js';

export { dataTypeOfFile } from '../core/pins/types/dataFiles.js';

/** Explains, after a decode error, how the input format was chosen and how to choose another. */
function formatChoiceHint(format: DataType, formatFrom: 'extension' | '--type'): string {
  return formatFrom === 'extension'
    ? `The type ${format} comes from the file's extension: pass --type to read it as another format, or --type file to upload it unchanged.`
    : `Check that it really is ${format}, or pass --type file to upload it unchanged.`;
}

async function readInput(file: string): Promise<Uint8Array> {
  const bytes = await readFile(file);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Adds the format hint to src/core's decode errors, which name the file and the problem. */
async function explainingFormat<T>(format: DataType, formatFrom: 'extension' | '--type', run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!isPinsError(error, 'corrupt-data')) throw error;
    throw new CliUsageError(`${error.message} ${formatChoiceHint(format, formatFrom)}`);
  }
}

/** Decodes the user's file as `format` (to convert it into another pin type). */
export async function decodeInputFile(file: string, format: DataType, pinName: string, formatFrom: 'extension' | '--type'): Promise<PinContent> {
  const bytes = await readInput(file);
  return explainingFormat(format, formatFrom, () => decodePinData(format, bytes, { pin: pinName, version: null, file: path.basename(file) }));
}

/** Pins the user's file byte for byte when it already is in the pin's format (src/core checks it decodes). */
export async function writeInputAsIs(board: Board, file: string, options: WriteOptions, formatFrom: 'extension' | '--type'): Promise<WriteResult> {
  const bytes = await readInput(file);
  return explainingFormat(options.type as DataType, formatFrom, () => board.writeEncoded(bytes, { ...options, source: path.basename(file) }));
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
