// `npm start`: builds the extension, writes the demo workspace (./demo-workspace, see
// demoWorkspace.ts) and opens it with Pinwheel loaded: in desktop VS Code when `code` is on the PATH,
// otherwise in browser VS Code (code-server on 127.0.0.1, installed into .tools/ on first use),
// printing the address to open. `npm start -- --tour` instead tours the demo board with the CLI.
// `--check` (for tests) starts code-server, checks the workbench answers, prints the address and stops.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { runDemoTour } from './demoTour.js';
import { writeDemoWorkspace } from './demoWorkspace.js';

const repoRoot = path.resolve(import.meta.dirname, '..');
const args = new Set(process.argv.slice(2));
const codeServerBin = process.env.CODE_SERVER_BIN ?? path.join(repoRoot, '.tools', 'code-server', 'node_modules', '.bin', 'code-server');

function onPath(command: string): boolean {
  return spawnSync(process.platform === 'win32' ? 'where' : 'which', [command], { stdio: 'ignore' }).status === 0;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The extension as code-server loads it: this repository linked into its extensions folder. */
function linkExtension(extensionsDir: string): void {
  const { publisher, name, version } = JSON.parse(spawnSync(process.execPath, ['-p', 'JSON.stringify(require("./package.json"))'], { cwd: repoRoot, encoding: 'utf8' }).stdout) as { publisher: string; name: string; version: string };
  mkdirSync(extensionsDir, { recursive: true });
  const link = path.join(extensionsDir, `${publisher}.${name}-${version}`);
  if (existsSync(link) || lstatSync(link, { throwIfNoEntry: false })) {
    if (lstatSync(link).isSymbolicLink() && readlinkSync(link) === repoRoot) return;
    rmSync(link, { recursive: true, force: true });
  }
  symlinkSync(repoRoot, link, 'dir');
}

async function openInCodeServer(workspace: string, check: boolean): Promise<number> {
  if (!existsSync(codeServerBin)) {
    console.log('Browser VS Code (code-server) is not installed yet: installing it into .tools/code-server (once; about a minute)…');
    const installed = spawnSync('bash', [path.join(repoRoot, 'scripts', 'install-code-server.sh')], { cwd: repoRoot, stdio: 'inherit' });
    if (installed.status !== 0) {
      console.error('Could not install code-server (see above). Install VS Code and put `code` on the PATH, or fix the install and run npm start again.');
      return 1;
    }
  }
  // One home for the demo's VS Code, kept between runs (settings, window layout), git-ignored.
  const home = path.join(repoRoot, '.tools', 'vscode-demo');
  const userData = path.join(home, 'user-data');
  mkdirSync(path.join(userData, 'User'), { recursive: true });
  const settings = path.join(userData, 'User', 'settings.json');
  if (!existsSync(settings)) {
    writeFileSync(settings, `${JSON.stringify({
      'workbench.startupEditor': 'readme',
      'telemetry.telemetryLevel': 'off',
      'remote.autoForwardPorts': false,
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
    }, null, 2)}\n`);
  }
  linkExtension(path.join(home, 'extensions'));
  const port = Number(process.env.PINWHEEL_START_PORT) || (await freePort());
  const env = { ...process.env, XDG_CONFIG_HOME: path.join(home, 'xdg-config'), XDG_DATA_HOME: path.join(home, 'xdg-data') };
  // 127.0.0.1 only, so `--auth none` exposes nothing to the network. The demo workspace is our own
  // generated folder, so it opens trusted (serving and writing need trust).
  const child = spawn(codeServerBin, [
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--user-data-dir', userData, '--extensions-dir', path.join(home, 'extensions'), workspace,
  ], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let log = '';
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const stop = () => {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  process.once('SIGINT', stop).once('SIGTERM', stop).once('exit', stop);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      console.error(`code-server stopped before it was ready:\n${log}`);
      return 1;
    }
    const healthy = await fetch(`${base}/healthz`).then((response) => response.ok, () => false);
    if (healthy) break;
    if (Date.now() > deadline) {
      console.error(`code-server did not answer within 60 s:\n${log}`);
      stop();
      return 1;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const url = `${base}/?folder=${encodeURIComponent(workspace)}`;
  if (check) {
    const page = await fetch(url);
    console.log(`Workbench ${page.status} at ${url}`);
    stop();
    return page.ok ? 0 : 1;
  }
  console.log(`\nPinwheel is running in browser VS Code. Open:\n\n  ${url}\n\nThen click the Pinwheel icon in the activity bar. Ctrl+C stops it.`);
  await new Promise((resolve) => child.once('exit', resolve));
  return 0;
}

async function main(): Promise<number> {
  if (args.has('--tour')) return (await runDemoTour(process.cwd())) ? 0 : 1;
  const build = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs')], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) return 1;
  const workspace = path.join(process.cwd(), 'demo-workspace');
  try {
    await writeDemoWorkspace(workspace);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
  console.log(`Demo workspace written to ${workspace}.`);
  if (!args.has('--check') && !args.has('--browser') && onPath('code')) {
    const opened = spawnSync('code', ['--extensionDevelopmentPath', repoRoot, workspace], { stdio: 'inherit' });
    if (opened.status === 0) {
      console.log('Opened in VS Code with Pinwheel loaded from this folder: click the Pinwheel icon in the activity bar.');
      return 0;
    }
    console.log('`code` did not start; opening browser VS Code instead.');
  }
  return openInCodeServer(workspace, args.has('--check'));
}

process.exitCode = await main();
