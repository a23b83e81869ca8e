// The extension's entry point (dist/extension/main.js, imported by the dist/extension.cjs shim).
// Activation only creates objects and registers commands: every feature's code and the pins
// library load on first use (esbuild chunks), and onnxruntime only ever loads in the server child.
import path from 'node:path';
import * as vscode from 'vscode';
import { registerBoardCommands } from './boards/boardCommands.js';
import type { BoardEntry } from './boards/boardEntry.js';
import { BoardRegistry } from './boards/boardRegistry.js';
import { BoardsTreeProvider } from './boards/boardsTree.js';
import { QuickPickTargets } from './boards/pinTargetPicker.js';
import type { BoardsTreeNode } from './boards/treeNodes.js';
import { registerDeployCommands } from './deploy/deployCommands.js';
import { METADATA_SCHEME, MetadataDocuments } from './pins/metadataDocuments.js';
import { registerPinCommands } from './pins/pinCommands.js';
import { registerPinModelCommand } from './pins/pinModelCommand.js';
import { registerPreviewCommands } from './previews/registerPreviewCommands.js';
import { registerRequestCommands } from './requests/requestCommands.js';
import { registerServerCommands } from './servers/serverCommands.js';
import { ServerManager } from './servers/serverManager.js';

let deactivateServers: (() => Promise<void>) | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Pinwheel');
  context.subscriptions.push(log);
  const registry = new BoardRegistry({ demoFolder: path.join(context.globalStorageUri.fsPath, 'demo-board'), state: context.globalState });
  const servers = new ServerManager({ cliPath: path.join(context.extensionPath, 'dist', 'cli.js') });
  const tree = new BoardsTreeProvider(registry, servers);
  const treeView = vscode.window.createTreeView<BoardsTreeNode>('pinwheel.boards', { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true });
  const targets = new QuickPickTargets(registry);

  /** Shows a pin the user just wrote: its board expanded, the pin selected. */
  const revealPin = async (board: BoardEntry, pin: string): Promise<void> => {
    await tree.getChildren({ kind: 'board', board });
    const node = tree.pinNode(board.folder, pin);
    if (node) await treeView.reveal(node, { select: true, focus: false, expand: false }).then(undefined, () => undefined);
  };

  context.subscriptions.push(registry, servers, tree, treeView, vscode.workspace.registerTextDocumentContentProvider(METADATA_SCHEME, new MetadataDocuments()));
  registerBoardCommands(context, { registry });
  registerPinModelCommand(context, { registry, targets, revealPin });
  registerPinCommands(context, { registry, targets, revealPin, servers });
  registerDeployCommands(context, { registry, targets });
  registerServerCommands(context, { manager: servers, targets, boards: registry });
  registerRequestCommands(context, { targets, boards: registry, servers });
  registerPreviewCommands(context, { targets, boards: registry, log });
  deactivateServers = () => servers.stopAll();
}

export async function deactivate(): Promise<void> {
  await deactivateServers?.();
}
