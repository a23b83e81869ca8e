import type { Command } from '../command.js';

export const deleteCommand: Command = {
  name: 'delete',
  summary: 'delete one version of a pin, or the whole pin with all its versions',
  positionals: [{ name: 'NAME', required: true, description: 'the pin name' }],
  options: { version: { type: 'string', value: 'V', example: '20220214T163720Z-9bfad', description: 'delete only this version (default: delete the whole pin)' } },
  jsonShape:
    '{"name": string, "deleted": "version"|"pin", "versions": [string] (the versions deleted)}',
  examples: [
    'pinwheel delete df_csv --version 20220214T163718Z-eceac --board ./my-board',
    'pinwheel delete df_csv --board ./my-board',
  ],
  load: async () => (await import('./delete.run.js')).run,
};
