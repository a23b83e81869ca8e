// Add Board…, Remove Board, Refresh and Open Demo Board.
import { existsSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { errorMessage, showError } from '../showError.js';
import { requireTrustedWorkspace } from '../workspaceTrust.js';
import type { BoardRegistry } from './boardRegistry.js';
import { isTreeNode } from './pinTarget.js';

/** Stored relative to the workspace folder when inside it, so the setting works on other machines. */
function settingPath(folder: string): string {
  const workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!workspace) return folder;
  const relative = path.relative(workspace, folder);
  if (relative === '') return '.';
  return relative.startsWith('..') || path.isAbsolute(relative) ? folder : relative.split(path.sep).join('/');
}

async function askForFolder(): Promise<string | undefined> {
  const choose = { label: '$(folder-opened) Choose a Folder…', value: 'choose' as const };
  const type = { label: '$(edit) Type a Path…', description: 'absolute, relative to the workspace, ~/…, local (pins-python), local:r (pins-r)', value: 'type' as const };
  const how = await vscode.window.showQuickPick([choose, type], { title: 'Add Board', placeHolder: 'A board is a folder of pins (pins for Python and R read and write the same folders)' });
  if (!how) return undefined;
  if (how.value === 'choose') {
    const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: 'Add Board', title: 'Add Board: choose the board folder' });
    return picked?.[0]?.fsPath;
  }
  return vscode.window.showInputBox({
    title: 'Add Board',
    prompt: 'The board folder',
    placeHolder: 'e.g. models/board, ~/pins, /data/board, local',
    validateInput: (value) => (value.trim() === '' ? 'Type the board folder: a path, or local / local:r for the local boards of pins.' : /:\/\/[^/@]*:[^/@]*@/.test(value) ? 'Leave credentials out of the path: they would be stored in settings.' : undefined),
  });
}

export function registerBoardCommands(context: vscode.ExtensionContext, deps: { registry: BoardRegistry }): void {
  const { registry } = deps;
  context.subscriptions.push(
    vscode.commands.registerCommand('pinwheel.addBoard', async () => {
      const answer = await askForFolder();
      if (!answer) return;
      const trimmed = answer.trim();
      const workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
      const isLocal = trimmed === 'local' || trimmed === 'local:r';
      const expanded = trimmed.replace(/^~(?=\/)/, os.homedir());
      // A URI (file:///…, s3://…) is not a path: the pins library resolves file URLs and refuses other schemes.
      const isUri = /^[A-Za-z][A-Za-z0-9+.-]+:\/\//.test(trimmed);
      let uriFolder: string | undefined;
      if (isUri) {
        const { folderOf } = await import('../../core/pins/index.js');
        try {
          uriFolder = folderOf(trimmed, workspace ?? '/');
        } catch (error) {
          void vscode.window.showErrorMessage(`Could not add the board: ${errorMessage(error)}`);
          return;
        }
      }
      if (!isLocal && !isUri && !workspace && !path.isAbsolute(expanded)) {
        void vscode.window.showErrorMessage(`Could not add the board: "${trimmed}" is a relative path and no folder is open to resolve it against. Give an absolute path.`);
        return;
      }
      const folder = isLocal ? undefined : (uriFolder ?? path.resolve(workspace ?? '/', expanded));
      if (folder) {
        const info = await stat(folder).catch(() => undefined);
        if (info && !info.isDirectory()) {
          void vscode.window.showErrorMessage(`Could not add the board: ${folder} is a file. A board is a folder.`);
          return;
        }
        if (!info) {
          const create = 'Create Folder';
          const pick = await vscode.window.showWarningMessage(`The folder ${folder} does not exist. Create it as a new, empty board?`, { modal: true }, create);
          if (pick !== create) return;
          if (!requireTrustedWorkspace('create a board folder')) return;
          await mkdir(folder, { recursive: true });
        }
      }
      const name = await vscode.window.showInputBox({
        title: 'Add Board',
        prompt: 'A name for the board in the Boards view',
        value: isLocal ? (trimmed === 'local' ? 'Local (pins-python)' : 'Local (pins-r)') : path.basename(folder!),
        validateInput: (value) => (value.trim() === '' ? 'Give the board a name.' : undefined),
      });
      if (!name) return;
      try {
        await registry.addToSettings(name.trim(), isLocal ? trimmed : settingPath(folder!));
      } catch (error) {
        await showError('add the board to the setting pinwheel.boards', error);
      }
    }),
    vscode.commands.registerCommand('pinwheel.removeBoard', async (arg?: unknown) => {
      let board = isTreeNode(arg) && arg.kind === 'board' ? arg.board : undefined;
      if (!board) {
        const removable = (await registry.boards()).boards.filter((entry) => entry.source !== 'discovered');
        if (removable.length === 0) {
          void vscode.window.showInformationMessage('No board to remove: boards found in the workspace are shown while their folder is there (turn off the setting pinwheel.discoverBoards to hide them).');
          return;
        }
        const picked = await vscode.window.showQuickPick(removable.map((entry) => ({ label: entry.name, description: entry.folder, entry })), { title: 'Remove Board', placeHolder: 'The folder and its pins stay on disk' });
        board = picked?.entry;
      }
      if (!board) return;
      try {
        await registry.remove(board);
        void vscode.window.showInformationMessage(`Removed the board "${board.name}" from the Boards view. Its folder and pins are untouched: ${board.folder}`);
      } catch (error) {
        await showError(`remove the board "${board.name}"`, error);
      }
    }),
    vscode.commands.registerCommand('pinwheel.refresh', (arg?: unknown) => {
      // One board's row (its pins read again), or everything (the list of boards too).
      registry.refresh(isTreeNode(arg) && arg.kind === 'board' ? arg.board : undefined);
    }),
    vscode.commands.registerCommand('pinwheel.openDemoBoard', async () => {
      if (!requireTrustedWorkspace('write the demo board')) return;
      const folder = registry.demoFolder;
      const complete = path.join(folder, '.pinwheel-demo-complete');
      try {
        if (!existsSync(complete)) {
          await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Pinwheel: writing the demo board (synthetic ads data and a random forest)…' }, async () => {
            const [{ writeDemoBoardFolder }] = await Promise.all([import('./demoBoardFolder.js')]);
            await writeDemoBoardFolder(folder, complete);
          });
        }
        await registry.showDemo();
        await vscode.commands.executeCommand('workbench.view.extension.pinwheel');
      } catch (error) {
        await showError('open the demo board', error);
      }
    }),
  );
}
