// The behaviour every BoardStorage backend must show, written once and run for each backend
// (folder and temp now; object stores later: call `storageContractSuite` from their test file
// with a factory that gives a fresh, empty, writable board each time).
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { describe, test } from 'node:test';
import { isPinsError } from '../../src/core/pins/errors.js';
import type { BoardStorage } from '../../src/core/pins/storage.js';

export interface StorageUnderTest {
  storage: BoardStorage;
  /** Removes whatever the factory created. */
  cleanup(): Promise<void>;
}

const text = (value: string): Uint8Array => new TextEncoder().encode(value);
const decode = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

export function storageContractSuite(label: string, makeStorage: () => Promise<StorageUnderTest>): void {
  describe(`BoardStorage contract: ${label}`, () => {
    async function withStorage(run: (storage: BoardStorage) => Promise<void>): Promise<void> {
      const { storage, cleanup } = await makeStorage();
      try {
        await run(storage);
      } finally {
        await cleanup();
      }
    }

    /** Stages files and commits them as `dest`. */
    async function commitFiles(storage: BoardStorage, pin: string, dest: string, files: Record<string, string>): Promise<void> {
      const area = await storage.stage(pin);
      for (const [name, content] of Object.entries(files)) await fs.writeFile(`${area.localDir}/${name}`, content);
      await area.commit(dest);
      await area.discard();
    }

    test('an empty board lists nothing and missing paths do not exist', () =>
      withStorage(async (storage) => {
        assert.deepEqual(await storage.list(''), []);
        assert.deepEqual(await storage.list('no-such-pin'), []);
        assert.equal(await storage.exists('no-such-pin'), false);
        assert.equal(await storage.stat('no-such-pin/data.txt'), undefined);
        assert.equal(storage.readOnly, false);
        assert.ok(storage.description.length > 0);
      }));

    test('write then read returns the same bytes; stat reports kind and size', () =>
      withStorage(async (storage) => {
        await storage.write('pin/v1/data.txt', text('hello: world\n'));
        assert.equal(decode(await storage.read('pin/v1/data.txt')), 'hello: world\n');
        const stat = await storage.stat('pin/v1/data.txt');
        assert.equal(stat?.kind, 'file');
        assert.equal(stat?.size, 13);
        assert.ok(stat?.modified instanceof Date);
        assert.equal((await storage.stat('pin'))?.kind, 'directory');
        assert.equal(await storage.exists('pin/v1'), true);
      }));

    test('write replaces an existing file and leaves no temporary files behind', () =>
      withStorage(async (storage) => {
        await storage.write('_pins.yaml', text('old'));
        await storage.write('_pins.yaml', text('new content'));
        assert.equal(decode(await storage.read('_pins.yaml')), 'new content');
        assert.deepEqual(await storage.list(''), [{ name: '_pins.yaml', kind: 'file' }]);
      }));

    test('list gives the direct children with their kinds, sorted by name', () =>
      withStorage(async (storage) => {
        await storage.write('b/1/data.txt', text('x'));
        await storage.write('a/1/data.txt', text('x'));
        await storage.write('_pins.yaml', text('x'));
        assert.deepEqual(await storage.list(''), [
          { name: '_pins.yaml', kind: 'file' },
          { name: 'a', kind: 'directory' },
          { name: 'b', kind: 'directory' },
        ]);
        assert.deepEqual(await storage.list('a/1'), [{ name: 'data.txt', kind: 'file' }]);
      }));

    test('localPath gives a local file holding the bytes', () =>
      withStorage(async (storage) => {
        await storage.write('pin/v1/file.bin', new Uint8Array([0, 1, 2, 255]));
        const local = await storage.localPath('pin/v1/file.bin');
        assert.deepEqual(new Uint8Array(await fs.readFile(local)), new Uint8Array([0, 1, 2, 255]));
      }));

    test('staged files are invisible until commit, then appear together', () =>
      withStorage(async (storage) => {
        const area = await storage.stage('pin');
        await fs.writeFile(`${area.localDir}/data.txt`, 'meta');
        await fs.writeFile(`${area.localDir}/pin.csv`, 'a,b\n1,2\n');
        assert.deepEqual(await storage.list('pin'), [], 'the staging area must not be listed');
        assert.equal(await storage.exists('pin/20240101T000000Z-abcde'), false);
        await area.commit('pin/20240101T000000Z-abcde');
        assert.deepEqual(await storage.list('pin/20240101T000000Z-abcde'), [
          { name: 'data.txt', kind: 'file' },
          { name: 'pin.csv', kind: 'file' },
        ]);
        assert.equal(decode(await storage.read('pin/20240101T000000Z-abcde/pin.csv')), 'a,b\n1,2\n');
        await area.discard();
        assert.deepEqual(await storage.list('pin'), [{ name: '20240101T000000Z-abcde', kind: 'directory' }]);
      }));

    test('committing onto an existing version fails with version-clash and keeps both', () =>
      withStorage(async (storage) => {
        await commitFiles(storage, 'pin', 'pin/v', { 'data.txt': 'first' });
        const area = await storage.stage('pin');
        await fs.writeFile(`${area.localDir}/data.txt`, 'second');
        await assert.rejects(area.commit('pin/v'), (error) => isPinsError(error, 'version-clash') && error.message.includes('pin/v'));
        assert.equal(decode(await storage.read('pin/v/data.txt')), 'first');
        // The staged files survive the clash, so the caller can retry under another name.
        await area.commit('pin/v2');
        assert.equal(decode(await storage.read('pin/v2/data.txt')), 'second');
      }));

    test('discard removes an uncommitted staging area', () =>
      withStorage(async (storage) => {
        const area = await storage.stage('pin');
        await fs.writeFile(`${area.localDir}/data.txt`, 'never committed');
        await area.discard();
        await assert.rejects(fs.stat(area.localDir));
        assert.deepEqual(await storage.list('pin'), []);
      }));

    test('delete removes a file or a whole tree, read-only files included', () =>
      withStorage(async (storage) => {
        await commitFiles(storage, 'pin', 'pin/v1', { 'data.txt': 'm', 'pin.csv': 'x' });
        await commitFiles(storage, 'pin', 'pin/v2', { 'data.txt': 'm', 'pin.csv': 'y' });
        await fs.chmod(await storage.localPath('pin/v1/pin.csv'), 0o444);
        await storage.delete('pin/v1');
        assert.equal(await storage.exists('pin/v1'), false);
        assert.equal(await storage.exists('pin/v2/pin.csv'), true);
        await storage.delete('pin/v2/pin.csv');
        assert.equal(await storage.exists('pin/v2/pin.csv'), false);
        await storage.delete('pin');
        assert.deepEqual(await storage.list(''), []);
      }));

    test('paths that could leave the board are refused', () =>
      withStorage(async (storage) => {
        for (const bad of ['../outside', 'pin/../../outside', '/etc/passwd', 'pin//x', 'pin/./x']) {
          await assert.rejects(storage.read(bad), (error) => isPinsError(error, 'invalid-argument'), bad);
          await assert.rejects(storage.write(bad, text('x')), (error) => isPinsError(error, 'invalid-argument'), bad);
          await assert.rejects(storage.delete(bad), (error) => isPinsError(error, 'invalid-argument'), bad);
        }
      }));
  });
}
