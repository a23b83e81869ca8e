// What a written app serves: one pin version, fixed when the app is written (as vetiver's
// write_app pins the version), and checked to be servable then rather than when the app starts.
import { folderOf, localBoardPath, PinsError, type Board } from '../pins/index.js';
import { loadServableModel } from '../vetiver/index.js';

export interface ServedPin {
  name: string;
  /** The exact version: the latest at write time when none was asked for. */
  version: string;
}

/** Throws ModelError 'not-servable' (with how to export to ONNX) for pickles and other models Pinwheel cannot serve. */
export async function resolveServedPin(board: Board, name: string, version?: string): Promise<ServedPin> {
  const { description } = await loadServableModel(board, name, version);
  return { name: description.name, version: description.version };
}

/** The absolute board folder an app reads, from the URI the user gave. */
export function appBoardFolder(boardUri: string, cwd: string): string {
  const spec = boardUri.trim();
  if (spec === 'temp') {
    throw new PinsError('invalid-argument', 'A temp board is deleted when the command ends, so an app cannot serve from it. Pin the model on a folder board (--board ./my-board) and write the app from there.');
  }
  if (spec === 'local') return localBoardPath('python');
  if (spec === 'local:r') return localBoardPath('r');
  return folderOf(spec, cwd);
}
