// A board in a fresh folder under the OS temp directory, removed when the board is disposed
// (pins' board_temp()). Handy for examples and tests; never for real work.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FolderStorage, removeTree } from './folderStorage.js';

export class TempFolderStorage extends FolderStorage {
  private disposed = false;

  /** Creates the folder; call `dispose()` (or `Board.dispose()`) to delete it. */
  static async create(): Promise<TempFolderStorage> {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'pinwheel-board-'));
    return new TempFolderStorage(root);
  }

  private constructor(root: string) {
    super(root, { description: `temporary board at ${root}` });
  }

  /** Deletes the folder and everything pinned in it. Safe to call twice. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await removeTree(this.root);
  }
}
