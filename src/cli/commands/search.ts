import type { Command } from '../command.js';

export const searchCommand: Command = {
  name: 'search',
  summary: 'find pins whose name, title, description or tags contain QUERY (case-insensitive)',
  positionals: [{ name: 'QUERY', required: false, description: 'text to look for; omit it to show every pin' }],
  options: {},
  details: 'Shows the latest version of each matching pin.',
  jsonShape: '[<the object `pinwheel meta --json` prints, for the latest version>, …]   (sorted by name)',
  examples: ['pinwheel search ads --board ./my-board', 'pinwheel search --board ./my-board --json'],
  load: async () => (await import('./search.run.js')).run,
};
