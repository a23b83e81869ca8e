// Where a data file being decoded comes from, so that every error names the pin, the version
// and the file.
import { PinsError } from '../errors.js';

export interface DataLocation {
  pin: string;
  version: string;
  file: string;
}

export function describeLocation(where: DataLocation): string {
  return `file ${where.file} of pin '${where.pin}' (version ${where.version})`;
}

const DAMAGED_HINT =
  'The file may be truncated or damaged (an interrupted copy or sync, or a write by another program). ' +
  'Read an older version, or write the pin again from the original data.';

/** PinsError('corrupt-data'): `problem` completes "The <file of pin ...> ..."; `hint` says what to do. */
export function corruptData(where: DataLocation, problem: string, options?: { hint?: string; cause?: unknown }): PinsError {
  return new PinsError('corrupt-data', `The ${describeLocation(where)} ${problem}. ${options?.hint ?? DAMAGED_HINT}`, {
    cause: options?.cause,
  });
}
