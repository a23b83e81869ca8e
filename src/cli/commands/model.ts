import type { Command } from '../command.js';

export const modelCommand: Command = {
  name: 'model',
  summary: 'describe a model pin: origin, prototype, inputs and outputs, and whether Pinwheel can serve it',
  positionals: [{ name: 'NAME', required: true, description: 'the model pin' }],
  options: { version: { type: 'string', value: 'V', example: '20261126T050936Z-5e16d', description: 'a version from `pinwheel versions NAME` (default: the latest)' } },
  details:
    'Describes every kind of model pin: ONNX models pinned with `pinwheel pin-model`, plain .onnx file pins (their columns ' +
    "taken from user.features or the model's metadata), vetiver-python pins (joblib; user.vetiver_meta, or user.ptype " +
    'from vetiver-python 0.1) and vetiver-r pins (rds; user.required_pkgs). Pickles and rds files are described from ' +
    "data.txt alone and never opened: Pinwheel serves ONNX, and says how to export such a model to it.",
  jsonShape:
    '{"name": string, "version": string, "origin": "pinwheel-onnx"|"onnx-file"|"vetiver-python"|"vetiver-r",\n' +
    '   "pin_type": string, "title": string, "description": string|null, "created": ISO-8601 UTC string|null,\n' +
    '   "model_file": string|null, "required_pkgs": [string], "python_version": [number|string]|null,\n' +
    '   "prototype": [{"name": string, "type": "boolean"|"integer"|"number"|"string", "example": value, "nullable"?: true}]|null,\n' +
    '   "servable": boolean, "not_servable_reason": string|null, "how_to_export": string|null (one step per line),\n' +
    '   "spec": {…user.pinwheel: task, prototype, inputs, outputs, onnx, runtime…}|null,\n' +
    '   "user": {…the user\'s own metadata…}, "notes": [string]}',
  examples: ['pinwheel model ads_model --board ./my-board', 'pinwheel model ads_rf --version 20261126T050935Z-6920b --board ./my-board --json'],
  load: async () => (await import('./model.run.js')).run,
};
