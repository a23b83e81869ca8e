// Arrow pins (Feather V2 = Arrow IPC file): LZ4-compressed files as pandas and R write them,
// the Arrow types those writers use, and clean errors for damaged files.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as arrow from 'apache-arrow';
import { decodePinData, encodePinData, type Table } from '../../src/core/pins/types/index.js';
import { isPinsError } from '../../src/core/pins/errors.js';
import { assertTablesIdentical, everyColumnType } from '../support/sampleTables.js';
import { decodeEveryBitFlip } from '../support/pinsErrors.js';

const where = { pin: 'frame', version: '20240101T000000Z-abcde', file: 'frame.arrow' };

async function readArrow(bytes: Uint8Array): Promise<Table> {
  const content = await decodePinData('arrow', bytes, where);
  assert.equal(content.kind, 'table');
  return content.table;
}

test('every column type survives write → read exactly', async () => {
  assertTablesIdentical(await readArrow(await encodePinData('arrow', everyColumnType)), everyColumnType);
});

test('written files are Arrow IPC files with LZ4_FRAME-compressed buffers and the types pandas/R expect', async () => {
  const bytes = await encodePinData('arrow', everyColumnType);
  assert.equal(new TextDecoder().decode(bytes.subarray(0, 6)), 'ARROW1');
  assert.equal(new TextDecoder().decode(bytes.subarray(bytes.length - 6)), 'ARROW1');
  const lz4Magic = Buffer.from([0x04, 0x22, 0x4d, 0x18]);
  assert.ok(Buffer.from(bytes).indexOf(lz4Magic) > 0, 'record batch buffers are LZ4 frames');
  const schema = arrow.tableFromIPC(bytes).schema; // apache-arrow's own reader, for the schema only
  assert.deepEqual(
    schema.fields.map((field) => String(field.type)),
    ['Bool', 'Int32', 'Int64', 'Float64', 'Utf8', 'Date32<DAY>', 'Timestamp<MILLISECOND, UTC>', 'Null'],
  );
});

test('a table with no rows keeps its columns and types', async () => {
  const empty: Table = { columns: everyColumnType.columns, rows: [] };
  assert.deepEqual(await readArrow(await encodePinData('arrow', empty)), empty);
});

test('uncompressed IPC files and the other Arrow types pandas and R write are read', async () => {
  const source = new arrow.Table({
    factor: arrow.vectorFromArray(['lo', 'hi', null, 'lo'], new arrow.Dictionary(new arrow.Utf8(), new arrow.Int32())),
    tiny: arrow.vectorFromArray([1, -2, null, 127], new arrow.Int8()),
    huge: arrow.vectorFromArray([1n, 2n ** 63n, null, 3n], new arrow.Uint64()),
    single: arrow.vectorFromArray([1.5, null, -2.25, 0], new arrow.Float32()),
    long: arrow.vectorFromArray(['x', 'y', null, 'z'], new arrow.LargeUtf8()),
    micros: arrow.vectorFromArray([1709209696789.5, null, 0, -1], new arrow.TimestampMicrosecond()),
    nanos: arrow.vectorFromArray([1709209696789, null, 0, 1], new arrow.TimestampNanosecond('UTC')),
    days64: arrow.vectorFromArray([new Date('2024-02-29'), null, new Date(0), new Date('1999-12-31')], new arrow.DateMillisecond()),
    lists: arrow.vectorFromArray([[1, 2], null, [], [3]], new arrow.List(new arrow.Field('item', new arrow.Int32(), true))),
  });
  const table = await readArrow(arrow.tableToIPC(source, 'file'));
  assert.deepEqual(
    Object.fromEntries(table.columns.map((c) => [c.name, c.type])),
    { factor: 'string', tiny: 'integer', huge: 'string', single: 'number', long: 'string', micros: 'datetime', nanos: 'datetime', days64: 'date', lists: 'unknown' },
  );
  assert.deepEqual(table.rows[0], {
    factor: 'lo',
    tiny: 1,
    huge: '1',
    single: 1.5,
    long: 'x',
    micros: '2024-02-29T12:28:16.789Z',
    nanos: '2024-02-29T12:28:16.789Z',
    days64: '2024-02-29',
    lists: '[1,2]',
  });
  assert.deepEqual(table.rows[2], { factor: null, tiny: null, huge: null, single: -2.25, long: null, micros: '1970-01-01T00:00:00.000Z', nanos: '1970-01-01T00:00:00.000Z', days64: '1970-01-01', lists: '[]' });
  // uint64 2^63 does not fit a double exactly: kept as its digits (the column becomes text).
  assert.equal(table.rows[1]!.huge, (2n ** 63n).toString());
  assert.equal(table.rows[3]!.micros, '1969-12-31T23:59:59.999Z');
});

test('ZSTD-compressed record batches are read too', async () => {
  await readArrow(await encodePinData('arrow', everyColumnType)); // makes sure Pinwheel's codecs are registered
  const registered = arrow.compressionRegistry.get(arrow.CompressionType.ZSTD);
  assert.ok(registered?.decode, 'Pinwheel registers a zstd decoder');
  // No zstd compressor exists in Node 20: build valid zstd frames from raw (stored) blocks.
  const storedZstdFrame = (data: Uint8Array) => {
    const frame = new Uint8Array(4 + 1 + 4 + 3 + data.length);
    frame.set([0x28, 0xb5, 0x2f, 0xfd, 0xa0]); // magic; single segment, 4-byte content size
    new DataView(frame.buffer).setUint32(5, data.length, true);
    const header = (data.length << 3) | 1; // last block, raw
    frame.set([header & 0xff, (header >> 8) & 0xff, (header >> 16) & 0xff], 9);
    frame.set(data, 12);
    return frame;
  };
  let bytes: Uint8Array;
  try {
    arrow.compressionRegistry.set(arrow.CompressionType.ZSTD, { encode: storedZstdFrame, decode: registered.decode });
    const source = new arrow.Table({ x: arrow.vectorFromArray([1, 2, 3], new arrow.Int32()), y: arrow.vectorFromArray(['a', null, 'c'], new arrow.Utf8()) });
    bytes = arrow.tableToIPC(source, 'file', arrow.CompressionType.ZSTD);
  } finally {
    arrow.compressionRegistry.set(arrow.CompressionType.ZSTD, registered);
  }
  assert.deepEqual((await readArrow(bytes)).rows, [
    { x: 1, y: 'a' },
    { x: 2, y: null },
    { x: 3, y: 'c' },
  ]);
});

function isCorrupt(message?: RegExp) {
  return (error: unknown) => {
    assert.ok(isPinsError(error, 'corrupt-data'), `expected corrupt-data, got ${String(error)}`);
    assert.match(error.message, /frame\.arrow/);
    assert.match(error.message, /'frame'/);
    assert.match(error.message, /20240101T000000Z-abcde/);
    if (message) assert.match(error.message, message);
    return true;
  };
}

test('truncated Arrow files are corrupt data', async () => {
  const bytes = await encodePinData('arrow', everyColumnType);
  for (const length of [0, 4, 8, 64, Math.floor(bytes.length / 2), bytes.length - 7, bytes.length - 1]) {
    await assert.rejects(readArrow(bytes.subarray(0, length)), isCorrupt(/ARROW1|cut short/), `cut to ${length} bytes`);
  }
});

test('files that are not Arrow IPC are corrupt data with a hint at what they are', async () => {
  await assert.rejects(readArrow(new TextEncoder().encode('x,y\n1,2\n')), isCorrupt(/not an Arrow IPC file/));
  await assert.rejects(readArrow(new TextEncoder().encode('FEA1 an old feather file FEA1')), isCorrupt(/Feather version 1/));
});

test('garbled Arrow files give corrupt data or a table, never another exception or a hang', async () => {
  const bytes = await encodePinData('arrow', everyColumnType);
  assert.ok((await decodeEveryBitFlip(bytes, readArrow, isCorrupt())) > 0);
});

test('a table of 100,000 rows round-trips (no per-row recursion or argument spreading)', async () => {
  const rows = Array.from({ length: 100_000 }, (_, i) => ({ id: i, label: i % 3 ? `row ${i}` : null }));
  const table: Table = { columns: [{ name: 'id', type: 'integer' }, { name: 'label', type: 'string' }], rows };
  const back = await readArrow(await encodePinData('arrow', table));
  assert.equal(back.rows.length, 100_000);
  assert.deepEqual(back.rows[99_999], { id: 99_999, label: null });
  assert.deepEqual(back.rows[12_346], { id: 12_346, label: 'row 12346' });
});
