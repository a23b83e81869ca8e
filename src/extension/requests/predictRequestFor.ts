// The example request for a pin: its prototype's example row, sent to the server that serves the pin,
// or to `pinwheel serve`'s default address with a note saying how to start one.
import type { Board } from '../../core/pins/index.js';
import type { PredictRequest } from '../../core/requests/predictRequest.js';
import { DEFAULT_HOST, DEFAULT_PORT } from '../../core/serverDefaults.js';
import type { BoardEntry } from '../boards/boardEntry.js';
import type { PinTarget } from '../boards/pinTarget.js';
import type { ServedModelInfo } from '../servers/servedModels.js';

export interface PredictRequestFor {
  request: PredictRequest;
  /** False when no running server serves the pin: the snippet's URL is a guess. */
  served: boolean;
}

export async function predictRequestFor(target: PinTarget, deps: { boards: { open(entry: BoardEntry): Promise<Board> }; servers: { list(): readonly ServedModelInfo[] } }): Promise<PredictRequestFor> {
  const server = deps.servers.list().find((info) => info.boardFolder === target.board.folder && info.pin === target.pin && info.state === 'running' && info.url);
  const board = await deps.boards.open(target.board);
  const [{ readModelPin }, { exampleRow }] = await Promise.all([import('../../core/vetiver/index.js'), import('../../core/requests/exampleRow.js')]);
  // Without a version asked for, the example fits what the running server answers with.
  const model = await readModelPin(board, target.pin, target.version ?? server?.version);
  if (!model.prototype || model.prototype.length === 0) {
    throw new Error(`${model.name}@${model.version} records no prototype (the columns a request sends), so there is no example row to build a request from.`);
  }
  const note = !server
    ? `No Pinwheel server serves ${model.name} yet: start one with "Pinwheel: Serve Version" and use the address it shows,\n`
      + `or run \`pinwheel serve ${model.name} --board "${target.board.folder}"\`, which listens on this address.`
    : server.version !== model.version
      ? `The server at ${server.url} serves version ${server.version}, not ${model.version}: switch it with "Pinwheel: Switch Served Version…".`
      : undefined;
  return {
    served: server !== undefined,
    request: {
      baseUrl: server?.url ?? `http://${DEFAULT_HOST}:${DEFAULT_PORT}`,
      pin: model.name,
      version: model.version,
      rows: [exampleRow(model.prototype)],
      classifier: model.spec?.task === 'classification',
      note,
    },
  };
}
