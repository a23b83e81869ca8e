// The elements of the Boards tree. Commands receive them as their first argument when run from the
// tree's context menus, so they carry everything a command needs to find the pin again.
import type { PinMeta, PinVersion } from '../../core/pins/index.js';
import type { PinKindInfo } from '../../core/vetiver/pinKind.js';
import type { BoardEntry } from './boardEntry.js';

export interface BoardNode {
  kind: 'board';
  board: BoardEntry;
}

export interface PinNode {
  kind: 'pin';
  board: BoardEntry;
  name: string;
  /** The latest version's metadata; null when it could not be read (then `problem` says why). */
  meta: PinMeta | null;
  pinKind: PinKindInfo | null;
  problem?: string;
}

export interface VersionNode {
  kind: 'version';
  board: BoardEntry;
  pin: string;
  version: PinVersion;
  meta: PinMeta | null;
  pinKind: PinKindInfo | null;
  isLatest: boolean;
  problem?: string;
}

/** A row that only informs (a bad setting, a board folder that is gone, an empty board). */
export interface MessageNode {
  kind: 'message';
  id: string;
  label: string;
  detail: string;
  severity: 'info' | 'warning' | 'error';
  board?: BoardEntry;
}

export type BoardsTreeNode = BoardNode | PinNode | VersionNode | MessageNode;
