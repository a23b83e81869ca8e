import { toJson } from '../output.js';
import { withBoard, wantsJson, type Command } from '../command.js';

export const listCommand: Command = {
  name: 'list',
  summary: 'list the pins on a board',
  positionals: [],
  options: {},
  jsonShape: '["pin-name", …]   (sorted)',
  examples: ['pinwheel list --board ./my-board', 'pinwheel list --board ./my-board --json'],
  async run(args, context) {
    const names = await withBoard(args, context, 'list', 'read', (board) => board.list());
    if (wantsJson(args)) context.output.out(toJson(names));
    else if (names.length === 0) context.output.err('No pins on this board yet.');
    else context.output.out(names.join('\n'));
  },
};
