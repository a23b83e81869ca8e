// The palette side of PinTargetResolver: quick picks for the board, the pin and the version, each
// skipped when there is only one choice. Rows from the Boards view skip the questions entirely.
import * as vscode from 'vscode';
import { formatBytes, formatDate } from '../../core/text/displayFormats.js';
import type { BoardEntry } from './boardEntry.js';
import type { BoardRegistry } from './boardRegistry.js';
import { pinsWithKinds } from './pinsWithKinds.js';
import { isTreeNode, targetOfNode, type PickOptions, type PinTarget, type PinTargetResolver } from './pinTarget.js';

interface Item<T> extends vscode.QuickPickItem {
  value: T;
}

function isPinTarget(value: unknown): value is PinTarget {
  return typeof value === 'object' && value !== null && 'board' in value && 'pin' in value && typeof (value as { pin: unknown }).pin === 'string';
}

export class QuickPickTargets implements PinTargetResolver {
  constructor(private readonly registry: BoardRegistry) {}

  async resolve(arg: unknown, options: PickOptions): Promise<PinTarget | undefined> {
    if (isTreeNode(arg)) {
      const target = targetOfNode(arg);
      if (target) return target;
      if (arg.kind === 'board') return this.pickPin(arg.board, options);
    }
    if (isPinTarget(arg)) return arg;
    const board = await this.pickBoard(options.title);
    return board && this.pickPin(board, options);
  }

  async resolveBoard(arg: unknown, title: string): Promise<BoardEntry | undefined> {
    if (isTreeNode(arg) && arg.kind !== 'message') return arg.board;
    if (isTreeNode(arg) && arg.board) return arg.board;
    if (isPinTarget(arg)) return arg.board;
    return this.pickBoard(title);
  }

  private async pickBoard(title: string): Promise<BoardEntry | undefined> {
    const { boards } = await this.registry.boards();
    if (boards.length === 0) {
      const add = 'Add Board…';
      const demo = 'Open Demo Board';
      const answer = await vscode.window.showInformationMessage(`${title}: there is no board yet. Add a board folder, or open the demo board.`, add, demo);
      if (answer === add) await vscode.commands.executeCommand('pinwheel.addBoard');
      if (answer === demo) await vscode.commands.executeCommand('pinwheel.openDemoBoard');
      return undefined;
    }
    if (boards.length === 1) return boards[0];
    const picked = await vscode.window.showQuickPick(
      boards.map((board): Item<BoardEntry> => ({ label: board.name, description: board.folder, value: board })),
      { title, placeHolder: 'Which board?' },
    );
    return picked?.value;
  }

  private async pickPin(board: BoardEntry, options: PickOptions): Promise<PinTarget | undefined> {
    const ready = (await pinsWithKinds(await this.registry.open(board)))
      .filter((pin) => !options.servableOnly || pin.kind?.servable)
      .map((pin): Item<string> => ({ label: pin.name, description: pin.meta?.title ?? '', detail: pin.kind?.label, value: pin.name }));
    if (ready.length === 0) {
      void vscode.window.showInformationMessage(
        options.servableOnly
          ? `${options.title}: the board "${board.name}" has no ONNX model pin. Pin one with "Pinwheel: Pin Model from ONNX File…".`
          : `${options.title}: the board "${board.name}" has no pins yet.`,
      );
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(ready, { title: options.title, placeHolder: `Which pin of ${board.name}?`, matchOnDescription: true });
    if (!picked) return undefined;
    if (!options.withVersion) return { board, pin: picked.value };
    return this.pickVersion({ board, pin: picked.value }, options.title);
  }

  /** Newest first; the first item (the latest) means "latest". */
  async pickVersion(target: PinTarget, title: string): Promise<PinTarget | undefined> {
    const opened = await this.registry.open(target.board);
    const versions = [...(await opened.versions(target.pin))].reverse();
    if (versions.length <= 1) return { ...target, version: versions[0]?.version };
    const items = await Promise.all(
      versions.map(async (version, index): Promise<Item<string>> => {
        const meta = await opened.meta(target.pin, version.version).catch(() => null);
        const size = meta && meta.fileSizes.length > 0 ? formatBytes(meta.fileSizes.reduce((a, b) => a + b, 0)) : undefined;
        return {
          label: version.version,
          description: [index === 0 ? 'latest' : undefined, formatDate(meta?.created ?? version.created), size].filter(Boolean).join(' · '),
          value: version.version,
        };
      }),
    );
    const picked = await vscode.window.showQuickPick(items, { title, placeHolder: `Which version of ${target.pin}?` });
    return picked && { ...target, version: picked.value };
  }
}
