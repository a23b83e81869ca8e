/**
 * A small, honest stand-in for the `vscode` module in unit tests: the classes and functions the
 * extension uses, with state a test can set (settings, workspace folders, trust) and records of what
 * the extension showed (messages, status-bar items, output lines). Anything not implemented throws,
 * so a test never passes because a call silently did nothing. The real API is exercised by the
 * end-to-end tests in test/e2e.
 */
import { EventEmitter as NodeEventEmitter } from 'node:events';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export class Disposable {
  static from(...disposables: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => disposables.forEach((d) => d.dispose()));
  }
  constructor(private readonly onDispose: () => unknown) {}
  dispose(): void {
    this.onDispose();
  }
}

export class EventEmitter<T> {
  private readonly emitter = new NodeEventEmitter();
  readonly event = (listener: (value: T) => unknown): Disposable => {
    this.emitter.on('event', listener);
    return new Disposable(() => this.emitter.off('event', listener));
  };
  fire(value: T): void {
    this.emitter.emit('event', value);
  }
  dispose(): void {
    this.emitter.removeAllListeners();
  }
}

export class Uri {
  private constructor(readonly scheme: string, readonly authority: string, readonly path: string, readonly query: string, readonly fragment: string) {}
  static file(fsPath: string): Uri {
    return new Uri('file', '', path.resolve(fsPath), '', '');
  }
  static parse(value: string): Uri {
    const url = new URL(value);
    if (url.protocol === 'file:') return Uri.file(decodeURIComponent(url.pathname));
    return new Uri(url.protocol.replace(/:$/, ''), url.host, decodeURIComponent(url.pathname), url.search.replace(/^\?/, ''), url.hash.replace(/^#/, ''));
  }
  static from(parts: { scheme: string; authority?: string; path?: string; query?: string; fragment?: string }): Uri {
    return new Uri(parts.scheme, parts.authority ?? '', parts.path ?? '', parts.query ?? '', parts.fragment ?? '');
  }
  static joinPath(base: Uri, ...segments: string[]): Uri {
    return new Uri(base.scheme, base.authority, path.posix.join(base.path, ...segments), base.query, base.fragment);
  }
  get fsPath(): string {
    return this.path;
  }
  with(change: { scheme?: string; path?: string; query?: string; fragment?: string }): Uri {
    return new Uri(change.scheme ?? this.scheme, this.authority, change.path ?? this.path, change.query ?? this.query, change.fragment ?? this.fragment);
  }
  toString(): string {
    if (this.scheme === 'file') return pathToFileURL(this.path).href;
    return `${this.scheme}://${this.authority}${this.path}${this.query ? `?${this.query}` : ''}${this.fragment ? `#${this.fragment}` : ''}`;
  }
  toJSON(): string {
    return this.toString();
  }
}

export enum TreeItemCollapsibleState {
  None = 0,
  Collapsed = 1,
  Expanded = 2,
}

export class ThemeIcon {
  static readonly File = new ThemeIcon('file');
  static readonly Folder = new ThemeIcon('folder');
  constructor(readonly id: string, readonly color?: ThemeColor) {}
}

export class ThemeColor {
  constructor(readonly id: string) {}
}

export class MarkdownString {
  value: string;
  isTrusted = false;
  supportThemeIcons = false;
  constructor(value = '', supportThemeIcons = false) {
    this.value = value;
    this.supportThemeIcons = supportThemeIcons;
  }
  appendMarkdown(value: string): this {
    this.value += value;
    return this;
  }
  appendText(value: string): this {
    this.value += value.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
    return this;
  }
  appendCodeblock(code: string, language = ''): this {
    this.value += `\n\`\`\`${language}\n${code}\n\`\`\`\n`;
    return this;
  }
}

export class TreeItem {
  id?: string;
  description?: string | boolean;
  tooltip?: string | MarkdownString;
  iconPath?: ThemeIcon | Uri;
  contextValue?: string;
  command?: { command: string; title: string; arguments?: unknown[] };
  resourceUri?: Uri;
  accessibilityInformation?: { label: string };
  constructor(public label: string | { label: string }, public collapsibleState: TreeItemCollapsibleState = TreeItemCollapsibleState.None) {}
}

export class RelativePattern {
  constructor(readonly base: Uri | string, readonly pattern: string) {}
}

export class CancellationTokenSource {
  private readonly emitter = new EventEmitter<void>();
  readonly token = { isCancellationRequested: false, onCancellationRequested: this.emitter.event };
  cancel(): void {
    this.token.isCancellationRequested = true;
    this.emitter.fire();
  }
  dispose(): void {
    this.emitter.dispose();
  }
}

export enum ProgressLocation {
  SourceControl = 1,
  Window = 10,
  Notification = 15,
}

export enum StatusBarAlignment {
  Left = 1,
  Right = 2,
}

export enum ConfigurationTarget {
  Global = 1,
  Workspace = 2,
  WorkspaceFolder = 3,
}

export enum ViewColumn {
  Active = -1,
  Beside = -2,
  One = 1,
}

// ---- recorded UI ---------------------------------------------------------------------------------

export interface ShownMessage {
  level: 'info' | 'warning' | 'error';
  message: string;
  items: string[];
}

export interface StubStatusBarItem {
  text: string;
  tooltip: string | MarkdownString | undefined;
  command: string | { command: string; arguments?: unknown[]; title: string } | undefined;
  backgroundColor: ThemeColor | undefined;
  name: string | undefined;
  visible: boolean;
  disposed: boolean;
  show(): void;
  hide(): void;
  dispose(): void;
}

export interface StubOutputChannel {
  name: string;
  lines: string[];
  append(text: string): void;
  appendLine(text: string): void;
  show(): void;
  clear(): void;
  dispose(): void;
}

/** What the stub recorded, and the answers it gives. Reset between tests with `resetStub()`. */
export const stub = {
  messages: [] as ShownMessage[],
  /** The answer the next message with items gets (the item's title), or undefined (dismissed). */
  messageAnswers: [] as (string | undefined)[],
  statusBarItems: [] as StubStatusBarItem[],
  outputChannels: [] as StubOutputChannel[],
  commands: new Map<string, (...args: unknown[]) => unknown>(),
  executed: [] as { command: string; args: unknown[] }[],
  configuration: new Map<string, unknown>(),
  configurationUpdates: [] as { key: string; value: unknown; target: unknown }[],
  clipboard: '',
  trusted: true,
  workspaceFolders: [] as { uri: Uri; name: string; index: number }[],
  /** Files `workspace.findFiles` returns (absolute paths); the glob is matched by `findFilesMatcher`. */
  workspaceFiles: [] as string[],
  watchers: [] as StubFileSystemWatcher[],
  openedExternal: [] as string[],
  panelSerializers: [] as string[],
};

const configurationChanged = new EventEmitter<{ affectsConfiguration(section: string): boolean }>();
const trustGranted = new EventEmitter<void>();
const foldersChanged = new EventEmitter<unknown>();

export function resetStub(): void {
  stub.messages = [];
  stub.messageAnswers = [];
  stub.statusBarItems = [];
  stub.outputChannels = [];
  stub.commands = new Map();
  stub.executed = [];
  stub.configuration = new Map();
  stub.configurationUpdates = [];
  stub.clipboard = '';
  stub.trusted = true;
  stub.workspaceFolders = [];
  stub.workspaceFiles = [];
  stub.watchers = [];
  stub.openedExternal = [];
  stub.panelSerializers = [];
}

/** Sets a setting and tells listeners, as editing settings.json does. */
export function setConfiguration(key: string, value: unknown): void {
  stub.configuration.set(key, value);
  configurationChanged.fire({ affectsConfiguration: (section: string) => key === section || key.startsWith(`${section}.`) });
}

export function grantTrust(): void {
  stub.trusted = true;
  trustGranted.fire();
}

export class StubFileSystemWatcher {
  private readonly created = new EventEmitter<Uri>();
  private readonly changed = new EventEmitter<Uri>();
  private readonly deleted = new EventEmitter<Uri>();
  readonly onDidCreate = this.created.event;
  readonly onDidChange = this.changed.event;
  readonly onDidDelete = this.deleted.event;
  disposed = false;
  constructor(readonly pattern: RelativePattern | string) {}
  /** Simulates a file event under the watched folder. */
  fire(kind: 'create' | 'change' | 'delete', fsPath: string): void {
    ({ create: this.created, change: this.changed, delete: this.deleted })[kind].fire(Uri.file(fsPath));
  }
  dispose(): void {
    this.disposed = true;
  }
}

function showMessage(level: ShownMessage['level']) {
  return async (message: string, ...rest: unknown[]): Promise<unknown> => {
    const items = rest.filter((item) => typeof item === 'string' || (typeof item === 'object' && item !== null && 'title' in item));
    stub.messages.push({ level, message, items: items.map((item) => (typeof item === 'string' ? item : (item as { title: string }).title)) });
    if (items.length === 0) return undefined;
    const answer = stub.messageAnswers.shift();
    return items.find((item) => (typeof item === 'string' ? item : (item as { title: string }).title) === answer);
  };
}

function notImplemented(name: string): never {
  throw new Error(`vscode stub: ${name} is not implemented; add it to test/support/vscode/stub.ts`);
}

export const window = {
  showInformationMessage: showMessage('info'),
  showWarningMessage: showMessage('warning'),
  showErrorMessage: showMessage('error'),
  createOutputChannel(name: string): StubOutputChannel {
    const channel: StubOutputChannel = {
      name,
      lines: [],
      append(text) {
        this.lines.push(text);
      },
      appendLine(text) {
        this.lines.push(text);
      },
      show() {},
      clear() {
        this.lines = [];
      },
      dispose() {},
    };
    stub.outputChannels.push(channel);
    return channel;
  },
  createStatusBarItem(_id?: string | StatusBarAlignment, _alignment?: StatusBarAlignment | number, _priority?: number): StubStatusBarItem {
    const item: StubStatusBarItem = {
      text: '',
      tooltip: undefined,
      command: undefined,
      backgroundColor: undefined,
      name: undefined,
      visible: false,
      disposed: false,
      show() {
        this.visible = true;
      },
      hide() {
        this.visible = false;
      },
      dispose() {
        this.disposed = true;
        this.visible = false;
      },
    };
    stub.statusBarItems.push(item);
    return item;
  },
  async withProgress<T>(_options: unknown, task: (progress: { report(value: unknown): void }, token: CancellationTokenSource['token']) => Promise<T>): Promise<T> {
    const source = new CancellationTokenSource();
    return task({ report() {} }, source.token);
  },
  createTreeView(_id: string, _options: unknown) {
    return { dispose() {}, reveal: async () => {}, onDidChangeSelection: new EventEmitter<unknown>().event, selection: [], message: undefined as string | undefined };
  },
  registerTreeDataProvider(_id: string, _provider: unknown): Disposable {
    return new Disposable(() => {});
  },
  showQuickPick: () => notImplemented('window.showQuickPick'),
  showInputBox: () => notImplemented('window.showInputBox'),
  showOpenDialog: () => notImplemented('window.showOpenDialog'),
  createWebviewPanel: () => notImplemented('window.createWebviewPanel'),
  /** Recorded, never called back: restoring panels after a reload is exercised in test/e2e. */
  registerWebviewPanelSerializer(viewType: string, _serializer: unknown): Disposable {
    stub.panelSerializers.push(viewType);
    return new Disposable(() => undefined);
  },
};

export const commands = {
  registerCommand(command: string, callback: (...args: unknown[]) => unknown): Disposable {
    stub.commands.set(command, callback);
    return new Disposable(() => stub.commands.delete(command));
  },
  async executeCommand(command: string, ...args: unknown[]): Promise<unknown> {
    stub.executed.push({ command, args });
    return stub.commands.get(command)?.(...args);
  },
};

export const workspace = {
  get isTrusted(): boolean {
    return stub.trusted;
  },
  get workspaceFolders() {
    return stub.workspaceFolders.length > 0 ? stub.workspaceFolders : undefined;
  },
  getConfiguration(section?: string) {
    const full = (key: string) => (section ? `${section}.${key}` : key);
    return {
      get<T>(key: string, defaultValue?: T): T | undefined {
        return stub.configuration.has(full(key)) ? (stub.configuration.get(full(key)) as T) : defaultValue;
      },
      inspect(key: string) {
        return { key: full(key), globalValue: stub.configuration.get(full(key)) };
      },
      async update(key: string, value: unknown, target?: unknown): Promise<void> {
        stub.configurationUpdates.push({ key: full(key), value, target });
        setConfiguration(full(key), value);
      },
    };
  },
  onDidChangeConfiguration: configurationChanged.event,
  onDidGrantWorkspaceTrust: trustGranted.event,
  onDidChangeWorkspaceFolders: foldersChanged.event,
  async findFiles(include: RelativePattern | string): Promise<Uri[]> {
    const glob = typeof include === 'string' ? include : include.pattern;
    const base = typeof include === 'string' ? undefined : typeof include.base === 'string' ? include.base : include.base.fsPath;
    const matcher = path.matchesGlob;
    return stub.workspaceFiles
      .filter((file) => {
        const roots = base ? [base] : stub.workspaceFolders.map((folder) => folder.uri.fsPath);
        return roots.some((root) => {
          const relative = path.relative(root, file);
          return !relative.startsWith('..') && matcher(relative, glob);
        });
      })
      .map((file) => Uri.file(file));
  },
  createFileSystemWatcher(pattern: RelativePattern | string): StubFileSystemWatcher {
    const watcher = new StubFileSystemWatcher(pattern);
    stub.watchers.push(watcher);
    return watcher;
  },
  registerTextDocumentContentProvider(_scheme: string, _provider: unknown): Disposable {
    return new Disposable(() => {});
  },
  fs: {
    async realpath(fsPath: string) {
      return realpathSync(fsPath);
    },
  },
};

export const env = {
  clipboard: {
    async writeText(text: string) {
      stub.clipboard = text;
    },
    async readText() {
      return stub.clipboard;
    },
  },
  async openExternal(uri: Uri): Promise<boolean> {
    stub.openedExternal.push(uri.toString());
    return true;
  },
  async asExternalUri(uri: Uri): Promise<Uri> {
    return uri;
  },
  remoteName: undefined as string | undefined,
};
