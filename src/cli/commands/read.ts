import type { Command } from '../command.js';

export const readCommand: Command = {
  name: 'read',
  summary: "print a pin's data: a preview of a table, a JSON value, or the paths of a file pin",
  positionals: [{ name: 'NAME', required: true, description: 'the pin name' }],
  options: { version: { type: 'string', value: 'V', example: '20220214T163720Z-9bfad', description: 'a version from `pinwheel versions NAME` (default: the latest)' } },
  details:
    'Tables (csv, arrow, parquet, and json pins holding records) are previewed; --json prints every row. ' +
    'The preview shows missing values as NA, newlines, tabs and other control characters escaped (\\n, \\t), ' +
    'and fractional numbers to 7 significant digits; --json gives the exact values (missing ones as null). ' +
    'File pins (type file, and R/Python objects such as rds or joblib, which Pinwheel never loads) are ' +
    'not decoded: use `pinwheel download` to get their files. Nothing is executed.',
  jsonShape:
    'tables: [{"column": value, …}, …] (one object per row; values are string, number, boolean or null)\n' +
    '  json pins: the stored JSON value as is\n' +
    '  file pins: ["/absolute/path/of/each/file", …]',
  examples: ['pinwheel read df_csv --board ./my-board', 'pinwheel read df_csv --board ./my-board --json > rows.json'],
  load: async () => (await import('./read.run.js')).run,
};
