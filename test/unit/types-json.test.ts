// JSON pins: any JSON value; tables as row records (pandas orient="records" / jsonlite).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodePinData, encodePinData, tableFromRecords, type Table } from '../../src/core/pins/types/index.js';
import { isPinsError } from '../../src/core/pins/errors.js';

const where = { pin: 'config', version: '20240101T000000Z-abcde', file: 'config.json' };
const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array) => new TextDecoder().decode(data);

async function readJson(source: string | Uint8Array): Promise<unknown> {
  const content = await decodePinData('json', typeof source === 'string' ? bytes(source) : source, where);
  assert.equal(content.kind, 'json');
  return content.value;
}

test('any JSON value reads back as itself', async () => {
  for (const value of [[1, 2, 3], { a: [1, 2, 3], b: 'text', c: null }, 'just a string', 42, true, null, [], {}]) {
    assert.deepEqual(await readJson(JSON.stringify(value)), value);
    assert.deepEqual(await readJson(await encodePinData('json', value)), value);
  }
});

test('a table is written as row records, columns in order, missing as null', async () => {
  const table: Table = {
    columns: [
      { name: 'id', type: 'integer' },
      { name: 'name', type: 'string' },
      { name: 'ok', type: 'boolean' },
    ],
    rows: [
      { ok: true, name: 'a, "b"', id: 1 },
      { id: 2, name: null },
    ],
  };
  assert.equal(text(await encodePinData('json', table)), '[{"id":1,"name":"a, \\"b\\"","ok":true},{"id":2,"name":null,"ok":null}]');
  const records = (await readJson(await encodePinData('json', table))) as Record<string, unknown>[];
  assert.deepEqual(tableFromRecords(records), {
    columns: table.columns,
    rows: [
      { id: 1, name: 'a, "b"', ok: true },
      { id: 2, name: null, ok: null },
    ],
  });
});

test('NaN and Infinity written by Python json.dumps are accepted; JSON limits on writing', async () => {
  assert.deepEqual(await readJson('{"loss": NaN, "best": Infinity, "worst": -Infinity, "label": "NaN Infinity"}'), {
    loss: NaN,
    best: Infinity,
    worst: -Infinity,
    label: 'NaN Infinity',
  });
  assert.equal(text(await encodePinData('json', [NaN, Infinity, -0, 1.5])), '[null,null,0,1.5]');
});

test('a UTF-8 byte order mark and unicode text are handled', async () => {
  const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('{"name":"zoë 日本 🎉"}')]);
  assert.deepEqual(await readJson(withBom), { name: 'zoë 日本 🎉' });
});

test('broken JSON is corrupt data naming the pin, version and file', async () => {
  for (const [source, message] of [
    ['{"a": [1, 2', /not valid JSON/],
    ['', /is empty/],
    ['   \n', /is empty/],
    [new Uint8Array([0x22, 0xff, 0x22]), /not valid UTF-8/],
  ] as const) {
    await assert.rejects(readJson(source), (error: unknown) => {
      assert.ok(isPinsError(error, 'corrupt-data'), String(error));
      assert.match(error.message, /config\.json/);
      assert.match(error.message, /'config'/);
      assert.match(error.message, /20240101T000000Z-abcde/);
      assert.match(error.message, message);
      return true;
    });
  }
});

test('values JSON cannot hold are refused with a clear message', async () => {
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  for (const value of [cyclic, { big: 10n }, undefined, () => 1]) {
    await assert.rejects(encodePinData('json', value), (error: unknown) => isPinsError(error, 'invalid-argument') && /JSON/.test(error.message));
  }
});
