import type { Command } from '../command.js';
import { WRITABLE } from '../writableTypes.js';

export const writeCommand: Command = {
  name: 'write',
  summary: 'pin a data file (csv, json, arrow, parquet), or upload any files as they are, as a new version',
  positionals: [{ name: 'FILE', required: true, repeatable: true, description: 'the file to pin; several FILEs make one file pin (--type file)' }],
  options: {
    name: {
      type: 'string',
      value: 'N',
      example: 'mtcars',
      required: true,
      description:
        "the pin name (required). It becomes a folder name, so it may not contain '/', '\\', control characters or " +
        "< > : \" | ? *, start with '.', end with '.' or a space, or be _pins.yaml or a Windows device name (CON, NUL…). " +
        "Letters, digits, '-', '_' and '.' are safest for R and Python users",
    },
    type: {
      type: 'string',
      value: 'T',
      example: 'parquet',
      description: `how to store it: ${WRITABLE.join(', ')}. Default: from FILE's extension (.csv .json .arrow/.feather .parquet), else file; always file for several FILEs`,
    },
    title: { type: 'string', value: 'TEXT', description: "a title (default: pins' '<name>: a pinned 2 x 3 data frame' style)" },
    description: { type: 'string', value: 'TEXT', description: 'a longer description' },
    metadata: { type: 'string', value: 'JSON', example: '\'{"source": "crm"}\'', description: 'a JSON object stored as the user metadata' },
    tags: { type: 'string', value: 'a,b', example: 'cars,demo', description: 'comma-separated tags' },
    'force-identical': { type: 'boolean', description: "write even if the data equals the latest version's (default: skip)" },
    unversioned: { type: 'boolean', description: 'replace the single existing version instead of adding one' },
    create: { type: 'boolean', description: 'create the board folder if it does not exist yet' },
    durable: { type: 'boolean', description: 'flush the new version to disk before it appears, so it survives a power cut (slower for large files)' },
  },
  details:
    'A data FILE already in format T is pinned byte for byte, once Pinwheel has checked that it reads as T. ' +
    'A FILE in another format is decoded into a table (or a JSON value) and re-encoded as T; csv, arrow and ' +
    'parquet need a table, so a json FILE must then hold an array of row objects. With --type file any file ' +
    'is uploaded unchanged; several FILEs are uploaded unchanged into one file pin (their names must differ). ' +
    "An unknown extension without --type is uploaded as a file pin. When the new data's hash equals " +
    "the latest version's, nothing is written and the latest version is reported (skipped: true).",
  jsonShape:
    '{"name": string, "version": string (the new version, or the latest one if skipped), "type": string,\n' +
    '   "skipped": boolean, "replaced": string|null (version removed by --unversioned),\n' +
    '   "files": [string], "file_sizes": [number], "pin_hash": string|null,\n' +
    '   "warnings": [string] (how pandas and R will read it differently, also printed on stderr)}',
  examples: [
    'pinwheel write mtcars.csv --name mtcars --board ./my-board',
    'pinwheel write mtcars.csv --name mtcars --type parquet --title "Motor Trend cars" --tags cars,demo --board ./my-board',
    'pinwheel write model.onnx --name ads_rf_onnx --type file --metadata \'{"input": "input"}\' --board ./my-board',
    'pinwheel write model.onnx labels.json --name ads_rf_bundle --type file --board ./my-board',
  ],
  load: async () => (await import('./write.run.js')).run,
};
