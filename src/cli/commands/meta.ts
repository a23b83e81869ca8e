import type { Command } from '../command.js';
import { PIN_META_JSON_SHAPE } from '../metaJson.js';

export const metaCommand: Command = {
  name: 'meta',
  summary: "show a pin version's metadata (data.txt)",
  positionals: [{ name: 'NAME', required: true, description: 'the pin name' }],
  options: { version: { type: 'string', value: 'V', example: '20220214T163720Z-9bfad', description: 'a version from `pinwheel versions NAME` (default: the latest)' } },
  jsonShape: PIN_META_JSON_SHAPE,
  examples: [
    'pinwheel meta df_csv --board ./my-board',
    'pinwheel meta df_csv --version 20220214T163718Z-eceac --board ./my-board --json',
  ],
  load: async () => (await import('./meta.run.js')).run,
};
