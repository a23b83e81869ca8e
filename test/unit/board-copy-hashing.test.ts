import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import xxhash from 'xxhash-wasm';
import { copyFileHashing } from '../../src/core/pins/copyHashing.js';

test('a copied file is byte-identical and its hash is the xxh64 of those bytes, at any size', async (t) => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pinwheel-copyhash-'));
  t.after(() => fs.rm(dir, { recursive: true, force: true }));
  const { h64Raw } = await xxhash();
  const mib = 1 << 20;
  // Empty, tiny, exactly one and two 2 MiB chunks, and sizes that end mid-chunk.
  for (const size of [0, 1, 2 * mib, 4 * mib, 4 * mib + 17, 7 * mib - 3]) {
    const bytes = randomBytes(size);
    const source = path.join(dir, `in-${size}`);
    const target = path.join(dir, `out-${size}`);
    await fs.writeFile(source, bytes);
    const result = await copyFileHashing(source, target);
    assert.deepEqual(await fs.readFile(target), bytes, `copy of ${size} bytes`);
    assert.equal(result.size, size);
    assert.equal(result.hash, h64Raw(bytes, 0n).toString(16).padStart(16, '0'));
  }
});

test('copying never overwrites an existing file', async (t) => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pinwheel-copyhash-'));
  t.after(() => fs.rm(dir, { recursive: true, force: true }));
  await fs.writeFile(path.join(dir, 'a'), 'new');
  await fs.writeFile(path.join(dir, 'b'), 'precious');
  await assert.rejects(copyFileHashing(path.join(dir, 'a'), path.join(dir, 'b')), { code: 'EEXIST' });
  assert.equal(await fs.readFile(path.join(dir, 'b'), 'utf8'), 'precious');
});

test('a cancelled copy stops between chunks, before the whole file is written', async (t) => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pinwheel-copyhash-'));
  t.after(() => fs.rm(dir, { recursive: true, force: true }));
  const source = path.join(dir, 'in');
  const target = path.join(dir, 'out');
  const size = 64 << 20;
  await fs.writeFile(source, randomBytes(size));
  const controller = new AbortController();
  const copy = copyFileHashing(source, target, controller.signal);
  while (!((await fs.stat(target).catch(() => undefined))?.size)) await new Promise((resolve) => setImmediate(resolve));
  controller.abort();
  await assert.rejects(copy, { name: 'AbortError' });
  const written = (await fs.stat(target)).size;
  assert.ok(written < size, `stopped after ${written} of ${size} bytes`);
});
