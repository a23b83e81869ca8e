import type { FastifyInstance } from 'fastify';
import type { Board } from '../core/pins/index.js';
import { buildServer } from './build.js';
import { DEFAULT_BODY_LIMIT, DEFAULT_HOST, DEFAULT_PORT } from '../core/serverDefaults.js';
import { loadServedModel } from './loadServedModel.js';
import { ModelSlot } from './modelSlot.js';
import type { LogSink } from './requestLog.js';

export interface StartOptions {
  board: Board;
  name: string;
  /** The pin version to serve; the latest when omitted. */
  version?: string;
  /** 127.0.0.1 unless told otherwise: a model API is not for the whole network by default. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  bodyLimit?: number;
  log?: LogSink;
  serverVersion: string;
}

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  host: string;
  port: number;
  name: string;
  /** The version served now. */
  version(): string;
  /** Serves another version (the latest when undefined); in-flight requests finish on the old one. */
  switchVersion(version?: string): Promise<{ previous: string; version: string }>;
  /** Stops accepting requests, lets in-flight ones finish, releases the model. */
  close(): Promise<void>;
}

/** The server could not listen: the port is taken or the host is not an address of this machine. */
export class ListenError extends Error {
  override readonly name = 'ListenError';
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_HOST;
  const model = await loadServedModel(options.board, options.name, options.version, options.serverVersion);
  const slot = new ModelSlot(model);
  const app = await buildServer({ slot, serverVersion: options.serverVersion, bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT, log: options.log });
  try {
    await app.listen({ host, port: options.port ?? DEFAULT_PORT });
  } catch (error) {
    await app.close();
    await slot.dispose();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new ListenError(`port ${options.port} on ${host} is already in use. Stop what uses it, or choose another port (--port, or PORT for an app; 0 picks a free one).`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new ListenError(`cannot listen on ${host}: it is not an address of this machine. Use 127.0.0.1 (this machine only) or 0.0.0.0 (all interfaces).`);
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : (options.port ?? DEFAULT_PORT);
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  // Switches are serialised: two overlapping switches must not leave the older one serving.
  let switching: Promise<unknown> = Promise.resolve();
  return {
    app,
    url: `http://${urlHost}:${port}`,
    host,
    port,
    name: options.name,
    version: () => slot.current.info.version,
    switchVersion(version) {
      const run = switching.then(async () => {
        const previous = slot.current.info.version;
        // Already serving it (e.g. SIGHUP with nothing newer pinned): nothing to load.
        const target = version ?? (await options.board.meta(options.name)).version;
        if (target === previous) return { previous, version: previous };
        const next = await loadServedModel(options.board, options.name, target, options.serverVersion);
        const drained = slot.switchTo(next);
        // The new version serves from here; the old one is released in the background.
        void drained.catch(() => undefined);
        return { previous, version: next.info.version };
      });
      switching = run.catch(() => undefined);
      return run;
    },
    async close() {
      await app.close();
      await slot.dispose();
    },
  };
}
