// Property: random tables survive write → read — exactly for arrow and parquet, and for json
// and csv up to the limits those formats document (see json.ts and csv.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { decodePinData, encodePinData, tableFromRecords, type Cell, type ColumnType, type Table } from '../../src/core/pins/types/index.js';

const RUNS = 300;
const where = { pin: 'random', version: '20240101T000000Z-abcde', file: 'random.data' };

const trickyStrings = ['', 'NA', 'TRUE', 'false', '1', '-0', '1e5', '00123', 'nan', 'Inf', ' 1 ', 'a,b', '"quoted"', 'line\nbreak', 'cr\r\nlf', '\r', '\uFEFFbom', 'zoë 日本 🎉'];
const stringCell = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.constantFrom(...trickyStrings));
const dateValue = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T23:59:59Z'), noInvalidDate: true });

const cellArbitraries: Record<Exclude<ColumnType, 'unknown'>, fc.Arbitrary<Cell>> = {
  boolean: fc.boolean(),
  integer: fc.oneof(fc.integer(), fc.maxSafeInteger()),
  number: fc.double(),
  string: stringCell,
  date: dateValue.map((d) => d.toISOString().slice(0, 10)),
  datetime: dateValue.map((d) => d.toISOString()),
};

const columnName = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 10 }), fc.constantFrom('__proto__', 'constructor', 'x,y', 'NA', '', '0', '12'));

const tableArbitrary: fc.Arbitrary<Table> = fc
  .uniqueArray(fc.record({ name: columnName, type: fc.constantFrom(...(Object.keys(cellArbitraries) as (keyof typeof cellArbitraries)[])) }), {
    minLength: 1,
    maxLength: 6,
    selector: (column) => column.name,
  })
  .chain((columns) =>
    fc
      .array(fc.tuple(...columns.map((column) => fc.option(cellArbitraries[column.type], { nil: null, freq: 4 }))), { maxLength: 15 })
      .map((rows) => ({
        columns: columns.map(({ name, type }) => ({ name, type })), // plain objects (fast-check may build null-prototype ones)
        rows: rows.map((cells) => Object.fromEntries(columns.map((column, index) => [column.name, cells[index] ?? null])) as Record<string, Cell>),
      })),
  );

async function roundTrip(type: 'csv' | 'json' | 'arrow' | 'parquet', table: Table): Promise<Table> {
  const content = await decodePinData(type, await encodePinData(type, table), where);
  if (content.kind === 'table') return content.table;
  return tableFromRecords(content.value as Record<string, unknown>[]);
}

/** Cell by cell with Object.is, so NaN, -0 and '' versus null all count. */
function assertSameTable(actual: Table, expected: Table): void {
  assert.deepEqual(actual.columns, expected.columns);
  assert.equal(actual.rows.length, expected.rows.length);
  actual.rows.forEach((row, index) => {
    // as sets: objects list integer-like keys ('0') first whatever the column order; columns carry the order
    assert.deepEqual(Object.keys(row).sort(), expected.columns.map((c) => c.name).sort(), `row ${index + 1} keys`);
    for (const { name } of expected.columns) {
      const want = expected.rows[index]![name] ?? null;
      assert.ok(Object.is(row[name], want), `row ${index + 1}, column ${JSON.stringify(name)}: got ${JSON.stringify(row[name])}, want ${JSON.stringify(want)}`);
    }
  });
}

/** What a table looks like after a round trip through a format that keeps no column types. */
function retyped(table: Table, mapCell: (cell: Cell, type: ColumnType) => Cell, typeOf: (type: ColumnType, cells: Cell[]) => ColumnType): Table {
  const rows = table.rows.map((row) => Object.fromEntries(table.columns.map(({ name, type }) => [name, mapCell(row[name] ?? null, type)])) as Record<string, Cell>);
  const columns = table.columns.map(({ name, type }) => ({ name, type: typeOf(type, rows.map((row) => row[name] ?? null)) }));
  return { columns, rows };
}

test(`arrow: ${RUNS} random tables survive write → read exactly`, async () => {
  await fc.assert(
    fc.asyncProperty(tableArbitrary, async (table) => assertSameTable(await roundTrip('arrow', table), table)),
    { numRuns: RUNS },
  );
});

test(`parquet: ${RUNS} random tables survive write → read exactly`, async () => {
  await fc.assert(
    fc.asyncProperty(tableArbitrary, async (table) => assertSameTable(await roundTrip('parquet', table), table)),
    { numRuns: RUNS },
  );
});

test(`json: ${RUNS} random tables survive write → read up to JSON's limits`, async () => {
  await fc.assert(
    fc.asyncProperty(tableArbitrary, async (table) => {
      // no column names without rows; columns in JavaScript's key order (names like '12'
      // first); non-finite numbers become null and -0 becomes 0; types inferred from the values
      const keyOrder = Object.keys(Object.fromEntries(table.columns.map((column) => [column.name, column])));
      const reordered = { ...table, columns: keyOrder.map((name) => table.columns.find((column) => column.name === name)!) };
      const expected: Table =
        table.rows.length === 0
          ? { columns: [], rows: [] }
          : retyped(
              reordered,
              (cell) => (typeof cell === 'number' ? (Number.isFinite(cell) ? cell + 0 : null) : cell),
              (type, cells) => {
                const present = cells.filter((cell) => cell !== null);
                if (present.length === 0) return 'unknown';
                if (type === 'date' || type === 'datetime') return 'string';
                if (type === 'number' && present.every((cell) => Number.isSafeInteger(cell))) return 'integer';
                return type;
              },
            );
      assertSameTable(await roundTrip('json', table), expected);
    }),
    { numRuns: RUNS },
  );
});

test(`csv: ${RUNS} random tables survive write → read up to CSV's limits`, async () => {
  await fc.assert(
    fc.asyncProperty(tableArbitrary, async (table) => {
      // dates and datetimes come back as strings; a column without values is unknown
      const expected = retyped(
        table,
        (cell) => cell,
        (type, cells) => {
          if (cells.every((cell) => cell === null)) return 'unknown';
          return type === 'date' || type === 'datetime' ? 'string' : type;
        },
      );
      assertSameTable(await roundTrip('csv', table), expected);
    }),
    { numRuns: RUNS },
  );
});
