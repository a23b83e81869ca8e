// Turns what a user types to name a board (`--board`, a VS Code setting) into a Board.
//
//   temp            a fresh folder under the OS temp directory, deleted by board.dispose()
//   local           the pins-python local board: $PINS_DATA_DIR, else user_data_dir('pins-py')
//   local:r         the pins-r local board: rappdirs user_data_dir('pins') (honours R_USER_DATA_DIR)
//   file:///abs     a folder, as a file URL
//   <path>          a folder; relative paths are resolved against `cwd`, `~/` is the home folder
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Board } from './board.js';
import { PinsError } from './errors.js';
import { FolderStorage } from './storage/folderStorage.js';
import { localBoardPath } from './storage/localBoardPath.js';
import { TempFolderStorage } from './storage/tempStorage.js';

export interface OpenBoardOptions {
  /** Default for writes that do not say (default true, like pins-python). */
  versioned?: boolean;
  /** Base for relative paths (default: the process's working directory). */
  cwd?: string;
  /** Create a missing board folder instead of failing. */
  create?: boolean;
  /** Refuse every write and delete (for boards that must not change, e.g. reference fixtures). */
  readOnly?: boolean;
  /** Flush new versions to disk before they appear (survives power loss; slower). */
  durable?: boolean;
}

const CLOUD_SCHEMES = new Set(['s3', 'gs', 'gcs', 'az', 'abfs', 'abfss', 'azure', 'http', 'https', 'dbfs', 'connect', 'rsc']);

export async function openBoard(uri: string, options: OpenBoardOptions = {}): Promise<Board> {
  const boardOptions = options.versioned === undefined ? {} : { versioned: options.versioned };
  const spec = typeof uri === 'string' ? uri.trim() : '';
  if (spec === '') {
    throw new PinsError('invalid-argument', 'No board given: name a folder (a path or file:///...), or one of temp, local, local:r.');
  }

  if (spec === 'temp') {
    if (options.readOnly) throw new PinsError('invalid-argument', 'A temp board starts empty, so opening it read-only makes no sense.');
    return new Board(await TempFolderStorage.create(), boardOptions);
  }
  if (spec === 'local' || spec === 'local:r') {
    const flavour = spec === 'local' ? 'python' : 'r';
    const root = localBoardPath(flavour);
    // pins creates its local board folder on first use, and so do we; until then, reading it
    // finds an empty board rather than an error.
    if (!options.readOnly) await createFolder(root, spec);
    return new Board(new FolderStorage(root, { readOnly: options.readOnly ?? false, durable: options.durable ?? false, description: `local board (${flavour === 'python' ? 'pins-python' : 'pins-r'}) at ${root}` }), boardOptions);
  }

  const root = folderOf(spec, options.cwd ?? process.cwd());
  if (options.create && !options.readOnly) await createFolder(root, spec);
  else await requireFolder(root, spec);
  return new Board(new FolderStorage(root, { readOnly: options.readOnly ?? false, durable: options.durable ?? false }), boardOptions);
}

/** The absolute folder a path or file URL names; other URL schemes are refused clearly. */
export function folderOf(spec: string, cwd: string): string {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]+):\/\//.exec(spec)?.[1]?.toLowerCase();
  if (scheme === 'file') {
    try {
      return fileURLToPath(spec);
    } catch (error) {
      throw new PinsError('invalid-argument', `"${spec}" is not a usable file URL: ${(error as Error).message}. Use file:///absolute/path or a plain path.`, { cause: error });
    }
  }
  if (scheme !== undefined) {
    const kind = CLOUD_SCHEMES.has(scheme) ? 'Cloud and server boards' : `"${scheme}://" boards`;
    throw new PinsError('invalid-argument', `${kind} are not supported yet: Pinwheel works with folder boards for now. Give a folder path (for a bucket, a locally mounted or synced copy of it), file:///..., temp, local or local:r.`);
  }
  if (spec === '~' || spec.startsWith('~/') || spec.startsWith('~\\')) return path.join(os.homedir(), spec.slice(1));
  return path.resolve(cwd, spec);
}

async function requireFolder(root: string, spec: string): Promise<void> {
  const stat = await fs.stat(root).catch(() => undefined);
  if (!stat) {
    throw new PinsError('board-missing', `No board at ${root}${spec !== root ? ` (from "${spec}")` : ''}: the folder does not exist. Check the path, or create the board: \`mkdir -p ${quoteForShell(root)}\`.`);
  }
  if (!stat.isDirectory()) {
    throw new PinsError('board-missing', `No board at ${root}: that is a file, not a folder. A board is a folder holding one folder per pin.`);
  }
}

async function createFolder(root: string, spec: string): Promise<void> {
  try {
    await fs.mkdir(root, { recursive: true });
  } catch (error) {
    throw new PinsError('io', `Could not create the board folder ${root} (for "${spec}"): ${(error as Error).message}.`, { cause: error });
  }
  await requireFolder(root, spec);
}

function quoteForShell(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
