// A server as the manager and its commands see it: what the Boards view sees (ServedModelInfo), plus
// the board entry (to read the pin's versions) and the process.
import type { BoardEntry } from '../boards/boardEntry.js';
import type { ServedModelInfo } from './servedModels.js';

/** What the manager knows of a server: what the Boards view sees, plus what its commands need. */
export interface ServerInfo extends ServedModelInfo {
  /** The board the pin is on (boardFolder and boardName repeat its folder and name). */
  board: BoardEntry;
  /** The server process, while there is one. */
  pid: number | null;
  /** Spawn to ready, in ms, of the current process. */
  startupMs: number | null;
}
