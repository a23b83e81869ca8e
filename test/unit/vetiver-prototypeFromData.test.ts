// The prototype a model pin records, from a sample table: order, types, examples, missing values,
// dates, and the refusals a user sees for samples that cannot describe a model.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodePinData, tableFromRecords, type Table } from '../../src/core/pins/index.js';
import { isModelError } from '../../src/core/vetiver/errors.js';
import { prototypeFromTable, sampleFromTable } from '../../src/core/vetiver/prototypeFromData.js';

const where = { pin: 'sample', version: null, file: 'sample.csv' };

async function csvTable(text: string): Promise<Table> {
  const content = await decodePinData('csv', new TextEncoder().encode(text), where);
  assert.equal(content.kind, 'table');
  return content.table;
}

function modelError(code: string, ...pieces: string[]) {
  return (error: unknown) => {
    assert.ok(isModelError(error, code as never), `expected ModelError ${code}, got ${String(error)}`);
    for (const piece of pieces) assert.ok(error.message.includes(piece), `expected "${piece}" in: ${error.message}`);
    return true;
  };
}

describe('prototypeFromTable', () => {
  test('keeps the sample column order, maps types and takes the first value as example', async () => {
    const table = await csvTable('like_count,funny,score,brand\n516,False,0.5,Toyota\n3483,True,1.25,Kia\n');
    const { prototype, notes } = prototypeFromTable(table, 'ads.csv');
    assert.deepEqual(prototype, [
      { name: 'like_count', type: 'integer', example: 516 },
      { name: 'funny', type: 'boolean', example: false },
      { name: 'score', type: 'number', example: 0.5 },
      { name: 'brand', type: 'string', example: 'Toyota' },
    ]);
    assert.deepEqual(notes, []);
  });

  test('a column with missing values is nullable and its example is the first value present', async () => {
    const table = await csvTable('year,price\nNA,3.5\n2021,NA\n2022,4\n');
    const { prototype } = prototypeFromTable(table);
    assert.deepEqual(prototype, [
      { name: 'year', type: 'integer', example: 2021, nullable: true },
      { name: 'price', type: 'number', example: 3.5, nullable: true },
    ]);
  });

  test('dates and date-times become ISO text, with a note naming the column', () => {
    const table: Table = {
      columns: [{ name: 'day', type: 'date' }, { name: 'at', type: 'datetime' }],
      rows: [{ day: '2021-01-02', at: '2021-01-02T03:04:05.000Z' }],
    };
    const { prototype, notes } = prototypeFromTable(table, 'visits.parquet');
    assert.deepEqual(prototype, [
      { name: 'day', type: 'string', example: '2021-01-02' },
      { name: 'at', type: 'string', example: '2021-01-02T03:04:05.000Z' },
    ]);
    assert.equal(notes.length, 2);
    assert.match(notes[0] ?? '', /Column "day" of visits\.parquet holds dates.*ISO text.*"2021-01-02"/);
    assert.match(notes[1] ?? '', /Column "at" .*date-times/);
  });

  test('a column of mixed kinds is refused, naming the column and the way out', () => {
    const table = tableFromRecords([{ x: 1, mixed: 'a' }, { x: 2, mixed: 3 }]);
    assert.throws(() => prototypeFromTable(table, 'mixed.json'), modelError('invalid-prototype', 'column "mixed" of mixed.json', 'mixed kinds', '--exclude mixed'));
  });

  test('a column where every value is missing is refused with the reason', async () => {
    const table = await csvTable('x,empty\n1,NA\n2,NA\n');
    assert.throws(() => prototypeFromTable(table, 'gaps.csv'), modelError('invalid-prototype', 'column "empty" of gaps.csv', 'every value is missing', '--exclude empty'));
  });

  test('a sample without rows or columns is refused', async () => {
    const headerOnly = await csvTable('a,b\n');
    assert.throws(() => prototypeFromTable(headerOnly, 'header.csv'), modelError('invalid-prototype', 'header.csv', 'no rows', 'at least one row'));
    assert.throws(() => prototypeFromTable({ columns: [], rows: [] }, 'nothing.json'), modelError('invalid-prototype', 'nothing.json', 'no columns'));
  });
});

describe('sampleFromTable', () => {
  test('keeps untyped columns apart instead of failing, and finds whole-number float columns', () => {
    const table: Table = {
      columns: [{ name: 'n', type: 'number' }, { name: 'f', type: 'number' }, { name: 'blob', type: 'unknown' }],
      rows: [{ n: 3, f: 0.5, blob: '[1,2]' }, { n: 4, f: 1, blob: null }],
    };
    const sample = sampleFromTable(table, 'floats.arrow');
    assert.deepEqual(sample.columns, ['n', 'f', 'blob']);
    assert.deepEqual(sample.prototype.map((c) => c.name), ['n', 'f']);
    assert.deepEqual(sample.untyped.map((c) => c.name), ['blob']);
    assert.deepEqual(sample.wholeNumberColumns, ['n']);
  });
});
