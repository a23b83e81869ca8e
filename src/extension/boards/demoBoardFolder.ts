// Writes the built-in demo board (src/core/demo) into the extension's storage folder. A marker file
// written last says it is complete, so an interrupted first run is redone rather than half-shown.
import { rm, mkdir, writeFile } from 'node:fs/promises';
import { writeDemoBoard } from '../../core/demo/demoBoard.js';
import { openBoard } from '../../core/pins/index.js';

export async function writeDemoBoardFolder(folder: string, completeMarker: string): Promise<void> {
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  const board = await openBoard(folder);
  try {
    await writeDemoBoard(board);
  } finally {
    await board.dispose();
  }
  await writeFile(completeMarker, 'The Pinwheel demo board is complete.\n');
}
