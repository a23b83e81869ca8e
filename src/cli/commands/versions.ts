import { formatDate, formatTable, isoOrNull, toJson } from '../output.js';
import { pinNameArg, withBoard, wantsJson, type Command } from '../command.js';

export const versionsCommand: Command = {
  name: 'versions',
  summary: "list a pin's versions, oldest first",
  positionals: [{ name: 'NAME', required: true, description: 'the pin name' }],
  options: {},
  jsonShape: '[{"version": string, "created": ISO-8601 UTC string|null, "hash": string|null}, …]   (oldest first; the last is the latest)',
  examples: ['pinwheel versions df_csv --board ./my-board'],
  async run(args, context) {
    const name = pinNameArg(args);
    const versions = await withBoard(args, context, 'versions', 'read', (board) => board.versions(name));
    if (wantsJson(args)) {
      context.output.out(toJson(versions.map((v) => ({ version: v.version, created: isoOrNull(v.created), hash: v.hash }))));
      return;
    }
    const rows = versions.map((v) => [v.version, formatDate(v.created), v.hash ?? '-']);
    context.output.out(formatTable(['VERSION', 'CREATED', 'HASH'], rows));
  },
};
