// Write every writable type with Pinwheel and read it back: the stored file is exactly what the
// encoder produced (or the uploaded file), the metadata survives, and pin_hash is the xxh64 of
// the stored bytes computed independently.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import xxhash from 'xxhash-wasm';
import { Board } from '../../src/core/pins/board.js';
import { FolderStorage } from '../../src/core/pins/storage/folderStorage.js';
import { encodePinData, type PinType } from '../../src/core/pins/types/index.js';
import type { Table } from '../../src/core/pins/types/table.js';

const sample: Table = {
  columns: [
    { name: 'id', type: 'integer' },
    { name: 'score', type: 'number' },
    { name: 'label', type: 'string' },
    { name: 'ok', type: 'boolean' },
  ],
  rows: [
    { id: 1, score: 0.5, label: 'alpha', ok: true },
    { id: 2, score: -1.25, label: 'beta, "quoted"', ok: false },
    { id: 3, score: null, label: null, ok: null },
  ],
};

async function xxh64(bytes: Uint8Array): Promise<string> {
  return (await xxhash()).h64Raw(bytes, 0n).toString(16).padStart(16, '0');
}

async function tempDir(t: { after(fn: () => Promise<void>): void }, prefix: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  t.after(() => fs.rm(dir, { recursive: true, force: true }));
  return dir;
}

for (const type of ['csv', 'arrow', 'parquet', 'json'] as const satisfies readonly PinType[]) {
  test(`${type}: stored bytes, metadata and hash round-trip`, async (t) => {
    const root = await tempDir(t, `pinwheel-rt-${type}-`);
    const board = new Board(new FolderStorage(root));
    const options = {
      name: `sample-${type}`, type, title: `Sample as ${type}`, description: 'round trip',
      metadata: { source: 'test', nested: { list: [1, 'two', true], empty: {} }, flag: false, version_like: '1.0', yes_string: 'yes' },
      tags: ['a', 'b'], urls: ['https://example.org/x'], created: new Date('2024-05-06T07:08:09Z'),
    };
    const result = await board.write(sample, options);

    const stored = new Uint8Array(await fs.readFile(path.join(root, options.name, result.version, `${options.name}.${type}`)));
    assert.deepEqual(stored, await encodePinData(type, sample), 'the stored file is exactly what the encoder produced');

    const meta = await board.meta(options.name);
    assert.equal(meta.pinHash, await xxh64(stored));
    assert.deepEqual(meta.fileSizes, [stored.byteLength]);
    assert.deepEqual(meta.files, [`${options.name}.${type}`]);
    assert.equal(meta.type, type);
    assert.equal(meta.title, options.title);
    assert.equal(meta.description, options.description);
    assert.deepEqual(meta.tags, options.tags);
    assert.deepEqual(meta.urls, options.urls);
    assert.deepEqual(meta.user, options.metadata);
    assert.equal(meta.created?.getTime(), options.created.getTime());
    assert.equal(meta.apiVersion, 1);
    assert.deepEqual(meta, result.meta);

    const content = await board.read(options.name, undefined, { verifyHash: true });
    if (type === 'json') {
      assert.equal(content.kind, 'json');
    } else {
      assert.equal(content.kind, 'table');
      assert.deepEqual(content.kind === 'table' && content.table.rows, sample.rows);
    }
  });
}

test('json: any JSON value round-trips', async (t) => {
  const board = new Board(new FolderStorage(await tempDir(t, 'pinwheel-rt-json-')));
  const value = { model: 'lm', coefficients: [1.5, -2, 0], nested: { deep: [null, true, 'text'] }, unicode: 'héllo ✓' };
  await board.write(value, { name: 'cfg', type: 'json' });
  assert.deepEqual(await board.read('cfg'), { kind: 'json', value });
});

test('file: uploaded bytes are stored unchanged, including binary content', async (t) => {
  const root = await tempDir(t, 'pinwheel-rt-file-');
  const sources = await tempDir(t, 'pinwheel-rt-src-');
  const binary = new Uint8Array(4096).map((_, i) => (i * 31) % 256);
  await fs.writeFile(path.join(sources, 'model.onnx'), binary);
  await fs.writeFile(path.join(sources, 'README'), 'about the model\n');
  const board = new Board(new FolderStorage(root));
  const result = await board.upload([path.join(sources, 'model.onnx'), path.join(sources, 'README')], { name: 'model', metadata: { input: 'bool[N,6]' } });
  const [onnx, readme] = await board.download('model');
  assert.deepEqual(new Uint8Array(await fs.readFile(onnx as string)), binary);
  assert.equal(await fs.readFile(readme as string, 'utf8'), 'about the model\n');
  const meta = await board.meta('model');
  const api = await xxhash();
  const expected = api.h64Raw(new TextEncoder().encode((await xxh64(binary)) + (await xxh64(new TextEncoder().encode('about the model\n')))), 0n).toString(16).padStart(16, '0');
  assert.equal(meta.pinHash, expected);
  assert.deepEqual(meta.fileSizes, [4096, 16]);
  assert.deepEqual(meta.user, { input: 'bool[N,6]' });
  assert.deepEqual(meta, result.meta);
  await board.read('model', undefined, { verifyHash: true });
});

test('data already in the pin format is stored byte for byte; data that does not decode is refused before anything is written', async (t) => {
  const dir = await tempDir(t, 'pinwheel-encoded-');
  const board = new Board(new FolderStorage(dir));
  // pandas-style booleans and a float written with an exponent: re-encoding would change these bytes.
  const userCsv = new TextEncoder().encode('id,ok,score\r\n1,True,1e-05\r\n2,False,2.50\r\n');
  const written = await board.writeEncoded(userCsv, { name: 'mine', type: 'csv', source: 'mine.csv' });
  const stored = await fs.readFile(path.join(dir, 'mine', written.version, 'mine.csv'));
  assert.deepEqual(new Uint8Array(stored), userCsv);
  assert.equal(written.meta.pinHash, await xxh64(userCsv));
  assert.equal(written.meta.title, 'mine: a pinned 2 x 3 data frame');
  const read = await board.read('mine');
  assert.deepEqual(read.kind === 'table' ? read.table.rows : null, [
    { id: 1, ok: true, score: 0.00001 },
    { id: 2, ok: false, score: 2.5 },
  ]);

  const notParquet = new TextEncoder().encode('id,ok\n1,true\n');
  await assert.rejects(board.writeEncoded(notParquet, { name: 'broken', type: 'parquet', source: 'broken.parquet' }), (error: Error) =>
    /broken\.parquet \(to be pinned as 'broken'\)/.test(error.message) && !/older version/.test(error.message));
  assert.equal(await board.exists('broken'), false);
});
