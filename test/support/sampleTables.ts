// A table holding every column type of Pinwheel's table model, with the values that trip
// encoders up (nulls, -0, NaN, infinities, 2^53 - 1, quotes, newlines, unicode, leap days,
// dates before 1970), for the formats that must round-trip it exactly.
import assert from 'node:assert/strict';
import type { Table } from '../../src/core/pins/types/table.js';

export const everyColumnType: Table = {
  columns: [
    { name: 'flag', type: 'boolean' },
    { name: 'count', type: 'integer' },
    { name: 'big', type: 'integer' },
    { name: 'score', type: 'number' },
    { name: 'label', type: 'string' },
    { name: 'day', type: 'date' },
    { name: 'at', type: 'datetime' },
    { name: 'nothing', type: 'unknown' },
  ],
  rows: [
    { flag: true, count: 1, big: 2 ** 40, score: 0.1, label: 'a, "quoted"\nline', day: '2024-02-29', at: '2024-02-29T12:34:56.789Z', nothing: null },
    { flag: null, count: null, big: -(2 ** 53) + 1, score: -0, label: '', day: null, at: null, nothing: null },
    { flag: false, count: -7, big: null, score: NaN, label: null, day: '1969-12-31', at: '1960-01-01T00:00:00.000Z', nothing: null },
    { flag: true, count: 2147483647, big: 0, score: -Infinity, label: 'zoë 日本 🎉', day: '2000-01-01', at: '2000-01-01T00:00:00.001Z', nothing: null },
  ],
};

/** Same columns and types, and every cell the same value (Object.is: -0 and NaN count). */
export function assertTablesIdentical(actual: Table, expected: Table): void {
  assert.deepEqual(actual.columns, expected.columns);
  assert.equal(actual.rows.length, expected.rows.length);
  actual.rows.forEach((row, index) => {
    for (const { name } of expected.columns) {
      assert.ok(Object.is(row[name], expected.rows[index]![name]), `row ${index + 1}, ${name}: ${String(row[name])}`);
    }
  });
}
