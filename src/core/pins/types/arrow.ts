// Arrow pins: the Arrow IPC *file* format (Feather V2) that pandas `to_feather` and R
// `arrow::write_feather` write, by default with LZ4_FRAME-compressed record batch buffers.
// apache-arrow (JS) reads and writes compressed bodies only through codecs registered in its
// compression registry, and ships none: we register our own LZ4 frame codec (read and write)
// and a zstd decoder (read), then check the loaded buffers before turning them into a Table.
//
// Types read: bool → boolean; (u)int8..64 → integer (64-bit values beyond ±(2^53-1) make the
// column number); float16/32/64 and decimal → number; utf8/large utf8 and dictionaries of them
// (R factors) → string; date32/date64 → date; timestamps of any unit → datetime (UTC,
// millisecond precision); null → unknown; anything else (lists, structs, binary, …) → unknown,
// each value as JSON text.
// Types written: boolean → bool; integer → int32 (int64 when a value does not fit); number →
// float64; string → utf8; date → date32; datetime → timestamp[ms, UTC]; unknown → null when
// all missing, else utf8 text.
import * as arrow from 'apache-arrow';
import { decompressZstd } from 'hyparquet-compressors';
import { corruptData, type DataLocation } from './dataLocation.js';
import { checkArrowFileStructure } from './arrowFileCheck.js';
import { decodeLz4Frame, encodeLz4Frame } from './lz4Frame.js';
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

let codecsRegistered = false;

function registerCodecs(): void {
  if (codecsRegistered) return;
  arrow.compressionRegistry.set(arrow.CompressionType.LZ4_FRAME, {
    encode: encodeLz4Frame,
    decode: (bytes) => decodeLz4Frame(bytes),
  });
  arrow.compressionRegistry.set(arrow.CompressionType.ZSTD, { decode: (bytes) => decompressZstd(bytes) });
  codecsRegistered = true;
}

const FILE_MAGIC = 'ARROW1';

function startsWithText(bytes: Uint8Array, at: number, text: string): boolean {
  for (let i = 0; i < text.length; i++) if (bytes[at + i] !== text.charCodeAt(i)) return false;
  return true;
}

function checkFileFrame(bytes: Uint8Array, where: DataLocation): void {
  if (startsWithText(bytes, 0, 'FEA1')) {
    throw corruptData(where, 'is a Feather version 1 file, an old format Pinwheel cannot read', {
      hint: 'Read it with an older pandas/R, and write the pin again (pins writes Feather version 2 = Arrow IPC).',
    });
  }
  if (!startsWithText(bytes, 0, FILE_MAGIC)) {
    throw corruptData(where, 'is not an Arrow IPC file (Feather V2): it does not start with the ARROW1 signature');
  }
  // magic + padding, at least one message, 4-byte footer length, trailing magic
  if (bytes.length < 8 + 4 + 6 || !startsWithText(bytes, bytes.length - 6, FILE_MAGIC)) {
    throw corruptData(where, 'is incomplete: it does not end with the Arrow file footer (ARROW1), so it was probably cut short');
  }
}

/** Buffer sizes a column's data needs, checked before any value is read. */
function checkData(data: arrow.Data, column: string): void {
  const end = data.offset + data.length;
  const fail = (what: string) => {
    throw new Error(`column '${column}' ${what}`);
  };
  if (data.nullCount > 0 && data.nullBitmap && data.nullBitmap.length * 8 < end) fail('has a validity bitmap too short for its rows');
  const type = data.type as arrow.DataType;
  if (arrow.DataType.isBool(type)) {
    if (data.values.length * 8 < end) fail('holds fewer booleans than its rows');
  } else if (arrow.DataType.isUtf8(type) || arrow.DataType.isLargeUtf8(type) || arrow.DataType.isBinary(type) || arrow.DataType.isLargeBinary(type)) {
    const offsets = data.valueOffsets as ArrayLike<number | bigint>;
    if (offsets.length < end + 1) fail('holds fewer value offsets than its rows');
    if (end > 0 && Number(offsets[end]) > data.values.length) fail('points past the end of its text data');
  } else if (arrow.DataType.isList(type)) {
    const offsets = data.valueOffsets as ArrayLike<number>;
    if (offsets.length < end + 1) fail('holds fewer list offsets than its rows');
    const child = data.children[0];
    if (child && end > 0 && offsets[end]! > child.length) fail('points past the end of its list values');
  } else if (arrow.DataType.isDictionary(type)) {
    if (data.values.length < end) fail('holds fewer dictionary codes than its rows');
    const size = data.dictionary?.length ?? 0;
    for (let i = data.offset; i < end; i++) if (data.values[i] >= size && data.getValid(i - data.offset)) fail('refers to a missing dictionary entry');
    for (const chunk of data.dictionary?.data ?? []) checkData(chunk, column);
  } else if (data.values && typeof data.values.length === 'number' && !arrow.DataType.isNull(type)) {
    if (data.values.length < end * data.stride) fail('holds fewer values than its rows');
  }
  for (const child of data.children) if (!arrow.DataType.isList(type)) checkData(child, column);
}

interface ColumnReader {
  type: ColumnType;
  cell(value: unknown): Cell;
}

function readerFor(type: arrow.DataType): ColumnReader {
  if (arrow.DataType.isDictionary(type)) return readerFor(type.dictionary);
  if (arrow.DataType.isBool(type)) return { type: 'boolean', cell: (v) => (v === null || v === undefined ? null : Boolean(v)) };
  if (arrow.DataType.isInt(type)) {
    return { type: 'integer', cell: (v) => (v === null || v === undefined ? null : exactInteger(v as number | bigint)) };
  }
  if (arrow.DataType.isFloat(type)) return { type: 'number', cell: (v) => (v === null || v === undefined ? null : Number(v)) };
  if (arrow.DataType.isDecimal(type)) {
    return {
      type: 'number',
      cell: (v) => (v === null || v === undefined ? null : arrow.util.bigNumToNumber(v as Parameters<typeof arrow.util.bigNumToNumber>[0], type.scale)),
    };
  }
  if (arrow.DataType.isUtf8(type) || arrow.DataType.isLargeUtf8(type)) {
    return { type: 'string', cell: (v) => (v === null || v === undefined ? null : String(v)) };
  }
  if (arrow.DataType.isDate(type)) {
    return { type: 'date', cell: (v) => (typeof v === 'number' ? formatDateCell(v) : cellFromValue(v)) };
  }
  if (arrow.DataType.isTimestamp(type)) {
    return { type: 'datetime', cell: (v) => (typeof v === 'number' ? formatDatetimeCell(Math.floor(v)) : cellFromValue(v)) };
  }
  return { type: 'unknown', cell: cellFromValue };
}

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

function isText(type: arrow.DataType): boolean {
  return arrow.DataType.isUtf8(type) || arrow.DataType.isLargeUtf8(type);
}

/** Strings of utf8 data, decoded here because apache-arrow's decoder drops a leading U+FEFF. */
function utf8Strings(data: arrow.Data): (string | null)[] {
  const offsets = data.valueOffsets as ArrayLike<number | bigint>;
  const strings: (string | null)[] = [];
  for (let i = 0; i < data.length; i++) {
    strings.push(data.getValid(i) ? utf8.decode(data.values.subarray(Number(offsets[i]), Number(offsets[i + 1]))) : null);
  }
  return strings;
}

function cellsOf(data: arrow.Data, reader: ColumnReader): Cell[] {
  const type = data.type as arrow.DataType;
  if (isText(type)) return utf8Strings(data);
  if (arrow.DataType.isDictionary(type) && isText(type.dictionary) && data.dictionary) {
    const entries = data.dictionary.data.flatMap(utf8Strings);
    const codes = data.values as ArrayLike<number | bigint>;
    return Array.from({ length: data.length }, (_, i) => (data.getValid(i) ? (entries[Number(codes[i])] ?? null) : null));
  }
  const vector = arrow.makeVector(data);
  return Array.from({ length: data.length }, (_, i) => reader.cell(vector.get(i)));
}

interface ArrowFile {
  schema: arrow.Schema;
  batches: arrow.RecordBatch[];
}

function tableFromArrow({ schema, batches }: ArrowFile): Table {
  // apache-arrow gives an empty column name back as null
  const names = uniqueColumnNames(schema.fields.map((field) => (field.name as string | null) ?? ''));
  const columns: Table['columns'] = [];
  const cells: Cell[][] = [];
  schema.fields.forEach((field, index) => {
    const reader = readerFor(field.type as arrow.DataType);
    const values: Cell[] = [];
    for (const batch of batches) {
      for (const data of batch.getChildAt(index)?.data ?? []) for (const cell of cellsOf(data, reader)) values.push(cell);
    }
    const { type, cells: columnValues } = integersBeyondDoubles(reader.type, values);
    columns.push({ name: names[index]!, type });
    cells.push(columnValues);
  });
  const rowCount = batches.reduce((sum, batch) => sum + batch.numRows, 0);
  const rows: Table['rows'] = [];
  for (let row = 0; row < rowCount; row++) rows.push(makeRow(columns.map((column, index) => [column.name, cells[index]![row]!])));
  return { columns, rows };
}

/**
 * Reads every record batch the footer lists, by index. (apache-arrow's tableFromIPC iterates
 * messages and loops forever when a damaged footer points a record batch at another kind of
 * message; reading by index with the message type enforced fails instead. The batches are not
 * assembled into an arrow.Table, whose constructor rejects columns with an empty name.)
 */
function readFileBatches(bytes: Uint8Array): ArrowFile {
  const reader = arrow.RecordBatchReader.from(bytes);
  if (!reader.isFile()) throw new Error('the file footer is missing');
  reader.open();
  const batches: arrow.RecordBatch[] = [];
  for (let index = 0; index < reader.numRecordBatches; index++) {
    const batch = reader.readRecordBatch(index);
    if (!batch) throw new Error(`record batch ${index + 1} of ${reader.numRecordBatches} is missing or damaged`);
    if (batch.numCols !== reader.schema.fields.length) throw new Error(`record batch ${index + 1} does not match the schema`);
    reader.schema.fields.forEach((field, column) => {
      for (const data of batch.getChildAt(column)?.data ?? []) checkData(data, field.name);
    });
    batches.push(batch);
  }
  return { schema: reader.schema, batches };
}

export function decodeArrow(bytes: Uint8Array, where: DataLocation): Table {
  registerCodecs();
  checkFileFrame(bytes, where);
  let file: ArrowFile;
  try {
    checkArrowFileStructure(bytes);
    file = readFileBatches(bytes);
  } catch (error) {
    const reason = ((error as Error).message || String(error)).replace(/\.$/, '');
    throw corruptData(where, `could not be read as an Arrow IPC file (Feather V2): ${reason}`, { cause: error });
  }
  try {
    return tableFromArrow(file);
  } catch (error) {
    throw corruptData(where, `holds Arrow data that could not be converted: ${(error as Error).message}`, { cause: error });
  }
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

function arrowVector(type: ColumnType, cells: Cell[]): arrow.Vector {
  switch (type) {
    case 'boolean':
      return arrow.vectorFromArray(cells as (boolean | null)[], new arrow.Bool());
    case 'integer': {
      const numbers = cells as (number | null)[];
      if (numbers.every((v) => v === null || (v >= INT32_MIN && v <= INT32_MAX))) {
        return arrow.vectorFromArray(numbers, new arrow.Int32());
      }
      return arrow.vectorFromArray(numbers.map((v) => (v === null ? null : BigInt(v))), new arrow.Int64());
    }
    case 'number':
      return arrow.vectorFromArray(cells as (number | null)[], new arrow.Float64());
    case 'string':
      return arrow.vectorFromArray(cells as (string | null)[], new arrow.Utf8());
    case 'date':
      return arrow.vectorFromArray(cells.map((v) => (v === null ? null : new Date(parseDateCell(v as string)!))), new arrow.DateDay());
    case 'datetime':
      return arrow.vectorFromArray(
        cells.map((v) => (v === null ? null : new Date(parseDatetimeCell(v as string)!))),
        new arrow.TimestampMillisecond('UTC'),
      );
    case 'unknown':
      if (cells.every((v) => v === null)) return arrow.vectorFromArray(cells, new arrow.Null());
      return arrow.vectorFromArray(cells.map((v) => (v === null ? null : String(v))), new arrow.Utf8());
  }
}

/** Writes a Table as an Arrow IPC file with LZ4_FRAME-compressed buffers, as pandas and R do. */
export function encodeArrow(table: Table): Uint8Array {
  checkTable(table, 'the table as Arrow');
  registerCodecs();
  // Built from an explicit schema: a record of vectors would put names like '12' first.
  const vectors = table.columns.map((column) => arrowVector(column.type, columnCells(table, column.name)));
  const fields = table.columns.map((column, index) => new arrow.Field(column.name, vectors[index]!.type, true));
  const schema = new arrow.Schema(fields);
  const children = vectors.map((vector) => {
    if (vector.data.length !== 1) throw new Error('apache-arrow built a column in several chunks'); // vectorFromArray makes one
    return vector.data[0]!;
  });
  const batch = new arrow.RecordBatch(
    schema,
    arrow.makeData({ type: new arrow.Struct(fields), length: table.rows.length, nullCount: 0, children }),
  );
  try {
    return arrow.tableToIPC(new arrow.Table(schema, [batch]), 'file', arrow.CompressionType.LZ4_FRAME);
  } catch (error) {
    throw new PinsError('invalid-argument', `Cannot write the table as Arrow: ${(error as Error).message}`, { cause: error });
  }
}
