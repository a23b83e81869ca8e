import { formatDate, formatTable, isoOrNull, toJson } from '../output.js';
import { pinNameArg, withBoard, wantsJson, type RunCommand } from '../command.js';

export const run: RunCommand = async (args, context) => {
  const name = pinNameArg(args);
  const versions = await withBoard(args, context, 'versions', 'read', (board) => board.versions(name));
  if (wantsJson(args)) {
    context.output.out(toJson(versions.map((v) => ({ version: v.version, created: isoOrNull(v.created), hash: v.hash }))));
    return;
  }
  const rows = versions.map((v) => [v.version, formatDate(v.created), v.hash ?? '-']);
  context.output.out(formatTable(['VERSION', 'CREATED', 'HASH'], rows));
};
