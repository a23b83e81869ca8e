import path from 'node:path';
import { CliUsageError } from '../errors.js';
import { toJson } from '../output.js';
import { pinNameArg, stringFlag, withBoard, wantsJson, type RunCommand } from '../command.js';

export const run: RunCommand = async (args, context) => {
  const name = pinNameArg(args);
  const version = stringFlag(args, 'version');
  const to = stringFlag(args, 'to');
  if (to === '') throw new CliUsageError('--to needs a folder, e.g. --to ./downloads.', 'download');
  const target = to === undefined ? undefined : path.resolve(context.cwd, to);
  // download() checks the pin, the version and its files before it creates the target folder.
  const { resolved, files } = await withBoard(args, context, 'download', 'read', async (board) => {
    // Resolve "the latest" once, so the files and the version reported are the same one.
    const resolved = (await board.meta(name, version)).version;
    return { resolved, files: await board.download(name, { version: resolved, to: target }) };
  });
  if (wantsJson(args)) context.output.out(toJson({ name, version: resolved, files }));
  else context.output.out(files.join('\n'));
};
