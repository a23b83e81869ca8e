// Commands run from a tree row get the row; run from the palette they get nothing and ask. Either way
// they end up with a PinTarget.
import type { BoardEntry } from './boardEntry.js';
import type { BoardsTreeNode } from './treeNodes.js';

export interface PinTarget {
  board: BoardEntry;
  pin: string;
  /** A version name; undefined means the latest. */
  version?: string;
}

export interface PickOptions {
  /** Shown as the quick pick's title, e.g. "Serve Version". */
  title: string;
  /** Offer only pins Pinwheel can serve (ONNX models). */
  servableOnly?: boolean;
  /** Ask for a version too (the latest is the first choice). */
  withVersion?: boolean;
}

/** Finds the pin (and version) a command is about: from its tree-row argument, or by asking. */
export interface PinTargetResolver {
  resolve(arg: unknown, options: PickOptions): Promise<PinTarget | undefined>;
  /** Asks for a board (for commands that write a new pin). undefined when the user cancelled. */
  resolveBoard(arg: unknown, title: string): Promise<BoardEntry | undefined>;
}

export function isTreeNode(value: unknown): value is BoardsTreeNode {
  return typeof value === 'object' && value !== null && 'kind' in value && typeof (value as { kind: unknown }).kind === 'string';
}

/** The target a tree row stands for, or undefined for rows that are not a pin or a version. */
export function targetOfNode(node: BoardsTreeNode): PinTarget | undefined {
  if (node.kind === 'pin') return { board: node.board, pin: node.name };
  if (node.kind === 'version') return { board: node.board, pin: node.pin, version: node.version.version };
  return undefined;
}
