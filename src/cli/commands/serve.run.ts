import { openBoard } from '../../core/pins/index.js';
import { isParentMessage, type ChildMessage } from '../../server/childProtocol.js';
import { DEFAULT_BODY_LIMIT, DEFAULT_HOST, DEFAULT_PORT } from '../../core/serverDefaults.js';
import { byteSize, portNumber } from '../../core/serverSettingValues.js';
import { ListenError, startServer, type RunningServer } from '../../server/listen.js';
import { BufferedLineWriter, jsonLinesSink } from '../../server/requestLog.js';
import { boardUri, pinNameArg, stringFlag, wantsJson, type RunCommand, type CommandContext } from '../command.js';
import { parseOptionalFlag } from '../flagValues.js';
import { CliUsageError } from '../errors.js';
import packageJson from '../../../package.json' with { type: 'json' };

function send(message: ChildMessage): void {
  if (process.send && process.connected) process.send(message);
}

/** Resolves when the server has stopped (SIGTERM, SIGINT, or a `stop` message from the parent). */
function serveUntilStopped(server: RunningServer, context: CommandContext, json: boolean): Promise<void> {
  return new Promise((resolve) => {
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      send({ type: 'stopping' });
      context.output.err('Stopping: finishing the requests in flight…');
      void server.close().then(resolve, resolve);
    };
    const switchTo = (version: string | null) => {
      server.switchVersion(version ?? undefined).then(
        ({ previous, version: now }) => {
          context.output.err(now === previous ? `Already serving ${server.name}@${now}; nothing to switch to.` : `Now serving ${server.name}@${now} (was ${previous}).`);
          send({ type: 'switched', version: now, previous });
          if (json) context.output.out(JSON.stringify({ type: 'switched', version: now, previous }));
        },
        (error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          context.output.err(`Could not switch to ${version ?? 'the latest version'}: ${message} Still serving ${server.version()}.`);
          send({ type: 'switch-failed', version, message });
          if (json) context.output.out(JSON.stringify({ type: 'switch-failed', version, message }));
        },
      );
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    // `kill -HUP` rolls forward to the newest version, e.g. after a deploy pinned a new one.
    process.on('SIGHUP', () => switchTo(null));
    process.on('message', (message: unknown) => {
      if (!isParentMessage(message)) return;
      if (message.type === 'stop') stop();
      else switchTo(message.version);
    });
    // The parent going away (the extension host crashed or quit) must not leave a server behind.
    process.on('disconnect', stop);
  });
}

export const run: RunCommand = async (args, context) => {
  const name = pinNameArg(args);
  const listenPort = parseOptionalFlag('port', args.values.port, portNumber, 'serve') ?? DEFAULT_PORT;
  const bodyLimit = parseOptionalFlag('body-limit', args.values['body-limit'], byteSize, 'serve') ?? DEFAULT_BODY_LIMIT;
  const host = stringFlag(args, 'host') ?? DEFAULT_HOST;
  const uri = boardUri(args, context, 'serve');
  const writer = new BufferedLineWriter({ write: (chunk: string) => { context.output.out(chunk.trimEnd()); return true; } });
  let server: RunningServer;
  try {
    const board = await openBoard(uri, { cwd: context.cwd, readOnly: uri.trim() !== 'temp' });
    server = await startServer({ board, name, version: stringFlag(args, 'version'), host, port: listenPort, bodyLimit, log: jsonLinesSink(writer), serverVersion: packageJson.version });
  } catch (error) {
    send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    if (error instanceof ListenError) throw new CliUsageError(error.message, 'serve');
    throw error;
  }
  // Signals and IPC are handled before anyone is told the server is ready.
  const stopped = serveUntilStopped(server, context, wantsJson(args));
  const ready: ChildMessage = { type: 'ready', url: server.url, host: server.host, port: server.port, name, version: server.version(), pid: process.pid, startupMs: Math.round(performance.now()) };
  send(ready);
  if (wantsJson(args)) context.output.out(JSON.stringify(ready));
  // A child of the extension is stopped from VS Code, not with Ctrl+C.
  const howToStop = process.send ? '' : ' Ctrl+C to stop.';
  context.output.err(`Serving ${name}@${server.version()} at ${server.url}  (docs: ${server.url}/__docs__).${howToStop}`);
  if (host !== DEFAULT_HOST && host !== 'localhost' && host !== '::1') {
    context.output.err(`Note: listening on ${host}, so other machines on the network can call this API.`);
  }
  await stopped;
  writer.flush();
  // The IPC channel would keep the process alive after the server has stopped.
  if (process.connected) process.disconnect();
};
