// Serve Version, Stop, Restart, Switch Served Version…, Open API Docs, Show Server Log and the
// status-bar item's Server Actions… quick pick.
import * as vscode from 'vscode';
import type { Board } from '../../core/pins/index.js';
import type { BoardEntry } from '../boards/boardEntry.js';
import { isTreeNode, targetOfNode, type PinTargetResolver } from '../boards/pinTarget.js';
import { errorMessage } from '../showError.js';
import { requireTrustedWorkspace } from '../workspaceTrust.js';
import type { ServerInfo } from './serverInfo.js';
import { ServerStartError, type ServerManager } from './serverManager.js';
import { withLastLines } from './serverMessages.js';

export interface ServerCommandDeps {
  manager: ServerManager;
  targets: PinTargetResolver;
  boards: { open(entry: BoardEntry): Promise<Board> };
}

const SHOW_LOG = 'Show Log';

/** A failure, with "Show Log" since the server's own lines usually say more. */
function reportFailure(action: string, error: unknown, manager: ServerManager): void {
  const message = `Could not ${action}: ${errorMessage(error)}`;
  void vscode.window.showErrorMessage(error instanceof ServerStartError ? withLastLines(message, error.lines) : message, SHOW_LOG).then((answer) => {
    if (answer === SHOW_LOG) manager.showLog();
  });
}

/**
 * The server a command is about: a server id (status bar, notifications), a tree row of a served
 * pin, or — from the palette — the only server, or one picked from a list.
 */
async function pickServer(arg: unknown, title: string, manager: ServerManager): Promise<ServerInfo | undefined> {
  if (typeof arg === 'string') {
    const info = manager.get(arg);
    if (!info) void vscode.window.showInformationMessage('That Pinwheel predict server is not running any more.');
    return info;
  }
  const target = isTreeNode(arg) ? targetOfNode(arg) : undefined;
  if (target) {
    const info = manager.find(target.board.folder, target.pin);
    if (!info) void vscode.window.showInformationMessage(`${target.pin} is not being served. Serve it with Pinwheel: Serve Version.`);
    return info;
  }
  const servers = manager.list();
  if (servers.length === 0) {
    void vscode.window.showInformationMessage('No Pinwheel predict server is running. Start one with Pinwheel: Serve Version.');
    return undefined;
  }
  if (servers.length === 1) return servers[0];
  const picked = await vscode.window.showQuickPick(
    servers.map((info) => ({ label: `${info.pin}@${info.version || 'latest'}`, description: info.url ?? info.state, detail: `board "${info.boardName}"`, info })),
    { title, placeHolder: 'Which predict server?' },
  );
  return picked?.info;
}

function serveMessage(result: Awaited<ReturnType<ServerManager['serve']>>): string {
  const { info } = result;
  if (result.outcome === 'switched') {
    return `${info.pin} was already served at ${info.url}: that server now serves version ${info.version} (was ${result.previous}), switched without a restart.`;
  }
  if (result.outcome === 'already-serving') return `${info.pin}@${info.version} is already served at ${info.url}.`;
  return `Serving ${info.pin}@${info.version} at ${info.url} (ready in ${info.startupMs} ms).`;
}

async function openApiDocs(info: ServerInfo): Promise<void> {
  if (!info.url) {
    void vscode.window.showInformationMessage(`The server for ${info.pin} is ${info.state}; its API docs open once it is running.`);
    return;
  }
  // asExternalUri forwards the port when VS Code runs remotely (Remote-SSH, Codespaces, WSL).
  await vscode.env.openExternal(await vscode.env.asExternalUri(vscode.Uri.parse(`${info.url}/__docs__`)));
}

async function switchServedVersion(info: ServerInfo, deps: ServerCommandDeps): Promise<void> {
  const board = await deps.boards.open(info.board);
  const versions = (await board.versions(info.pin)).reverse();
  const picked = await vscode.window.showQuickPick(
    versions.map((entry, index) => ({
      label: entry.version === info.version ? `$(check) ${entry.version}` : entry.version,
      description: [entry.version === info.version ? 'serving now' : '', index === 0 ? 'latest' : ''].filter(Boolean).join(', '),
      detail: entry.created ? `created ${entry.created.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}` : undefined,
      version: entry.version,
    })),
    { title: `Switch Served Version: ${info.pin}`, placeHolder: `Serving ${info.version} at ${info.url}; the server keeps running and answers every request while it switches` },
  );
  if (!picked || picked.version === info.version) return;
  const { version, previous } = await deps.manager.switchVersion(info.id, picked.version);
  void vscode.window.showInformationMessage(`Now serving ${info.pin}@${version} at ${info.url} (was ${previous}); switched without a restart.`);
}

export function registerServerCommands(context: vscode.ExtensionContext, deps: ServerCommandDeps): void {
  const { manager, targets } = deps;

  const serveVersion = async (arg?: unknown) => {
    if (!requireTrustedWorkspace('serve a model')) return;
    const target = await targets.resolve(arg, { title: 'Serve Version', servableOnly: true, withVersion: true });
    if (!target) return;
    try {
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: `Starting the predict server for ${target.pin}…` },
        () => deps.manager.serve(target),
      );
      const docs = 'Open API Docs';
      const curl = 'Copy Request as curl';
      void vscode.window.showInformationMessage(serveMessage(result), docs, curl).then((answer) => {
        if (answer === docs) void openApiDocs(result.info);
        else if (answer === curl) void vscode.commands.executeCommand('pinwheel.copyRequestCurl', result.info.id);
      });
    } catch (error) {
      reportFailure(`serve ${target.pin}`, error, manager);
    }
  };

  const restartServer = async (arg?: unknown) => {
    if (!requireTrustedWorkspace('restart a predict server')) return;
    const info = await pickServer(arg, 'Restart Server', manager);
    if (!info) return;
    try {
      const restarted = await manager.restart(info.id);
      void vscode.window.showInformationMessage(`Restarted: serving ${restarted.pin}@${restarted.version} at ${restarted.url}.`);
    } catch (error) {
      reportFailure(`restart the server for ${info.pin}`, error, manager);
    }
  };

  const stopServer = async (arg?: unknown) => {
    const info = await pickServer(arg, 'Stop Server', manager);
    if (!info) return;
    await manager.stop(info.id);
  };

  const switchVersion = async (arg?: unknown) => {
    if (!requireTrustedWorkspace('switch the served version')) return;
    const info = await pickServer(arg, 'Switch Served Version', manager);
    if (!info) return;
    try {
      await switchServedVersion(info, deps);
    } catch (error) {
      reportFailure(`switch ${info.pin} to another version`, error, manager);
    }
  };

  const serverActions = async (arg?: unknown) => {
    const info = await pickServer(arg, 'Server Actions', manager);
    if (!info) return;
    type Action = vscode.QuickPickItem & { run: () => unknown };
    const running = info.state === 'running';
    const actions: Action[] = [
      ...(running ? [
        { label: '$(link-external) Open API Docs', description: `${info.url}/__docs__`, run: () => openApiDocs(info) },
        { label: '$(versions) Switch Version…', run: () => switchVersion(info.id) },
        { label: '$(copy) Copy Request as curl', run: () => vscode.commands.executeCommand('pinwheel.copyRequestCurl', info.id) },
      ] : []),
      { label: '$(debug-restart) Restart', run: () => restartServer(info.id) },
      { label: info.state === 'crashed' ? '$(close) Dismiss' : '$(debug-stop) Stop', run: () => stopServer(info.id) },
      { label: '$(output) Show Log', run: () => manager.showLog() },
    ];
    const title = running ? `${info.pin}@${info.version} at ${info.url}` : `${info.pin}: ${info.state}`;
    const picked = await vscode.window.showQuickPick(actions, { title, placeHolder: 'Predict server actions' });
    await picked?.run();
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('pinwheel.serveVersion', serveVersion),
    vscode.commands.registerCommand('pinwheel.stopServer', stopServer),
    vscode.commands.registerCommand('pinwheel.restartServer', restartServer),
    vscode.commands.registerCommand('pinwheel.switchServedVersion', switchVersion),
    vscode.commands.registerCommand('pinwheel.openApiDocs', async (arg?: unknown) => {
      const info = await pickServer(arg, 'Open API Docs', manager);
      if (info) await openApiDocs(info);
    }),
    vscode.commands.registerCommand('pinwheel.serverActions', serverActions),
    vscode.commands.registerCommand('pinwheel.showServerLog', () => manager.showLog()),
  );
}
