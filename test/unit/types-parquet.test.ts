// Parquet pins: written with hyparquet-writer (snappy), read with hyparquet (+ compressors).
// There is no Parquet file among the shared fixtures, so files are made here; their schema is
// checked by hand against what pyarrow and nanoparquet expect.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { parquetMetadata } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { decodePinData, encodePinData, type Table } from '../../src/core/pins/types/index.js';
import { isPinsError } from '../../src/core/pins/errors.js';
import { assertTablesIdentical, everyColumnType } from '../support/sampleTables.js';
import { decodeEveryBitFlip } from '../support/pinsErrors.js';

const where = { pin: 'frame', version: '20240101T000000Z-abcde', file: 'frame.parquet' };

async function readParquet(bytes: Uint8Array): Promise<Table> {
  const content = await decodePinData('parquet', bytes, where);
  assert.equal(content.kind, 'table');
  return content.table;
}

test('every column type survives write → read exactly', async () => {
  assertTablesIdentical(await readParquet(await encodePinData('parquet', everyColumnType)), everyColumnType);
});

test('written files: snappy pages and a schema with both logical and legacy type annotations', async () => {
  const bytes = await encodePinData('parquet', everyColumnType);
  assert.equal(new TextDecoder().decode(bytes.subarray(0, 4)), 'PAR1');
  const metadata = parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const [root, ...columns] = metadata.schema;
  assert.equal(root?.num_children, 8);
  const described = columns.map(({ name, type, repetition_type, converted_type, logical_type }) => ({
    name,
    type,
    repetition_type,
    converted_type,
    logical_type,
  }));
  assert.deepEqual(described, [
    { name: 'flag', type: 'BOOLEAN', repetition_type: 'OPTIONAL', converted_type: undefined, logical_type: undefined },
    { name: 'count', type: 'INT32', repetition_type: 'OPTIONAL', converted_type: undefined, logical_type: undefined },
    { name: 'big', type: 'INT64', repetition_type: 'OPTIONAL', converted_type: undefined, logical_type: undefined },
    { name: 'score', type: 'DOUBLE', repetition_type: 'OPTIONAL', converted_type: undefined, logical_type: undefined },
    { name: 'label', type: 'BYTE_ARRAY', repetition_type: 'OPTIONAL', converted_type: 'UTF8', logical_type: { type: 'STRING' } },
    { name: 'day', type: 'INT32', repetition_type: 'OPTIONAL', converted_type: 'DATE', logical_type: { type: 'DATE' } },
    {
      name: 'at',
      type: 'INT64',
      repetition_type: 'OPTIONAL',
      converted_type: 'TIMESTAMP_MILLIS',
      logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' },
    },
    { name: 'nothing', type: 'INT32', repetition_type: 'OPTIONAL', converted_type: undefined, logical_type: { type: 'NULL' } },
  ]);
  assert.equal(metadata.num_rows, 4n);
  for (const group of metadata.row_groups) for (const chunk of group.columns) assert.equal(chunk.meta_data?.codec, 'SNAPPY');
});

test('tables with no rows or no columns round-trip', async () => {
  for (const table of [{ columns: everyColumnType.columns, rows: [] }, { columns: [], rows: [] }]) {
    assert.deepEqual(await readParquet(await encodePinData('parquet', table)), table);
  }
});

test('gzip, brotli and uncompressed files, and the types other writers use, are read', async () => {
  const columnData = [
    { name: 'id', data: [1n, 2n ** 60n, null] },
    { name: 'price', data: [1.25, null, 3] },
    { name: 'micros', data: [1709209696789123n, null, 0n] },
    { name: 'amount', data: [12.34, -0.5, null] },
    { name: 'payload', data: [{ a: 1 }, null, [1, 2]] },
    { name: 'name', data: ['a', 'b', null] },
  ];
  const schema = [
    { name: 'root', num_children: 6 },
    { name: 'id', type: 'INT64' as const, repetition_type: 'OPTIONAL' as const },
    { name: 'price', type: 'FLOAT' as const, repetition_type: 'OPTIONAL' as const },
    { name: 'micros', type: 'INT64' as const, repetition_type: 'OPTIONAL' as const, converted_type: 'TIMESTAMP_MICROS' as const },
    { name: 'amount', type: 'INT32' as const, repetition_type: 'OPTIONAL' as const, converted_type: 'DECIMAL' as const, scale: 2, precision: 9 },
    { name: 'payload', type: 'BYTE_ARRAY' as const, repetition_type: 'OPTIONAL' as const, converted_type: 'JSON' as const },
    { name: 'name', type: 'BYTE_ARRAY' as const, repetition_type: 'OPTIONAL' as const },
  ];
  const compressors = { GZIP: (input: Uint8Array) => new Uint8Array(gzipSync(input)), BROTLI: (input: Uint8Array) => new Uint8Array(brotliCompressSync(input)) };
  for (const codec of ['GZIP', 'BROTLI', 'UNCOMPRESSED'] as const) {
    const buffer = parquetWriteBuffer({ columnData, schema, codec, compressors });
    assert.equal(parquetMetadata(buffer).row_groups[0]?.columns[0]?.meta_data?.codec, codec);
    const bytes = new Uint8Array(buffer);
    const table = await readParquet(bytes);
    assert.deepEqual(
      Object.fromEntries(table.columns.map((c) => [c.name, c.type])),
      { id: 'string', price: 'number', micros: 'datetime', amount: 'number', payload: 'unknown', name: 'string' },
      codec,
    );
    assert.deepEqual(
      table.rows,
      [
        { id: '1', price: 1.25, micros: '2024-02-29T12:28:16.789Z', amount: 12.34, payload: '{"a":1}', name: 'a' },
        { id: (2n ** 60n).toString(), price: null, micros: null, amount: -0.5, payload: null, name: 'b' },
        { id: null, price: 3, micros: '1970-01-01T00:00:00.000Z', amount: null, payload: '[1,2]', name: null },
      ],
      codec,
    );
  }
});

function isCorrupt(message?: RegExp) {
  return (error: unknown) => {
    assert.ok(isPinsError(error, 'corrupt-data'), `expected corrupt-data, got ${String(error)}`);
    assert.match(error.message, /frame\.parquet/);
    assert.match(error.message, /'frame'/);
    assert.match(error.message, /20240101T000000Z-abcde/);
    if (message) assert.match(error.message, message);
    return true;
  };
}

test('truncated Parquet files and other files are corrupt data', async () => {
  const bytes = await encodePinData('parquet', everyColumnType);
  for (const length of [0, 3, 4, 12, Math.floor(bytes.length / 2), bytes.length - 1]) {
    await assert.rejects(readParquet(bytes.subarray(0, length)), isCorrupt(/PAR1/), `cut to ${length} bytes`);
  }
  await assert.rejects(readParquet(new TextEncoder().encode('x,y\n1,2\n3,4\n')), isCorrupt(/not a Parquet file/));
});

test('garbled Parquet files give corrupt data or a table, never another exception or a hang', async () => {
  const table: Table = {
    columns: everyColumnType.columns,
    rows: Array.from({ length: 30 }, (_, i) => everyColumnType.rows[i % everyColumnType.rows.length]!),
  };
  const bytes = await encodePinData('parquet', table);
  assert.ok((await decodeEveryBitFlip(bytes, readParquet, isCorrupt())) > 0);
});

test('a table of 100,000 rows round-trips across several row groups', async () => {
  const rows = Array.from({ length: 100_000 }, (_, i) => ({ id: i, label: i % 3 ? `row ${i}` : null }));
  const table: Table = { columns: [{ name: 'id', type: 'integer' }, { name: 'label', type: 'string' }], rows };
  const bytes = await encodePinData('parquet', table);
  assert.ok(parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer).row_groups.length > 1);
  const back = await readParquet(bytes);
  assert.equal(back.rows.length, 100_000);
  assert.deepEqual(back.rows[99_999], { id: 99_999, label: null });
  assert.deepEqual(back.rows[12_346], { id: 12_346, label: 'row 12346' });
});
