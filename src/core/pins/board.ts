// The pins board: every operation of spec §2, written once against the BoardStorage interface
// (as pins-python's Board is written against fsspec). Backends only move bytes.
//
// Layout (spec §1.1): <pin>/<version>/{data.txt, <files>}. There is no "latest" pointer: the
// latest version is the greatest version-folder name. A version is built in a staging area and
// appears atomically, so readers never see half a version.
import fs from 'node:fs/promises';
import path from 'node:path';
import { copyFileHashing } from './copyHashing.js';
import { PinsError, isPinsError } from './errors.js';
import { pinHashOfFiles, xxh64File, xxh64Hex } from './format/hash.js';
import { parseDataTxt, renderDataTxt, type NewPinMeta, type PinMeta } from './format/meta.js';
import { checkPinName } from './format/pinName.js';
import { makeVersionName, parseVersionName } from './format/versionName.js';
import { rewriteManifestIfPresent, MANIFEST_FILE } from './manifest.js';
import type { BoardStorage } from './storage.js';
import { csvTextColumnsAtRisk, decodePinData, defaultTitle, defaultUploadTitle, describeSerializedObject, encodePinData, isTable, WRITABLE_TYPES, type PinContent, type PinType } from './types/index.js';
import type { Table } from './types/table.js';

export interface PinVersion {
  version: string;
  /** From the version name; null when the folder name is not `YYYYMMDDTHHMMSSZ-xxxxx`. */
  created: Date | null;
  /** The 5-character hash suffix of the version name, or null. */
  hash: string | null;
}

export interface WriteOptions {
  name: string;
  type: PinType;
  title?: string;
  description?: string | null;
  /** Stored verbatim under `user` in data.txt. */
  metadata?: Record<string, unknown>;
  tags?: string[];
  urls?: string[];
  /** Per-write override of the board default (spec §1.7). */
  versioned?: boolean;
  /** Write even when the content hash equals the latest version's. */
  forceIdentical?: boolean;
  /** Creation time recorded in data.txt and the version name; defaults to now (UTC, whole seconds). */
  created?: Date;
  /** Cancels the write (the signal's reason is thrown) until the moment the version becomes visible; nothing of it is left behind. */
  signal?: AbortSignal;
}

export interface WriteResult {
  name: string;
  /** The new version, or the latest one when the write was skipped. */
  version: string;
  meta: PinMeta;
  /** True when the content was identical to the latest version and nothing was written. */
  skipped: boolean;
  /** The version an unversioned write replaced. */
  replaced?: string;
  /** What the user should know about how other readers will see this pin (e.g. CSV typing). */
  warnings: string[];
}

export interface PruneResult {
  deleted: string[];
  kept: string[];
  dryRun: boolean;
}

export type ReadResult = PinContent | { kind: 'files'; paths: string[] };

export type PruneRule = { keep: number } | { days: number };

/** Name of the metadata file in every version folder (spec §1.4). */
export const META_FILE = 'data.txt';

/**
 * Version label of a "flat" pin: a pin folder holding data.txt and its files directly, without
 * version folders (pins-r's pre-1.0 layout and what board_url serves; the fixtures
 * single-pins/pin-files and pin-rds). Such pins are read-only for Pinwheel.
 */
export const FLAT_VERSION = '.';

/** Retries when a version name is taken (two writes of the same content in the same second). */
const MAX_CLASH_RETRIES = 20;

export class Board {
  readonly storage: BoardStorage;
  /** Default for writes without `versioned`; like pins-python, Pinwheel versions by default. */
  readonly versioned: boolean;

  constructor(storage: BoardStorage, options: { versioned?: boolean } = {}) {
    this.storage = storage;
    this.versioned = options.versioned ?? true;
  }

  get description(): string {
    return this.storage.description;
  }

  /** Pin names: folders in the board root, sorted; dot-folders and `_pins.yaml` are not pins. */
  async list(): Promise<string[]> {
    const entries = await this.storage.list('');
    return entries
      .filter((entry) => entry.kind === 'directory' && !entry.name.startsWith('.') && entry.name !== MANIFEST_FILE)
      .map((entry) => entry.name)
      .sort(compareStrings);
  }

  async exists(name: string): Promise<boolean> {
    checkPinName(name);
    return (await this.storage.stat(name))?.kind === 'directory';
  }

  /**
   * Versions oldest first, sorted by name, which for version names is chronological. A sub-folder
   * is a version when its name is a version name (even if its data.txt is damaged, so it can be
   * deleted) or when it holds a data.txt (the legacy `v`; created/hash null). Anything else, such
   * as a stray "old copy" folder, is not a version: it must never become "the latest".
   */
  async versions(name: string): Promise<PinVersion[]> {
    await this.requirePin(name);
    const entries = await this.storage.list(name);
    const dirs = entries.filter((entry) => entry.kind === 'directory' && !entry.name.startsWith('.'));
    if (dirs.length === 0 && entries.some((entry) => entry.kind === 'file' && entry.name === META_FILE)) {
      return [{ version: FLAT_VERSION, created: null, hash: null }];
    }
    const versions: PinVersion[] = [];
    for (const version of dirs.map((entry) => entry.name).sort(compareStrings)) {
      const parsed = parseVersionName(version);
      if (parsed || (await this.storage.exists(`${name}/${version}/${META_FILE}`))) {
        versions.push({ version, created: parsed?.created ?? null, hash: parsed?.hash ?? null });
      }
    }
    return versions;
  }

  /** Metadata of a version (default: the latest), with `name` and `version` filled in. */
  async meta(name: string, version?: string): Promise<PinMeta> {
    const resolved = await this.resolveVersion(name, version);
    return this.readMeta(name, resolved);
  }

  /**
   * The pin's data: tables and JSON values decoded; `file` pins as the local paths of their
   * files. Serialized R/Python objects are refused with an explanation.
   * `verifyHash` recomputes the content hash and fails on a mismatch.
   */
  async read(name: string, version?: string, options: { verifyHash?: boolean } = {}): Promise<ReadResult> {
    const meta = await this.meta(name, version);
    if (options.verifyHash) await this.verifyHash(meta);
    if (meta.type === 'file') {
      return { kind: 'files', paths: await Promise.all(meta.files.map((file) => this.storage.localPath(this.filePath(meta, file)))) };
    }
    const { file, decodeAs } = chooseDataFile(meta);
    const where = { pin: name, version: meta.version, file };
    // Serialized R/Python objects are refused on their type alone: no need to read a large pickle.
    if (describeSerializedObject(decodeAs)) return decodePinData(decodeAs, new Uint8Array(0), where);
    const filePath = this.filePath(meta, file);
    if (!(await this.storage.exists(filePath))) {
      throw missingFile(meta, file, this.description);
    }
    return decodePinData(decodeAs, await this.storage.read(filePath), where);
  }

  /** Writes a table (csv, arrow, parquet, json) or any JSON value (json) as a new version. */
  async write(value: Table | unknown, options: WriteOptions): Promise<WriteResult> {
    const name = checkPinName(options.name);
    checkWriteOptions(options);
    const type = checkWritableType(name, options.type);
    const bytes = await encodePinData(type, value);
    return this.storeEncoded(name, options, bytes, () => defaultTitle(name, value, type), readerWarnings(type, value));
  }

  /** Stores encoded data as `<name>.<type>`, the file name pins gives a written pin. */
  private async storeEncoded(name: string, options: WriteOptions, bytes: Uint8Array, title: () => string, warnings: string[]): Promise<WriteResult> {
    const fileName = `${name}.${options.type}`;
    const result = await this.storeVersion(name, options, {
      defaultTitle: title,
      fill: async (dir) => {
        await fs.writeFile(path.join(dir, fileName), bytes);
        return { files: [{ name: fileName, size: bytes.byteLength }], pinHash: await xxh64Hex(bytes) };
      },
    });
    return { ...result, warnings };
  }

  /**
   * Pins data that is already in the pin's format (a user's csv, json, arrow or parquet file) byte
   * for byte, after checking that it decodes: nothing is lost to re-encoding (column types the
   * table model lacks, the file's own formatting). `source` names the file in error messages.
   */
  async writeEncoded(bytes: Uint8Array, options: WriteOptions & { source?: string }): Promise<WriteResult> {
    const name = checkPinName(options.name);
    checkWriteOptions(options);
    const type = checkWritableType(name, options.type);
    const content = await decodePinData(type, bytes, { pin: name, version: null, file: options.source ?? `${name}.${type}` });
    const value = content.kind === 'table' ? content.table : content.value;
    return this.storeEncoded(name, options, bytes, () => defaultTitle(name, value, type), readerWarnings(type, value));
  }

  /**
   * Pins one or more files as they are (type 'file'), keeping their base names. The content
   * hash follows pins-python (one file: its xxh64; several: xxh64 of the joined digests).
   */
  async upload(paths: string[], options: Omit<WriteOptions, 'type'>): Promise<WriteResult> {
    const name = checkPinName(options.name);
    checkWriteOptions(options);
    if (!Array.isArray(paths) || paths.length === 0) {
      throw new PinsError('invalid-argument', `Pin "${name}": give at least one file to upload.`);
    }
    const sources: { path: string; name: string }[] = [];
    for (const source of paths) {
      const stat = await fs.stat(source).catch(() => undefined);
      if (!stat) throw new PinsError('invalid-argument', `Cannot upload "${source}" to pin "${name}": the file does not exist.`);
      if (!stat.isFile()) throw new PinsError('invalid-argument', `Cannot upload "${source}" to pin "${name}": it is not a file. Pass the files inside a folder one by one.`);
      const base = path.basename(source);
      if (base === META_FILE) {
        throw new PinsError('invalid-argument', `Cannot upload "${source}" to pin "${name}": pins keeps the pin's metadata in a file called data.txt, so a pinned file may not have that name. Rename the file first.`);
      }
      if (sources.some((file) => file.name === base)) {
        throw new PinsError('invalid-argument', `Cannot upload two files called "${base}" to pin "${name}": a pin keeps only file names, not folders. Rename one of them.`);
      }
      sources.push({ path: source, name: base });
    }
    return this.storeVersion(name, { ...options, type: 'file' }, {
      defaultTitle: () => defaultUploadTitle(name, sources.map((file) => file.name)),
      fill: async (dir) => {
        const files: { name: string; size: number }[] = [];
        const hashes: string[] = [];
        for (const source of sources) {
          const copied = await copyFileHashing(source.path, path.join(dir, source.name), options.signal);
          files.push({ name: source.name, size: copied.size });
          hashes.push(copied.hash);
        }
        return { files, pinHash: await pinHashOfFiles(hashes) };
      },
    });
  }

  /**
   * Local paths of a version's files: in place on the board, or copied into `to` (created if
   * needed; existing files of the same name are replaced).
   */
  async download(name: string, options: { version?: string; to?: string; signal?: AbortSignal } = {}): Promise<string[]> {
    const meta = await this.meta(name, options.version);
    for (const file of meta.files) {
      if (!(await this.storage.exists(this.filePath(meta, file)))) throw missingFile(meta, file, this.description);
    }
    const sources = await Promise.all(meta.files.map((file) => this.storage.localPath(this.filePath(meta, file))));
    if (options.to === undefined) return sources;
    const to = path.resolve(options.to);
    await fs.mkdir(to, { recursive: true });
    const copies: string[] = [];
    for (const [index, source] of sources.entries()) {
      // Between files: a cancelled download keeps the files already copied whole, never a part of one.
      options.signal?.throwIfAborted();
      const target = path.join(to, meta.files[index] as string);
      await fs.rm(target, { force: true });
      await fs.copyFile(source, target);
      // pins-r stores data files read-only; the user's copy should be theirs to change.
      const mode = (await fs.stat(target)).mode & 0o777;
      await fs.chmod(target, mode | 0o200);
      copies.push(target);
    }
    return copies;
  }

  /** Deletes one version. The only version of a pin cannot be deleted: delete the pin instead. */
  async deleteVersion(name: string, version: string): Promise<void> {
    const versions = await this.versions(name);
    checkVersionLabel(name, version);
    if (!versions.some((v) => v.version === version)) throw this.versionMissing(name, version, versions);
    if (version === FLAT_VERSION) throw flatPinError(name, 'delete a version of');
    this.requireWritable(`delete version ${version} of pin "${name}"`);
    if (versions.length === 1) {
      throw new PinsError('invalid-argument', `Version ${version} is the only version of pin "${name}", so deleting it would leave an empty pin. Delete the whole pin instead (\`pinwheel delete ${name}\`).`);
    }
    await this.storage.delete(`${name}/${version}`);
    await rewriteManifestIfPresent(this);
  }

  /**
   * Deletes old versions, keeping the `keep` newest or those created within `days` days of
   * `now`. The newest version is always kept; versions whose creation time is unknown are kept
   * by the `days` rule.
   */
  async prune(name: string, rule: PruneRule, options: { dryRun?: boolean; now?: Date } = {}): Promise<PruneResult> {
    const count = checkPruneRule(name, rule);
    const versions = await this.versions(name);
    const newest = versions.at(-1);
    let doomed: PinVersion[];
    if ('keep' in rule) {
      doomed = versions.slice(0, Math.max(0, versions.length - count));
    } else {
      const cutoff = (options.now ?? new Date()).getTime() - count * 86_400_000;
      doomed = versions.filter((v) => v.created !== null && v.created.getTime() <= cutoff);
    }
    doomed = doomed.filter((v) => v !== newest && v.version !== FLAT_VERSION);
    if (doomed.length > 0 && newest) {
      // Pruning keeps the newest version so the pin stays readable: make sure it is.
      await this.readMeta(name, newest.version).catch((error: unknown) => {
        if (!isPinsError(error)) throw error;
        throw new PinsError('corrupt-metadata', `Not pruning pin "${name}": its newest version ${newest.version}, the one pruning always keeps, cannot be read (${error.message}) Repair or delete that version first, so that pruning cannot leave the pin without a readable version.`);
      });
    }
    const deleted = doomed.map((v) => v.version);
    const kept = versions.filter((v) => !doomed.includes(v)).map((v) => v.version);
    const dryRun = options.dryRun ?? false;
    if (!dryRun && deleted.length > 0) {
      this.requireWritable(`prune pin "${name}"`);
      for (const version of deleted) await this.storage.delete(`${name}/${version}`);
      await rewriteManifestIfPresent(this);
    }
    return { deleted, kept, dryRun };
  }

  async deletePin(name: string): Promise<void> {
    await this.requirePin(name);
    this.requireWritable(`delete pin "${name}"`);
    await this.storage.delete(name);
    await rewriteManifestIfPresent(this);
  }

  /**
   * Metadata of the pins whose name, title, description or a tag contains `query` (case-
   * insensitive; all pins without a query). A pin whose metadata cannot be read is left out
   * of the result and reported to `onUnreadable` when its name matches, so callers can warn.
   */
  async search(query?: string, options: { onUnreadable?: (name: string, error: PinsError) => void } = {}): Promise<PinMeta[]> {
    const needle = (query ?? '').toLowerCase();
    const matches = (text: string | null | undefined): boolean => text != null && text.toLowerCase().includes(needle);
    const found: PinMeta[] = [];
    for (const name of await this.list()) {
      let meta: PinMeta;
      try {
        meta = await this.meta(name);
      } catch (error) {
        if (!isPinsError(error)) throw error;
        if (matches(name)) options.onUnreadable?.(name, error);
        continue;
      }
      if (needle === '' || matches(name) || matches(meta.title) || matches(meta.description) || (meta.tags ?? []).some(matches)) {
        found.push(meta);
      }
    }
    return found;
  }

  /** Releases the board; a temp board deletes its folder. */
  async dispose(): Promise<void> {
    await this.storage.dispose?.();
  }

  // ---------------------------------------------------------------------------------------

  private requireWritable(action: string): void {
    if (this.storage.readOnly) throw new PinsError('read-only', `Cannot ${action}: the ${this.description} was opened read-only.`);
  }

  /** Checks the name and that the pin folder exists. */
  private async requirePin(name: string): Promise<void> {
    checkPinName(name);
    if ((await this.storage.stat(name))?.kind !== 'directory') {
      throw new PinsError('pin-missing', `Can't find pin "${name}" on the ${this.description}. Run \`pinwheel list\` to see the pins on this board.`);
    }
  }

  private async resolveVersion(name: string, version: string | undefined): Promise<string> {
    const versions = await this.versions(name);
    if (version === undefined) {
      const latest = versions.at(-1);
      if (!latest) {
        throw new PinsError('version-missing', `Pin "${name}" on the ${this.description} has no versions: its folder holds no version folders. Write the pin again, or delete it with \`pinwheel delete ${name}\`.`);
      }
      return latest.version;
    }
    checkVersionLabel(name, version);
    if (!versions.some((v) => v.version === version)) throw this.versionMissing(name, version, versions);
    return version;
  }

  private versionMissing(name: string, version: string, versions: PinVersion[]): PinsError {
    const available = versions.length === 0 ? 'it has no versions' : `available versions (oldest first): ${versions.map((v) => v.version).join(', ')}`;
    return new PinsError('version-missing', `Can't find version "${version}" of pin "${name}" on the ${this.description}; ${available}.`);
  }

  private versionDir(name: string, version: string): string {
    return version === FLAT_VERSION ? name : `${name}/${version}`;
  }

  private filePath(meta: PinMeta, file: string): string {
    return `${this.versionDir(meta.name, meta.version)}/${file}`;
  }

  private async readMeta(name: string, version: string): Promise<PinMeta> {
    const metaPath = `${this.versionDir(name, version)}/${META_FILE}`;
    if (!(await this.storage.exists(metaPath))) {
      throw new PinsError('corrupt-metadata', `Version ${version} of pin "${name}" has no data.txt, so its metadata cannot be read (an interrupted write by another tool?). Delete that version with \`pinwheel delete ${name} --version ${version}\`.`);
    }
    const text = new TextDecoder('utf-8').decode(await this.storage.read(metaPath));
    const meta = parseDataTxt(text, { pin: name, version });
    meta.name = name;
    meta.version = version;
    for (const file of meta.files) checkStoredFileName(name, version, file);
    return meta;
  }

  private async verifyHash(meta: PinMeta): Promise<void> {
    // pins-r's multi-file hash (32 hex digits, rlang::hash) cannot be recomputed.
    if (meta.pinHash === null || (meta.files.length > 1 && meta.pinHash.length !== 16)) return;
    const hashes: string[] = [];
    for (const file of meta.files) hashes.push(await xxh64File(await this.storage.localPath(this.filePath(meta, file))));
    const actual = await pinHashOfFiles(hashes);
    if (actual !== meta.pinHash) {
      throw new PinsError('corrupt-data', `The files of pin "${meta.name}" version ${meta.version} do not match the hash recorded in data.txt (recorded ${meta.pinHash}, actual ${actual}): they were changed or damaged after the pin was written.`);
    }
  }

  /**
   * The write algorithm of spec §1.7: the content is staged first (so its hash describes exactly
   * the stored bytes), an identical write is skipped as in pins-r, then the version is committed
   * atomically under a clash-free name.
   */
  private async storeVersion(name: string, options: WriteOptions, content: StagedContent): Promise<WriteResult> {
    this.requireWritable(`write pin "${name}"`);
    const pinExists = (await this.storage.stat(name))?.kind === 'directory';
    const existing = pinExists ? await this.versions(name) : [];
    if (existing.some((v) => v.version === FLAT_VERSION)) throw flatPinError(name, 'write to');
    const latest = existing.at(-1);

    options.signal?.throwIfAborted();
    const area = await this.storage.stage(name);
    let committed = false;
    try {
      const { files, pinHash } = await content.fill(area.localDir);
      options.signal?.throwIfAborted();

      if (latest && !options.forceIdentical) {
        const latestMeta = await this.readMeta(name, latest.version).catch(() => undefined);
        if (latestMeta && latestMeta.pinHash === pinHash) {
          return { name, version: latest.version, meta: latestMeta, skipped: true, warnings: [] };
        }
      }

      const versioned = options.versioned ?? (existing.length > 1 ? true : this.versioned);
      if (!versioned && existing.length > 1) {
        throw new PinsError('versioned-pin', `Pin "${name}" is versioned (it has ${existing.length} versions), but you requested a write without versions. To un-version a pin, you must delete it first (\`pinwheel delete ${name}\`); otherwise write a new version instead.`);
      }
      const replaces = !versioned && latest ? latest.version : undefined;

      const newMeta: NewPinMeta = {
        files: files.map((file) => file.name),
        fileSizes: files.map((file) => file.size),
        pinHash,
        type: options.type,
        title: options.title ?? content.defaultTitle(),
        description: options.description ?? null,
        tags: options.tags ?? null,
        urls: options.urls ?? null,
        created: wholeSeconds(options.created ?? new Date()),
        user: options.metadata ?? {},
      };

      // Versions are ordered by name, and names by second then hash. Two writes in the same
      // second would otherwise be ordered by their hashes, and the newer one might not be "the
      // latest": unless the caller chose the time, move this write past the latest version.
      if (options.created === undefined && latest?.created && makeVersionName(newMeta.created, pinHash) <= latest.version) {
        newMeta.created = new Date(latest.created.getTime() + 1000);
      }

      let version: string | undefined;
      let dataTxt = '';
      for (let attempt = 0; attempt <= MAX_CLASH_RETRIES; attempt++) {
        const created = new Date(newMeta.created.getTime() + attempt * 1000);
        const candidate = makeVersionName(created, pinHash);
        dataTxt = renderDataTxt({ ...newMeta, created });
        await fs.writeFile(path.join(area.localDir, META_FILE), dataTxt);
        // The last moment a cancel can take effect: after the commit the version is visible.
        options.signal?.throwIfAborted();
        try {
          await area.commit(`${name}/${candidate}`);
          committed = true;
          version = candidate;
          break;
        } catch (error) {
          // Same second, same content: another writer (or a fast forced rewrite) got there
          // first. Both writes are kept: this one moves one second later.
          if (!isPinsError(error, 'version-clash')) throw error;
        }
      }
      if (version === undefined) {
        throw new PinsError('version-clash', `Could not write pin "${name}": ${MAX_CLASH_RETRIES + 1} version names starting at ${makeVersionName(newMeta.created, pinHash)} were all taken by other writes of the same content. Try again in a few seconds.`);
      }
      const meta = parseDataTxt(dataTxt, { pin: name, version });
      meta.name = name;
      meta.version = version;

      if (replaces !== undefined) {
        // The new version is already visible, so the pin is never without a version.
        try {
          await this.storage.delete(`${name}/${replaces}`);
        } catch (error) {
          throw new PinsError('io', `Wrote version ${version} of pin "${name}", but could not remove the version it replaces (${replaces}): ${(error as Error).message} Delete it with \`pinwheel delete ${name} --version ${replaces}\`.`, { cause: error });
        }
      }
      await rewriteManifestIfPresent(this);
      return replaces === undefined ? { name, version, meta, skipped: false, warnings: [] } : { name, version, meta, skipped: false, replaced: replaces, warnings: [] };
    } finally {
      await area.discard();
      // A cancelled or failed first write leaves no empty pin folder behind (it would list as a pin).
      if (!pinExists && !committed) await this.storage.removeIfEmpty(name);
    }
  }
}

interface StagedContent {
  defaultTitle(): string;
  /** Writes the data files into the staging folder; returns what was written and its pin_hash. */
  fill(dir: string): Promise<{ files: { name: string; size: number }[]; pinHash: string }>;
}

/** Which file to decode, and as what: R multi-type pins pick the file whose extension is the type; legacy v0 tables read data.csv. */
function chooseDataFile(meta: PinMeta): { file: string; decodeAs: string } {
  if (meta.type === 'table') {
    const csv = meta.files.find((file) => file === 'data.csv');
    if (csv) return { file: csv, decodeAs: 'csv' };
  }
  const byExtension = meta.files.find((file) => path.posix.extname(file) === `.${meta.type}`);
  const file = byExtension ?? meta.files[0];
  if (file === undefined) {
    throw new PinsError('corrupt-metadata', `Version ${meta.version} of pin "${meta.name}" lists no files in data.txt, so there is nothing to read.`);
  }
  return { file, decodeAs: meta.type };
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** A version label from the user: one plain folder name, never a path. */
function checkVersionLabel(name: string, version: string): void {
  if (version === FLAT_VERSION) return;
  if (typeof version !== 'string' || version === '' || version === '..' || version.startsWith('.') || /[/\\]/.test(version) || CONTROL_CHARACTERS.test(version) || path.isAbsolute(version)) {
    throw new PinsError('invalid-argument', `"${String(version)}" is not a version of pin "${name}": a version is a folder name like 20221215T180351Z-c3943, without '/', '\\' or a leading '.'. See \`pinwheel versions ${name}\`.`);
  }
}

/** File names come from data.txt, which a hostile board controls: never let one leave the version folder. */
function checkStoredFileName(name: string, version: string, file: string): void {
  if (file === '' || file === '.' || file === '..' || /[/\\]/.test(file) || CONTROL_CHARACTERS.test(file) || path.isAbsolute(file)) {
    throw new PinsError('corrupt-metadata', `data.txt of pin "${name}" version ${version} lists the file "${file}", which is not a plain file name inside the version folder. Pinwheel will not read it.`);
  }
}

function checkWriteOptions(options: Omit<WriteOptions, 'type'>): void {
  const name = options.name;
  const fail = (what: string): never => {
    throw new PinsError('invalid-argument', `Pin "${name}": ${what}.`);
  };
  if (options.title !== undefined && typeof options.title !== 'string') fail('title must be text');
  if (options.description != null && typeof options.description !== 'string') fail('description must be text');
  for (const key of ['tags', 'urls'] as const) {
    const list = options[key];
    if (list !== undefined && (!Array.isArray(list) || list.some((item) => typeof item !== 'string'))) fail(`${key} must be a list of strings`);
  }
  const metadata = options.metadata;
  if (metadata !== undefined && (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata))) {
    fail('metadata must be a mapping of names to values (it is stored under `user` in data.txt)');
  }
  if (options.created !== undefined && (!(options.created instanceof Date) || Number.isNaN(options.created.getTime()))) fail('created must be a valid date');
}

/** How pandas and R will see a pin differently from what was written, in the user's terms. */
function readerWarnings(type: PinType, value: unknown): string[] {
  if (type !== 'csv' || !isTable(value)) return [];
  return csvTextColumnsAtRisk(value).map(
    ({ column, example }) =>
      `Column "${column}" holds text such as "${example}" that pandas and R read back from CSV as numbers or booleans (they ignore the quotes), losing e.g. leading zeros. Pin it as arrow or parquet to keep it as text.`,
  );
}

/** The types a value (or encoded data) can be written as; 'file' pins are uploads. */
function checkWritableType(name: string, type: string): PinType {
  if (type === 'file') {
    throw new PinsError('invalid-argument', `Pin "${name}": type 'file' cannot be written from a value. Use upload to pin files (\`pinwheel write FILE --name NAME --type file\`).`);
  }
  if (!(WRITABLE_TYPES as readonly string[]).includes(type)) {
    throw new PinsError('unsupported-type', `Pin "${name}": Pinwheel cannot write type '${type}'. Choose one of: ${WRITABLE_TYPES.join(', ')}.`);
  }
  return type as PinType;
}

function checkPruneRule(name: string, rule: PruneRule): number {
  const hasKeep = rule !== null && typeof rule === 'object' && 'keep' in rule;
  const hasDays = rule !== null && typeof rule === 'object' && 'days' in rule;
  if (hasKeep === hasDays) {
    throw new PinsError('invalid-argument', `Pruning pin "${name}" needs exactly one rule: keep the N newest versions, or keep the versions of the last D days.`);
  }
  const [label, value] = hasKeep ? ['keep', (rule as { keep: number }).keep] : ['days', (rule as { days: number }).days];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new PinsError('invalid-argument', `Pruning pin "${name}": ${label} must be a whole number of at least 1, not ${JSON.stringify(value)}. The newest version is always kept.`);
  }
  return value;
}

function missingFile(meta: PinMeta, file: string, board: string): PinsError {
  return new PinsError('corrupt-data', `Version ${meta.version} of pin "${meta.name}" lists the file "${file}" in its data.txt, but the file is missing from the ${board} (deleted by hand, or an interrupted copy). Delete that version (\`pinwheel delete ${meta.name} --version ${meta.version}\`) or write the pin again.`);
}

function flatPinError(name: string, action: string): PinsError {
  return new PinsError('read-only', `Cannot ${action} pin "${name}": it uses the old unversioned layout (data.txt directly in the pin folder), which Pinwheel only reads. Write under a new name, or delete the pin first.`);
}

function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
