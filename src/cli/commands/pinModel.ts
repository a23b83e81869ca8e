import type { Command } from '../command.js';

export const pinModelCommand: Command = {
  name: 'pin-model',
  summary: 'pin an ONNX model with its prototype (the typed request columns) so it can be served',
  positionals: [{ name: 'MODEL', required: true, description: 'the .onnx file (from skl2onnx, onnxmltools, torch.onnx.export…)' }],
  options: {
    name: { type: 'string', value: 'N', example: 'ads_model', required: true, description: 'the pin name (required); the file is stored as <N>.onnx' },
    prototype: {
      type: 'string',
      value: 'DATA',
      example: 'train.csv',
      required: true,
      description: 'a sample of the training data (required): a csv, json (row objects), arrow or parquet file, or pin:NAME[@VERSION] of a data pin',
    },
    'prototype-board': { type: 'string', value: 'URI', example: './data-board', description: 'the board of a pin:NAME prototype (default: --board)' },
    features: { type: 'string', value: 'a,b', example: 'funny,danger', description: "for a model with one [N, F] input: the F columns, in the order the model was trained on" },
    exclude: { type: 'string', value: 'a,b', example: 'like_count', description: 'sample columns that are not model inputs (the outcome, IDs)' },
    title: { type: 'string', value: 'TEXT', description: "a title (default '<name>: a pinned ONNX model')" },
    description: { type: 'string', value: 'TEXT', description: "a description (default names the model kind, e.g. 'An ONNX TreeEnsembleRegressor model (skl2onnx 1.16)')" },
    metadata: { type: 'string', value: 'JSON', example: '\'{"owner": "ads-team"}\'', description: 'a JSON object of your own metadata (stored as user.user, where vetiver-python keeps it)' },
    'force-identical': { type: 'boolean', description: "write even if the model file equals the latest version's (default: skip, as pins does)" },
    create: { type: 'boolean', description: 'create the board folder if it does not exist yet' },
  },
  details:
    'The model is stored byte for byte as a file pin <N>.onnx; data.txt gets user.pinwheel (the prototype, how columns become ' +
    "the model's tensors, its outputs and task, the ONNX and onnxruntime versions) and user.vetiver_meta (the prototype as " +
    'vetiver-python writes it), so Python and R readers still see the columns. The prototype keeps only the columns the model ' +
    'uses; each example is the first value in the sample, and columns with missing values accept missing values. A model ' +
    'with one input per column is matched by column name. A model with one [N, F] input takes F columns: those of --features, ' +
    'else the feature names in the model (metadata_props), else all sample columns left after --exclude when there are F. ' +
    'Dates in the sample become ISO text. Nothing in the sample is stored but one example row.',
  jsonShape:
    '{"name": string, "version": string, "type": "file", "skipped": boolean, "replaced": string|null,\n' +
    '   "files": [string], "file_sizes": [number], "pin_hash": string,\n' +
    '   "spec": {…user.pinwheel: task, prototype, inputs, outputs, onnx, runtime…},\n' +
    '   "notes": [string] (how the sample became the prototype, also printed on stderr)}',
  examples: [
    'pinwheel pin-model ads_rf.onnx --name ads_model --prototype ads.csv --exclude like_count --board ./my-board',
    'pinwheel pin-model ads_rf.onnx --name ads_model --prototype pin:ads_data --features funny,show_product,patriotic,celebrity,danger,animals --board ./my-board',
    'pinwheel pin-model houses.onnx --name houses --prototype pin:house_sales@20261126T050936Z-9fe18 --prototype-board ./data-board --board ./models --create',
  ],
  load: async () => (await import('./pinModel.run.js')).run,
};
