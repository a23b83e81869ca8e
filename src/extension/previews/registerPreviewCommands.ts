// Show Pin and Open Pin Preview, and the serializer that brings preview panels back after a
// window reload. Loaded at activation, so it only registers: the panels, the pins library and
// zod are imported when a command first runs.
import * as vscode from 'vscode';
import type { Board } from '../../core/pins/index.js';
import type { BoardEntry } from '../boards/boardEntry.js';
import type { PinTargetResolver } from '../boards/pinTarget.js';
import { showError } from '../showError.js';
import type { PinPreviewPanels } from './pinPreviewPanels.js';

export interface PreviewDeps {
  targets: PinTargetResolver;
  boards: { open(entry: BoardEntry): Promise<Board> };
  /** Where webview problems and unexpected errors are logged; a "Pinwheel Previews" channel when not given. */
  log?: vscode.OutputChannel;
}

export function registerPreviewCommands(context: vscode.ExtensionContext, deps: PreviewDeps): void {
  let channel = deps.log;
  const log = (): vscode.OutputChannel => {
    if (!channel) {
      channel = vscode.window.createOutputChannel('Pinwheel Previews');
      context.subscriptions.push(channel);
    }
    return channel;
  };
  let panels: Promise<PinPreviewPanels> | undefined;
  const previewPanels = (): Promise<PinPreviewPanels> => {
    panels ??= import('./pinPreviewPanels.js').then((module) => {
      const created = new module.PinPreviewPanels(context.extensionUri, log());
      context.subscriptions.push(created);
      return created;
    });
    return panels;
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('pinwheel.showPin', async (arg?: unknown) => {
      try {
        const target = await deps.targets.resolve(arg, { title: 'Show Pin', withVersion: true });
        if (!target) return;
        const source = { boardFolder: target.board.folder, boardName: target.board.name, pin: target.pin, ...(target.version ? { version: target.version } : {}) };
        await (await previewPanels()).show(source, () => deps.boards.open(target.board));
      } catch (error) {
        await showError('show the pin', error, log());
      }
    }),
    vscode.commands.registerCommand('pinwheel.previewDataTxt', async (arg?: unknown) => {
      try {
        const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
        if (!uri || uri.scheme !== 'file') {
          await vscode.window.showInformationMessage('Open Pin Preview works on a data.txt file of a pins board on disk: open one, or right-click it in the Explorer.');
          return;
        }
        const [{ dataTxtLocation }, { openBoardFolder }, { access }] = await Promise.all([import('./dataTxtLocation.js'), import('./pinPreviewPanels.js'), import('node:fs/promises')]);
        const exists = (file: string) => access(file).then(() => true, () => false);
        const location = await dataTxtLocation(uri.fsPath, exists);
        if (!location) {
          await vscode.window.showInformationMessage(`${uri.fsPath} is not a pin's data.txt: a pin's metadata sits in <board>/<pin>/<version>/data.txt (or <board>/<pin>/data.txt for old pins-r boards).`);
          return;
        }
        const { basename } = await import('node:path');
        const source = { boardFolder: location.boardFolder, boardName: basename(location.boardFolder), pin: location.pin, version: location.version };
        await (await previewPanels()).show(source, openBoardFolder);
      } catch (error) {
        await showError('open the pin preview', error, log());
      }
    }),
    vscode.window.registerWebviewPanelSerializer('pinwheel.pinPreview', {
      deserializeWebviewPanel: async (panel: vscode.WebviewPanel, state: unknown) => {
        await (await previewPanels()).restore(panel, state);
      },
    }),
  );
}
