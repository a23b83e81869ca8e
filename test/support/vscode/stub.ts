/**
 * A small, honest stand-in for the `vscode` module in unit tests: the classes and functions the
 * extension uses, with state a test can set (settings, workspace folders, trust) and records of what
 * the extension showed (messages, status-bar items, output lines, questions, documents, clipboard
 * writes, executed commands). Anything not implemented throws, so a test never passes because a
 * call silently did nothing. The real API is exercised by the end-to-end tests in test/e2e.
 *
 * Questions are answered from queues a test fills (stub.quickPickAnswers, stub.inputBoxAnswers,
 * stub.openDialogAnswers, stub.saveDialogAnswers, stub.messageAnswers), first in, first out. A
 * question with no scripted answer throws, naming the question, except a notification (a non-modal
 * message), which a user may leave unanswered: it answers undefined. `assertAllAnswered()` says
 * which scripted answers no question took.
 */
import { EventEmitter as NodeEventEmitter } from 'node:events';
import { readFileSync, realpathSync } from 'node:fs';
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

export enum InputBoxValidationSeverity {
  Info = 1,
  Warning = 2,
  Error = 3,
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
  /** A modal dialog (it needs an answer; undefined is its Cancel button). */
  modal: boolean;
  /** The modal dialog's detail text, when it has one. */
  detail?: string;
}

/** A question the extension asked (quick pick, input box, file dialog), in the order asked. */
export interface AskedQuestion {
  kind: 'quick pick' | 'input box' | 'open dialog' | 'save dialog';
  title: string | undefined;
  /** The quick pick's placeholder, the input box's prompt. */
  prompt: string | undefined;
  /** Quick pick: the labels offered, in order. */
  items: string[];
  /** Input box: the value it opened with. */
  value: string | undefined;
  /** The options as the extension passed them (validateInput, defaultUri, canSelectFolders…). */
  options: Record<string, unknown>;
}

export interface QuickPickItemLike {
  label: string;
  description?: string;
  detail?: string;
  picked?: boolean;
}

/**
 * The user's answer to a quick pick: the label of the item picked, the first item whose label
 * matches, the labels picked (canPickMany), a function choosing among the items, or undefined
 * (Escape).
 */
export type QuickPickAnswer = string | RegExp | readonly string[] | ((items: readonly QuickPickItemLike[], question: AskedQuestion) => QuickPickItemLike | readonly QuickPickItemLike[] | undefined) | undefined;

/** What the user types (replacing the box's value), a function of the question, or undefined (Escape). */
export type InputBoxAnswer = string | ((question: AskedQuestion) => string | undefined) | undefined;

/** The button clicked (its title), a function of the message, or undefined (dismissed, or Cancel). */
export type MessageAnswer = string | ((message: ShownMessage) => string | undefined) | undefined;

/** An input box answer that keeps the value the box opened with (Enter). */
export const acceptDefault: InputBoxAnswer = (question) => question.value ?? '';

export interface StubTextDocument {
  uri: Uri;
  /** The language asked for; a file opened by uri is 'plaintext' (the stub knows no languages). */
  languageId: string;
  isUntitled: boolean;
  getText(): string;
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
  /** The language ids `languages.getLanguages()` reports (what installed extensions contribute). */
  languages: ['plaintext', 'json', 'markdown'] as string[],
  /** Whether the next progress notifications are cancelled (their Cancel button pressed) as soon as their task has begun. */
  cancelProgress: false,
  /**
   * The answers of the next messages with buttons: a notification with none scripted answers
   * undefined (dismissed); a modal dialog with none scripted throws.
   */
  messageAnswers: [] as MessageAnswer[],
  /** Every quick pick, input box and file dialog shown, in order. */
  questions: [] as AskedQuestion[],
  quickPickAnswers: [] as QuickPickAnswer[],
  inputBoxAnswers: [] as InputBoxAnswer[],
  openDialogAnswers: [] as (readonly Uri[] | undefined)[],
  saveDialogAnswers: [] as (Uri | undefined)[],
  /** Documents shown in an editor, in order. */
  shownDocuments: [] as StubTextDocument[],
  statusBarItems: [] as StubStatusBarItem[],
  outputChannels: [] as StubOutputChannel[],
  commands: new Map<string, (...args: unknown[]) => unknown>(),
  executed: [] as { command: string; args: unknown[] }[],
  configuration: new Map<string, unknown>(),
  /** The level each setting is written at (one level per setting); Global unless written elsewhere. */
  configurationLevels: new Map<string, ConfigurationTarget>(),
  configurationUpdates: [] as { key: string; value: unknown; target: unknown }[],
  clipboard: '',
  /** Every text written to the clipboard, in order (`clipboard` is the last). */
  clipboardWrites: [] as string[],
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
  stub.languages = ['plaintext', 'json', 'markdown'];
  stub.cancelProgress = false;
  stub.messageAnswers = [];
  stub.questions = [];
  stub.quickPickAnswers = [];
  stub.inputBoxAnswers = [];
  stub.openDialogAnswers = [];
  stub.saveDialogAnswers = [];
  stub.shownDocuments = [];
  stub.statusBarItems = [];
  stub.outputChannels = [];
  stub.commands = new Map();
  stub.executed = [];
  stub.configuration = new Map();
  stub.configurationLevels = new Map();
  stub.configurationUpdates = [];
  stub.clipboard = '';
  stub.clipboardWrites = [];
  stub.trusted = true;
  stub.workspaceFolders = [];
  stub.workspaceFiles = [];
  stub.watchers = [];
  stub.openedExternal = [];
  stub.panelSerializers = [];
}

/** Throws when a scripted answer was never asked for (the command took another path than the test expects). */
export function assertAllAnswered(): void {
  const left = Object.entries({
    quickPickAnswers: stub.quickPickAnswers,
    inputBoxAnswers: stub.inputBoxAnswers,
    openDialogAnswers: stub.openDialogAnswers,
    saveDialogAnswers: stub.saveDialogAnswers,
    messageAnswers: stub.messageAnswers,
  }).filter(([, answers]) => answers.length > 0);
  if (left.length > 0) {
    const asked = stub.questions.map(describeQuestion).join('; ') || 'none';
    throw new Error(`vscode stub: scripted answers no question took: ${left.map(([queue, answers]) => `${queue} (${answers.length})`).join(', ')}. Questions asked: ${asked}`);
  }
}

/**
 * Sets a setting and tells listeners, as editing settings.json does: the user settings unless
 * `level` says which settings.json.
 */
export function setConfiguration(key: string, value: unknown, level: ConfigurationTarget = ConfigurationTarget.Global): void {
  if (value === undefined) stub.configuration.delete(key);
  else stub.configuration.set(key, value);
  stub.configurationLevels.set(key, level);
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

function describeQuestion(question: AskedQuestion): string {
  const parts = [question.prompt, question.items.length > 0 ? `offered: ${question.items.join(' | ')}` : undefined, question.value !== undefined ? `value: ${question.value}` : undefined].filter(Boolean);
  return `${question.kind} "${question.title ?? ''}"${parts.length > 0 ? ` (${parts.join('; ')})` : ''}`;
}

function unexpected(question: AskedQuestion, queue: string): never {
  throw new Error(`vscode stub: unexpected ${describeQuestion(question)}: no answer scripted in stub.${queue}`);
}

function isMessageItem(item: unknown): item is string | { title: string } {
  return typeof item === 'string' || (typeof item === 'object' && item !== null && 'title' in item);
}

function showMessage(level: ShownMessage['level']) {
  return async (message: string, ...rest: unknown[]): Promise<unknown> => {
    const items = rest.filter(isMessageItem);
    const options = rest.find((item): item is { modal?: boolean; detail?: string } => typeof item === 'object' && item !== null && !isMessageItem(item));
    const titles = items.map((item) => (typeof item === 'string' ? item : item.title));
    const shown: ShownMessage = { level, message, items: titles, modal: options?.modal === true, ...(options?.detail !== undefined ? { detail: options.detail } : {}) };
    stub.messages.push(shown);
    if (items.length === 0 && !shown.modal) return undefined;
    if (stub.messageAnswers.length === 0) {
      if (!shown.modal) return undefined;
      throw new Error(`vscode stub: unexpected modal dialog "${message}" (buttons: ${titles.join(' | ')}): no answer scripted in stub.messageAnswers`);
    }
    const scripted = stub.messageAnswers.shift();
    const answer = typeof scripted === 'function' ? scripted(shown) : scripted;
    if (answer === undefined) return undefined;
    const item = items[titles.indexOf(answer)];
    if (item === undefined) throw new Error(`vscode stub: the answer "${answer}" is not a button of the message "${message}" (buttons: ${titles.join(' | ') || 'none'})`);
    return item;
  };
}

function notImplemented(name: string): never {
  throw new Error(`vscode stub: ${name} is not implemented; add it to test/support/vscode/stub.ts`);
}

function labelOf(item: string | QuickPickItemLike): string {
  return typeof item === 'string' ? item : item.label;
}

async function showQuickPick<T extends string | QuickPickItemLike>(itemsOrPromise: readonly T[] | Promise<readonly T[]>, options: { title?: string; placeHolder?: string; canPickMany?: boolean } = {}): Promise<T | T[] | undefined> {
  const items = await itemsOrPromise;
  const question: AskedQuestion = { kind: 'quick pick', title: options.title, prompt: options.placeHolder, items: items.map(labelOf), value: undefined, options };
  stub.questions.push(question);
  if (stub.quickPickAnswers.length === 0) unexpected(question, 'quickPickAnswers');
  const answer = stub.quickPickAnswers.shift();
  if (answer === undefined) return undefined;
  const find = (label: string | RegExp): T => {
    const found = items.find((item) => (typeof label === 'string' ? labelOf(item) === label : label.test(labelOf(item))));
    if (found === undefined) throw new Error(`vscode stub: the answer ${String(label)} is not offered by the ${describeQuestion(question)}`);
    return found;
  };
  let picked: T | readonly T[] | undefined;
  if (typeof answer === 'function') {
    const chosen = answer(items.map((item): QuickPickItemLike => (typeof item === 'string' ? { label: item } : item)), question);
    const fromItems = (choice: QuickPickItemLike): T => items.find((item) => item === choice || (typeof item === 'string' && item === choice.label)) ?? find(choice.label);
    picked = chosen === undefined ? undefined : Array.isArray(chosen) ? (chosen as readonly QuickPickItemLike[]).map(fromItems) : fromItems(chosen as QuickPickItemLike);
  } else if (Array.isArray(answer)) {
    picked = (answer as readonly string[]).map(find);
  } else {
    picked = find(answer as string | RegExp);
  }
  if (picked === undefined) return undefined;
  if (options.canPickMany) return Array.isArray(picked) ? [...(picked as readonly T[])] : [picked as T];
  if (Array.isArray(picked)) throw new Error(`vscode stub: several answers for the single-choice ${describeQuestion(question)}`);
  return picked as T;
}

type ValidationResult = string | { message: string; severity: InputBoxValidationSeverity } | null | undefined;

async function showInputBox(options: { title?: string; prompt?: string; placeHolder?: string; value?: string; password?: boolean; validateInput?: (value: string) => ValidationResult | Promise<ValidationResult> } = {}): Promise<string | undefined> {
  const question: AskedQuestion = { kind: 'input box', title: options.title, prompt: options.prompt ?? options.placeHolder, items: [], value: options.value, options };
  stub.questions.push(question);
  if (stub.inputBoxAnswers.length === 0) unexpected(question, 'inputBoxAnswers');
  const scripted = stub.inputBoxAnswers.shift();
  const answer = typeof scripted === 'function' ? scripted(question) : scripted;
  if (answer === undefined) return undefined;
  // VS Code does not let Enter through while validateInput reports an error.
  const problem = await options.validateInput?.(answer);
  const blocking = typeof problem === 'string' ? problem : problem && problem.severity === InputBoxValidationSeverity.Error ? problem.message : undefined;
  if (blocking) throw new Error(`vscode stub: the ${describeQuestion(question)} would not accept "${answer}": ${blocking}`);
  return answer;
}

let untitledCount = 0;

function openTextDocument(arg?: Uri | string | { language?: string; content?: string }): StubTextDocument {
  if (arg instanceof Uri || typeof arg === 'string') {
    const uri = typeof arg === 'string' ? Uri.file(arg) : arg;
    if (uri.scheme !== 'file') notImplemented(`workspace.openTextDocument of a ${uri.scheme}: uri`);
    const text = readFileSync(uri.fsPath, 'utf8');
    return { uri, languageId: 'plaintext', isUntitled: false, getText: () => text };
  }
  const content = arg?.content ?? '';
  untitledCount += 1;
  return { uri: Uri.from({ scheme: 'untitled', path: `Untitled-${untitledCount}` }), languageId: arg?.language ?? 'plaintext', isUntitled: true, getText: () => content };
}

export const languages = {
  async getLanguages(): Promise<string[]> {
    return [...stub.languages];
  },
};

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
    const running = task({ report() {} }, source.token);
    // The user presses Cancel once the task has begun (it ran up to its first await).
    if (stub.cancelProgress) source.cancel();
    return running;
  },
  createTreeView(_id: string, _options: unknown) {
    return { dispose() {}, reveal: async () => {}, onDidChangeSelection: new EventEmitter<unknown>().event, selection: [], message: undefined as string | undefined };
  },
  registerTreeDataProvider(_id: string, _provider: unknown): Disposable {
    return new Disposable(() => {});
  },
  showQuickPick,
  showInputBox,
  async showOpenDialog(options: { title?: string; openLabel?: string; canSelectFiles?: boolean; canSelectFolders?: boolean; canSelectMany?: boolean; defaultUri?: Uri } = {}): Promise<Uri[] | undefined> {
    const question: AskedQuestion = { kind: 'open dialog', title: options.title, prompt: options.openLabel, items: [], value: undefined, options };
    stub.questions.push(question);
    if (stub.openDialogAnswers.length === 0) unexpected(question, 'openDialogAnswers');
    const answer = stub.openDialogAnswers.shift();
    if (answer && answer.length > 1 && !options.canSelectMany) throw new Error(`vscode stub: ${answer.length} answers for the ${describeQuestion(question)}, which selects one`);
    return answer && [...answer];
  },
  async showSaveDialog(options: { title?: string; saveLabel?: string; defaultUri?: Uri } = {}): Promise<Uri | undefined> {
    const question: AskedQuestion = { kind: 'save dialog', title: options.title, prompt: options.saveLabel, items: [], value: undefined, options };
    stub.questions.push(question);
    if (stub.saveDialogAnswers.length === 0) unexpected(question, 'saveDialogAnswers');
    return stub.saveDialogAnswers.shift();
  },
  async showTextDocument(documentOrUri: StubTextDocument | Uri): Promise<{ document: StubTextDocument }> {
    const document = documentOrUri instanceof Uri ? openTextDocument(documentOrUri) : documentOrUri;
    stub.shownDocuments.push(document);
    return { document };
  },
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
        const value = stub.configuration.get(full(key));
        const level = stub.configurationLevels.get(full(key)) ?? ConfigurationTarget.Global;
        return {
          key: full(key),
          globalValue: level === ConfigurationTarget.Global ? value : undefined,
          workspaceValue: level === ConfigurationTarget.Workspace ? value : undefined,
          workspaceFolderValue: level === ConfigurationTarget.WorkspaceFolder ? value : undefined,
        };
      },
      /** `target` as VS Code takes it: a ConfigurationTarget, true (user settings), or false/undefined (workspace). */
      async update(key: string, value: unknown, target?: ConfigurationTarget | boolean | null): Promise<void> {
        stub.configurationUpdates.push({ key: full(key), value, target });
        const level = target === true ? ConfigurationTarget.Global : typeof target === 'number' ? target : ConfigurationTarget.Workspace;
        setConfiguration(full(key), value, level);
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
  async openTextDocument(arg?: Uri | string | { language?: string; content?: string }): Promise<StubTextDocument> {
    return openTextDocument(arg);
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
      stub.clipboardWrites.push(text);
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

/** A `vscode.Memento` (globalState, workspaceState) kept in memory. */
export class MemoryMemento {
  private readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, defaultValue?: T): T | undefined {
    return this.values.has(key) ? (this.values.get(key) as T) : defaultValue;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
  }
}
