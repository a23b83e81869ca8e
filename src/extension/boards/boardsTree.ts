// The Boards view: boards → pins → versions, read lazily when a row is expanded. Pin rows need the
// latest metadata (icon, title, tooltip), read for many pins at once so a board of 1,000 pins opens
// in well under a second; one unreadable pin becomes a warning row, never an empty view.
import * as vscode from 'vscode';
import type { Board, PinMeta } from '../../core/pins/index.js';
import type { PinKindInfo } from '../../core/vetiver/pinKind.js';
import type { ServedModels } from '../servers/servedModels.js';
import { errorMessage } from '../showError.js';
import type { BoardEntry } from './boardEntry.js';
import type { BoardRegistry } from './boardRegistry.js';
import { nodeId, treeItemOf } from './treeItems.js';
import type { BoardNode, BoardsTreeNode, MessageNode, PinNode, VersionNode } from './treeNodes.js';

/** Reads in flight at once: enough to hide disk latency, few enough not to exhaust file handles. */
const READ_CONCURRENCY = 32;

async function mapConcurrently<T, R>(items: readonly T[], limit: number, map: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

type PinKindOf = (meta: PinMeta) => PinKindInfo;

export class BoardsTreeProvider implements vscode.TreeDataProvider<BoardsTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<BoardsTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** One object per row id: VS Code matches change events to rows by object. */
  private readonly nodes = new Map<string, BoardsTreeNode>();
  private boardCount = 0;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly registry: BoardRegistry, private readonly served: ServedModels) {
    this.subscriptions = [
      registry.onDidChange((board) => this.changed.fire(board ? this.nodes.get(`board:${board.folder}`) : undefined)),
      served.onDidChange(() => this.changed.fire(undefined)),
    ];
  }

  getTreeItem(node: BoardsTreeNode): vscode.TreeItem {
    return treeItemOf(node, {
      expandBoards: this.boardCount === 1,
      servedPin: (folder, pin) => this.served.list().find((server) => server.boardFolder === folder && server.pin === pin),
    });
  }

  getParent(node: BoardsTreeNode): BoardsTreeNode | undefined {
    if (node.kind === 'pin') return this.nodes.get(`board:${node.board.folder}`);
    if (node.kind === 'version') return this.nodes.get(`pin:${node.board.folder}:${node.pin}`);
    return undefined;
  }

  async getChildren(node?: BoardsTreeNode): Promise<BoardsTreeNode[]> {
    if (!node) return this.rootChildren();
    if (node.kind === 'board') return this.pinsOf(node.board);
    if (node.kind === 'pin') return this.versionsOf(node);
    return [];
  }

  /** Finds the row of a pin (for reveal after a command created it). */
  pinNode(folder: string, pin: string): PinNode | undefined {
    const node = this.nodes.get(`pin:${folder}:${pin}`);
    return node?.kind === 'pin' ? node : undefined;
  }

  private intern<T extends BoardsTreeNode>(node: T): T {
    const id = nodeId(node);
    const existing = this.nodes.get(id);
    if (existing) {
      // Replace every field (a property missing from the new node must not survive).
      for (const key of Object.keys(existing)) delete (existing as unknown as Record<string, unknown>)[key];
      return Object.assign(existing, node) as T;
    }
    this.nodes.set(id, node);
    return node;
  }

  private async rootChildren(): Promise<BoardsTreeNode[]> {
    const { boards, problems } = await this.registry.boards();
    this.boardCount = boards.length;
    await vscode.commands.executeCommand('setContext', 'pinwheel.hasBoards', boards.length > 0 || problems.length > 0);
    await vscode.commands.executeCommand('setContext', 'pinwheel.boardsLoaded', true);
    const messages = problems.map((problem, index): MessageNode => this.intern({ kind: 'message', id: `settings:${index}`, label: 'Problem in the setting pinwheel.boards', detail: problem, severity: 'error' }));
    return [...messages, ...boards.map((board) => this.intern<BoardNode>({ kind: 'board', board }))];
  }

  private async openBoard(board: BoardEntry): Promise<Board | MessageNode> {
    try {
      return await this.registry.open(board);
    } catch (error) {
      return this.intern({ kind: 'message', id: `open:${board.folder}`, label: 'This board cannot be opened', detail: errorMessage(error), severity: 'error', board });
    }
  }

  private async pinsOf(board: BoardEntry): Promise<BoardsTreeNode[]> {
    const opened = await this.openBoard(board);
    if (!('list' in opened)) return [opened];
    const [{ pinKindOf }, names] = await Promise.all([import('../../core/vetiver/pinKind.js'), opened.list()]);
    if (names.length === 0) {
      return [this.intern({ kind: 'message', id: `empty:${board.folder}`, label: 'No pins yet', detail: 'Right-click the board to pin a model or data.', severity: 'info', board })];
    }
    return mapConcurrently(names, READ_CONCURRENCY, async (name) => this.intern<PinNode>(await this.readPin(opened, board, name, pinKindOf)));
  }

  private async readPin(board: Board, entry: BoardEntry, name: string, pinKindOf: PinKindOf): Promise<PinNode> {
    try {
      const meta = await board.meta(name);
      return { kind: 'pin', board: entry, name, meta, pinKind: pinKindOf(meta) };
    } catch (error) {
      return { kind: 'pin', board: entry, name, meta: null, pinKind: null, problem: errorMessage(error) };
    }
  }

  private async versionsOf(pin: PinNode): Promise<BoardsTreeNode[]> {
    const opened = await this.openBoard(pin.board);
    if (!('list' in opened)) return [opened];
    const { pinKindOf } = await import('../../core/vetiver/pinKind.js');
    let versions;
    try {
      versions = await opened.versions(pin.name);
    } catch (error) {
      return [this.intern({ kind: 'message', id: `versions:${pin.board.folder}:${pin.name}`, label: 'The versions cannot be listed', detail: errorMessage(error), severity: 'error', board: pin.board })];
    }
    const newestFirst = [...versions].reverse();
    return mapConcurrently(newestFirst, READ_CONCURRENCY, async (version): Promise<VersionNode> => {
      const isLatest = version === newestFirst[0];
      try {
        const meta = await opened.meta(pin.name, version.version);
        return this.intern<VersionNode>({ kind: 'version', board: pin.board, pin: pin.name, version, meta, pinKind: pinKindOf(meta), isLatest });
      } catch (error) {
        return this.intern<VersionNode>({ kind: 'version', board: pin.board, pin: pin.name, version, meta: null, pinKind: null, isLatest, problem: errorMessage(error) });
      }
    });
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.changed.dispose();
  }
}
