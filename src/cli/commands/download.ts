import path from 'node:path';
import { CliUsageError } from '../errors.js';
import { toJson } from '../output.js';
import { pinNameArg, stringFlag, withBoard, wantsJson, type Command } from '../command.js';

export const downloadCommand: Command = {
  name: 'download',
  summary: "copy the files of a pin version into a folder, or show where they are",
  positionals: [{ name: 'NAME', required: true, description: 'the pin name' }],
  options: {
    version: { type: 'string', value: 'V', example: '20220214T163720Z-9bfad', description: 'a version from `pinwheel versions NAME` (default: the latest)' },
    to: { type: 'string', value: 'DIR', example: './downloads', description: 'the folder to copy into (created if missing). Without --to, prints where the files are on the board' },
  },
  details: 'Works for every pin type, including R and Python objects (rds, joblib…) that Pinwheel does not read. data.txt is not copied.',
  jsonShape: '{"name": string, "version": string (the version downloaded), "files": ["/absolute/path/of/each/file", …]}',
  examples: ['pinwheel download ads_rf --to ./models --board ./my-board', 'pinwheel download ads_rf --board ./my-board'],
  async run(args, context) {
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
  },
};
