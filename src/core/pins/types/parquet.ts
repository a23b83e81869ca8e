// Parquet pins (pandas `to_parquet` via pyarrow, R `nanoparquet::write_parquet`).
// Read with hyparquet plus hyparquet-compressors: uncompressed, snappy, gzip, brotli, zstd,
// lz4 and lz4_raw; all physical types and the common logical types.
// Written with hyparquet-writer: snappy compression (what pyarrow and nanoparquet write by
// default), one optional column per table column with both the logical and the legacy
// converted type annotations, so pyarrow, nanoparquet and older readers agree on the types.
//
// Types read: BOOLEAN → boolean; INT32/INT64 (any integer annotation) → integer (64-bit values
// beyond ±(2^53-1) make the column number); FLOAT/DOUBLE/DECIMAL/FLOAT16 → number; strings,
// enums, UUIDs and unannotated byte arrays (decoded as UTF-8) → string; DATE → date;
// TIMESTAMP (any unit) and INT96 → datetime (UTC, millisecond precision); the NULL/UNKNOWN
// logical type → unknown; nested groups, JSON and other types → unknown, as JSON text.
// Types written: boolean → BOOLEAN; integer → INT32 (INT64 when a value does not fit);
// number → DOUBLE; string → BYTE_ARRAY STRING; date → INT32 DATE; datetime → INT64
// TIMESTAMP(MILLIS, UTC); unknown → INT32 NULL when all missing, else BYTE_ARRAY STRING.
import { parquetMetadata, parquetRead, parquetSchema } from 'hyparquet';
import type { FileMetaData, SchemaElement } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { corruptData, type DataLocation } from './dataLocation.js';
import { checkParquetStructure } from './parquetFileCheck.js';
import { PinsError } from '../errors.js';
import {
  exactInteger,
  integersBeyondDoubles,
  cellFromValue,
  checkTable,
  columnCells,
  formatDateCell,
  formatDatetimeCell,
  makeRow,
  parseDateCell,
  parseDatetimeCell,
  uniqueColumnNames,
  type Cell,
  type ColumnType,
  type Table,
} from './table.js';

const MAGIC = 'PAR1';
const DAY_MS = 86_400_000;

function hasMagic(bytes: Uint8Array, at: number): boolean {
  for (let i = 0; i < MAGIC.length; i++) if (bytes[at + i] !== MAGIC.charCodeAt(i)) return false;
  return true;
}

function columnType(element: SchemaElement, isGroup: boolean): ColumnType {
  if (isGroup) return 'unknown';
  const logical = element.logical_type?.type;
  const converted = element.converted_type;
  if (logical === 'NULL') return 'unknown';
  if (converted === 'DATE' || logical === 'DATE') return 'date';
  if (logical === 'TIMESTAMP' || converted === 'TIMESTAMP_MILLIS' || converted === 'TIMESTAMP_MICROS' || element.type === 'INT96') {
    return 'datetime';
  }
  if (converted === 'DECIMAL' || logical === 'DECIMAL' || logical === 'FLOAT16') return 'number';
  if (converted === 'JSON' || logical === 'JSON' || converted === 'BSON' || logical === 'BSON') return 'unknown';
  if (converted === 'TIME_MILLIS' || converted === 'TIME_MICROS' || logical === 'TIME' || converted === 'INTERVAL') return 'unknown';
  switch (element.type) {
    case 'BOOLEAN':
      return 'boolean';
    case 'INT32':
    case 'INT64':
      return 'integer';
    case 'FLOAT':
    case 'DOUBLE':
      return 'number';
    case 'BYTE_ARRAY':
      return 'string';
    case 'FIXED_LEN_BYTE_ARRAY':
      return logical === 'UUID' ? 'string' : 'unknown';
    default:
      return 'unknown';
  }
}

// Dates and timestamps go straight to the Table's text forms (no Date objects in between);
// strings keep a leading U+FEFF (the default decoder would drop it as a byte order mark).
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
const parsers = {
  stringFromBytes: (bytes: Uint8Array | undefined) => bytes && utf8.decode(bytes),
  dateFromDays: (days: number) => formatDateCell(days * DAY_MS),
  timestampFromMilliseconds: (ms: bigint) => formatDatetimeCell(Number(ms)),
  timestampFromMicroseconds: (us: bigint) => formatDatetimeCell(Math.floor(Number(us) / 1_000)),
  timestampFromNanoseconds: (ns: bigint) => formatDatetimeCell(Math.floor(Number(ns) / 1_000_000)),
};

export async function decodeParquet(bytes: Uint8Array, where: DataLocation): Promise<Table> {
  if (bytes.length < 12 || !hasMagic(bytes, 0)) {
    throw corruptData(where, 'is not a Parquet file: it does not start with the PAR1 signature');
  }
  if (!hasMagic(bytes, bytes.length - 4)) {
    throw corruptData(where, 'is incomplete: it does not end with the Parquet footer (PAR1), so it was probably cut short');
  }
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let metadata: FileMetaData;
  let values: unknown[][] = [];
  try {
    metadata = parquetMetadata(file);
    checkParquetStructure(bytes, metadata);
    await parquetRead({
      file,
      metadata,
      compressors,
      parsers,
      onComplete: (rows: unknown[][]) => {
        values = rows;
      },
    });
  } catch (error) {
    throw corruptData(where, `could not be read as Parquet: ${(error as Error).message}`, { cause: error });
  }
  const fields = parquetSchema(metadata).children;
  const names = uniqueColumnNames(fields.map((field) => field.element.name));
  const columns = fields.map((field, index) => ({
    name: names[index]!,
    type: columnType(field.element, field.children.length > 0),
  }));
  if (values.length !== Number(metadata.num_rows)) {
    throw corruptData(where, `holds ${values.length} rows, but its footer announces ${metadata.num_rows}`);
  }
  const cells = columns.map((column, index) =>
    column.type === 'integer'
      ? integersBeyondDoubles('integer', values.map((row) => (row[index] === null || row[index] === undefined ? null : exactInteger(row[index] as number | bigint))))
      : { type: column.type, cells: values.map((row) => cellFromValue(row[index])) },
  );
  cells.forEach((column, index) => (columns[index]!.type = column.type));
  const rows = values.map((_, row) => makeRow(columns.map((column, index) => [column.name, cells[index]!.cells[row]!])));
  return { columns, rows };
}

// hyparquet-writer bundles its own hyparquet version, whose schema types differ slightly
type WriteSchemaElement = NonNullable<Parameters<typeof parquetWriteBuffer>[0]['schema']>[number];

interface ColumnPlan {
  element: WriteSchemaElement;
  data: unknown[];
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

function planColumn(name: string, type: ColumnType, cells: Cell[]): ColumnPlan {
  const base = { name, repetition_type: 'OPTIONAL' } as const;
  const string: ColumnPlan = {
    element: { ...base, type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' } },
    data: cells.map((v) => (v === null ? null : String(v))),
  };
  switch (type) {
    case 'boolean':
      return { element: { ...base, type: 'BOOLEAN' }, data: cells };
    case 'integer':
      if (cells.every((v) => v === null || ((v as number) >= INT32_MIN && (v as number) <= INT32_MAX))) {
        return { element: { ...base, type: 'INT32' }, data: cells };
      }
      return { element: { ...base, type: 'INT64' }, data: cells.map((v) => (v === null ? null : BigInt(v as number))) };
    case 'number':
      return { element: { ...base, type: 'DOUBLE' }, data: cells };
    case 'string':
      return string;
    case 'date':
      return {
        element: { ...base, type: 'INT32', converted_type: 'DATE', logical_type: { type: 'DATE' } },
        data: cells.map((v) => (v === null ? null : parseDateCell(v as string)! / DAY_MS)),
      };
    case 'datetime':
      return {
        element: {
          ...base,
          type: 'INT64',
          converted_type: 'TIMESTAMP_MILLIS',
          logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' },
        },
        data: cells.map((v) => (v === null ? null : BigInt(parseDatetimeCell(v as string)!))),
      };
    case 'unknown':
      if (cells.every((v) => v === null)) return { element: { ...base, type: 'INT32', logical_type: { type: 'NULL' } }, data: cells };
      return string;
  }
}

/** Writes a Table as a snappy-compressed Parquet file. */
export function encodeParquet(table: Table): Uint8Array {
  checkTable(table, 'the table as Parquet');
  const plans = table.columns.map((column) => planColumn(column.name, column.type, columnCells(table, column.name)));
  try {
    const buffer = parquetWriteBuffer({
      columnData: plans.map((plan) => ({ name: plan.element.name, data: plan.data })),
      schema: [{ name: 'root', num_children: plans.length }, ...plans.map((plan) => plan.element)],
      codec: 'SNAPPY',
      createdBy: 'pinwheel (hyparquet-writer)',
    });
    return new Uint8Array(buffer);
  } catch (error) {
    throw new PinsError('invalid-argument', `Cannot write the table as Parquet: ${(error as Error).message}`, { cause: error });
  }
}
