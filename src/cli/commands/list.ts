import type { Command } from '../command.js';

export const listCommand: Command = {
  name: 'list',
  summary: 'list the pins on a board',
  positionals: [],
  options: {},
  jsonShape: '["pin-name", …]   (sorted)',
  examples: ['pinwheel list --board ./my-board', 'pinwheel list --board ./my-board --json'],
  load: async () => (await import('./list.run.js')).run,
};
