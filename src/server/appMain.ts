/**
 * Entry point of a written app's server (bundled to dist/app-server.js; `pinwheel write-app`
 * copies it to <app>/server/). Configured by environment variables, which the app's app.js
 * fills from pinwheel-app.json: see src/core/deploy/appSettings.ts.
 */
import { appSettingsFromEnv } from '../core/deploy/index.js';
import { isPinsError, openBoard } from '../core/pins/index.js';
import { isModelError } from '../core/vetiver/index.js';
import { ListenError, startServer, type RunningServer } from './listen.js';
import { BufferedLineWriter, jsonLinesSink } from './requestLog.js';
import packageJson from '../../package.json' with { type: 'json' };

function fail(message: string): never {
  process.stderr.write(`Error: ${message}\n`);
  process.exit(1);
}

const parsed = appSettingsFromEnv(process.env);
if (!parsed.ok) fail(`${parsed.problems.join(' ')} Fix ${parsed.problems.length > 1 ? 'them' : 'it'} in the environment (the board, pin and version default to pinwheel-app.json next to app.js).`);
const settings = parsed.settings;

const writer = new BufferedLineWriter(process.stdout);
let server: RunningServer;
try {
  // Read-only: the server never writes, so a read-only board or root file system works.
  const board = await openBoard(settings.board, { readOnly: true });
  server = await startServer({
    board,
    name: settings.pin,
    version: settings.version,
    host: settings.host,
    port: settings.port,
    ...(settings.bodyLimit === undefined ? {} : { bodyLimit: settings.bodyLimit }),
    log: jsonLinesSink(writer),
    serverVersion: packageJson.version,
  });
} catch (error) {
  if (error instanceof ListenError) fail(`${error.message} For this app, set the PORT and HOST environment variables.`);
  if (isPinsError(error) || isModelError(error)) fail(error.message);
  throw error;
}

process.stderr.write(`Serving ${server.name}@${server.version()} at ${server.url} (docs: ${server.url}/__docs__).\n`);
if (server.host !== '127.0.0.1' && server.host !== 'localhost' && server.host !== '::1') {
  process.stderr.write(`Listening on ${server.host}: other machines on the network can call this API.\n`);
}

// Kubernetes and Docker stop containers with SIGTERM: finish the requests in flight, then exit 0.
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  process.stderr.write('Stopping: finishing the requests in flight…\n');
  server.close().then(
    () => {
      writer.flush();
      process.exitCode = 0;
    },
    (error: unknown) => {
      writer.flush();
      process.stderr.write(`Error while stopping: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
