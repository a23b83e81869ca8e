// The extension's predict-server manager and its commands, with the stub `vscode` module and a REAL
// child process: dist/cli.js's `pinwheel serve` of the demo forest on a real socket. Serve, switch,
// kill -9 (crash → message with the last log lines → Restart), stopAll (no child left).
import assert from 'node:assert/strict';
import { cp } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as vscode from 'vscode';
import { DEMO_MODEL, writeDemoBoard } from '../../src/core/demo/demoBoard.js';
import { openBoard, type Board } from '../../src/core/pins/index.js';
import type { BoardEntry } from '../../src/extension/boards/boardEntry.js';
import type { PinTarget, PinTargetResolver } from '../../src/extension/boards/pinTarget.js';
import { registerServerCommands } from '../../src/extension/servers/serverCommands.js';
import type { ServerInfo } from '../../src/extension/servers/serverInfo.js';
import { ServerManager, ServerStartError } from '../../src/extension/servers/serverManager.js';
import { repoRoot } from '../support/sharedFixtures.js';
import { resetStub, setConfiguration, stub } from '../support/vscode/stub.js';
import { ensureCliBuilt, tempFolders } from '../integration/cli-harness.js';

const folders = tempFolders('server-manager');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Resolves when the manager's state satisfies `ready`, checked on every change. */
function waitFor(manager: ServerManager, ready: (servers: readonly ServerInfo[]) => boolean, timeoutMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (ready(manager.list())) return resolve();
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`timed out; servers: ${JSON.stringify(manager.list())}`));
    }, timeoutMs);
    const listener = manager.onDidChange(() => {
      if (!ready(manager.list())) return;
      clearTimeout(timer);
      listener.dispose();
      resolve();
    });
  });
}

async function predict(url: string): Promise<{ status: number; body: { predict?: number[] }; version: string | null }> {
  const row = { funny: true, show_product: true, patriotic: false, celebrity: true, danger: false, animals: false };
  const response = await fetch(`${url}/predict`, { method: 'POST', body: JSON.stringify([row]) });
  return { status: response.status, body: (await response.json()) as { predict?: number[] }, version: response.headers.get('x-model-version') };
}

describe('ServerManager with real `pinwheel serve` children', () => {
  let board: Board;
  let entry: BoardEntry;
  let versions: string[] = [];
  let manager: ServerManager;
  const pids = new Set<number>();
  const context = { subscriptions: [] as { dispose(): unknown }[], extensionPath: repoRoot };

  before(async () => {
    await ensureCliBuilt();
    const folder = await folders.make();
    board = await openBoard(folder);
    await writeDemoBoard(board);
    versions = (await board.versions(DEMO_MODEL)).map((v) => v.version);
    entry = { id: folder, name: 'demo', folder, source: 'demo' };
    resetStub();
    manager = new ServerManager({ cliPath: path.join(repoRoot, 'dist', 'cli.js'), stopGraceMs: 3000 });
    manager.onDidChange(() => manager.list().forEach((info) => info.pid && pids.add(info.pid)));
    const targets: PinTargetResolver = {
      resolve: async (arg) => arg as PinTarget,
      resolveBoard: async () => entry,
    };
    registerServerCommands(context as unknown as vscode.ExtensionContext, { manager, targets, boards: { open: async () => board } });
  });

  after(async () => {
    await manager.stopAll();
    manager.dispose();
    context.subscriptions.forEach((d) => d.dispose());
    await folders.cleanup();
  });

  test('Serve Version starts a child, shows pin@version and port in the status bar, and /predict answers', async (t) => {
    const oldest = versions[0]!;
    const started = performance.now();
    await vscode.commands.executeCommand('pinwheel.serveVersion', { board: entry, pin: DEMO_MODEL, version: oldest });
    const spawnToReady = performance.now() - started;
    const [info] = manager.list();
    assert.ok(info && info.state === 'running' && info.url && info.port, JSON.stringify(manager.list()));
    assert.equal(info.version, oldest);
    assert.match(info.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const item = stub.statusBarItems.find((i) => i.visible);
    assert.ok(item);
    assert.equal(item.text, `$(radio-tower) ${DEMO_MODEL}@${oldest.slice(0, 9)}…${oldest.slice(-6)} :${info.port}`);
    assert.deepEqual(item.command, { command: 'pinwheel.serverActions', title: 'Server Actions…', arguments: [info.id] });
    assert.match(String(item.tooltip), new RegExp(`Serving ${DEMO_MODEL} version ${oldest} .* at ${info.url}`));
    assert.ok(stub.messages.some((m) => m.level === 'info' && m.message.startsWith(`Serving ${DEMO_MODEL}@${oldest} at ${info.url}`)), JSON.stringify(stub.messages));
    const answer = await predict(info.url);
    assert.equal(answer.status, 200);
    assert.equal(answer.version, oldest);
    assert.equal(answer.body.predict?.length, 1);
    assert.ok(Number.isFinite(answer.body.predict?.[0]));
    const log = stub.outputChannels.find((c) => c.name === 'Pinwheel Servers');
    assert.ok(log?.lines.some((line) => line.startsWith(`[${DEMO_MODEL}] Serving ${DEMO_MODEL}@${oldest}`)), log?.lines.join('\n'));
    t.diagnostic(`spawn → ready: ${info.startupMs} ms in the manager (${Math.round(spawnToReady)} ms for the whole command)`);
  });

  test('Switch Served Version… switches in place (same process and port); /metadata reports the new version', async () => {
    const [before] = manager.list();
    assert.ok(before?.url);
    const newest = versions.at(-1)!;
    let offered: string[] = [];
    Object.assign(vscode.window, {
      showQuickPick: async <T extends { label: string; description?: string; version?: string }>(items: readonly T[]) => {
        offered = items.map((item) => `${item.label} | ${item.description}`);
        return items.find((item) => item.version === newest);
      },
    });
    await vscode.commands.executeCommand('pinwheel.switchServedVersion', before.id);
    // Newest first, the current one marked.
    assert.deepEqual(offered, [`${newest} | latest`, `$(check) ${before.version} | serving now`]);
    const [after] = manager.list();
    assert.equal(after?.version, newest);
    assert.equal(after?.pid, before.pid);
    assert.equal(after?.port, before.port);
    const metadata = (await (await fetch(`${before.url}/metadata`)).json()) as { version: string };
    assert.equal(metadata.version, newest);
    assert.ok(stub.messages.some((m) => m.message.startsWith(`Now serving ${DEMO_MODEL}@${newest}`)));
    assert.match(stub.statusBarItems.find((i) => i.visible)?.text ?? '', new RegExp(`@${newest.slice(0, 9)}…${newest.slice(-6)} :${before.port}$`));

    // Serving another version of a pin already served is a switch of the same server, and says so.
    const result = await manager.serve({ board: entry, pin: DEMO_MODEL, version: versions[0] });
    assert.equal(result.outcome, 'switched');
    assert.equal(result.info.pid, before.pid);
    assert.equal((await predict(before.url)).version, versions[0]);
    assert.equal((await manager.serve({ board: entry, pin: DEMO_MODEL, version: versions[0] })).outcome, 'already-serving');
    // Without a version: the latest, in the same server.
    assert.equal((await manager.serve({ board: entry, pin: DEMO_MODEL })).info.version, newest);
  });

  test('kill -9 of the child: crash message with the last log lines and Restart; Restart serves again', async () => {
    const [running] = manager.list();
    assert.ok(running?.pid && running.state === 'running');
    stub.messageAnswers = ['Restart'];
    const messagesBefore = stub.messages.length;
    process.kill(running.pid, 'SIGKILL');
    await waitFor(manager, (servers) => servers[0]?.state === 'crashed');
    const crashed = manager.list()[0]!;
    assert.match(stub.statusBarItems.find((i) => i.visible)?.text ?? '', /^\$\(error\) ads_model@.* crashed$/);
    const message = stub.messages.slice(messagesBefore).find((m) => m.level === 'error');
    assert.ok(message, JSON.stringify(stub.messages.slice(messagesBefore)));
    assert.match(message.message, new RegExp(`^The predict server for ${DEMO_MODEL}@${crashed.version} stopped unexpectedly \\(killed by SIGKILL\\)\\. Its last log lines:\n`));
    assert.match(message.message, /Now serving ads_model@/, 'the last lines the server printed');
    assert.deepEqual(message.items, ['Restart', 'Show Log']);
    // The answer "Restart" runs pinwheel.restartServer: the same version, in a new process, on the
    // same port (requests copied before the crash still work).
    await waitFor(manager, (servers) => servers[0]?.state === 'running');
    const restarted = manager.list()[0]!;
    assert.notEqual(restarted.pid, running.pid);
    assert.equal(restarted.version, running.version);
    assert.equal(restarted.port, running.port);
    assert.equal((await predict(restarted.url!)).status, 200);
  });

  test('Restart when something else took the port: the server starts on a free port and the log says why', async () => {
    const [running] = manager.list();
    assert.ok(running?.pid && running.port && running.state === 'running');
    process.kill(running.pid, 'SIGKILL');
    await waitFor(manager, (servers) => servers[0]?.state === 'crashed');
    // Another program listens on the port meanwhile.
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(running.port!, '127.0.0.1', resolve));
    try {
      const restarted = await manager.restart(running.id);
      assert.equal(restarted.state, 'running');
      assert.notEqual(restarted.port, running.port);
      assert.equal((await predict(restarted.url!)).status, 200);
      const log = stub.outputChannels.find((c) => c.name === 'Pinwheel Servers');
      assert.ok(log?.lines.some((line) => line.includes(`Port ${running.port} is taken now`)), log?.lines.slice(-8).join('\n'));
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });

  test('a bad host setting and a pin that does not exist are refused with messages that say why', async () => {
    setConfiguration('pinwheel.server.host', 'not a host!');
    await assert.rejects(manager.serve({ board: entry, pin: 'ads' }), /The setting pinwheel\.server\.host is "not a host!", but it must be an IP address or a host name/);
    setConfiguration('pinwheel.server.host', '127.0.0.1');
    const failure = await manager.serve({ board: entry, pin: 'no_such_model' }).then(() => undefined, (error: unknown) => error);
    assert.ok(failure instanceof ServerStartError, String(failure));
    assert.match(failure.message, /no_such_model/);
    assert.equal(manager.list().length, 1, 'the failed server leaves nothing behind');
  });

  test('Stop while a server is still starting stops it at once; the serve call says so', async () => {
    const copy = await folders.make();
    await cp(entry.folder, copy, { recursive: true });
    const board2 = { ...entry, id: copy, folder: copy, name: 'starting' };
    const serving = manager.serve({ board: board2, pin: DEMO_MODEL });
    await waitFor(manager, (servers) => servers.some((info) => info.boardFolder === copy && info.pid !== null));
    const { id } = manager.find(copy, DEMO_MODEL)!;
    await manager.stop(id);
    await assert.rejects(serving, /the server was stopped before it was ready/);
    assert.equal(manager.find(copy, DEMO_MODEL), undefined);
  });

  test('stopAll stops every child (none left alive) and removes the status-bar items', async (t) => {
    await manager.serve({ board: entry, pin: DEMO_MODEL, version: versions[0] });
    // A second board (a copy of the first) for a second server.
    const copy = await folders.make();
    await cp(entry.folder, copy, { recursive: true });
    await manager.serve({ board: { ...entry, id: copy, folder: copy, name: 'copy' }, pin: DEMO_MODEL });
    const running = manager.list().filter((info) => info.state === 'running').length;
    assert.equal(running, 2);
    assert.ok(pids.size >= 2, `children seen: ${[...pids].join(', ')}`);
    const started = performance.now();
    await manager.stopAll();
    const ms = performance.now() - started;
    assert.deepEqual(manager.list(), []);
    for (const pid of pids) assert.equal(isAlive(pid), false, `child ${pid} is still alive`);
    assert.equal(stub.statusBarItems.filter((i) => i.visible).length, 0);
    t.diagnostic(`stopAll of ${running} running server(s): ${Math.round(ms)} ms`);
  });
});
