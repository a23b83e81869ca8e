import type { Command } from '../command.js';

export const downloadCommand: Command = {
  name: 'download',
  summary: "copy the files of a pin version into a folder, or show where they are",
  positionals: [{ name: 'NAME', required: true, description: 'the pin name' }],
  options: {
    version: { type: 'string', value: 'V', example: '20220214T163720Z-9bfad', description: 'a version from `pinwheel versions NAME` (default: the latest)' },
    to: { type: 'string', value: 'DIR', example: './downloads', description: 'the folder to copy into (created if missing). Without --to, prints where the files are on the board' },
  },
  details: 'Works for every pin type, including R and Python objects (rds, joblib…) that Pinwheel does not read. data.txt is not copied.',
  jsonShape: '{"name": string, "version": string (the version downloaded), "files": ["/absolute/path/of/each/file", …]}',
  examples: ['pinwheel download ads_rf --to ./models --board ./my-board', 'pinwheel download ads_rf --board ./my-board'],
  load: async () => (await import('./download.run.js')).run,
};
