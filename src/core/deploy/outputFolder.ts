// Writes a generated folder (an app, a Docker context, Kubernetes manifests). Like vetiver's
// mode "x", nothing is replaced unless asked: every target is checked before anything is
// written, so a refusal leaves the folder as it was.
import { copyFile, lstat, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PinsError } from '../pins/index.js';

export type PlannedFile =
  | { path: string; content: string | Uint8Array }
  /** A copy of a file elsewhere (the server bundle, a model). */
  | { path: string; copyFrom: string };

export interface OutputFolderOptions {
  overwrite: boolean;
  /** Folders (relative) written as a whole: with overwrite they are emptied first, so no stale file stays. */
  wholeFolders?: string[];
}

async function exists(file: string): Promise<boolean> {
  return (await lstat(file).catch(() => undefined)) !== undefined;
}

/**
 * Writes `files` (paths relative to `outDir`, with `/`) and returns those paths in order.
 * Throws PinsError 'invalid-argument' naming the first existing file when overwrite is false.
 */
export async function writeOutputFolder(outDir: string, files: PlannedFile[], options: OutputFolderOptions): Promise<string[]> {
  const outStat = await lstat(outDir).catch(() => undefined);
  if (outStat && !outStat.isDirectory()) {
    throw new PinsError('invalid-argument', `The output folder ${outDir} is a file. Choose a folder with --out (it is created if missing).`);
  }
  const wholeFolders = options.wholeFolders ?? [];
  if (!options.overwrite) {
    for (const relative of [...files.map((file) => file.path), ...wholeFolders]) {
      const target = path.join(outDir, relative);
      if (await exists(target)) {
        throw new PinsError('invalid-argument', `${target} already exists. Pass --overwrite to replace the files this command writes in ${outDir}, or choose another --out folder.`);
      }
    }
  }
  for (const folder of wholeFolders) await rm(path.join(outDir, folder), { recursive: true, force: true });
  for (const file of files) {
    const target = path.join(outDir, file.path);
    await mkdir(path.dirname(target), { recursive: true });
    // A file left read-only (pins-r writes them so) must still be replaceable.
    await rm(target, { force: true });
    if ('copyFrom' in file) await copyFile(file.copyFrom, target);
    else await writeFile(target, file.content);
  }
  return files.map((file) => file.path);
}
