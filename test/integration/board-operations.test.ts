// Board operations of spec §2 on a real folder board: write/read, versions, identical writes,
// unversioned semantics, clashes, prune, delete, list, search, upload/download, manifest.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import xxhash from 'xxhash-wasm';
import { Board } from '../../src/core/pins/board.js';
import { FolderStorage } from '../../src/core/pins/storage/folderStorage.js';
import type { Table } from '../../src/core/pins/types/table.js';
import { pinsError } from '../support/pinsErrors.js';

type Context = { after(fn: () => Promise<void>): void };

async function newBoard(t: Context, options: { versioned?: boolean } = {}): Promise<{ board: Board; root: string }> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'pinwheel-ops-'));
  t.after(() => fs.rm(root, { recursive: true, force: true }));
  return { board: new Board(new FolderStorage(root), options), root };
}

function table(values: number[]): Table {
  return { columns: [{ name: 'x', type: 'integer' }, { name: 'y', type: 'string' }], rows: values.map((x) => ({ x, y: `row ${x}` })) };
}

const hasher = xxhash();
async function independentXxh64(bytes: Uint8Array | string): Promise<string> {
  const api = await hasher;
  const input = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  return api.h64Raw(input, 0n).toString(16).padStart(16, '0');
}


const T0 = new Date('2024-03-01T12:00:00Z');
const at = (seconds: number): Date => new Date(T0.getTime() + seconds * 1000);

describe('writing and reading', () => {
  test('a csv write creates <pin>/<version>/{data.txt, <pin>.csv} and reads back', async (t) => {
    const { board, root } = await newBoard(t);
    const result = await board.write(table([1, 2]), { name: 'sales', type: 'csv', created: T0, description: 'Monthly', metadata: { owner: 'ada', n: 2 }, tags: ['finance'], urls: ['https://example.com'] });
    assert.equal(result.skipped, false);
    assert.match(result.version, /^20240301T120000Z-[0-9a-f]{5}$/);
    assert.deepEqual(await fs.readdir(path.join(root, 'sales', result.version)), ['data.txt', 'sales.csv']);

    const stored = await fs.readFile(path.join(root, 'sales', result.version, 'sales.csv'));
    const meta = await board.meta('sales');
    assert.equal(meta.name, 'sales');
    assert.equal(meta.version, result.version);
    assert.deepEqual(meta.files, ['sales.csv']);
    assert.deepEqual(meta.fileSizes, [stored.byteLength]);
    assert.equal(meta.pinHash, await independentXxh64(stored));
    assert.equal(result.version.slice(-5), meta.pinHash?.slice(0, 5));
    assert.equal(meta.type, 'csv');
    assert.equal(meta.description, 'Monthly');
    assert.deepEqual(meta.tags, ['finance']);
    assert.deepEqual(meta.urls, ['https://example.com']);
    assert.deepEqual(meta.user, { owner: 'ada', n: 2 });
    assert.equal(meta.createdText, '20240301T120000Z');
    assert.equal(meta.created?.getTime(), T0.getTime());
    assert.ok(meta.title?.startsWith('sales: '), `default title: ${meta.title}`);
    assert.deepEqual(result.meta, meta);

    const read = await board.read('sales');
    assert.equal(read.kind, 'table');
    assert.deepEqual(read.kind === 'table' && read.table.rows, [{ x: 1, y: 'row 1' }, { x: 2, y: 'row 2' }]);
  });

  test('versions are listed oldest first and older versions stay readable', async (t) => {
    const { board } = await newBoard(t);
    const first = await board.write([1, 2, 3], { name: 'numbers', type: 'json', created: at(0) });
    const second = await board.write([4, 5], { name: 'numbers', type: 'json', created: at(60) });
    const versions = await board.versions('numbers');
    assert.deepEqual(versions.map((v) => v.version), [first.version, second.version]);
    assert.equal(versions[0]?.created?.getTime(), at(0).getTime());
    assert.equal(versions[1]?.hash, second.version.slice(-5));
    assert.deepEqual(await board.read('numbers'), { kind: 'json', value: [4, 5] });
    assert.deepEqual(await board.read('numbers', first.version), { kind: 'json', value: [1, 2, 3] });
  });

  test('an identical write is skipped and returns the latest version; forceIdentical writes anyway', async (t) => {
    const { board } = await newBoard(t);
    const first = await board.write({ a: 1 }, { name: 'cfg', type: 'json', created: at(0) });
    const again = await board.write({ a: 1 }, { name: 'cfg', type: 'json', created: at(10), title: 'new title' });
    assert.equal(again.skipped, true);
    assert.equal(again.version, first.version);
    assert.deepEqual(again.meta, first.meta);
    assert.equal((await board.versions('cfg')).length, 1);

    const forced = await board.write({ a: 1 }, { name: 'cfg', type: 'json', created: at(10), forceIdentical: true });
    assert.equal(forced.skipped, false);
    assert.equal((await board.versions('cfg')).length, 2);
  });

  test('two writes of the same content in the same second both survive, one second apart', async (t) => {
    const { board } = await newBoard(t);
    const a = await board.write([1], { name: 'p', type: 'json', created: at(0), forceIdentical: true });
    const b = await board.write([1], { name: 'p', type: 'json', created: at(0), forceIdentical: true });
    const c = await board.write([1], { name: 'p', type: 'json', created: at(0), forceIdentical: true });
    assert.deepEqual((await board.versions('p')).map((v) => v.version), [a.version, b.version, c.version]);
    assert.equal(b.meta.created?.getTime(), at(1).getTime(), 'data.txt records the shifted time');
    assert.equal(b.version.slice(0, 16), '20240301T120001Z');
    assert.equal(c.version.slice(0, 16), '20240301T120002Z');
    assert.equal((await board.meta('p', b.version)).createdText, '20240301T120001Z');
  });

  test('different content in the same second gives two versions without any shift', async (t) => {
    const { board } = await newBoard(t);
    const a = await board.write([1], { name: 'p', type: 'json', created: at(0) });
    const b = await board.write([2], { name: 'p', type: 'json', created: at(0) });
    assert.notEqual(a.version, b.version);
    assert.equal(a.version.slice(0, 16), b.version.slice(0, 16));
  });

  test('type file is refused by write; unknown types are refused', async (t) => {
    const { board } = await newBoard(t);
    await assert.rejects(board.write('x', { name: 'f', type: 'file' }), pinsError('invalid-argument', '"f"', 'upload'));
    await assert.rejects(board.write('x', { name: 'f', type: 'joblib' }), pinsError('unsupported-type', '"f"', 'joblib'));
    await assert.rejects(board.write('x', { name: 'f', type: 'feather' as never }), pinsError('unsupported-type', 'feather'));
    assert.deepEqual(await board.list(), []);
  });

  test('bad write options are refused before anything is stored', async (t) => {
    const { board } = await newBoard(t);
    await assert.rejects(board.write([1], { name: 'p', type: 'json', metadata: [1, 2] as never }), pinsError('invalid-argument', '"p"', 'metadata'));
    await assert.rejects(board.write([1], { name: 'p', type: 'json', tags: 'one' as never }), pinsError('invalid-argument', 'tags'));
    await assert.rejects(board.write([1], { name: 'p', type: 'json', created: new Date('nope') }), pinsError('invalid-argument', 'created'));
    assert.deepEqual(await board.list(), []);
  });
});

describe('unversioned writes (spec §1.7)', () => {
  test('on an unversioned board a write replaces the single version', async (t) => {
    const { board } = await newBoard(t, { versioned: false });
    const first = await board.write([1], { name: 'p', type: 'json', created: at(0) });
    const second = await board.write([2], { name: 'p', type: 'json', created: at(5) });
    assert.equal(second.replaced, first.version);
    assert.deepEqual((await board.versions('p')).map((v) => v.version), [second.version]);
    assert.deepEqual(await board.read('p'), { kind: 'json', value: [2] });
  });

  test('an identical unversioned rewrite is skipped and keeps the only version', async (t) => {
    const { board } = await newBoard(t, { versioned: false });
    const first = await board.write([1], { name: 'p', type: 'json', created: at(0) });
    const again = await board.write([1], { name: 'p', type: 'json', created: at(5) });
    assert.equal(again.skipped, true);
    assert.deepEqual((await board.versions('p')).map((v) => v.version), [first.version]);
  });

  test('a forced identical unversioned rewrite in the same second keeps exactly one version', async (t) => {
    const { board } = await newBoard(t, { versioned: false });
    const first = await board.write([1], { name: 'p', type: 'json', created: at(0) });
    const again = await board.write([1], { name: 'p', type: 'json', created: at(0), forceIdentical: true });
    assert.equal(again.replaced, first.version);
    assert.deepEqual((await board.versions('p')).map((v) => v.version), [again.version]);
  });

  test('an unversioned write to a pin with several versions is refused with the fix', async (t) => {
    const { board } = await newBoard(t);
    await board.write([1], { name: 'p', type: 'json', created: at(0) });
    await board.write([2], { name: 'p', type: 'json', created: at(1) });
    await assert.rejects(board.write([3], { name: 'p', type: 'json', versioned: false }), pinsError('versioned-pin', '"p"', 'is versioned', 'delete'));
    assert.equal((await board.versions('p')).length, 2);
  });

  test('once a pin has several versions, writes without a preference stay versioned', async (t) => {
    const { board } = await newBoard(t, { versioned: false });
    await board.write([1], { name: 'p', type: 'json', created: at(0), versioned: true });
    await board.write([2], { name: 'p', type: 'json', created: at(1), versioned: true });
    await board.write([3], { name: 'p', type: 'json', created: at(2) });
    assert.equal((await board.versions('p')).length, 3);
  });

  test('a reader never sees the pin without a version while unversioned writes replace it', async (t) => {
    const { board } = await newBoard(t, { versioned: false });
    await board.write([0], { name: 'p', type: 'json' });
    let writing = true;
    const seen = new Set<number>();
    const reader = (async () => {
      while (writing) {
        seen.add((await board.versions('p')).length);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    for (let i = 1; i <= 15; i++) await board.write([i], { name: 'p', type: 'json', created: at(i) });
    writing = false;
    await reader;
    assert.ok(!seen.has(0), `version counts seen: ${[...seen].join(', ')}`);
    assert.deepEqual(await board.read('p'), { kind: 'json', value: [15] });
  });
});

describe('errors name the pin, the version and the fix', () => {
  test('missing pin', async (t) => {
    const { board, root } = await newBoard(t);
    for (const op of [() => board.meta('nope'), () => board.read('nope'), () => board.versions('nope'), () => board.deletePin('nope'), () => board.download('nope'), () => board.prune('nope', { keep: 1 })]) {
      await assert.rejects(op(), pinsError('pin-missing', '"nope"', root, 'pinwheel list'));
    }
    assert.equal(await board.exists('nope'), false);
  });

  test('missing version lists the available ones', async (t) => {
    const { board } = await newBoard(t);
    const a = await board.write([1], { name: 'p', type: 'json', created: at(0) });
    const b = await board.write([2], { name: 'p', type: 'json', created: at(1) });
    await assert.rejects(board.meta('p', '20000101T000000Z-00000'), pinsError('version-missing', '"p"', '20000101T000000Z-00000', a.version, b.version));
    await assert.rejects(board.read('p', '123'), pinsError('version-missing', '"p"', '123'));
    await assert.rejects(board.deleteVersion('p', '123'), pinsError('version-missing', '"p"'));
  });

  test('hostile pin names and versions never reach the file system', async (t) => {
    const { board } = await newBoard(t);
    await board.write([1], { name: 'p', type: 'json' });
    for (const name of ['../x', '/etc', 'a/b', 'a\\b', '_pins.yaml', '', '.hidden', 'tab\there', 'new\nline', '..']) {
      await assert.rejects(board.meta(name), pinsError('invalid-name', JSON.stringify(name)), name);
      await assert.rejects(board.write([1], { name, type: 'json' }), pinsError('invalid-name'), name);
      await assert.rejects(board.deletePin(name), pinsError('invalid-name'), name);
      await assert.rejects(board.exists(name), pinsError('invalid-name'), name);
    }
    for (const version of ['../p', '..', '/etc', 'a/b', '', '.hidden', '..\\x']) {
      await assert.rejects(board.meta('p', version), pinsError('invalid-argument', '"p"'), version);
      await assert.rejects(board.deleteVersion('p', version), pinsError('invalid-argument'), version);
    }
    assert.deepEqual(await board.list(), ['p']);
    assert.equal((await board.versions('p')).length, 1);
  });

  test('data.txt that names a file outside the version folder is refused', async (t) => {
    const { board, root } = await newBoard(t);
    const { version } = await board.write([1], { name: 'p', type: 'json' });
    const dataTxt = path.join(root, 'p', version, 'data.txt');
    await fs.writeFile(dataTxt, (await fs.readFile(dataTxt, 'utf8')).replace(/^file: .*$/m, 'file: ../../../etc/passwd'));
    await assert.rejects(board.read('p'), pinsError('corrupt-metadata', '"p"', version, '../../../etc/passwd'));
    await assert.rejects(board.download('p'), pinsError('corrupt-metadata'));
  });

  test('a version folder without data.txt is reported, not guessed', async (t) => {
    const { board, root } = await newBoard(t);
    await board.write([1], { name: 'p', type: 'json', created: at(0) });
    await fs.mkdir(path.join(root, 'p', '20990101T000000Z-abcde'));
    await assert.rejects(board.meta('p'), pinsError('corrupt-metadata', '"p"', '20990101T000000Z-abcde', 'data.txt'));
  });

  test('a missing data file is reported with pin and version', async (t) => {
    const { board, root } = await newBoard(t);
    const { version } = await board.write([1], { name: 'p', type: 'json' });
    await fs.rm(path.join(root, 'p', version, 'p.json'));
    await assert.rejects(board.read('p'), pinsError('corrupt-data', '"p"', version, 'p.json'));
  });

  test('verifyHash catches a data file changed after writing', async (t) => {
    const { board, root } = await newBoard(t);
    const { version } = await board.write([1, 2, 3], { name: 'p', type: 'json' });
    await board.read('p', undefined, { verifyHash: true });
    const file = path.join(root, 'p', version, 'p.json');
    await fs.writeFile(file, '[9, 9, 9]');
    await assert.rejects(board.read('p', undefined, { verifyHash: true }), pinsError('corrupt-data', '"p"', version, 'hash'));
  });
});

describe('prune, delete', () => {
  async function threeVersions(t: Context): Promise<{ board: Board; root: string; names: string[] }> {
    const { board, root } = await newBoard(t);
    const names: string[] = [];
    for (const [i, day] of [0, 10, 20].entries()) names.push((await board.write([i], { name: 'p', type: 'json', created: new Date(T0.getTime() + day * 86_400_000) })).version);
    return { board, root, names };
  }

  test('prune by keep count deletes the oldest', async (t) => {
    const { board, names } = await threeVersions(t);
    const result = await board.prune('p', { keep: 2 });
    assert.deepEqual(result, { deleted: [names[0]], kept: [names[1], names[2]], dryRun: false });
    assert.deepEqual((await board.versions('p')).map((v) => v.version), [names[1], names[2]]);
  });

  test('prune by days keeps versions newer than now - days, and never the newest', async (t) => {
    const { board, names } = await threeVersions(t);
    const now = new Date(T0.getTime() + 25 * 86_400_000);
    assert.deepEqual((await board.prune('p', { days: 10 }, { now, dryRun: true })).deleted, [names[0], names[1]]);
    assert.deepEqual((await board.prune('p', { days: 1 }, { now, dryRun: true })).deleted, [names[0], names[1]], 'the newest survives even when older than `days`');
    const result = await board.prune('p', { days: 1 }, { now });
    assert.deepEqual(result.kept, [names[2]]);
    assert.deepEqual((await board.versions('p')).map((v) => v.version), [names[2]]);
  });

  test('keep 1 leaves only the newest; a dry run deletes nothing', async (t) => {
    const { board, names } = await threeVersions(t);
    const dry = await board.prune('p', { keep: 1 }, { dryRun: true });
    assert.deepEqual(dry, { deleted: [names[0], names[1]], kept: [names[2]], dryRun: true });
    assert.equal((await board.versions('p')).length, 3);
  });

  test('prune rules must be positive whole numbers', async (t) => {
    const { board } = await threeVersions(t);
    for (const rule of [{ keep: 0 }, { keep: -1 }, { keep: 1.5 }, { days: 0 }, { days: Number.NaN }, { keep: '2' as unknown as number }, {} as never, { keep: 1, days: 1 } as never]) {
      await assert.rejects(board.prune('p', rule), pinsError('invalid-argument', '"p"'), JSON.stringify(rule));
    }
    assert.equal((await board.versions('p')).length, 3);
  });

  test('deleteVersion removes one version; the only version cannot be deleted', async (t) => {
    const { board, names } = await threeVersions(t);
    await board.deleteVersion('p', names[1] as string);
    assert.deepEqual((await board.versions('p')).map((v) => v.version), [names[0], names[2]]);
    await board.deleteVersion('p', names[2] as string);
    await assert.rejects(board.deleteVersion('p', names[0] as string), pinsError('invalid-argument', '"p"', 'only version', 'pinwheel delete p'));
    assert.deepEqual(await board.read('p'), { kind: 'json', value: [0] });
  });

  test('deletePin removes the whole pin', async (t) => {
    const { board, root } = await threeVersions(t);
    await board.write([1], { name: 'other', type: 'json' });
    await board.deletePin('p');
    assert.deepEqual(await board.list(), ['other']);
    assert.deepEqual(await fs.readdir(root), ['other']);
  });

  test('read-only data files and folders (as pins-r leaves them) are deleted by deleteVersion, prune and deletePin', async (t) => {
    const { board, root, names } = await threeVersions(t);
    await board.write([7], { name: 'q', type: 'json' });
    // pins-r chmods data files u=r; a read-only folder is the harder case (it blocks unlinking).
    for (const [pin, version] of [['p', names[0]], ['p', names[1]], ['p', names[2]], ['q', (await board.versions('q'))[0]?.version]] as const) {
      const dir = path.join(root, pin, version as string);
      for (const file of await fs.readdir(dir)) await fs.chmod(path.join(dir, file), 0o444);
      await fs.chmod(dir, 0o555);
    }
    await runAsUnprivilegedUser(root, `
      const { Board } = await import(${JSON.stringify(path.resolve('src/core/pins/board.ts'))});
      const { FolderStorage } = await import(${JSON.stringify(path.resolve('src/core/pins/storage/folderStorage.ts'))});
      const board = new Board(new FolderStorage(${JSON.stringify(root)}));
      await board.deleteVersion('p', ${JSON.stringify(names[0])});
      await board.prune('p', { keep: 1 });
      await board.deletePin('q');
    `);
    assert.deepEqual(await board.list(), ['p']);
    assert.deepEqual((await board.versions('p')).map((v) => v.version), [names[2]]);
  });
});

describe('list, exists, search', () => {
  test('list gives pin folders sorted; dot-folders, stray files and _pins.yaml are not pins', async (t) => {
    const { board, root } = await newBoard(t);
    for (const name of ['zeta', 'Alpha', 'mid-1']) await board.write([1], { name, type: 'json' });
    await fs.mkdir(path.join(root, '.git'));
    await fs.writeFile(path.join(root, '_pins.yaml'), 'zeta: []\n');
    await fs.writeFile(path.join(root, 'README.md'), 'not a pin');
    assert.deepEqual(await board.list(), ['Alpha', 'mid-1', 'zeta']);
    assert.equal(await board.exists('zeta'), true);
    assert.equal(await board.exists('README.md'), false);
  });

  test('search matches name, title, description and tags, ignoring case', async (t) => {
    const { board } = await newBoard(t);
    await board.write([1], { name: 'sales_2024', type: 'json', title: 'Quarterly numbers' });
    await board.write([1], { name: 'churn', type: 'json', description: 'Customer SALES churn' });
    await board.write([1], { name: 'model', type: 'json', tags: ['Production', 'sales-team'] });
    await board.write([1], { name: 'other', type: 'json', title: 'nothing here' });
    const names = async (query?: string): Promise<string[]> => (await board.search(query)).map((meta) => meta.name);
    assert.deepEqual(await names('sales'), ['churn', 'model', 'sales_2024']);
    assert.deepEqual(await names('QUARTERLY'), ['sales_2024']);
    assert.deepEqual(await names('production'), ['model']);
    assert.deepEqual(await names(), ['churn', 'model', 'other', 'sales_2024']);
    assert.deepEqual(await names('no match at all'), []);
  });

  test('search leaves out pins with unreadable metadata and reports them when their name matches', async (t) => {
    const { board, root } = await newBoard(t);
    await board.write([1], { name: 'good-sales', type: 'json' });
    const { version } = await board.write([1], { name: 'broken-sales', type: 'json' });
    await fs.writeFile(path.join(root, 'broken-sales', version, 'data.txt'), 'file: [unclosed\n');
    const unreadable: string[] = [];
    const found = await board.search('sales', { onUnreadable: (name, error) => unreadable.push(`${name}: ${error.code}`) });
    assert.deepEqual(found.map((meta) => meta.name), ['good-sales']);
    assert.deepEqual(unreadable, ['broken-sales: corrupt-metadata']);
  });
});

describe('upload and download', () => {
  async function sourceFiles(t: Context, files: Record<string, string>): Promise<string[]> {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pinwheel-src-'));
    t.after(() => fs.rm(dir, { recursive: true, force: true }));
    const paths: string[] = [];
    for (const [name, content] of Object.entries(files)) {
      await fs.writeFile(path.join(dir, name), content);
      paths.push(path.join(dir, name));
    }
    return paths;
  }

  test('one file keeps its full name and its own xxh64 as pin hash', async (t) => {
    const { board, root } = await newBoard(t);
    const [file] = await sourceFiles(t, { 'data.a.b.csv': 'a,b\n1,2\n' });
    const result = await board.upload([file as string], { name: 'raw', created: T0 });
    assert.equal(result.meta.type, 'file');
    assert.deepEqual(result.meta.files, ['data.a.b.csv']);
    assert.deepEqual(result.meta.fileSizes, [8]);
    assert.equal(result.meta.pinHash, await independentXxh64('a,b\n1,2\n'));
    assert.deepEqual(await fs.readdir(path.join(root, 'raw', result.version)), ['data.a.b.csv', 'data.txt']);
    const read = await board.read('raw');
    assert.deepEqual(read, { kind: 'files', paths: [path.join(root, 'raw', result.version, 'data.a.b.csv')] });
  });

  test('several files: pins-python hash (xxh64 of the joined file digests), order kept', async (t) => {
    const { board } = await newBoard(t);
    const paths = await sourceFiles(t, { 'b.txt': 'b\n', 'a.txt': 'a\n' });
    const result = await board.upload(paths, { name: 'two' });
    assert.deepEqual(result.meta.files, ['b.txt', 'a.txt']);
    const expected = await independentXxh64((await independentXxh64('b\n')) + (await independentXxh64('a\n')));
    assert.equal(result.meta.pinHash, expected);
    // The spec's test vector, files "a\n" then "b\n".
    const vector = await board.upload([...paths].reverse(), { name: 'vector' });
    assert.equal(vector.meta.pinHash, '393118599e84ff4b');
  });

  test('identical uploads are skipped too', async (t) => {
    const { board } = await newBoard(t);
    const paths = await sourceFiles(t, { 'model.onnx': 'onnx bytes' });
    await board.upload(paths, { name: 'm' });
    assert.equal((await board.upload(paths, { name: 'm' })).skipped, true);
  });

  test('refused uploads: data.txt, missing files, folders, duplicate names, nothing', async (t) => {
    const { board } = await newBoard(t);
    const [dataTxt] = await sourceFiles(t, { 'data.txt': 'x' });
    const sameName = [...(await sourceFiles(t, { 'x.csv': '1' })), ...(await sourceFiles(t, { 'x.csv': '2' }))];
    await assert.rejects(board.upload([dataTxt as string], { name: 'u' }), pinsError('invalid-argument', '"u"', 'data.txt'));
    await assert.rejects(board.upload(['/no/such/file.csv'], { name: 'u' }), pinsError('invalid-argument', '/no/such/file.csv', 'does not exist'));
    await assert.rejects(board.upload([os.tmpdir()], { name: 'u' }), pinsError('invalid-argument', 'not a file'));
    await assert.rejects(board.upload(sameName, { name: 'u' }), pinsError('invalid-argument', 'x.csv'));
    await assert.rejects(board.upload([], { name: 'u' }), pinsError('invalid-argument', '"u"'));
    assert.deepEqual(await board.list(), []);
  });

  test('download copies the files into a folder (writable even if the originals are read-only)', async (t) => {
    const { board, root } = await newBoard(t);
    const paths = await sourceFiles(t, { 'first.txt': 'one', 'second.txt': 'two' });
    const { version } = await board.upload(paths, { name: 'files' });
    await fs.chmod(path.join(root, 'files', version, 'first.txt'), 0o444);
    const inPlace = await board.download('files');
    assert.deepEqual(inPlace, [path.join(root, 'files', version, 'first.txt'), path.join(root, 'files', version, 'second.txt')]);
    const to = await fs.mkdtemp(path.join(os.tmpdir(), 'pinwheel-dl-'));
    t.after(() => fs.rm(to, { recursive: true, force: true }));
    const copies = await board.download('files', { to: path.join(to, 'nested') });
    assert.deepEqual(copies, [path.join(to, 'nested', 'first.txt'), path.join(to, 'nested', 'second.txt')]);
    assert.equal(await fs.readFile(copies[0] as string, 'utf8'), 'one');
    assert.ok(((await fs.stat(copies[0] as string)).mode & 0o200) !== 0);
    await board.download('files', { to: path.join(to, 'nested') });
    assert.equal(await fs.readFile(copies[1] as string, 'utf8'), 'two');
  });
});

describe('the _pins.yaml manifest', () => {
  test('a board with a manifest keeps it up to date after every change', async (t) => {
    const { board, root } = await newBoard(t);
    await fs.writeFile(path.join(root, '_pins.yaml'), '{}\n');
    const manifest = (): Promise<string> => fs.readFile(path.join(root, '_pins.yaml'), 'utf8');
    const a = await board.write([1], { name: 'y', type: 'json', created: at(0) });
    const b = await board.write([2], { name: 'y', type: 'json', created: at(1) });
    const x = await board.write([1], { name: 'x', type: 'json', created: at(2) });
    assert.equal(await manifest(), `x:\n- x/${x.version}/\n'y':\n- y/${a.version}/\n- y/${b.version}/\n`);
    await board.deleteVersion('y', a.version);
    assert.equal(await manifest(), `x:\n- x/${x.version}/\n'y':\n- y/${b.version}/\n`);
    await board.deletePin('x');
    assert.equal(await manifest(), `'y':\n- y/${b.version}/\n`);
    await board.write([3], { name: 'y', type: 'json', created: at(3) });
    await board.prune('y', { keep: 1 });
    assert.equal((await manifest()).split('\n').length, 3);
  });

  test('a board without a manifest never gets one', async (t) => {
    const { board, root } = await newBoard(t);
    await board.write([1], { name: 'p', type: 'json', created: at(0) });
    await board.write([2], { name: 'p', type: 'json', created: at(1) });
    await board.prune('p', { keep: 1 });
    await board.deletePin('p');
    assert.deepEqual(await fs.readdir(root), []);
  });
});

/**
 * Runs `script` (ES module body) in a child process as an unprivileged user when the tests run
 * as root (root ignores file permissions, which would make a permissions test vacuous);
 * otherwise as the current user.
 */
async function runAsUnprivilegedUser(root: string, script: string): Promise<void> {
  const { spawn } = await import('node:child_process');
  const asRoot = process.getuid?.() === 0;
  const nobody = 65534;
  if (asRoot) await chownTree(root, nobody, nobody);
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(asRoot ? { uid: nobody, gid: nobody } : {}),
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (asRoot) await chownTree(root, 0, 0);
  assert.equal(code, 0, stderr);
}

async function chownTree(target: string, uid: number, gid: number): Promise<void> {
  await fs.chown(target, uid, gid);
  if ((await fs.stat(target)).isDirectory()) for (const name of await fs.readdir(target)) await chownTree(path.join(target, name), uid, gid);
}

describe('what counts as the latest version', () => {
  test('writes in quick succession: the last write is always the latest, whatever the hashes', async (t) => {
    const { board } = await newBoard(t);
    // Eight writes of different data, most within the same second: version names are ordered
    // by second, then by hash, so without care the newest write could sort before an older one.
    for (let i = 1; i <= 8; i++) {
      const written = await board.write(table([i]), { name: 'fast', type: 'csv' });
      const latest = (await board.versions('fast')).at(-1);
      assert.equal(latest?.version, written.version, `write ${i} must be the latest`);
      const read = await board.read('fast');
      assert.deepEqual(read.kind === 'table' ? read.table.rows : null, [{ x: i, y: `row ${i}` }]);
    }
    assert.equal((await board.versions('fast')).length, 8);
  });

  test('a stray folder in a pin is not a version: it never becomes the latest and prune keeps the real ones', async (t) => {
    const { board, root } = await newBoard(t);
    await board.write(table([1]), { name: 's', type: 'csv', created: at(0) });
    const newest = await board.write(table([2]), { name: 's', type: 'csv', created: at(60) });
    await fs.mkdir(path.join(root, 's', 'old copy'));
    assert.deepEqual((await board.versions('s')).map((v) => v.version).at(-1), newest.version);
    const pruned = await board.prune('s', { keep: 1 });
    assert.deepEqual(pruned.kept, [newest.version]);
    const read = await board.read('s');
    assert.deepEqual(read.kind === 'table' ? read.table.rows : null, [{ x: 2, y: 'row 2' }]);
  });

  test('prune refuses when the newest version it would keep cannot be read', async (t) => {
    const { board, root } = await newBoard(t);
    const old = await board.write(table([1]), { name: 'p', type: 'csv', created: at(0) });
    const newest = await board.write(table([2]), { name: 'p', type: 'csv', created: at(60) });
    await fs.writeFile(path.join(root, 'p', newest.version, 'data.txt'), '');
    await assert.rejects(board.prune('p', { keep: 1 }), pinsError('corrupt-metadata', 'p', newest.version, 'Not pruning'));
    assert.deepEqual((await board.versions('p')).map((v) => v.version), [old.version, newest.version]);
    // The damaged version itself can still be deleted, after which the older one is the latest.
    await board.deleteVersion('p', newest.version);
    assert.equal((await board.meta('p')).version, old.version);
  });

  test('a version whose data file was deleted by hand says which file is missing and how to fix it', async (t) => {
    const { board, root } = await newBoard(t);
    const written = await board.write(table([1]), { name: 'gone', type: 'parquet' });
    await fs.rm(path.join(root, 'gone', written.version, 'gone.parquet'));
    // Each attempt starts only when awaited: a second promise rejecting while the first is awaited
    // would be an unhandled rejection (seen in CI under load).
    for (const attempt of [() => board.read('gone'), () => board.download('gone', { to: path.join(root, '..', `dl-${path.basename(root)}`) })]) {
      await assert.rejects(attempt, pinsError('corrupt-data', 'gone.parquet', written.version, 'pinwheel delete gone --version'));
    }
  });
});
