// Which pin type a user's data file is, judged by its extension: the CLI's `write`/`pin-model`/
// `predict` and the extension's "Pin Data or File…" and "Pin Model from ONNX File…" agree on it.
import path from 'node:path';

export type DataFileType = 'csv' | 'json' | 'arrow' | 'parquet';

const EXTENSION_TYPES: Record<string, DataFileType> = {
  '.csv': 'csv',
  '.json': 'json',
  '.arrow': 'arrow',
  '.feather': 'arrow',
  '.ipc': 'arrow',
  '.parquet': 'parquet',
};

/** The extensions read as data (for file pickers). */
export const DATA_FILE_EXTENSIONS = Object.keys(EXTENSION_TYPES).map((extension) => extension.slice(1));

/** The data format of a file judged by its extension, or undefined for anything else. */
export function dataTypeOfFile(file: string): DataFileType | undefined {
  return EXTENSION_TYPES[path.extname(file).toLowerCase()];
}
