import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { checkPinName, decodePinData, isPinsError, openBoard, PinsError, tableFromRecords, type Board, type PinContent, type Table } from '../../core/pins/index.js';
import { pinModel, type ModelInput, type ModelOutput, type PinModelResult } from '../../core/vetiver/index.js';
import { dataTypeOfFile } from '../inputData.js';
import { CliUsageError, withBoardInSuggestions } from '../errors.js';
import { commaList, jsonObject, nonEmptyText, parseOptionalFlag } from '../flagValues.js';
import { formatBytes, toJson, writeResultJson } from '../output.js';
import { stringFlag, withBoard, wantsJson, type RunCommand, type CommandContext } from '../command.js';

const COMMAND = 'pin-model';

/** `pin:NAME` or `pin:NAME@VERSION`. */
function parsePinReference(spec: string): { name: string; version?: string } {
  const reference = spec.slice('pin:'.length);
  const at = reference.lastIndexOf('@');
  const name = at > 0 ? reference.slice(0, at) : reference;
  const version = at > 0 ? reference.slice(at + 1) : undefined;
  if (name === '' || version === '') {
    throw new CliUsageError(`--prototype '${spec}' does not name a pin: write pin:NAME for the latest version, or pin:NAME@VERSION.`, COMMAND);
  }
  return version === undefined ? { name } : { name, version };
}

function isRecordArray(value: unknown): value is Record<string, unknown>[] {
  return Array.isArray(value) && value.length > 0 && value.every((row) => row !== null && typeof row === 'object' && !Array.isArray(row));
}

/** A table from decoded data: tables as they are, JSON as an array of row objects. */
function tableOf(content: PinContent | { kind: 'files' }, what: string): Table {
  if (content.kind === 'table') return content.table;
  if (content.kind === 'json' && isRecordArray(content.value)) return tableFromRecords(content.value);
  const holds = content.kind === 'files' ? 'files (a file pin)' : 'JSON that is not an array of row objects';
  throw new CliUsageError(`--prototype: ${what} holds ${holds}, but the prototype is built from a table: a sample of the rows the model was trained on, e.g. a csv file or a csv/arrow/parquet pin.`, COMMAND);
}

async function prototypeFromFile(argument: string, cwd: string): Promise<{ table: Table; source: string }> {
  const file = path.resolve(cwd, argument);
  const info = await stat(file).catch(() => undefined);
  if (!info) throw new CliUsageError(`--prototype: the file '${argument}' does not exist (looked for ${file}). Give a csv, json, arrow or parquet sample of the training data, or pin:NAME for a data pin.`, COMMAND);
  if (!info.isFile()) throw new CliUsageError(`--prototype: '${argument}' is a folder; give a csv, json, arrow or parquet file.`, COMMAND);
  const format = dataTypeOfFile(file);
  if (format === undefined) {
    throw new CliUsageError(`--prototype: '${argument}' is not a data file Pinwheel reads (by its extension: .csv, .json, .arrow/.feather, .parquet). Give a sample of the training data in one of those formats, or pin:NAME for a data pin.`, COMMAND);
  }
  const bytes = await readFile(file);
  const source = path.basename(file);
  try {
    const content = await decodePinData(format, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), { pin: 'prototype', version: null, file: source });
    return { table: tableOf(content, `the file ${source}`), source };
  } catch (error) {
    if (isPinsError(error, 'corrupt-data')) throw new CliUsageError(`--prototype: ${error.message} The format ${format} comes from the file's extension.`, COMMAND);
    throw error;
  }
}

/** `boardArg`: the --prototype-board the user typed, put into the commands a message suggests. */
async function prototypeFromPin(spec: string, board: Board, boardArg?: string): Promise<{ table: Table; source: string }> {
  const { name, version } = parsePinReference(spec);
  try {
    const content = await board.read(name, version);
    const meta = await board.meta(name, version);
    const source = `pin "${name}" version ${meta.version}`;
    return { table: tableOf(content, source), source };
  } catch (error) {
    // Board errors name the pin; say it was --prototype's.
    if (isPinsError(error)) throw new PinsError(error.code, `--prototype ${spec}: ${withBoardInSuggestions(error.message, boardArg)}`, { cause: error });
    throw error;
  }
}

async function loadPrototype(spec: string, board: Board, prototypeBoard: string | undefined, context: CommandContext): Promise<{ table: Table; source: string }> {
  if (!spec.startsWith('pin:')) return prototypeFromFile(spec, context.cwd);
  if (prototypeBoard === undefined) return prototypeFromPin(spec, board);
  const other = await openBoard(prototypeBoard, { cwd: context.cwd, readOnly: true }).catch((error: unknown) => {
    // The generic advice (mkdir, --create) is wrong for a board that is only read from.
    if (isPinsError(error, 'board-missing')) {
      throw new CliUsageError(`--prototype-board ${prototypeBoard}: ${error.message.replace(/ Check the path, or create the board:.*$/s, '')} Check the path: it names the board that holds the data pin ${spec}.`, 'pin-model');
    }
    throw error;
  });
  try {
    return await prototypeFromPin(spec, other, prototypeBoard);
  } finally {
    await other.dispose();
  }
}

export function describeInput(input: ModelInput): string {
  return `${input.name} ${input.dtype} [${input.shape.join(', ')}] ← ${input.columns.join(', ')}`;
}

export function describeOutput(output: ModelOutput): string {
  const classes = output.classes ? `, classes ${output.classes.join(', ')}` : '';
  return `${output.name} ${output.dtype} [${output.shape.join(', ')}] (${output.role}${classes})`;
}

function humanResult(result: PinModelResult): string {
  if (result.skipped) {
    return (
      `Skipped: pin '${result.name}' already holds this model file in its latest version ${result.version}, so nothing was written ` +
      '(its prototype and metadata stay as they were). Use --force-identical to write a new version anyway.'
    );
  }
  const size = result.meta.fileSizes.reduce((a, b) => a + b, 0);
  const lines = [
    `Pinned model '${result.name}' version ${result.version} (${result.meta.files.join(', ')}, ${formatBytes(size)}).`,
    `  task     ${result.spec.task}`,
    ...result.spec.inputs.map((input, i) => `  ${i === 0 ? 'inputs ' : '       '}  ${describeInput(input)}`),
    ...result.spec.outputs.map((output, i) => `  ${i === 0 ? 'outputs' : '       '}  ${describeOutput(output)}`),
    `Describe it with \`pinwheel model ${result.name}\`, serve it with \`pinwheel serve ${result.name}\`.`,
  ];
  return lines.join('\n');
}

export const run: RunCommand = async (args, context) => {
  const rawName = stringFlag(args, 'name');
  if (rawName === undefined) throw new CliUsageError('--name is required: the name of the model pin, e.g. --name ads_model.', COMMAND);
  const name = checkPinName(rawName);
  const modelArg = args.positionals[0] ?? '';
  const model = path.resolve(context.cwd, modelArg);
  const modelInfo = await stat(model).catch(() => undefined);
  if (!modelInfo) throw new CliUsageError(`the model file '${modelArg}' does not exist (looked for ${model}).`, COMMAND);
  if (!modelInfo.isFile()) throw new CliUsageError(`'${modelArg}' is a folder, not a model file: pass the .onnx file.`, COMMAND);
  const prototype = stringFlag(args, 'prototype');
  if (prototype === undefined || prototype.trim() === '') {
    throw new CliUsageError(
      '--prototype is required: a sample of the data the model was trained on, from which Pinwheel records the typed request ' +
        'columns, e.g. --prototype train.csv or --prototype pin:ads_data.',
      COMMAND,
    );
  }
  const features = parseOptionalFlag('features', args.values.features, commaList, COMMAND);
  const exclude = parseOptionalFlag('exclude', args.values.exclude, commaList, COMMAND);
  const title = parseOptionalFlag('title', args.values.title, nonEmptyText, COMMAND);
  const metadata = parseOptionalFlag('metadata', args.values.metadata, jsonObject, COMMAND);
  const description = stringFlag(args, 'description');

  const result = await withBoard(args, context, COMMAND, args.values.create === true ? 'create' : 'change', async (board) => {
    const sample = await loadPrototype(prototype, board, stringFlag(args, 'prototype-board'), context);
    return pinModel(board, {
      model,
      name,
      prototype: sample.table,
      prototypeSource: sample.source,
      ...(features === undefined ? {} : { features }),
      ...(exclude === undefined ? {} : { exclude }),
      ...(title === undefined ? {} : { title }),
      ...(description === undefined ? {} : { description }),
      ...(metadata === undefined ? {} : { metadata }),
      forceIdentical: args.values['force-identical'] === true,
    });
  }).catch((error: unknown) => {
    if (isPinsError(error, 'board-missing') && !String(error.message).startsWith('--prototype')) {
      throw new PinsError('board-missing', `${error.message} Or pass --create to make it with this write.`);
    }
    throw error;
  });

  if (wantsJson(args)) {
    context.output.out(
      toJson({ ...writeResultJson(result), spec: result.spec, notes: result.notes }),
    );
  } else {
    context.output.out(humanResult(result));
  }
  for (const note of result.notes) context.output.err(`Note: ${note}`);
};
