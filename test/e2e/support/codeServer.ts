// A throw-away code-server (a real VS Code workbench, served to the browser) for the end-to-end tests:
// its own port on 127.0.0.1, user data, extensions, settings and XDG folders, all under one temp
// folder that stop() deletes, and the Pinwheel extension installed in it, either by linking this
// repository (fast: no packaging, runs dist/ as `npm run build` left it) or from a .vsix.
//
// code-server is not a dependency of the project (installing it compiles native modules for a
// minute): scripts/install-code-server.sh puts it in .tools/code-server. Without it (or without
// Chromium) the tests are skipped with the command that installs it, except in CI (CI=true),
// where .ci/run installs both and a missing one fails the run.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../../support/sharedFixtures.js';

export { repoRoot };

export const CODE_SERVER_BIN = process.env.CODE_SERVER_BIN ?? path.join(repoRoot, '.tools', 'code-server', 'node_modules', '.bin', 'code-server');
export const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

const INSTALL_HINTS: [missing: () => boolean, what: string, how: string][] = [
  [() => !existsSync(CODE_SERVER_BIN), `code-server (${CODE_SERVER_BIN})`, 'bash scripts/install-code-server.sh'],
  [() => !existsSync(CHROMIUM), `Chromium (${CHROMIUM})`, 'apt-get install -y chromium'],
];

/** What the E2E tests need and is missing, with the commands that install it; undefined when all is there. */
export function missingE2eTools(): string | undefined {
  const missing = INSTALL_HINTS.filter(([isMissing]) => isMissing());
  if (missing.length === 0) return undefined;
  return `E2E tests need ${missing.map(([, what]) => what).join(' and ')}: run ${missing.map(([, , how]) => `\`${how}\``).join(' and ')} (.ci/run does this in CI)`;
}

/**
 * node:test options for an E2E test file: `test('…', e2eOptions, async () => …)` or
 * `describe('…', e2eOptions, …)`. Skips off CI when code-server or Chromium is missing; in CI
 * the test runs and startCodeServer()/launchBrowser() fail with the install command.
 */
export const e2eOptions: { skip?: string } = (() => {
  const missing = missingE2eTools();
  return missing && !process.env.CI ? { skip: missing } : {};
})();

/** Throws the install hint when a tool is missing (the CI case, where nothing is skipped). */
export function assertE2eTools(): void {
  const missing = missingE2eTools();
  if (missing) throw new Error(missing);
}

export type ExtensionSource =
  /** Link this folder (an extension root with package.json and its built main) into the extensions folder. */
  | { folder: string }
  /** Install a packaged .vsix with `code-server --install-extension`. */
  | { vsix: string }
  /** No extension (the bare workbench). */
  | { none: true };

export interface CodeServerOptions {
  /** The folder the workbench opens; default: an empty folder in the temp folder. */
  workspace?: string;
  /** Files to create in the workspace folder (relative path → content) before starting. */
  workspaceFiles?: Record<string, string | Uint8Array>;
  /** Which Pinwheel to install; default: this repository, linked (run `npm run build` first). */
  extension?: ExtensionSource;
  /** User settings on top of the quiet defaults below (e.g. `{ 'pinwheel.boards': [...] }`). */
  settings?: Record<string, unknown>;
  /** Extra environment variables for code-server and so for the extension host and what it spawns. */
  env?: Record<string, string>;
  /** How long to wait for code-server to answer /healthz (default 60 s). */
  timeoutMs?: number;
}

export interface CodeServer {
  /** http://127.0.0.1:<port> */
  url: string;
  /** The URL that opens the workbench on the workspace folder. */
  workbenchUrl: string;
  /** The temp folder holding everything below; deleted by stop() (unless KEEP_E2E_DIRS is set). */
  root: string;
  workspace: string;
  userDataDir: string;
  extensionsDir: string;
  /** The folder the extension is installed in (inside extensionsDir), when one is. */
  extensionDir: string | undefined;
  /** code-server's own output so far. */
  output(): string;
  /** The workbench's log files (extension host, the extension's output channels, …): relative path → text. */
  logs(): Record<string, string>;
  /** Copies the log files and code-server's output into `dir` (for a failed test's artifacts). */
  saveLogs(dir: string): void;
  /** Kills code-server and everything it started (extension host, servers the extension spawned), then deletes root. */
  stop(): Promise<void>;
}

/**
 * Quiet settings: no welcome page stealing focus, no port-forwarding toasts for whatever listens on
 * the machine, no git socket left in /tmp, no telemetry, no update checks, no trust prompt.
 */
export const QUIET_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'remote.autoForwardPorts': false,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'npm.autoDetect': 'off',
  'typescript.tsc.autoDetect': 'off',
  'window.restoreWindows': 'none',
  'files.hotExit': 'off',
  'chat.commandCenter.enabled': false,
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `<publisher>.<name>-<version>`: the folder name VS Code gives an installed extension. */
export function extensionFolderName(extensionRoot: string): string {
  const manifest = JSON.parse(readFileSync(path.join(extensionRoot, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
  return `${manifest.publisher}.${manifest.name}-${manifest.version}`;
}

function readLogs(dir: string): Record<string, string> {
  const logs: Record<string, string> = {};
  const walk = (relative: string) => {
    const full = path.join(dir, relative);
    if (!existsSync(full)) return;
    if (statSync(full).isDirectory()) {
      for (const entry of readdirSync(full)) walk(path.join(relative, entry));
    } else if (full.endsWith('.log')) {
      logs[relative] = readFileSync(full, 'utf8');
    }
  };
  walk('');
  return logs;
}

/** Starts code-server and waits until it answers; the workbench itself loads when a browser opens workbenchUrl. */
export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  assertE2eTools();
  const root = mkdtempSync(path.join(tmpdir(), 'pinwheel-e2e-'));
  const userDataDir = path.join(root, 'user-data');
  const extensionsDir = path.join(root, 'extensions');
  const workspace = options.workspace ?? path.join(root, 'workspace');
  const xdg = { XDG_CONFIG_HOME: path.join(root, 'xdg-config'), XDG_DATA_HOME: path.join(root, 'xdg-data'), XDG_CACHE_HOME: path.join(root, 'xdg-cache') };
  for (const dir of [path.join(userDataDir, 'User'), extensionsDir, workspace, ...Object.values(xdg)]) mkdirSync(dir, { recursive: true });
  for (const [file, content] of Object.entries(options.workspaceFiles ?? {})) {
    mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true });
    writeFileSync(path.join(workspace, file), content);
  }
  writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 2));

  // code-server writes its config.yaml into XDG_CONFIG_HOME and its state into XDG_DATA_HOME on
  // first run: both point into root, so nothing lands in the user's home folder.
  const env: NodeJS.ProcessEnv = { ...process.env, ...xdg, ...options.env };
  delete env.VSCODE_IPC_HOOK_CLI; // when run from a VS Code terminal: would send --install-extension there
  const dirArgs = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

  const extension = options.extension ?? { folder: repoRoot };
  let extensionDir: string | undefined;
  try {
    if ('folder' in extension) {
      // VS Code scans <extensions-dir>/<publisher>.<name>-<version>: a link there is an installed
      // extension that runs the folder's files as they are.
      const main = (JSON.parse(readFileSync(path.join(extension.folder, 'package.json'), 'utf8')) as { main?: string }).main;
      if (main && !existsSync(path.join(extension.folder, main))) {
        throw new Error(`${path.join(extension.folder, main)} does not exist: run \`npm run build\` first.`);
      }
      extensionDir = path.join(extensionsDir, extensionFolderName(extension.folder));
      symlinkSync(path.resolve(extension.folder), extensionDir, 'dir');
    } else if ('vsix' in extension) {
      await promisify(execFile)(CODE_SERVER_BIN, [...dirArgs, '--install-extension', path.resolve(extension.vsix)], { env, timeout: 60_000 });
      extensionDir = readdirSync(extensionsDir).map((name) => path.join(extensionsDir, name)).find((dir) => statSync(dir).isDirectory());
    }
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }

  const port = await freePort();
  const child: ChildProcess = spawn(CODE_SERVER_BIN, [
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    ...dirArgs, workspace,
  ], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true }); // detached: its own process group, killed as one
  const pid = child.pid;
  // Whatever happens to the test process, the server and the extension host go with it.
  const killGroup = () => {
    if (pid) {
      try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ }
    }
  };
  process.once('exit', killGroup);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString(); });

  let stopped = false;
  const server: CodeServer = {
    url: `http://127.0.0.1:${port}`,
    workbenchUrl: `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`,
    root, workspace, userDataDir, extensionsDir, extensionDir,
    output: () => output,
    logs: () => readLogs(path.join(userDataDir, 'logs')),
    saveLogs(dir) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'code-server.out.txt'), output);
      if (existsSync(path.join(userDataDir, 'logs'))) cpSync(path.join(userDataDir, 'logs'), path.join(dir, 'logs'), { recursive: true });
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        try { if (pid) process.kill(-pid, 'SIGTERM'); } catch { /* already gone */ }
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([exited, new Promise((resolve) => { timer = setTimeout(resolve, 5000); })]);
        clearTimeout(timer);
      }
      // Stragglers (the extension host, file watchers, servers the extension started) would keep
      // the pipes, and so this process, alive.
      killGroup();
      process.removeListener('exit', killGroup);
      child.stdout?.destroy();
      child.stderr?.destroy();
      if (!process.env.KEEP_E2E_DIRS) rmSync(root, { recursive: true, force: true, maxRetries: 3 });
    },
  };

  const timeoutMs = options.timeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await server.stop();
      throw new Error(`code-server exited before it was ready (${child.exitCode ?? child.signalCode}):\n${output}`);
    }
    try {
      const response = await fetch(`${server.url}/healthz`, { headers: { connection: 'close' } });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`code-server did not answer /healthz within ${timeoutMs} ms:\n${output}`);
    }
    await sleep(100);
  }
  return server;
}
