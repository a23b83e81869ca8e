import type { Command } from '../command.js';
import { deleteCommand } from './delete.js';
import { downloadCommand } from './download.js';
import { listCommand } from './list.js';
import { metaCommand } from './meta.js';
import { modelCommand } from './model.js';
import { pinModelCommand } from './pinModel.js';
import { predictCommand } from './predict.js';
import { pruneCommand } from './prune.js';
import { readCommand } from './read.js';
import { searchCommand } from './search.js';
import { serveCommand } from './serve.js';
import { versionsCommand } from './versions.js';
import { writeCommand } from './write.js';
import { writeAppCommand, writeDockerCommand, writeK8sCommand } from './writeApp.js';

/**
 * In the order `pinwheel --help` lists them: reading first, then changing the board. Only what
 * --help and dispatch need is here; each command's code (<name>.run.ts) loads when it runs.
 */
export const COMMANDS: Command[] = [
  listCommand,
  searchCommand,
  versionsCommand,
  metaCommand,
  readCommand,
  writeCommand,
  pinModelCommand,
  modelCommand,
  downloadCommand,
  deleteCommand,
  pruneCommand,
  serveCommand,
  predictCommand,
  writeAppCommand,
  writeDockerCommand,
  writeK8sCommand,
];
