// One `pinwheel serve` child process and its IPC protocol (src/server/childProtocol.ts): started
// with the extension host's own Node (ELECTRON_RUN_AS_NODE), asked for a free port, and talked to
// only through messages, so nothing here ever waits synchronously on the child.
import { fork, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { ChildMessage, ParentMessage } from '../../server/childProtocol.js';

export type ReadyMessage = Extract<ChildMessage, { type: 'ready' }>;

export interface ServerProcessOptions {
  /** dist/cli.js of the extension. */
  cliPath: string;
  boardFolder: string;
  pin: string;
  /** undefined: the latest version. */
  version?: string;
  host: string;
  /** 0: a free port. */
  port: number;
  onLine(line: string, stream: 'stdout' | 'stderr'): void;
  /** After the process has exited, whatever the reason. */
  onExit(code: number | null, signal: NodeJS.Signals | null): void;
  /** Loading a large model takes a while; a server that is not ready after this is stopped. */
  readyTimeoutMs?: number;
}

export interface SwitchResult {
  version: string;
  previous: string;
}

/** How the process ended, in words: "exit code 1", "killed by SIGKILL". */
export function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `killed by ${signal}` : `exit code ${code ?? 'unknown'}`;
}

export class ServerProcess {
  readonly ready: Promise<ReadyMessage>;
  readonly exited: Promise<void>;
  #child: ChildProcess;
  #hasExited = false;
  #isReady = false;
  /** Switch answers carry no request id, so switches go one at a time. */
  #switching: Promise<unknown> = Promise.resolve();

  constructor(options: ServerProcessOptions) {
    const args = ['serve', options.pin, '--board', options.boardFolder, '--port', String(options.port), '--host', options.host];
    if (options.version) args.push('--version', options.version);
    this.#child = fork(options.cliPath, args, {
      execPath: process.execPath,
      // The extension host's own flags (inspector, loaders) must not leak into the server.
      execArgv: [],
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    for (const stream of ['stdout', 'stderr'] as const) {
      const input = this.#child[stream];
      if (input) createInterface({ input, crlfDelay: Infinity }).on('line', (line) => options.onLine(line, stream));
    }
    this.exited = new Promise((resolve) => {
      // 'close' comes after the output streams have ended, so the last log lines are already in.
      this.#child.once('close', (code, signal) => {
        this.#hasExited = true;
        options.onExit(code, signal);
        resolve();
      });
    });
    this.ready = new Promise<ReadyMessage>((resolve, reject) => {
      const timeoutMs = options.readyTimeoutMs ?? 120_000;
      const timer = setTimeout(() => {
        reject(new Error(`the server was not ready after ${Math.round(timeoutMs / 1000)} s, so it was stopped.`));
        this.#child.kill('SIGKILL');
      }, timeoutMs);
      const settle = () => clearTimeout(timer);
      this.#child.on('message', (message: ChildMessage) => {
        if (message.type === 'ready') {
          settle();
          this.#isReady = true;
          resolve(message);
        } else if (message.type === 'failed') {
          settle();
          reject(new Error(message.message));
        }
      });
      this.#child.on('error', (error) => {
        settle();
        reject(new Error(`the server process could not be started (${error.message}).`));
      });
      void this.exited.then(() => {
        settle();
        reject(new Error(`the server process ended before it was ready (${describeExit(this.#child.exitCode, this.#child.signalCode)}).`));
      });
    });
    // Callers that never await `ready` (a crash before it) must not cause an unhandled rejection.
    this.ready.catch(() => undefined);
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  get hasExited(): boolean {
    return this.#hasExited;
  }

  /** Serves another version (null: the latest) in the same process, without dropping requests. */
  switchTo(version: string | null, timeoutMs = 120_000): Promise<SwitchResult> {
    const next = this.#switching.then(() => this.#switchOnce(version, timeoutMs));
    this.#switching = next.catch(() => undefined);
    return next;
  }

  #switchOnce(version: string | null, timeoutMs: number): Promise<SwitchResult> {
    return new Promise<SwitchResult>((resolve, reject) => {
      if (this.#hasExited || !this.#child.connected) {
        reject(new Error('the server is not running.'));
        return;
      }
      const done = () => {
        clearTimeout(timer);
        this.#child.off('message', onMessage);
      };
      const onMessage = (message: ChildMessage) => {
        if (message.type === 'switched') {
          done();
          resolve({ version: message.version, previous: message.previous });
        } else if (message.type === 'switch-failed') {
          done();
          reject(new Error(message.message));
        }
      };
      const timer = setTimeout(() => {
        this.#child.off('message', onMessage);
        reject(new Error(`the server did not answer within ${Math.round(timeoutMs / 1000)} s.`));
      }, timeoutMs);
      this.#child.on('message', onMessage);
      void this.exited.then(() => {
        done();
        reject(new Error('the server stopped before it could switch.'));
      });
      this.#send({ type: 'switch', version });
    });
  }

  /** Asks the server to finish its requests and exit; kills it when it has not after `graceMs`. */
  async stop(graceMs = 3000): Promise<void> {
    if (this.#hasExited) return;
    // Before `ready` the child listens to no message yet; SIGTERM ends a half-started server at once.
    if (!this.#isReady || !this.#send({ type: 'stop' })) this.#child.kill('SIGTERM');
    const timer = new Promise<'timeout'>((resolve) => setTimeout(resolve, graceMs, 'timeout').unref());
    if ((await Promise.race([this.exited, timer])) === 'timeout') {
      this.#child.kill('SIGKILL');
      await this.exited;
    }
  }

  /** Last resort when the extension is torn down without stopAll(): closing IPC makes the child stop itself. */
  abandon(): void {
    if (this.#hasExited) return;
    if (this.#child.connected) this.#child.disconnect();
    this.#child.kill('SIGTERM');
  }

  #send(message: ParentMessage): boolean {
    if (!this.#child.connected) return false;
    this.#child.send(message);
    return true;
  }
}
