/**
 * Shared by the deploy-*.test.ts files: installs a written app's dependencies from the npm cache
 * the project's own install filled (no network), and runs the app as a user would, `node app.js`.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { tableFromRecords, type Board } from '../../src/core/pins/index.js';
import { pinModel } from '../../src/core/vetiver/index.js';
import { FOREST_FEATURES, forestFile } from '../support/servedForest.js';

import { runProcess as run, type ProcessResult as Run } from '../support/runProcess.js';

export { run, type Run };

/**
 * Runs an npm install command offline; when the cache lacks a tarball (a machine whose npm
 * cache was cleaned), once more preferring the cache but allowed to fetch.
 */
export async function npmOffline(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  const offline = await run('npm', args, { cwd, env: { ...env, npm_config_offline: 'true' } });
  if (offline.code === 0) return offline;
  const online = await run('npm', args, { cwd, env: { ...env, npm_config_prefer_offline: 'true' } });
  assert.equal(online.code, 0, `npm ${args.join(' ')} failed offline and online in ${cwd}:\n${offline.stderr}\n${online.stderr}`);
  return { ...online, ms: offline.ms + online.ms };
}

/** The six boolean columns of the ads data, all combinations of the first few. */
function prototypeRows(): Record<string, boolean>[] {
  return [0, 1, 2, 3, 5, 8].map((bits) => Object.fromEntries(FOREST_FEATURES.map((feature, index) => [feature, ((bits >> index) & 1) === 1])));
}

/** Pins the skl2onnx forest of ../shared as `name`; returns the new version. */
export async function pinForest(board: Board, name: string, options: { forceIdentical?: boolean } = {}): Promise<string> {
  const result = await pinModel(board, { model: forestFile(), name, prototype: tableFromRecords(prototypeRows()), ...options });
  return result.version;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningApp {
  child: ChildProcess;
  url: string;
  /** From spawning `node app.js` to the first 200 on /ping. */
  startToPingMs: number;
  stdout: () => string;
  stderr: () => string;
  /** SIGTERM; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `command` (node app.js) in `cwd`, as `user` if given, and waits until GET /ping answers 200. */
export async function startApp(command: string[], cwd: string, env: NodeJS.ProcessEnv, port?: number, user: { uid?: number; gid?: number } = {}): Promise<RunningApp> {
  const started = performance.now();
  const [program = process.execPath, ...args] = command;
  const child = spawn(program === 'node' ? process.execPath : program, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], ...user });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let exited = false;
  void exit.then(() => (exited = true));
  const deadline = Date.now() + 20_000;
  for (;;) {
    assert.ok(!exited, `the app exited before answering /ping:\n${stderr}`);
    assert.ok(Date.now() < deadline, `the app did not answer /ping within 20 s:\n${stderr}`);
    // With PORT=0 the app picks a port and says which on stderr.
    const url = port === undefined ? /at (http:\/\/\S+?) /.exec(stderr)?.[1] : `http://127.0.0.1:${port}`;
    if (url) {
      const pong = await fetch(`${url}/ping`).then((response) => response.status, () => 0);
      if (pong === 200) {
        return {
          child,
          url,
          startToPingMs: Math.round(performance.now() - started),
          stdout: () => stdout,
          stderr: () => stderr,
          stop: () => {
            child.kill('SIGTERM');
            return exit;
          },
        };
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
