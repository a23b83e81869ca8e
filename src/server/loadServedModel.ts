import { openModelSession } from '../core/inference/index.js';
import type { Board } from '../core/pins/index.js';
import { loadServableModel } from '../core/vetiver/index.js';
import { makeServedModel, type ServedModel } from './servedModel.js';

/**
 * Reads a model pin version (the latest when `version` is omitted) and loads it into a session.
 * Pickles and other pins that cannot be served fail here with a ModelError that says why.
 */
export async function loadServedModel(board: Board, name: string, version: string | undefined, serverVersion: string): Promise<ServedModel> {
  const { description, spec, modelBytes } = await loadServableModel(board, name, version);
  const session = await openModelSession(modelBytes, spec);
  return makeServedModel(
    {
      name: description.name,
      version: description.version,
      title: description.title,
      description: description.description,
      requiredPkgs: description.requiredPkgs,
      pythonVersion: description.pythonVersion,
      user: description.user,
      url: null,
    },
    spec,
    session,
    serverVersion,
  );
}
