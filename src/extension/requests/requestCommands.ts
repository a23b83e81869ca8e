// Copy Request as curl / Python (vetiver) / R (vetiver), and Open Request as .http File: the example
// row of a model's prototype, ready to send to its predict server.
import * as vscode from 'vscode';
import type { Board } from '../../core/pins/index.js';
import type { PredictRequest } from '../../core/requests/predictRequest.js';
import type { BoardEntry } from '../boards/boardEntry.js';
import type { PinTarget, PinTargetResolver } from '../boards/pinTarget.js';
import { showError } from '../showError.js';
import type { ServerInfo } from '../servers/serverInfo.js';

export interface RequestCommandDeps {
  targets: PinTargetResolver;
  boards: { open(entry: BoardEntry): Promise<Board> };
  /** The running servers (the ServerManager): a request goes to the one serving the pin. */
  servers: { list(): readonly ServerInfo[] };
}

type Language = 'curl' | 'python' | 'r';

const LANGUAGES: Record<Language, { command: string; title: string; build: () => Promise<(request: PredictRequest) => string> }> = {
  curl: { command: 'pinwheel.copyRequestCurl', title: 'curl', build: async () => (await import('../../core/requests/curlRequest.js')).curlRequest },
  python: { command: 'pinwheel.copyRequestPython', title: 'Python (vetiver)', build: async () => (await import('../../core/requests/pythonRequest.js')).pythonRequest },
  r: { command: 'pinwheel.copyRequestR', title: 'R (vetiver)', build: async () => (await import('../../core/requests/rRequest.js')).rRequest },
};

const servedTarget = (info: ServerInfo): PinTarget => ({ board: info.board, pin: info.pin, version: info.version || undefined });

/**
 * A server id (from the status bar's actions) stands for the pin and version it serves. From the
 * palette, the running servers come first: a request is most often for one of them.
 */
async function targetOf(arg: unknown, title: string, deps: RequestCommandDeps): Promise<PinTarget | undefined> {
  if (typeof arg === 'string') {
    const info = deps.servers.list().find((server) => server.id === arg);
    if (info) return servedTarget(info);
  }
  const running = deps.servers.list().filter((server) => server.state === 'running');
  if (arg === undefined && running.length > 0) {
    type Item = vscode.QuickPickItem & { server?: ServerInfo };
    const items: Item[] = [
      ...running.map((server): Item => ({ label: `$(radio-tower) ${server.pin}@${server.version}`, description: `serving at ${server.url}`, detail: server.board.name, server })),
      { label: 'Another pin…', description: 'pick a board and a model pin' },
    ];
    const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'A running server, or another model pin' });
    if (!picked) return undefined;
    if (picked.server) return servedTarget(picked.server);
  }
  return deps.targets.resolve(arg, { title, servableOnly: true });
}

function offerToServe(message: string, target: PinTarget): void {
  const serve = 'Serve Version';
  void vscode.window.showInformationMessage(message, serve).then((answer) => {
    if (answer === serve) void vscode.commands.executeCommand('pinwheel.serveVersion', target);
  });
}

export function registerRequestCommands(context: vscode.ExtensionContext, deps: RequestCommandDeps): void {
  const copyAs = (language: Language) => async (arg?: unknown) => {
    const { title, build } = LANGUAGES[language];
    const target = await targetOf(arg, `Copy Request as ${title}`, deps);
    if (!target) return;
    try {
      const { predictRequestFor } = await import('./predictRequestFor.js');
      const [{ request, served }, snippet] = await Promise.all([predictRequestFor(target, deps), build()]);
      await vscode.env.clipboard.writeText(snippet(request));
      const copied = `Copied ${title.startsWith('R ') ? 'an' : 'a'} ${title} request for ${request.pin}@${request.version} to the clipboard`;
      if (served) void vscode.window.showInformationMessage(`${copied} (server at ${request.baseUrl}).`);
      else offerToServe(`${copied}. No server runs for it yet: serve it first (the request goes to ${request.baseUrl} until you change it).`, { ...target, version: request.version });
    } catch (error) {
      await showError(`build a request for ${target.pin}`, error);
    }
  };

  const openHttp = async (arg?: unknown) => {
    const target = await targetOf(arg, 'Open Request as .http File', deps);
    if (!target) return;
    try {
      const [{ predictRequestFor }, { httpRequest }] = await Promise.all([import('./predictRequestFor.js'), import('../../core/requests/httpRequest.js')]);
      const { request } = await predictRequestFor(target, deps);
      const document = await vscode.workspace.openTextDocument({ language: 'http', content: httpRequest(request) });
      await vscode.window.showTextDocument(document);
      // Without an extension that knows .http files the document is plain text nobody can send.
      if (!(await vscode.languages.getLanguages()).includes('http')) {
        void vscode.window.showInformationMessage('To send this request from VS Code, install an extension that runs .http files (such as REST Client, humao.rest-client), or use Copy Request as curl.');
      }
    } catch (error) {
      await showError(`open a request for ${target.pin}`, error);
    }
  };

  context.subscriptions.push(
    ...(Object.keys(LANGUAGES) as Language[]).map((language) => vscode.commands.registerCommand(LANGUAGES[language].command, copyAs(language))),
    vscode.commands.registerCommand('pinwheel.openRequestHttp', openHttp),
  );
}
