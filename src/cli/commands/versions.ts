import type { Command } from '../command.js';

export const versionsCommand: Command = {
  name: 'versions',
  summary: "list a pin's versions, oldest first",
  positionals: [{ name: 'NAME', required: true, description: 'the pin name' }],
  options: {},
  jsonShape: '[{"version": string, "created": ISO-8601 UTC string|null, "hash": string|null}, …]   (oldest first; the last is the latest)',
  examples: ['pinwheel versions df_csv --board ./my-board'],
  load: async () => (await import('./versions.run.js')).run,
};
