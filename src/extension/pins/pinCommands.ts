// Pin Data or File…, Compare Versions, Download Version…, Delete Version, Prune Versions…, Delete Pin.
import path from 'node:path';
import * as vscode from 'vscode';
import type { BoardEntry } from '../boards/boardEntry.js';
import type { BoardRegistry } from '../boards/boardRegistry.js';
import { isTreeNode, type PinTarget, type PinTargetResolver } from '../boards/pinTarget.js';
import type { BoardsTreeNode } from '../boards/treeNodes.js';
import { abortSignalOf, isCancellation } from '../cancellation.js';
import { showError } from '../showError.js';
import type { ServerInfo } from '../servers/serverInfo.js';
import { requireTrustedWorkspace } from '../workspaceTrust.js';
import { metadataUri } from './metadataDocuments.js';
import { askPinName, type NewVersionKind } from './pinNameInput.js';

/** The running predict servers (the ServerManager): a version being served is not deleted under its server. */
interface ServedPins {
  find(boardFolder: string, pin: string): ServerInfo | undefined;
  stop(id: string): Promise<void>;
}

interface Deps {
  registry: BoardRegistry;
  targets: PinTargetResolver;
  revealPin(board: BoardEntry, pin: string): Promise<void>;
  servers: ServedPins;
}

/** The server serving one of `versions` of the target's pin (any version when `versions` is omitted). */
function servingOneOf(deps: Deps, target: PinTarget, versions?: readonly string[]): ServerInfo | undefined {
  const server = deps.servers.find(target.board.folder, target.pin);
  if (!server || server.state === 'stopping') return undefined;
  return versions === undefined || versions.includes(server.version) ? server : undefined;
}

function servedNote(server: ServerInfo): string {
  const where = server.url ? ` at ${server.url}` : '';
  return `${server.pin}@${server.version} is being served${where}: its server is stopped first.`;
}

/** The version a target means: the one named, or the latest. */
async function concreteVersion(registry: BoardRegistry, target: PinTarget): Promise<string> {
  if (target.version) return target.version;
  return (await (await registry.open(target.board)).meta(target.pin)).version;
}

async function pinData(deps: Deps, arg: unknown): Promise<void> {
  const title = 'Pin Data or File';
  if (!requireTrustedWorkspace('pin data')) return;
  const fromExplorer = arg instanceof vscode.Uri ? [arg] : undefined;
  const board = await deps.targets.resolveBoard(fromExplorer ? undefined : arg, title);
  if (!board) return;
  const files = fromExplorer ?? (await vscode.window.showOpenDialog({ canSelectMany: true, openLabel: 'Pin', title: `${title}: one data file (csv, json, arrow, parquet) or any files` }));
  if (!files || files.length === 0) return;
  const pins = await import('../../core/pins/index.js');
  const paths = files.map((file) => file.fsPath);
  const format = paths.length === 1 ? pins.dataTypeOfFile(paths[0]!) : undefined;
  type Choice = vscode.QuickPickItem & { type: 'file' | 'csv' | 'json' | 'arrow' | 'parquet' };
  let type: Choice['type'] = 'file';
  if (format) {
    const choices: Choice[] = [
      { label: format, description: 'as it is (pins for Python and R read it as data)', type: format },
      ...(['parquet', 'arrow', 'csv'] as const).filter((other) => other !== format && format !== 'json').map((other): Choice => ({ label: other, description: `converted from ${format}`, type: other })),
      { label: 'file', description: 'uploaded unchanged, not read as data', type: 'file' },
    ];
    const picked = await vscode.window.showQuickPick(choices, { title, placeHolder: `Pin ${path.basename(paths[0]!)} as…` });
    if (!picked) return;
    type = picked.type;
  }
  const writes: NewVersionKind = type === 'file' ? { kind: 'file', what: 'files' } : type === 'json' ? { kind: 'data', what: 'JSON data' } : { kind: 'table', what: `a ${type} table` };
  const name = await askPinName(deps.registry, board, { title, file: paths[0]!, fallback: 'data', writes });
  if (!name) return;
  const pinTitle = await vscode.window.showInputBox({ title, prompt: 'Title (optional)' });
  if (pinTitle === undefined) return;
  const opened = await deps.registry.open(board);
  const options = { name, ...(pinTitle.trim() ? { title: pinTitle.trim() } : {}) };
  try {
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Pinning ${options.name} on ${board.name}`, cancellable: true }, async (_progress, token) => {
      const signal = abortSignalOf(token);
      if (type === 'file') return opened.upload(paths, { ...options, signal });
      const { readFile } = await import('node:fs/promises');
      const bytes = new Uint8Array(await readFile(paths[0]!, { signal }));
      if (type === format) return opened.writeEncoded(bytes, { ...options, type, source: path.basename(paths[0]!), signal });
      const content = await pins.decodePinData(format!, bytes, { pin: options.name, version: null, file: path.basename(paths[0]!) });
      return opened.write(content.kind === 'table' ? content.table : content.kind === 'json' ? content.value : undefined, { ...options, type, signal });
    });
    deps.registry.refresh(board);
    await deps.revealPin(board, options.name);
    const warnings = result.warnings.length > 0 ? ` ${result.warnings.join(' ')}` : '';
    void vscode.window.showInformationMessage(result.skipped ? `${options.name}: identical to the latest version ${result.version}; nothing written.` : `Pinned ${options.name} version ${result.version} (${type}) on ${board.name}.${warnings}`);
  } catch (error) {
    if (isCancellation(error)) void vscode.window.showInformationMessage(`Cancelled: nothing was pinned as ${options.name}.`);
    else await showError(`pin ${options.name}`, error);
  }
}

async function compareVersions(deps: Deps, arg: unknown, selected: unknown): Promise<void> {
  const title = 'Compare Versions';
  const chosen = (Array.isArray(selected) ? selected : []).filter((node): node is Extract<BoardsTreeNode, { kind: 'version' }> => isTreeNode(node) && node.kind === 'version');
  let left: PinTarget & { version: string };
  let right: PinTarget & { version: string };
  if (chosen.length === 2 && chosen[0]!.pin === chosen[1]!.pin && chosen[0]!.board.folder === chosen[1]!.board.folder) {
    // Older on the left, as a diff of history reads.
    const [a, b] = [...chosen].sort((x, y) => x.version.version.localeCompare(y.version.version));
    left = { board: a!.board, pin: a!.pin, version: a!.version.version };
    right = { board: b!.board, pin: b!.pin, version: b!.version.version };
  } else {
    const target = await deps.targets.resolve(arg, { title, withVersion: true });
    if (!target) return;
    const opened = await deps.registry.open(target.board);
    const rightVersion = await concreteVersion(deps.registry, target);
    const others = [...(await opened.versions(target.pin))].reverse().filter((version) => version.version !== rightVersion);
    if (others.length === 0) {
      void vscode.window.showInformationMessage(`${target.pin} has only one version: nothing to compare it with.`);
      return;
    }
    const picked = await vscode.window.showQuickPick(others.map((version) => ({ label: version.version, description: version.created?.toISOString().replace('T', ' ').slice(0, 16) })), {
      title,
      placeHolder: `Compare ${target.pin}@${rightVersion} with which version?`,
    });
    if (!picked) return;
    const [older, newer] = [picked.label, rightVersion].sort();
    left = { ...target, version: older! };
    right = { ...target, version: newer! };
  }
  await vscode.commands.executeCommand('vscode.diff', metadataUri(left), metadataUri(right), `${left.pin}: ${left.version} ↔ ${right.version} (data.txt)`, { preview: true });
}

async function downloadVersion(deps: Deps, arg: unknown): Promise<void> {
  const title = 'Download Version';
  if (!requireTrustedWorkspace('download files')) return;
  const target = await deps.targets.resolve(arg, { title, withVersion: true });
  if (!target) return;
  const folder = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: 'Download Here', title: `${title}: ${target.pin} into which folder?`, defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri });
  if (!folder?.[0]) return;
  try {
    const opened = await deps.registry.open(target.board);
    const files = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Downloading ${target.pin}`, cancellable: true }, (_progress, token) =>
      opened.download(target.pin, { ...(target.version ? { version: target.version } : {}), to: folder[0]!.fsPath, signal: abortSignalOf(token) }));
    const reveal = 'Reveal';
    const answer = await vscode.window.showInformationMessage(`Downloaded ${files.length} file${files.length === 1 ? '' : 's'} of ${target.pin} to ${folder[0].fsPath}: ${files.map((file) => path.basename(file)).join(', ')}`, reveal);
    if (answer === reveal && files[0]) await vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(files[0]));
  } catch (error) {
    if (isCancellation(error)) void vscode.window.showInformationMessage(`Download of ${target.pin} cancelled; the files copied before it stay in ${folder[0].fsPath}.`);
    else await showError(`download ${target.pin}`, error);
  }
}

async function deleteVersion(deps: Deps, arg: unknown): Promise<void> {
  if (!requireTrustedWorkspace('delete a version')) return;
  const target = await deps.targets.resolve(arg, { title: 'Delete Version', withVersion: true });
  if (!target) return;
  try {
    const version = await concreteVersion(deps.registry, target);
    const opened = await deps.registry.open(target.board);
    if ((await opened.versions(target.pin)).length === 1) {
      // Said before the confirmation, not after it: pins never leaves a pin without versions.
      const deletePinInstead = 'Delete Pin…';
      const answer = await vscode.window.showWarningMessage(`${version} is the only version of ${target.pin}: deleting it would leave an empty pin. Delete the whole pin instead?`, deletePinInstead);
      if (answer === deletePinInstead) await vscode.commands.executeCommand('pinwheel.deletePin', { board: target.board, pin: target.pin });
      return;
    }
    const served = servingOneOf(deps, target, [version]);
    const remove = served ? 'Stop Server and Delete' : 'Delete Version';
    const detail = `The folder ${path.join(target.board.folder, target.pin, version)} is deleted. This cannot be undone.${served ? `\n\n${servedNote(served)}` : ''}`;
    const answer = await vscode.window.showWarningMessage(`Delete version ${version} of ${target.pin} from ${target.board.name}?`, { modal: true, detail }, remove);
    if (answer !== remove) return;
    if (served) await deps.servers.stop(served.id);
    await opened.deleteVersion(target.pin, version);
    deps.registry.refresh(target.board);
    void vscode.window.showInformationMessage(`Deleted ${target.pin}@${version}.`);
  } catch (error) {
    await showError(`delete the version of ${target.pin}`, error);
  }
}

async function pruneVersions(deps: Deps, arg: unknown): Promise<void> {
  const title = 'Prune Versions';
  if (!requireTrustedWorkspace('prune versions')) return;
  const target = await deps.targets.resolve(arg, { title });
  if (!target) return;
  const rule = await vscode.window.showInputBox({
    title,
    prompt: `Which versions of ${target.pin} to keep: a number of newest versions (e.g. 3), or a number of days followed by d (e.g. 30d). The newest version is always kept.`,
    value: '3',
    validateInput: (value) => (/^\s*\d+\s*d?\s*$/i.test(value) && Number.parseInt(value, 10) > 0 ? undefined : 'Type a whole number of versions (3) or of days (30d), above 0.'),
  });
  if (!rule) return;
  const count = Number.parseInt(rule, 10);
  const pruneRule = /d\s*$/i.test(rule) ? { days: count } : { keep: count };
  try {
    const opened = await deps.registry.open(target.board);
    const preview = await opened.prune(target.pin, pruneRule, { dryRun: true });
    if (preview.deleted.length === 0) {
      void vscode.window.showInformationMessage(`Nothing to prune: ${target.pin} keeps all ${preview.kept.length} version${preview.kept.length === 1 ? '' : 's'} under that rule.`);
      return;
    }
    const served = servingOneOf(deps, target, preview.deleted);
    const versions = `${preview.deleted.length} Version${preview.deleted.length === 1 ? '' : 's'}`;
    const remove = served ? `Stop Server and Delete ${versions}` : `Delete ${versions}`;
    const answer = await vscode.window.showWarningMessage(`Prune ${target.pin}: delete ${preview.deleted.length} version${preview.deleted.length === 1 ? '' : 's'} and keep ${preview.kept.length}?`, {
      modal: true,
      detail: `Would delete:\n${preview.deleted.join('\n')}\n\nWould keep:\n${preview.kept.join('\n')}${served ? `\n\n${servedNote(served)}` : ''}`,
    }, remove);
    if (answer !== remove) return;
    if (served) await deps.servers.stop(served.id);
    const result = await opened.prune(target.pin, pruneRule);
    deps.registry.refresh(target.board);
    void vscode.window.showInformationMessage(`Pruned ${target.pin}: deleted ${result.deleted.length}, kept ${result.kept.length}.`);
  } catch (error) {
    await showError(`prune ${target.pin}`, error);
  }
}

async function deletePin(deps: Deps, arg: unknown): Promise<void> {
  if (!requireTrustedWorkspace('delete a pin')) return;
  const target = await deps.targets.resolve(arg, { title: 'Delete Pin' });
  if (!target) return;
  try {
    const opened = await deps.registry.open(target.board);
    const versions = await opened.versions(target.pin);
    const served = servingOneOf(deps, target);
    const remove = served ? 'Stop Server and Delete Pin' : 'Delete Pin';
    const detail = `The folder ${path.join(target.board.folder, target.pin)} is deleted. This cannot be undone.${served ? `\n\n${servedNote(served)}` : ''}`;
    const answer = await vscode.window.showWarningMessage(`Delete the pin ${target.pin} and ${versions.length === 1 ? 'its only version' : `all ${versions.length} of its versions`} from ${target.board.name}?`, { modal: true, detail }, remove);
    if (answer !== remove) return;
    if (served) await deps.servers.stop(served.id);
    await opened.deletePin(target.pin);
    deps.registry.refresh(target.board);
    void vscode.window.showInformationMessage(`Deleted the pin ${target.pin}.`);
  } catch (error) {
    await showError(`delete ${target.pin}`, error);
  }
}

export function registerPinCommands(context: vscode.ExtensionContext, deps: Deps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('pinwheel.pinData', (arg?: unknown) => pinData(deps, arg)),
    vscode.commands.registerCommand('pinwheel.compareVersions', (arg?: unknown, selected?: unknown) => compareVersions(deps, arg, selected)),
    vscode.commands.registerCommand('pinwheel.downloadVersion', (arg?: unknown) => downloadVersion(deps, arg)),
    vscode.commands.registerCommand('pinwheel.deleteVersion', (arg?: unknown) => deleteVersion(deps, arg)),
    vscode.commands.registerCommand('pinwheel.pruneVersions', (arg?: unknown) => pruneVersions(deps, arg)),
    vscode.commands.registerCommand('pinwheel.deletePin', (arg?: unknown) => deletePin(deps, arg)),
  );
}
