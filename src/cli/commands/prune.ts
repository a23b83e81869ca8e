import type { Command } from '../command.js';

export const pruneCommand: Command = {
  name: 'prune',
  summary: 'delete old versions of a pin, keeping the newest N or those from the last D days',
  positionals: [{ name: 'NAME', required: true, description: 'the pin name' }],
  options: {
    keep: { type: 'string', value: 'N', example: '5', description: 'keep the N newest versions' },
    days: { type: 'string', value: 'D', example: '30', description: 'keep the versions created in the last D days' },
    'dry-run': { type: 'boolean', description: 'only show what would be deleted' },
  },
  details: 'Give exactly one of --keep and --days. The latest version is never deleted.',
  jsonShape: '{"name": string, "dry_run": boolean, "deleted": [string] (or would be, with --dry-run), "kept": [string]}',
  examples: ['pinwheel prune mtcars --keep 3 --board ./my-board', 'pinwheel prune mtcars --days 30 --dry-run --board ./my-board'],
  load: async () => (await import('./prune.run.js')).run,
};
