import { readModelPin, type ModelDescription, type ModelOrigin, type PrototypeColumn } from '../../core/vetiver/index.js';
import { escapeControl, formatDate, formatTable, isoOrNull, plural, toJson, truncate } from '../output.js';
import { pinNameArg, stringFlag, withBoard, wantsJson, type RunCommand } from '../command.js';
import { describeInput, describeOutput } from './pinModel.run.js';

const ORIGINS: Record<ModelOrigin, string> = {
  'pinwheel-onnx': 'an ONNX model pinned with Pinwheel',
  'onnx-file': 'an ONNX file pinned as a file pin',
  'vetiver-python': 'a vetiver-python model (a Python pickle)',
  'vetiver-r': 'a vetiver-r model (an R object)',
};

function exampleText(column: PrototypeColumn): string {
  if (column.example === null) return 'NA';
  const text = typeof column.example === 'string' ? JSON.stringify(column.example) : String(column.example);
  return truncate(escapeControl(text), 30);
}

function pythonVersionText(version: unknown[] | null): string {
  if (!version) return '-';
  const numbers = version.filter((part) => typeof part === 'number').slice(0, 3);
  return numbers.length > 0 ? numbers.join('.') : JSON.stringify(version);
}

function indent(text: string): string {
  return text.split('\n').map((line) => `  ${line}`).join('\n');
}

function humanModel(model: ModelDescription): string {
  const fields: [string, string][] = [
    ['name', model.name],
    ['version', model.version],
    ['origin', `${model.origin}: ${ORIGINS[model.origin]}`],
    ['title', model.title],
    ['description', model.description ?? '-'],
    ['created', formatDate(model.created)],
    ['model file', model.modelFile ?? '-'],
    ['required', model.requiredPkgs.length > 0 ? model.requiredPkgs.join(', ') : '-'],
  ];
  if (model.pythonVersion) fields.push(['python', pythonVersionText(model.pythonVersion)]);
  if (model.spec) fields.push(['task', model.spec.task]);
  fields.push(['servable', model.servable ? 'yes' : `no: ${model.notServableReason ?? ''}`]);
  const width = Math.max(...fields.map(([key]) => key.length));
  const sections = [fields.map(([key, value]) => `${key.padEnd(width)}  ${value}`).join('\n')];

  if (model.prototype) {
    const table = formatTable(
      ['COLUMN', 'TYPE', 'EXAMPLE', 'NULLABLE'],
      model.prototype.map((column) => [escapeControl(column.name), column.type, exampleText(column), column.nullable ? 'yes' : '']),
    );
    sections.push(`Prototype (${plural(model.prototype.length, 'column')}):\n${indent(table)}`);
  } else {
    sections.push('Prototype: unknown (the pin does not record its columns).');
  }
  if (model.spec) {
    sections.push(`Inputs:\n${indent(model.spec.inputs.map(describeInput).join('\n'))}`);
    sections.push(`Outputs:\n${indent(model.spec.outputs.map(describeOutput).join('\n'))}`);
  }
  if (model.howToExport) {
    sections.push(`How to serve it with Pinwheel:\n${indent(model.howToExport.split('\n').map((line) => `- ${line}`).join('\n'))}`);
  }
  if (Object.keys(model.user).length > 0) sections.push(`User metadata:\n${indent(toJson(model.user))}`);
  if (model.notes.length > 0) sections.push(`Notes:\n${indent(model.notes.map((note) => `- ${note}`).join('\n'))}`);
  return sections.join('\n\n');
}

function modelJson(model: ModelDescription) {
  return {
    name: model.name,
    version: model.version,
    origin: model.origin,
    pin_type: model.pinType,
    title: model.title,
    description: model.description,
    created: isoOrNull(model.created),
    model_file: model.modelFile ?? null,
    required_pkgs: model.requiredPkgs,
    python_version: model.pythonVersion,
    prototype: model.prototype,
    servable: model.servable,
    not_servable_reason: model.notServableReason ?? null,
    how_to_export: model.howToExport ?? null,
    spec: model.spec ?? null,
    user: model.user,
    notes: model.notes,
  };
}

export const run: RunCommand = async (args, context) => {
  const name = pinNameArg(args);
  const model = await withBoard(args, context, 'model', 'read', (board) => readModelPin(board, name, stringFlag(args, 'version')));
  context.output.out(wantsJson(args) ? toJson(modelJson(model)) : humanModel(model));
};
