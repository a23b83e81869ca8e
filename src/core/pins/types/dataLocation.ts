// Where a data file being decoded comes from, so that every error names the pin, the version
// and the file.
import { PinsError } from '../errors.js';

export interface DataLocation {
  pin: string;
  /** The version holding the file, or null for a file that is about to be pinned. */
  version: string | null;
  file: string;
}

export function describeLocation(where: DataLocation): string {
  if (where.version === null) return `file ${where.file} (to be pinned as '${where.pin}')`;
  // '.' is the one version of a pin in pins-r's old flat layout: no version worth naming.
  if (where.version === '.') return `file ${where.file} of pin '${where.pin}'`;
  return `file ${where.file} of pin '${where.pin}' (version ${where.version})`;
}

const DAMAGED_HINT =
  'The file may be truncated or damaged (an interrupted copy or sync, or a write by another program). ' +
  'Read an older version, or write the pin again from the original data.';

const INPUT_HINT = 'Check that the file is complete and really is in that format.';

/** PinsError('corrupt-data'): `problem` completes "The <file of pin ...> ..."; `hint` says what to do. */
export function corruptData(where: DataLocation, problem: string, options?: { hint?: string; cause?: unknown }): PinsError {
  const hint = options?.hint ?? (where.version === null ? INPUT_HINT : DAMAGED_HINT);
  return new PinsError('corrupt-data', `The ${describeLocation(where)} ${problem}. ${hint}`, {
    cause: options?.cause,
  });
}
