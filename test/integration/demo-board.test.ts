import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeDemoBoard, DEMO_PINS } from '../../src/core/demo/demoBoard.js';
import { openBoard, type Board } from '../../src/core/pins/index.js';

async function demoBoard(): Promise<Board> {
  const board = await openBoard('temp');
  await writeDemoBoard(board);
  return board;
}

test('the demo board has the same pins and version names on every machine', async () => {
  const [a, b] = [await demoBoard(), await demoBoard()];
  try {
    assert.deepEqual(await a.list(), [...DEMO_PINS].sort());
    for (const pin of DEMO_PINS) assert.deepEqual(await a.versions(pin), await b.versions(pin));
    assert.equal((await a.versions('ads')).length, 2);
  } finally {
    await a.dispose();
    await b.dispose();
  }
});

test('the demo ads table reads back identically from csv, arrow and parquet', async () => {
  const board = await demoBoard();
  try {
    const tables = await Promise.all(['ads', 'ads_arrow', 'ads_parquet'].map((pin) => board.read(pin)));
    for (const content of tables) assert.equal(content.kind, 'table');
    const rows = tables.map((content) => (content.kind === 'table' ? content.table.rows : []));
    assert.equal(rows[0]?.length, 320);
    assert.deepEqual(rows[1], rows[0]);
    assert.deepEqual(rows[2], rows[0]);
    const older = await board.read('ads', (await board.versions('ads'))[0]?.version);
    assert.equal(older.kind === 'table' ? older.table.rows.length : -1, 160);
  } finally {
    await board.dispose();
  }
});
