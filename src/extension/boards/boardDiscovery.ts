// Boards found in the workspace: a folder holding `_pins.yaml` (pins' manifest), or one whose
// sub-folders look like `<pin>/<version>/data.txt`. Hidden folders (staging areas, .git) and
// node_modules are skipped, and a board inside another board is the same board. The board copy in
// a folder written by Write Dockerfile… (next to pinwheel-app.json) is skipped too.
import path from 'node:path';
import * as vscode from 'vscode';
import { APP_CONFIG_FILE } from '../../core/deploy/appFiles.js';
import type { BoardEntry } from './boardEntry.js';

const EXCLUDE = '{**/node_modules/**,**/.git/**,**/.venv/**,**/renv/**}';
/** Enough to find every board of a normal workspace, without walking a huge one for seconds. */
const MAX_DATA_FILES = 5000;

/** pins' version folder names: 20240101T120000Z-ab12c. */
const VERSION_FOLDER = /^\d{8}T\d{6}Z-[0-9a-f]{5}$/i;

function isHidden(relative: string): boolean {
  return relative.split(path.sep).some((segment) => segment.startsWith('.'));
}

export async function discoverBoards(token?: vscode.CancellationToken): Promise<BoardEntry[]> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) return [];
  const [manifests, dataFiles, apps] = await Promise.all([
    vscode.workspace.findFiles('**/_pins.yaml', EXCLUDE, 200, token),
    vscode.workspace.findFiles('**/data.txt', EXCLUDE, MAX_DATA_FILES, token),
    vscode.workspace.findFiles(`**/${APP_CONFIG_FILE}`, EXCLUDE, 200, token),
  ]);
  // Write Dockerfile… copies the served version into <app>/board: a build input, not a board to pin to.
  const appFolders = apps.map((uri) => path.dirname(uri.fsPath));
  const inApp = (folder: string) => appFolders.some((app) => folder === app || folder.startsWith(app + path.sep));
  const candidates = new Set<string>();
  for (const uri of manifests) candidates.add(path.dirname(uri.fsPath));
  for (const uri of dataFiles) {
    // Only data.txt files in a version folder: a project's own notes.txt-like data.txt is not a pin.
    const versionFolder = path.dirname(uri.fsPath);
    if (VERSION_FOLDER.test(path.basename(versionFolder))) candidates.add(path.dirname(path.dirname(versionFolder)));
  }
  const inWorkspace = [...candidates].filter((folder) =>
    !inApp(folder) && folders.some((workspace) => {
      const relative = path.relative(workspace.uri.fsPath, folder);
      return !relative.startsWith('..') && !path.isAbsolute(relative) && !isHidden(relative);
    }),
  );
  // Outermost first, so a board's own pin folders are not boards of their own.
  const boards: string[] = [];
  for (const folder of inWorkspace.sort((a, b) => a.length - b.length)) {
    if (!boards.some((board) => folder === board || folder.startsWith(board + path.sep))) boards.push(folder);
  }
  return boards.sort().map((folder) => {
    const workspace = folders.find((candidate) => folder.startsWith(candidate.uri.fsPath));
    const relative = workspace ? path.relative(workspace.uri.fsPath, folder) : folder;
    return { id: folder, name: relative === '' ? (workspace?.name ?? folder) : relative, folder, source: 'discovered' };
  });
}
