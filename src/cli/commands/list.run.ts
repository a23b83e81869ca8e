import { toJson } from '../output.js';
import { withBoard, wantsJson, type RunCommand } from '../command.js';

export const run: RunCommand = async (args, context) => {
  const names = await withBoard(args, context, 'list', 'read', (board) => board.list());
  if (wantsJson(args)) context.output.out(toJson(names));
  else if (names.length === 0) context.output.err('No pins on this board yet.');
  else context.output.out(names.join('\n'));
};
