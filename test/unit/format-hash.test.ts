import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { isPinsError } from '../../src/core/pins/errors.js';
import { createXxh64, pinHashOfFiles, xxh64File, xxh64Hex } from '../../src/core/pins/format/hash.js';
import { parseDataTxt } from '../../src/core/pins/format/meta.js';
import { fixturePath, skipWithoutShared } from '../support/sharedFixtures.js';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

async function withTempDir(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pinwheel-hash-'));
  try {
    await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('xxh64Hex matches the published xxHash64 vectors (seed 0)', async () => {
  assert.equal(await xxh64Hex(utf8('')), 'ef46db3751d8e999');
  assert.equal(await xxh64Hex(utf8('123')), '3c697d223fa7e885');
  assert.equal(await xxh64Hex(utf8('a')), 'd24ec4f1a98c6e5b');
  assert.equal(await xxh64Hex(utf8('a\n')), 'fbbde8981eccc855');
  assert.equal(await xxh64Hex(utf8('b\n')), 'afc37974405adf22');
});

test('hashes are always 16 lowercase hex digits, leading zeros included', async () => {
  // Among 2,000 inputs about 125 digests start with a 0 digit; BigInt.toString drops it.
  let withLeadingZero = 0;
  for (let index = 0; index < 2000; index += 1) {
    const hash = await xxh64Hex(utf8(`input ${index}`));
    assert.match(hash, /^[0-9a-f]{16}$/);
    if (hash.startsWith('0')) withLeadingZero += 1;
  }
  assert.ok(withLeadingZero > 0, 'expected some digests with a leading zero');
});

test('pinHashOfFiles: one file keeps its hash; several use the pins-python rule', async () => {
  assert.equal(await pinHashOfFiles(['9bfad6d1a322a904']), '9bfad6d1a322a904');
  assert.equal(await pinHashOfFiles(['fbbde8981eccc855', 'afc37974405adf22']), '393118599e84ff4b');
  await assert.rejects(pinHashOfFiles([]), (error) => isPinsError(error, 'invalid-argument'));
});

test('createXxh64 gives the same digest however the bytes are split into chunks', async () => {
  const bytes = randomBytes(20_003);
  const expected = await xxh64Hex(bytes);
  for (const chunkSize of [1, 7, 31, 32, 33, 4096, 65_536, bytes.length]) {
    const hash = await createXxh64();
    for (let start = 0; start < bytes.length; start += chunkSize) hash.update(bytes.subarray(start, start + chunkSize));
    assert.equal(hash.digestHex(), expected, `chunks of ${chunkSize} bytes`);
  }
});

test('two incremental hashes can be fed alternately without mixing their state', async () => {
  const first = await createXxh64();
  const second = await createXxh64();
  first.update(utf8('a'));
  second.update(utf8('1'));
  first.update(utf8('\n'));
  second.update(utf8('23'));
  assert.equal(first.digestHex(), 'fbbde8981eccc855');
  assert.equal(second.digestHex(), '3c697d223fa7e885');
});

test('xxh64File streams a multi-megabyte file to the same hash as hashing its bytes at once', async () => {
  await withTempDir(async (dir) => {
    const bytes = randomBytes(5 * 1024 * 1024 + 12_345);
    const file = path.join(dir, 'model.onnx');
    await writeFile(file, bytes);
    assert.equal(await xxh64File(file), await xxh64Hex(bytes));
  });
});

test('xxh64File of an empty file is the hash of no bytes', async () => {
  await withTempDir(async (dir) => {
    const file = path.join(dir, 'empty.txt');
    await writeFile(file, '');
    assert.equal(await xxh64File(file), 'ef46db3751d8e999');
  });
});

test('xxh64File of a missing file is a PinsError naming the file', async () => {
  await withTempDir(async (dir) => {
    const file = path.join(dir, 'missing.csv');
    await assert.rejects(xxh64File(file), (error) => isPinsError(error, 'io') && error.message.includes(file));
  });
});

/** Every version folder (a folder holding a data.txt) under the shared fixture boards. */
async function fixtureVersionDirs(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const found = entries.some((entry) => entry.isFile() && entry.name === 'data.txt') ? [dir] : [];
  for (const entry of entries) {
    if (entry.isDirectory()) found.push(...(await fixtureVersionDirs(path.join(dir, entry.name))));
  }
  return found;
}

test('the recorded pin_hash and file_size of every fixture version match the data files', skipWithoutShared, async () => {
  const dirs = await fixtureVersionDirs(fixturePath());
  let hashesChecked = 0;
  for (const dir of dirs) {
    const meta = parseDataTxt(await readFile(path.join(dir, 'data.txt'), 'utf8'), {
      pin: path.basename(path.dirname(dir)),
      version: path.basename(dir),
    });
    if (meta.apiVersion === 0) continue; // legacy metadata records neither hash nor sizes
    const files = meta.files.map((file) => path.join(dir, file));
    for (const [index, file] of files.entries()) {
      assert.equal((await stat(file)).size, meta.fileSizes[index], `file_size of ${file}`);
    }
    // pins-r hashes several files with rlang::hash() (32 hex digits), which cannot be recomputed.
    if (meta.pinHash?.length !== 16) continue;
    const fileHashes = await Promise.all(files.map((file) => xxh64File(file)));
    assert.equal(await pinHashOfFiles(fileHashes), meta.pinHash, `pin_hash of ${dir}`);
    hashesChecked += 1;
  }
  assert.ok(hashesChecked >= 17, `expected to check every single-file fixture, checked ${hashesChecked}`);
});
