// How each row of the Boards view looks: label, description, icon, tooltip, and the contextValue
// that package.json's menus match (`board configured`, `pin model servable`, `version … latest`).
import os from 'node:os';
import * as vscode from 'vscode';
import type { PinMeta } from '../../core/pins/index.js';
import type { PinKindInfo } from '../../core/vetiver/pinKind.js';
import { formatBytes, formatDate } from '../../core/text/displayFormats.js';
import type { ServedModelInfo } from '../servers/servedModels.js';
import type { BoardNode, BoardsTreeNode, MessageNode, PinNode, VersionNode } from './treeNodes.js';

const KIND_ICONS: Record<PinKindInfo['kind'], string> = {
  model: 'circuit-board',
  pickle: 'file-binary',
  table: 'table',
  data: 'json',
  file: 'file',
};

export function nodeId(node: BoardsTreeNode): string {
  switch (node.kind) {
    case 'board':
      return `board:${node.board.folder}`;
    case 'pin':
      return `pin:${node.board.folder}:${node.name}`;
    case 'version':
      return `version:${node.board.folder}:${node.pin}:${node.version.version}`;
    case 'message':
      return `message:${node.id}`;
  }
}

function shortPath(folder: string): string {
  const home = os.homedir();
  return folder.startsWith(home + '/') ? `~${folder.slice(home.length)}` : folder;
}

function totalSize(meta: PinMeta | null): number | null {
  if (!meta || meta.fileSizes.length === 0) return null;
  return meta.fileSizes.reduce((sum, size) => sum + size, 0);
}

function pinIcon(kind: PinKindInfo | null): vscode.ThemeIcon {
  if (!kind) return new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
  if (kind.kind === 'pickle') return new vscode.ThemeIcon(KIND_ICONS.pickle, new vscode.ThemeColor('problemsWarningIcon.foreground'));
  return new vscode.ThemeIcon(KIND_ICONS[kind.kind]);
}

function servedText(server: ServedModelInfo): string {
  if (server.state === 'running') return `serving :${server.port}`;
  return server.state;
}

function metaTooltip(tooltip: vscode.MarkdownString, meta: PinMeta, kind: PinKindInfo | null): void {
  tooltip.appendMarkdown(`**${escape(meta.title ?? meta.name)}**\n\n`);
  if (meta.description) tooltip.appendText(`${meta.description}\n\n`);
  const rows: [string, string][] = [
    ['Kind', kind?.label ?? meta.type],
    ['Type', meta.types.join(', ')],
    ['Created', formatDate(meta.created)],
    ['Version', meta.version],
    ['Hash', meta.pinHash ?? '-'],
    ['Files', meta.files.map((file, index) => (meta.fileSizes[index] === undefined ? file : `${file} (${formatBytes(meta.fileSizes[index]!)})`)).join(', ')],
  ];
  if (meta.tags && meta.tags.length > 0) rows.push(['Tags', meta.tags.join(', ')]);
  tooltip.appendMarkdown(rows.map(([key, value]) => `${key}: \`${value.replace(/`/g, "'")}\``).join('  \n'));
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

function boardItem(node: BoardNode, expanded: boolean): vscode.TreeItem {
  const item = new vscode.TreeItem(node.board.name, expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
  const where = { setting: 'from settings', discovered: 'found in the workspace', demo: 'built-in demo' }[node.board.source];
  item.description = node.board.source === 'discovered' ? where : shortPath(node.board.folder);
  item.iconPath = new vscode.ThemeIcon(node.board.source === 'demo' ? 'beaker' : 'database');
  item.tooltip = new vscode.MarkdownString(`**${escape(node.board.name)}** (${where})  \n\`${node.board.folder.replace(/`/g, "'")}\``);
  item.contextValue = `board ${node.board.source}${node.board.source === 'setting' ? ' configured' : ''}${node.board.source === 'demo' ? ' configured' : ''}`;
  return item;
}

function pinItem(node: PinNode, served: ServedModelInfo | undefined): vscode.TreeItem {
  const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.Collapsed);
  const title = node.meta?.title && node.meta.title !== node.name ? node.meta.title : undefined;
  item.description = [served ? servedText(served) : undefined, title, node.problem ? 'cannot be read' : undefined].filter(Boolean).join(' · ');
  item.iconPath = served?.state === 'running' ? new vscode.ThemeIcon('radio-tower', new vscode.ThemeColor('charts.green')) : pinIcon(node.pinKind);
  const tooltip = new vscode.MarkdownString();
  if (node.meta) metaTooltip(tooltip, node.meta, node.pinKind);
  if (node.problem) tooltip.appendText(`\n\n${node.problem}`);
  item.tooltip = tooltip;
  const kind = node.pinKind;
  item.contextValue = ['pin', kind?.kind ?? 'unreadable', kind?.servable ? 'servable' : '', served ? 'served' : ''].filter(Boolean).join(' ');
  return item;
}

function versionItem(node: VersionNode, served: ServedModelInfo | undefined): vscode.TreeItem {
  const item = new vscode.TreeItem(node.version.version, vscode.TreeItemCollapsibleState.None);
  const size = totalSize(node.meta);
  const created = node.meta?.created ?? node.version.created;
  item.description = [
    served ? servedText(served) : undefined,
    node.isLatest ? 'latest' : undefined,
    created ? formatDate(created).replace(/:\d\d UTC$/, ' UTC') : undefined,
    size === null ? undefined : formatBytes(size),
    node.problem ? 'cannot be read' : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
  item.iconPath = served?.state === 'running'
    ? new vscode.ThemeIcon('radio-tower', new vscode.ThemeColor('charts.green'))
    : node.problem ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'))
      : new vscode.ThemeIcon(node.isLatest ? 'tag' : 'history');
  const tooltip = new vscode.MarkdownString();
  if (node.meta) metaTooltip(tooltip, node.meta, node.pinKind);
  if (node.isLatest) tooltip.appendMarkdown('\n\n_The latest version._');
  if (node.problem) tooltip.appendText(`\n\n${node.problem}`);
  item.tooltip = tooltip;
  const kind = node.pinKind;
  item.contextValue = ['version', kind?.kind ?? 'unreadable', kind?.servable ? 'servable' : '', node.isLatest ? 'latest' : '', served ? 'served' : ''].filter(Boolean).join(' ');
  item.command = { command: 'pinwheel.showPin', title: 'Show Pin', arguments: [node] };
  return item;
}

function messageItem(node: MessageNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
  item.tooltip = node.detail;
  item.description = node.detail === node.label ? undefined : node.detail;
  const icons = { info: 'info', warning: 'warning', error: 'error' } as const;
  const colours = { info: undefined, warning: 'problemsWarningIcon.foreground', error: 'problemsErrorIcon.foreground' } as const;
  const colour = colours[node.severity];
  item.iconPath = new vscode.ThemeIcon(icons[node.severity], colour ? new vscode.ThemeColor(colour) : undefined);
  item.contextValue = 'message';
  return item;
}

export interface TreeItemContext {
  /** The server serving this pin (any version), if any. */
  servedPin(folder: string, pin: string): ServedModelInfo | undefined;
  /** Expand the board row (true when it is the only board). */
  expandBoards: boolean;
}

export function treeItemOf(node: BoardsTreeNode, context: TreeItemContext): vscode.TreeItem {
  let item: vscode.TreeItem;
  switch (node.kind) {
    case 'board':
      item = boardItem(node, context.expandBoards);
      break;
    case 'pin':
      item = pinItem(node, context.servedPin(node.board.folder, node.name));
      break;
    case 'version': {
      const served = context.servedPin(node.board.folder, node.pin);
      item = versionItem(node, served?.version === node.version.version ? served : undefined);
      break;
    }
    case 'message':
      item = messageItem(node);
      break;
  }
  item.id = nodeId(node);
  return item;
}
