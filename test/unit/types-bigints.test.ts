// int64 columns holding integers beyond 2^53 (IDs, nanosecond counters) must not be rounded
// silently: JavaScript numbers cannot hold them, so they are read as exact decimal strings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as arrow from 'apache-arrow';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { decodePinData, encodePinData } from '../../src/core/pins/types/index.js';

const beyond = 9007199254740993n; // 2^53 + 1: the nearest double is 9007199254740992

test('an arrow int64 column with values beyond 2^53 reads as exact digits; a safe one stays integer', async () => {
  const bytes = arrow.tableToIPC(
    new arrow.Table({
      id: arrow.vectorFromArray([1n, beyond, null, -beyond], new arrow.Int64()),
      n: arrow.vectorFromArray([1n, 2n, 3n, null], new arrow.Int64()),
    }),
    'file',
  );
  const content = await decodePinData('arrow', bytes, { pin: 'ids', version: null, file: 'ids.arrow' });
  assert.equal(content.kind, 'table');
  if (content.kind !== 'table') return;
  assert.deepEqual(content.table.columns, [{ name: 'id', type: 'string' }, { name: 'n', type: 'integer' }]);
  assert.deepEqual(content.table.rows.map((row) => row.id), ['1', '9007199254740993', null, '-9007199254740993']);
  assert.deepEqual(content.table.rows.map((row) => row.n), [1, 2, 3, null]);
  // Converting keeps every digit.
  const csv = new TextDecoder().decode(await encodePinData('csv', content.table));
  assert.match(csv, /9007199254740993/);
});

test('a parquet INT64 column with values beyond 2^53 reads as exact digits', async () => {
  const buffer = parquetWriteBuffer({ columnData: [{ name: 'id', data: [1n, beyond, null], type: 'INT64' }] });
  const content = await decodePinData('parquet', new Uint8Array(buffer), { pin: 'ids', version: null, file: 'ids.parquet' });
  assert.equal(content.kind, 'table');
  if (content.kind !== 'table') return;
  assert.deepEqual(content.table.columns, [{ name: 'id', type: 'string' }]);
  assert.deepEqual(content.table.rows.map((row) => row.id), ['1', '9007199254740993', null]);
});
