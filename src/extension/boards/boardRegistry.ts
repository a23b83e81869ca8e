// Which boards the Boards view shows (setting + workspace discovery + the demo board when opened),
// the open Board of each (opened once, on first use), and a debounced watcher per folder board
// so that pins written by anyone (pins-python, pins-r, the CLI) appear without a manual refresh.
import * as vscode from 'vscode';
import type { Board } from '../../core/pins/index.js';
import type { BoardEntry } from './boardEntry.js';

export interface BoardListing {
  boards: BoardEntry[];
  /** Problems with the setting, one message per bad entry. */
  problems: string[];
}

/** Long enough to gather one write (staging folder, rename, _pins.yaml) into one refresh. */
const WATCH_DEBOUNCE_MS = 300;
const DEMO_SHOWN_KEY = 'pinwheel.demoBoardShown';

export class BoardRegistry implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<BoardEntry | undefined>();
  /** A board changed on disk (its entry), or the list of boards changed (undefined). */
  readonly onDidChange = this.changed.event;
  private listing: Promise<BoardListing> | undefined;
  private readonly opened = new Map<string, Promise<Board>>();
  private readonly watchers = new Map<string, { watcher: vscode.Disposable; timer?: NodeJS.Timeout }>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly options: { demoFolder: string; state: vscode.Memento }) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('pinwheel.boards') || event.affectsConfiguration('pinwheel.discoverBoards')) this.refresh();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.refresh()),
    );
  }

  /** The boards to show, read once and kept until a refresh. */
  boards(): Promise<BoardListing> {
    this.listing ??= this.readListing();
    return this.listing;
  }

  /** The Board for an entry; a missing folder is reported by the library's own message. */
  open(entry: BoardEntry): Promise<Board> {
    let board = this.opened.get(entry.folder);
    if (!board) {
      board = import('../../core/pins/index.js').then(({ openBoard }) => openBoard(entry.folder));
      // A failure (folder gone) must not be cached: the user may create or mount it and refresh.
      board.catch(() => this.opened.delete(entry.folder));
      this.opened.set(entry.folder, board);
    }
    return board;
  }

  /** Re-reads everything (no entry) or one board's pins. */
  refresh(entry?: BoardEntry): void {
    if (entry) {
      this.changed.fire(entry);
      return;
    }
    this.listing = undefined;
    this.opened.clear();
    this.changed.fire(undefined);
  }

  async addToSettings(name: string, uri: string): Promise<void> {
    const configuration = vscode.workspace.getConfiguration('pinwheel');
    const current = configuration.get<unknown[]>('boards') ?? [];
    const target = vscode.workspace.workspaceFolders ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await configuration.update('boards', [...(Array.isArray(current) ? current : []), { name, uri }], target);
  }

  /** Removes a board: from the setting (setting boards) or from the view (the demo board). */
  async remove(entry: BoardEntry): Promise<void> {
    if (entry.source === 'demo') {
      await this.options.state.update(DEMO_SHOWN_KEY, false);
      this.refresh();
      return;
    }
    const configuration = vscode.workspace.getConfiguration('pinwheel');
    const inspected = configuration.inspect<unknown[]>('boards');
    // The entry's name and uri were trimmed when the setting was read (boardSettings.ts): compare them trimmed.
    const trimmed = (value: unknown) => (typeof value === 'string' ? value.trim() : value);
    const keep = (list: unknown[] | undefined) =>
      list?.filter((item) => !(typeof item === 'object' && item !== null && trimmed((item as { uri?: unknown }).uri) === entry.settingUri && trimmed((item as { name?: unknown }).name) === entry.name));
    // Remove it from every level where it is written (workspace and user settings).
    if (inspected?.workspaceValue) await configuration.update('boards', keep(inspected.workspaceValue), vscode.ConfigurationTarget.Workspace);
    if (inspected?.globalValue) await configuration.update('boards', keep(inspected.globalValue), vscode.ConfigurationTarget.Global);
  }

  get demoFolder(): string {
    return this.options.demoFolder;
  }

  async showDemo(): Promise<void> {
    await this.options.state.update(DEMO_SHOWN_KEY, true);
    this.refresh();
  }

  private async readListing(): Promise<BoardListing> {
    const [{ parseBoardSettings }, { discoverBoards }] = await Promise.all([import('./boardSettings.js'), import('./boardDiscovery.js')]);
    const configuration = vscode.workspace.getConfiguration('pinwheel');
    const workspaceFolder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const { boards, problems } = parseBoardSettings(configuration.get('boards'), workspaceFolder);
    if (configuration.get<boolean>('discoverBoards', true)) boards.push(...(await discoverBoards()));
    if (this.options.state.get<boolean>(DEMO_SHOWN_KEY)) boards.push({ id: this.options.demoFolder, name: 'Demo board', folder: this.options.demoFolder, source: 'demo' });
    // The same folder twice (a setting for a discovered board): the first, most explicit one wins.
    const unique = boards.filter((board, index) => boards.findIndex((other) => other.folder === board.folder) === index);
    this.watch(unique);
    return { boards: unique, problems };
  }

  private watch(boards: BoardEntry[]): void {
    const folders = new Set(boards.map((board) => board.folder));
    for (const [folder, watched] of this.watchers) {
      if (!folders.has(folder)) {
        watched.watcher.dispose();
        clearTimeout(watched.timer);
        this.watchers.delete(folder);
      }
    }
    for (const board of boards) {
      if (this.watchers.has(board.folder)) continue;
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(board.folder), '**/*'));
      const entry: { watcher: vscode.Disposable; timer?: NodeJS.Timeout } = { watcher };
      const changed = () => {
        clearTimeout(entry.timer);
        entry.timer = setTimeout(() => {
          entry.timer = undefined;
          const current = this.watchers.get(board.folder) === entry ? board : undefined;
          if (current) this.changed.fire(current);
        }, WATCH_DEBOUNCE_MS);
      };
      watcher.onDidCreate(changed);
      watcher.onDidChange(changed);
      watcher.onDidDelete(changed);
      this.watchers.set(board.folder, entry);
    }
  }

  dispose(): void {
    for (const { watcher, timer } of this.watchers.values()) {
      clearTimeout(timer);
      watcher.dispose();
    }
    this.watchers.clear();
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.changed.dispose();
    for (const board of this.opened.values()) void board.then((opened) => opened.dispose(), () => undefined);
  }
}
