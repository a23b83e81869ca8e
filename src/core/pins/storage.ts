/**
 * The small storage interface every board backend implements (folder, temp, local now;
 * object stores later). Paths are relative to the board root and joined with '/'.
 * The Board is written once against this interface, as pins-python's is against fsspec.
 */
export interface StorageEntry {
  name: string;
  kind: 'file' | 'directory';
}

export interface StorageStat {
  kind: 'file' | 'directory';
  size: number;
  modified: Date;
}

export interface BoardStorage {
  /** Human description used in messages, e.g. `folder board at /home/ada/models`. */
  readonly description: string;
  /** Writes and deletes throw PinsError('read-only') when true. */
  readonly readOnly: boolean;
  /** Entries directly under `dir` ('' is the board root); [] if `dir` does not exist. */
  list(dir: string): Promise<StorageEntry[]>;
  exists(path: string): Promise<boolean>;
  stat(path: string): Promise<StorageStat | undefined>;
  read(path: string): Promise<Uint8Array>;
  /** A path on local disk holding the file's bytes: in place for folders, a cached copy for remote stores. */
  localPath(path: string): Promise<string>;
  /** Replaces one small file (data.txt, _pins.yaml) atomically: readers see the old or the new bytes. */
  write(path: string, data: Uint8Array): Promise<void>;
  /** Deletes a file or a whole directory tree, read-only files included (pins-r chmods data files u=r). */
  delete(path: string): Promise<void>;
  /** Removes a directory only if it is empty (a pin folder a failed first write created); true if it did. */
  removeIfEmpty(path: string): Promise<boolean>;
  /** A private area to build a version in; nothing in it is visible on the board until `commit`. */
  stage(pinDir: string): Promise<StagingArea>;
  /** Releases the storage; a temp board deletes its folder. */
  dispose?(): Promise<void>;
}

export interface StagingArea {
  /** A local directory to write the version's files into. */
  readonly localDir: string;
  /**
   * Makes the staged files visible at `dest` (a version directory) all at once, or not at all.
   * Throws PinsError('version-clash') if `dest` already exists; the staged files are kept so the
   * caller can retry under another name.
   */
  commit(dest: string): Promise<void>;
  /** Removes the staging area; safe to call after commit. */
  discard(): Promise<void>;
}
