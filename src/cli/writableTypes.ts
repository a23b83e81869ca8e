// The pin types `pinwheel write --type` takes, in a module that imports nothing: `write --help`
// lists them without loading the pins library.

export type DataType = 'csv' | 'json' | 'arrow' | 'parquet';
export type WritableType = DataType | 'file';

export const WRITABLE: readonly WritableType[] = ['csv', 'json', 'arrow', 'parquet', 'file'];
