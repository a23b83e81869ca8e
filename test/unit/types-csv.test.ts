// CSV pins: reading what pandas and R write (and hand-made RFC 4180 edge cases), writing files
// that read back as the same table, and clear errors for broken files.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodePinData, encodePinData, type Table } from '../../src/core/pins/types/index.js';
import { isPinsError } from '../../src/core/pins/errors.js';

const where = { pin: 'sales', version: '20240101T000000Z-abcde', file: 'sales.csv' };

async function readCsv(text: string | Uint8Array): Promise<Table> {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  const content = await decodePinData('csv', bytes, where);
  assert.equal(content.kind, 'table');
  return content.table;
}

async function writeCsv(table: Table): Promise<string> {
  return new TextDecoder().decode(await encodePinData('csv', table));
}

const types = (table: Table) => Object.fromEntries(table.columns.map((c) => [c.name, c.type]));

test('pandas-style CSV: unquoted header, True/False, empty fields are missing', async () => {
  const table = await readCsv('id,flag,score,name\n1,True,0.5,ann\n2,False,,bob\n3,,1e-05,\n');
  assert.deepEqual(types(table), { id: 'integer', flag: 'boolean', score: 'number', name: 'string' });
  assert.deepEqual(table.rows, [
    { id: 1, flag: true, score: 0.5, name: 'ann' },
    { id: 2, flag: false, score: null, name: 'bob' },
    { id: 3, flag: null, score: 0.00001, name: null },
  ]);
});

test('R-style CSV: quoted header and strings, TRUE/FALSE, NA is missing, quoted "NA" and "" are strings', async () => {
  const table = await readCsv('"x","y","ok"\n1,"a",TRUE\nNA,"NA",FALSE\n3,NA,NA\n4,"",true\n');
  assert.deepEqual(types(table), { x: 'integer', y: 'string', ok: 'boolean' });
  assert.deepEqual(table.rows, [
    { x: 1, y: 'a', ok: true },
    { x: null, y: 'NA', ok: false },
    { x: 3, y: null, ok: null },
    { x: 4, y: '', ok: true },
  ]);
});

test('quoted fields hold commas, doubled quotes, LF and CRLF line breaks; CRLF records; unicode', async () => {
  const table = await readCsv('name,note\r\n"Smith, J.","said ""hi"""\r\n"multi\nline","crlf\r\ninside"\r\nzoë,日本語 🎉\r\n');
  assert.deepEqual(table.rows, [
    { name: 'Smith, J.', note: 'said "hi"' },
    { name: 'multi\nline', note: 'crlf\r\ninside' },
    { name: 'zoë', note: '日本語 🎉' },
  ]);
});

test('a UTF-8 byte order mark is ignored, the trailing newline is optional, blank lines are skipped', async () => {
  const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('a,b\n1,2')]);
  assert.deepEqual((await readCsv(withBom)).columns.map((c) => c.name), ['a', 'b']);
  assert.deepEqual((await readCsv(withBom)).rows, [{ a: 1, b: 2 }]);
  assert.deepEqual((await readCsv('a,b\n\n1,2\n\n\n3,4\n')).rows, [
    { a: 1, b: 2 },
    { a: 3, b: 4 },
  ]);
  assert.deepEqual((await readCsv('a,b\r1,2\r')).rows, [{ a: 1, b: 2 }], 'old Mac CR line endings');
});

test('a header-only file is a table with columns and no rows', async () => {
  const table = await readCsv('"x","y"\n');
  assert.deepEqual(table.columns, [
    { name: 'x', type: 'unknown' },
    { name: 'y', type: 'unknown' },
  ]);
  assert.deepEqual(table.rows, []);
});

test('column type inference: integers, R/pandas number forms, booleans, leading zeros, mixed', async () => {
  const table = await readCsv(
    [
      'int,num,special,bool,zip,mixed,bigint,date',
      '1,1.5,Inf,TRUE,00123,1,9007199254740993,2021-01-01',
      '-2,1e-05,-Inf,false,00456,x,1,2021-01-02',
      '+3,.5,NaN,True,01000,TRUE,2,2021-01-03',
      '0,-2.5E+10,inf,FALSE,12345,2.5,3,2021-01-04',
    ].join('\n'),
  );
  assert.deepEqual(types(table), {
    int: 'integer',
    num: 'number',
    special: 'number',
    bool: 'boolean',
    zip: 'string',
    mixed: 'string',
    bigint: 'number',
    date: 'string',
  });
  assert.deepEqual(
    table.rows.map((row) => row.int),
    [1, -2, 3, 0],
  );
  assert.deepEqual(
    table.rows.map((row) => row.num),
    [1.5, 0.00001, 0.5, -2.5e10],
  );
  assert.deepEqual(
    table.rows.map((row) => row.special),
    [Infinity, -Infinity, NaN, Infinity],
  );
  assert.deepEqual(
    table.rows.map((row) => row.zip),
    ['00123', '00456', '01000', '12345'],
  );
  assert.deepEqual(
    table.rows.map((row) => row.mixed),
    ['1', 'x', 'TRUE', '2.5'],
  );
  assert.equal(table.rows[0]!.bigint, 9007199254740992, 'an integer too big for a double is read as the nearest number');
});

test('a quoted column is a string column even when its values look like numbers (R quotes character columns)', async () => {
  const table = await readCsv('"code","n"\n"1",1\n"2",2\n');
  assert.deepEqual(types(table), { code: 'string', n: 'integer' });
  assert.deepEqual(table.rows, [
    { code: '1', n: 1 },
    { code: '2', n: 2 },
  ]);
});

test('duplicate column names are made unique the way pandas does (x, x.1)', async () => {
  const table = await readCsv('x,x,y\n1,2,3\n');
  assert.deepEqual(table.rows, [{ x: 1, 'x.1': 2, y: 3 }]);
});

test('column names like Object.prototype members are ordinary columns', async () => {
  const table = await readCsv('constructor,__proto__,toString\n1,2,3\n');
  assert.deepEqual(
    table.columns.map((c) => c.name),
    ['constructor', '__proto__', 'toString'],
  );
  assert.equal(Object.keys(table.rows[0]!).length, 3);
  assert.equal(table.rows[0]!['__proto__'], 2);
  const back = await readCsv(await writeCsv(table));
  assert.deepEqual(back.rows[0], table.rows[0]);
});

async function assertCorrupt(text: string | Uint8Array, message: RegExp): Promise<void> {
  await assert.rejects(readCsv(text), (error: unknown) => {
    assert.ok(isPinsError(error, 'corrupt-data'), `expected corrupt-data, got ${String(error)}`);
    assert.match(error.message, /sales\.csv/);
    assert.match(error.message, /'sales'/);
    assert.match(error.message, /20240101T000000Z-abcde/);
    assert.match(error.message, message);
    return true;
  });
}

test('ragged rows are corrupt data naming the line and the column counts', async () => {
  await assertCorrupt('a,b,c\n1,2,3\n4,5\n', /2 fields on line 3, but its header \(line 1\) has 3 columns/);
  await assertCorrupt('a,b\n1,2\n3,4,5\n', /3 fields on line 3/);
  await assertCorrupt('a,b\n"x\ny",2\n3\n', /1 field on line 4/);
});

test('a file cut inside a quoted field, text after a closing quote, an empty file and bad UTF-8 are corrupt data', async () => {
  await assertCorrupt('a,b\n1,"never closed\n2,3\n', /quoted field starting on line 2 that is never closed/);
  await assertCorrupt('a,b\n"x"y,2\n', /after the closing quote of a field on line 2/);
  await assertCorrupt('', /is empty/);
  await assertCorrupt('\n\n', /is empty/);
  await assertCorrupt(new Uint8Array([0x61, 0x0a, 0xff, 0xfe, 0x0a]), /not valid UTF-8/);
});

test('a truncated CSV file is corrupt data', async () => {
  const full = await writeCsv({
    columns: [
      { name: 'id', type: 'integer' },
      { name: 'label', type: 'string' },
      { name: 'score', type: 'number' },
    ],
    rows: [
      { id: 1, label: 'a', score: 0.25 },
      { id: 2, label: 'b, c', score: 0.5 },
    ],
  });
  await assertCorrupt(full.slice(0, full.indexOf('b, c') + 2), /never closed/);
  await assertCorrupt(full.slice(0, full.lastIndexOf(',')), /2 fields on line 3/);
});

test('writer: header, LF endings, minimal quoting like pandas, TRUE/FALSE, missing as NA like R', async () => {
  const text = await writeCsv({
    columns: [
      { name: 'id', type: 'integer' },
      { name: 'name', type: 'string' },
      { name: 'ok', type: 'boolean' },
      { name: 'score', type: 'number' },
    ],
    rows: [
      { id: 1, name: 'plain', ok: true, score: 0.1 },
      { id: 2, name: 'with, comma', ok: false, score: 2 },
      { id: 3, name: 'say "hi"\nbye', ok: null, score: null },
      { id: null, name: null, ok: true, score: -1.5e-7 },
    ],
  });
  assert.equal(
    text,
    'id,name,ok,score\n' +
      '1,plain,TRUE,0.1\n' +
      '2,"with, comma",FALSE,2.0\n' +
      '3,"say ""hi""\nbye",NA,NA\n' +
      'NA,NA,TRUE,-1.5e-7\n',
  );
});

test('writer quotes strings that would otherwise read back as something else', async () => {
  const table: Table = {
    columns: [
      { name: 's', type: 'string' },
      { name: 'n', type: 'integer' },
    ],
    rows: ['', 'NA', '12', '1e5', 'TRUE', 'false', 'Inf', 'NaN', 'text', null].map((s, n) => ({ s, n })),
  };
  const text = await writeCsv(table);
  assert.equal(text.split('\n')[1], '"",0');
  assert.equal(text.split('\n')[2], '"NA",1');
  assert.equal(text.split('\n')[3], '"12",2');
  assert.equal(text.split('\n')[9], 'text,8');
  assert.equal(text.split('\n')[10], 'NA,9');
  const back = await readCsv(text);
  assert.deepEqual(back, table);
});

test('empty string and missing stay distinct through write → read; in a one-column table too', async () => {
  const table: Table = { columns: [{ name: 'only', type: 'string' }], rows: [{ only: '' }, { only: null }, { only: 'x' }] };
  const text = await writeCsv(table);
  assert.equal(text, 'only\n""\nNA\nx\n');
  assert.deepEqual(await readCsv(text), table);
});

test('numbers round-trip exactly, including whole floats, extremes, infinities and NaN', async () => {
  const values = [0.1, 2, -0, 1e21, 123456789.12345679, 5e-324, 1.7976931348623157e308, -Infinity, Infinity, NaN, null];
  const table: Table = { columns: [{ name: 'v', type: 'number' }, { name: 'i', type: 'integer' }], rows: values.map((v, i) => ({ v, i })) };
  const back = await readCsv(await writeCsv(table));
  assert.deepEqual(back.columns, table.columns);
  back.rows.forEach((row, index) => assert.ok(Object.is(row.v, values[index]), `${String(row.v)} vs ${String(values[index])}`));
});

test('CSV limits: date/datetime columns and all-missing string columns come back as string/unknown', async () => {
  const table: Table = {
    columns: [
      { name: 'd', type: 'date' },
      { name: 't', type: 'datetime' },
      { name: 'empty', type: 'string' },
    ],
    rows: [{ d: '2024-02-29', t: '2024-02-29T12:34:56.789Z', empty: null }],
  };
  const back = await readCsv(await writeCsv(table));
  assert.deepEqual(back.columns, [
    { name: 'd', type: 'string' },
    { name: 't', type: 'string' },
    { name: 'empty', type: 'unknown' },
  ]);
  assert.deepEqual(back.rows, [{ d: '2024-02-29', t: '2024-02-29T12:34:56.789Z', empty: null }]);
});

test('the writer refuses tables it cannot write faithfully, saying which cell is wrong', async () => {
  await assert.rejects(encodePinData('csv', { columns: [], rows: [] }), (e: unknown) => isPinsError(e, 'invalid-argument') && /no columns/.test(e.message));
  await assert.rejects(
    encodePinData('csv', { columns: [{ name: 'n', type: 'integer' }], rows: [{ n: 1 }, { n: 1.5 }] }),
    (e: unknown) => isPinsError(e, 'invalid-argument') && /column "n" is declared integer, but row 2 holds 1.5/.test(e.message),
  );
  await assert.rejects(encodePinData('csv', [1, 2, 3]), (e: unknown) => isPinsError(e, 'invalid-argument') && /as json instead/.test(e.message));
});

test('text columns that pandas and R would read back from CSV as numbers or booleans are named', async () => {
  const { csvTextColumnsAtRisk } = await import('../../src/core/pins/types/csv.js');
  const table: Table = {
    columns: [
      { name: 'zip', type: 'string' },
      { name: 'flag_text', type: 'string' },
      { name: 'city', type: 'string' },
      { name: 'count', type: 'integer' },
      { name: 'empty', type: 'string' },
    ],
    rows: [
      { zip: '90210', flag_text: 'TRUE', city: 'LA', count: 1, empty: null },
      { zip: '01234', flag_text: 'false', city: '02134', count: 2, empty: null },
      { zip: null, flag_text: null, city: 'Boston', count: 3, empty: null },
    ],
  };
  assert.deepEqual(csvTextColumnsAtRisk(table), [
    { column: 'zip', example: '01234' },
    { column: 'flag_text', example: 'TRUE' },
  ]);
});
