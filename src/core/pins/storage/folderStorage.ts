// A board kept in a folder on a local or network file system.
//
// Atomicity rests on one POSIX guarantee: renaming a directory within one file system is atomic,
// and renaming onto an existing non-empty directory fails. A version is therefore built in a
// dot-directory inside the pin folder (same file system as its destination) and renamed into
// place; readers see either no version or a complete one, even if the writer is killed.
import { randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { PinsError } from '../errors.js';
import type { BoardStorage, StagingArea, StorageEntry, StorageStat } from '../storage.js';

/** Name prefix of the private directory a version is built in (never listed as a pin or version). */
export const STAGING_PREFIX = '.pinwheel-staging-';
/** Name prefix of the temporary file a small file is written to before it replaces the real one. */
export const TEMP_FILE_PREFIX = '.pinwheel-tmp-';
/** Staging directories and temp files untouched for this long belong to crashed writers. */
export const STALE_AFTER_MS = 60 * 60 * 1000;

export interface FolderStorageOptions {
  readOnly?: boolean;
  /**
   * Flush every version's files (and each small-file replace) to disk before it becomes visible,
   * so that it also survives a power cut or an OS crash, not only a crash of the writing process,
   * which the atomic rename covers on its own. Off by default, as in pins: a flush makes large
   * writes several times slower (on ext4 even a directory fsync writes out the new file's data).
   */
  durable?: boolean;
  /** Overrides the default `folder board at <root>`. */
  description?: string;
}

export class FolderStorage implements BoardStorage {
  readonly root: string;
  readonly description: string;
  readonly readOnly: boolean;
  readonly durable: boolean;

  constructor(root: string, options: FolderStorageOptions = {}) {
    this.root = path.resolve(root);
    this.readOnly = options.readOnly ?? false;
    this.durable = options.durable ?? false;
    this.description = options.description ?? `folder board at ${this.root}`;
  }

  async list(dir: string): Promise<StorageEntry[]> {
    const full = this.resolve(dir);
    let dirents;
    try {
      dirents = await fs.readdir(full, { withFileTypes: true });
    } catch (error) {
      if (hasCode(error, 'ENOENT') || hasCode(error, 'ENOTDIR')) return [];
      throw this.ioError(`list ${describePath(dir)}`, error);
    }
    const entries: StorageEntry[] = [];
    for (const dirent of dirents) {
      // Our own half-built versions and temp files are private to their writer.
      if (dirent.name.startsWith(STAGING_PREFIX) || dirent.name.startsWith(TEMP_FILE_PREFIX)) continue;
      let kind: StorageEntry['kind'] | undefined;
      if (dirent.isDirectory()) kind = 'directory';
      else if (dirent.isFile()) kind = 'file';
      else if (dirent.isSymbolicLink()) {
        // A symlinked pin or file is listed as what it points to; a dangling link is skipped.
        const target = await fs.stat(path.join(full, dirent.name)).catch(() => undefined);
        if (target?.isDirectory()) kind = 'directory';
        else if (target?.isFile()) kind = 'file';
      }
      if (kind) entries.push({ name: dirent.name, kind });
    }
    return entries.sort((a, b) => compareNames(a.name, b.name));
  }

  async exists(p: string): Promise<boolean> {
    return (await this.stat(p)) !== undefined;
  }

  async stat(p: string): Promise<StorageStat | undefined> {
    try {
      const s = await fs.stat(this.resolve(p));
      if (!s.isFile() && !s.isDirectory()) return undefined;
      return { kind: s.isDirectory() ? 'directory' : 'file', size: s.size, modified: s.mtime };
    } catch (error) {
      if (hasCode(error, 'ENOENT') || hasCode(error, 'ENOTDIR')) return undefined;
      throw this.ioError(`inspect ${describePath(p)}`, error);
    }
  }

  async read(p: string): Promise<Uint8Array> {
    try {
      const buffer = await fs.readFile(this.resolve(p));
      return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    } catch (error) {
      throw this.ioError(`read ${describePath(p)}`, error);
    }
  }

  async localPath(p: string): Promise<string> {
    return this.resolve(p);
  }

  async write(p: string, data: Uint8Array): Promise<void> {
    this.assertWritable(`write ${describePath(p)}`);
    const full = this.resolve(p);
    const dir = path.dirname(full);
    try {
      await fs.mkdir(dir, { recursive: true });
      await removeStale(dir, TEMP_FILE_PREFIX);
      const temp = path.join(dir, TEMP_FILE_PREFIX + randomName());
      try {
        await writeFile(temp, data, this.durable);
        await fs.rename(temp, full);
      } catch (error) {
        await fs.rm(temp, { force: true });
        throw error;
      }
      if (this.durable) await syncDirectory(dir);
    } catch (error) {
      throw this.ioError(`write ${describePath(p)}`, error);
    }
  }

  async delete(p: string): Promise<void> {
    this.assertWritable(`delete ${describePath(p)}`);
    const full = this.resolve(p);
    if (full === this.root) throw new PinsError('invalid-argument', `Refusing to delete the whole ${this.description}.`);
    try {
      await removeTree(full);
    } catch (error) {
      throw this.ioError(`delete ${describePath(p)}`, error);
    }
  }

  /** Removes a folder only if it is empty (a pin folder a failed first write created); true if it did. */
  async removeIfEmpty(p: string): Promise<boolean> {
    this.assertWritable(`delete ${describePath(p)}`);
    const full = this.resolve(p);
    if (full === this.root) return false;
    return fs.rmdir(full).then(() => true, () => false);
  }

  async stage(pinDir: string): Promise<StagingArea> {
    this.assertWritable(`write to ${describePath(pinDir)}`);
    const pinPath = this.resolve(pinDir);
    let localDir: string;
    try {
      await fs.mkdir(pinPath, { recursive: true });
      await removeStale(pinPath, STAGING_PREFIX);
      localDir = await makeUniqueDirectory(pinPath, STAGING_PREFIX);
    } catch (error) {
      throw this.ioError(`prepare a new version in ${describePath(pinDir)}`, error);
    }
    return new FolderStagingArea(this, localDir);
  }

  /** Absolute path of a board-relative path; refuses anything that could leave the board. */
  resolve(p: string): string {
    if (p === '') return this.root;
    const parts = p.split('/');
    const bad = parts.find((part) => part === '' || part === '.' || part === '..' || part.includes('\\') || part.includes('\0'));
    if (bad !== undefined || path.isAbsolute(p)) {
      throw new PinsError('invalid-argument', `Refusing to use the path "${p}" on the ${this.description}: board paths are relative, '/'-separated and may not contain '.', '..' or empty parts.`);
    }
    return path.join(this.root, ...parts);
  }

  assertWritable(action: string): void {
    if (this.readOnly) {
      throw new PinsError('read-only', `Cannot ${action}: the ${this.description} was opened read-only.`);
    }
  }

  ioError(action: string, error: unknown): PinsError {
    if (error instanceof PinsError) return error;
    const detail = error instanceof Error ? error.message : String(error);
    let hint = '';
    if (hasCode(error, 'EACCES') || hasCode(error, 'EPERM')) hint = ' Check that you have permission to change this folder.';
    else if (hasCode(error, 'ENOSPC')) hint = ' The disk is full.';
    return new PinsError('io', `Could not ${action} on the ${this.description}: ${detail}.${hint}`, { cause: error });
  }
}

class FolderStagingArea implements StagingArea {
  constructor(
    private readonly storage: FolderStorage,
    readonly localDir: string,
  ) {}

  async commit(dest: string): Promise<void> {
    this.storage.assertWritable(`write ${describePath(dest)}`);
    const target = this.storage.resolve(dest);
    try {
      // With `durable`, the bytes reach the disk before the version becomes visible, so a power
      // cut cannot leave a visible version with empty files.
      if (this.storage.durable) await syncTree(this.localDir);
      await fs.mkdir(path.dirname(target), { recursive: true });
    } catch (error) {
      throw this.storage.ioError(`write ${describePath(dest)}`, error);
    }
    try {
      // rename(2) replaces an *empty* directory silently; an empty directory holds no version, so
      // that is harmless. A non-empty one makes rename fail, which is the clash we report.
      await fs.rename(this.localDir, target);
    } catch (error) {
      if (hasCode(error, 'ENOTEMPTY') || hasCode(error, 'EEXIST') || ((hasCode(error, 'EPERM') || hasCode(error, 'EACCES')) && (await pathExists(target)))) {
        throw new PinsError('version-clash', `Cannot write ${describePath(dest)} on the ${this.storage.description}: that version folder already exists.`, { cause: error });
      }
      throw this.storage.ioError(`write ${describePath(dest)}`, error);
    }
    if (this.storage.durable) await syncDirectory(path.dirname(target));
  }

  async discard(): Promise<void> {
    await removeTree(this.localDir).catch(() => undefined);
  }
}

/** Writes a file; with `durable`, flushes it to disk before returning. */
async function writeFile(file: string, data: Uint8Array, durable: boolean): Promise<void> {
  const handle = await fs.open(file, 'w');
  try {
    await handle.writeFile(data);
    if (durable) await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncTree(dir: string): Promise<void> {
  for (const dirent of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, dirent.name);
    if (dirent.isDirectory()) await syncTree(full);
    else if (dirent.isFile()) {
      const handle = await fs.open(full, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
  }
  await syncDirectory(dir);
}

/** Persists a directory's entries (new names after rename); not possible on Windows, where it is skipped. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  let handle;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Some file systems (network mounts) refuse fsync on directories; the rename itself stands.
  } finally {
    await handle?.close();
  }
}

/**
 * Deletes a file or directory tree. pins-r makes data files read-only, which Windows refuses to
 * delete (and a read-only directory refuses everywhere), so on EACCES/EPERM make everything
 * writable by its owner and try again.
 */
export async function removeTree(target: string): Promise<void> {
  try {
    await fs.rm(target, { recursive: true, force: true });
  } catch (error) {
    if (!hasCode(error, 'EACCES') && !hasCode(error, 'EPERM')) throw error;
    await makeOwnerWritable(target);
    await fs.rm(target, { recursive: true, force: true });
  }
}

async function makeOwnerWritable(target: string): Promise<void> {
  const s = await fs.lstat(target).catch(() => undefined);
  if (!s || s.isSymbolicLink()) return;
  await fs.chmod(target, (s.mode & 0o7777) | fsConstants.S_IWUSR | (s.isDirectory() ? fsConstants.S_IRUSR | fsConstants.S_IXUSR : 0)).catch(() => undefined);
  if (s.isDirectory()) {
    for (const name of await fs.readdir(target)) await makeOwnerWritable(path.join(target, name));
  }
}

/** Removes `prefix`-named leftovers of crashed writers in `dir`: untouched for STALE_AFTER_MS. */
async function removeStale(dir: string, prefix: string): Promise<void> {
  let names: string[];
  try {
    names = (await fs.readdir(dir)).filter((name) => name.startsWith(prefix));
  } catch {
    return;
  }
  const cutoff = Date.now() - STALE_AFTER_MS;
  for (const name of names) {
    const full = path.join(dir, name);
    try {
      if ((await lastActivity(full)) < cutoff) await removeTree(full);
    } catch {
      // Cleaning up is opportunistic: another process may be removing the same leftover.
    }
  }
}

/**
 * Newest modification time of an entry and, for a directory, of its direct children: a writer
 * still streaming a large file keeps that file's mtime fresh even though the directory's is old.
 */
async function lastActivity(target: string): Promise<number> {
  const s = await fs.stat(target);
  let newest = s.mtimeMs;
  if (s.isDirectory()) {
    for (const name of await fs.readdir(target)) {
      const child = await fs.stat(path.join(target, name)).catch(() => undefined);
      if (child && child.mtimeMs > newest) newest = child.mtimeMs;
    }
  }
  return newest;
}

/** mkdir with a random name; unlike mkdtemp it keeps the umask's usual mode, so the version is shared like any other folder. */
async function makeUniqueDirectory(parent: string, prefix: string): Promise<string> {
  for (;;) {
    const candidate = path.join(parent, prefix + randomName());
    try {
      await fs.mkdir(candidate);
      return candidate;
    } catch (error) {
      if (!hasCode(error, 'EEXIST')) throw error;
    }
  }
}

function randomName(): string {
  return `${process.pid}-${randomBytes(6).toString('hex')}`;
}

async function pathExists(p: string): Promise<boolean> {
  return fs.stat(p).then(() => true, () => false);
}

function describePath(p: string): string {
  return p === '' ? 'the board folder' : `"${p}"`;
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function hasCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
