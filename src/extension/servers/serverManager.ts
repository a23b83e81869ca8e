// The predict servers the extension runs: one `pinwheel serve` child process per board + pin, each
// with a status-bar item, its recent log lines, and a state (starting → running → crashed or
// stopping). Everything waits on the children asynchronously; the extension host never blocks.
import * as vscode from 'vscode';
import type { PinTarget } from '../boards/pinTarget.js';
import { errorMessage } from '../showError.js';
import { crashMessage } from './serverMessages.js';
import { RecentLines } from './recentLines.js';
import type { ServedModels } from './servedModels.js';
import type { ServerInfo } from './serverInfo.js';
import { describeExit, ServerProcess, type SwitchResult } from './serverProcess.js';
import { createServerStatusItem, renderServerStatusItem } from './serverStatusItem.js';

export interface ServerManagerOptions {
  /** dist/cli.js inside the extension: the same server as `pinwheel serve`. */
  cliPath: string;
  /** How long a stopping server may take to finish its requests before it is killed. */
  stopGraceMs?: number;
  readyTimeoutMs?: number;
}

export type ServeResult =
  | { outcome: 'started'; info: ServerInfo }
  /** The pin was already served: the same server now serves the asked version (no restart). */
  | { outcome: 'switched'; info: ServerInfo; previous: string }
  | { outcome: 'already-serving'; info: ServerInfo };

/** A server that did not become ready; `lines` are its last log lines. */
export class ServerStartError extends Error {
  constructor(message: string, readonly lines: string[]) {
    super(message);
    this.name = 'ServerStartError';
  }
}

interface Slot {
  info: ServerInfo;
  item: vscode.StatusBarItem;
  recent: RecentLines;
  process: ServerProcess | null;
}

/** One server per board folder and pin. */
export function serverId(boardFolder: string, pin: string): string {
  return JSON.stringify([boardFolder, pin]);
}

const CRASH_LINES = 10;

export class ServerManager implements ServedModels, vscode.Disposable {
  readonly #changed = new vscode.EventEmitter<void>();
  readonly onDidChange: vscode.Event<void> = this.#changed.event;
  readonly #slots = new Map<string, Slot>();
  /** Starting, switching, restarting and stopping one server happen one after the other. */
  readonly #queues = new Map<string, Promise<unknown>>();
  #output: vscode.OutputChannel | undefined;

  constructor(private readonly options: ServerManagerOptions) {}

  list(): readonly ServerInfo[] {
    return [...this.#slots.values()].map((slot) => ({ ...slot.info }));
  }

  get(id: string): ServerInfo | undefined {
    const slot = this.#slots.get(id);
    return slot && { ...slot.info };
  }

  find(boardFolder: string, pin: string): ServerInfo | undefined {
    return this.get(serverId(boardFolder, pin));
  }

  /** The server's last log lines, oldest first. */
  recentLog(id: string, count?: number): string[] {
    return this.#slots.get(id)?.recent.last(count) ?? [];
  }

  showLog(): void {
    this.#channel().show(true);
  }

  /**
   * Serves a pin version (undefined: the latest). A pin already served by a running server is
   * switched to that version in place; a crashed one is started again.
   */
  serve(target: PinTarget): Promise<ServeResult> {
    const id = serverId(target.board.folder, target.pin);
    return this.#queued(id, async () => {
      const existing = this.#slots.get(id);
      if (existing?.info.state === 'running') {
        const { version, previous } = await this.#switch(existing, target.version ?? null);
        const info = { ...existing.info };
        return version === previous ? { outcome: 'already-serving', info } : { outcome: 'switched', info, previous };
      }
      const host = await this.#host();
      const slot = existing ?? this.#newSlot(id, target);
      await this.#start(slot, target.version, host);
      return { outcome: 'started', info: { ...slot.info } };
    });
  }

  /** Serves another version (null: the latest) without restarting the server. */
  switchVersion(id: string, version: string | null): Promise<SwitchResult> {
    return this.#queued(id, async () => {
      const slot = this.#slots.get(id);
      if (slot?.info.state !== 'running') throw new Error(slot ? `the server for ${slot.info.pin} is not running (it is ${slot.info.state}).` : 'that server is not running any more.');
      return this.#switch(slot, version);
    });
  }

  /** Stops the server (if it still runs) and starts it again on the version it served. */
  restart(id: string): Promise<ServerInfo> {
    return this.#queued(id, async () => {
      const slot = this.#slots.get(id);
      if (!slot) throw new Error('that server is not running any more; serve the version again.');
      const host = await this.#host();
      // The same port when it is free, so requests copied before the restart keep working.
      const port = slot.info.port ?? 0;
      await this.#stopProcess(slot);
      await this.#start(slot, slot.info.version || undefined, host, port);
      return { ...slot.info };
    });
  }

  async stop(id: string): Promise<void> {
    // A server still loading its model is stopped now, not after it has become ready.
    const starting = this.#slots.get(id);
    if (starting?.info.state === 'starting') {
      await this.#stopProcess(starting);
      this.#remove(starting);
      return;
    }
    return this.#queued(id, async () => {
      const slot = this.#slots.get(id);
      if (!slot) return;
      await this.#stopProcess(slot);
      this.#remove(slot);
    });
  }

  /**
   * Stops every server: each gets `stopGraceMs` to finish its requests, then is killed. Does not
   * wait behind a server that is still starting (deactivation must not hang on a slow model load).
   */
  async stopAll(): Promise<void> {
    const slots = [...this.#slots.values()];
    await Promise.all(slots.map(async (slot) => {
      await this.#stopProcess(slot);
      this.#remove(slot);
    }));
  }

  dispose(): void {
    for (const slot of this.#slots.values()) {
      slot.process?.abandon();
      slot.item.dispose();
    }
    this.#slots.clear();
    this.#output?.dispose();
    this.#changed.dispose();
  }

  // ---- lifecycle -------------------------------------------------------------------------------

  #queued<T>(id: string, operation: () => Promise<T>): Promise<T> {
    const next = (this.#queues.get(id) ?? Promise.resolve()).then(operation);
    const settled = next.catch(() => undefined);
    this.#queues.set(id, settled);
    void settled.then(() => {
      if (this.#queues.get(id) === settled) this.#queues.delete(id);
    });
    return next;
  }

  async #host(): Promise<string> {
    const { serverHostSetting } = await import('./hostSetting.js');
    return serverHostSetting();
  }

  #newSlot(id: string, target: PinTarget): Slot {
    const slot: Slot = {
      info: {
        id, board: target.board, boardFolder: target.board.folder, boardName: target.board.name, pin: target.pin,
        version: target.version ?? '', url: null, port: null, state: 'starting', pid: null, startupMs: null,
      },
      item: createServerStatusItem(id),
      recent: new RecentLines(),
      process: null,
    };
    this.#slots.set(id, slot);
    return slot;
  }

  async #start(slot: Slot, version: string | undefined, host: string, port = 0): Promise<void> {
    slot.recent = new RecentLines();
    this.#update(slot, { state: 'starting', version: version ?? '', url: null, port: null, pid: null, startupMs: null });
    this.#log(slot, `Starting ${slot.info.pin}${version ? `@${version}` : ' (latest version)'} from ${slot.info.boardFolder} on ${host}…`);
    const started = performance.now();
    const child: ServerProcess = new ServerProcess({
      cliPath: this.options.cliPath,
      boardFolder: slot.info.boardFolder,
      pin: slot.info.pin,
      version,
      host,
      port,
      readyTimeoutMs: this.options.readyTimeoutMs,
      onLine: (line) => this.#log(slot, line),
      onExit: (code, signal) => this.#exited(slot, child, code, signal),
    });
    slot.process = child;
    this.#update(slot, { pid: child.pid ?? null });
    try {
      const ready = await child.ready;
      if (slot.process !== child || slot.info.state !== 'starting') throw new Error('stopped');
      this.#update(slot, { state: 'running', version: ready.version, url: ready.url, port: ready.port, pid: ready.pid, startupMs: Math.round(performance.now() - started) });
    } catch (error) {
      const stoppedOnPurpose = slot.info.state === 'stopping' || slot.process !== child;
      if (slot.process === child) slot.process = null;
      await child.stop(this.options.stopGraceMs);
      if (!stoppedOnPurpose && port !== 0 && /already in use/.test(errorMessage(error))) {
        this.#log(slot, `Port ${port} is taken now; starting on a free port instead.`);
        return this.#start(slot, version, host, 0);
      }
      const lines = slot.recent.last(CRASH_LINES);
      this.#remove(slot);
      const reason = stoppedOnPurpose ? 'the server was stopped before it was ready.' : errorMessage(error);
      throw new ServerStartError(reason, lines);
    }
  }

  async #switch(slot: Slot, version: string | null): Promise<SwitchResult> {
    if (!slot.process) throw new Error(`the server for ${slot.info.pin} is not running.`);
    const result = await slot.process.switchTo(version);
    this.#update(slot, { version: result.version });
    return result;
  }

  async #stopProcess(slot: Slot): Promise<void> {
    const child = slot.process;
    if (!child) return;
    this.#update(slot, { state: 'stopping' });
    await child.stop(this.options.stopGraceMs);
  }

  #exited(slot: Slot, child: ServerProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (slot.process !== child) return;
    slot.process = null;
    // Its own lines, before ours says it ended (the message gives the exit reason itself).
    const lines = slot.recent.last(CRASH_LINES);
    this.#log(slot, `The server process ended (${describeExit(code, signal)}).`);
    if (slot.info.state !== 'running') return;
    const { pin, version, id } = slot.info;
    this.#update(slot, { state: 'crashed', url: null, pid: null });
    const restart = 'Restart';
    const showLog = 'Show Log';
    void vscode.window
      .showErrorMessage(crashMessage(`${pin}@${version}`, describeExit(code, signal), lines), restart, showLog)
      .then((answer) => {
        if (answer === restart) void vscode.commands.executeCommand('pinwheel.restartServer', id);
        else if (answer === showLog) this.showLog();
      });
  }

  #remove(slot: Slot): void {
    if (this.#slots.get(slot.info.id) !== slot) return;
    this.#slots.delete(slot.info.id);
    slot.item.dispose();
    this.#changed.fire();
  }

  #update(slot: Slot, change: Partial<ServerInfo>): void {
    slot.info = { ...slot.info, ...change };
    renderServerStatusItem(slot.item, slot.info);
    this.#changed.fire();
  }

  // ---- log -------------------------------------------------------------------------------------

  /**
   * One Output channel for all servers, each line tagged with its pin: the Output list stays one
   * entry however many servers run or restart, and a server's history outlives the server.
   */
  #channel(): vscode.OutputChannel {
    this.#output ??= vscode.window.createOutputChannel('Pinwheel Servers');
    return this.#output;
  }

  #log(slot: Slot, line: string): void {
    slot.recent.push(line);
    this.#channel().appendLine(`[${slot.info.pin}] ${line}`);
  }
}
