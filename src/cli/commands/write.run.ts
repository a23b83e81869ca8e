import { stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { checkPinName, isPinsError, PinsError, type WriteResult } from '../../core/pins/index.js';
import { CliUsageError } from '../errors.js';
import { commaList, jsonObject, nonEmptyText, parseOptionalFlag } from '../flagValues.js';
import { dataTypeOfFile, decodeInputFile, valueForType, writeInputAsIs } from '../inputData.js';
import { formatBytes, toJson, writeResultJson } from '../output.js';
import { stringFlag, withBoard, wantsJson, type RunCommand } from '../command.js';
import { WRITABLE, type WritableType } from '../writableTypes.js';

const writableType = z.enum(WRITABLE, {
  error: `one of ${WRITABLE.join(', ')} (Pinwheel never writes R or Python serialized objects such as rds or joblib; use --type file to upload any file as it is)`,
});

async function checkInputFile(file: string): Promise<void> {
  const info = await stat(file).catch(() => undefined);
  if (!info) throw new CliUsageError(`the input file '${file}' does not exist (looked for ${path.resolve(file)}).`);
  if (!info.isFile()) {
    throw new CliUsageError(`'${file}' is not a file but a folder: pass the files in it (e.g. ${path.join(file, '*')}) to pin them together as one file pin.`);
  }
}

function humanResult(result: WriteResult): string {
  const meta = result.meta;
  if (result.skipped) {
    return (
      `Skipped: pin '${result.name}' already holds identical data in its latest version ${result.version}; ` +
      'nothing was written. Use --force-identical to write a new version anyway.'
    );
  }
  const size = meta.fileSizes.reduce((a, b) => a + b, 0);
  const replaced = result.replaced ? ` It replaced version ${result.replaced} (unversioned write).` : '';
  return `Wrote pin '${result.name}' version ${result.version} (${meta.type}, ${formatBytes(size)}).${replaced}`;
}

export const run: RunCommand = async (args, context) => {
  const command = 'write';
  const files = args.positionals;
  const file = files[0] ?? '';
  const rawName = stringFlag(args, 'name');
  if (rawName === undefined) throw new CliUsageError('--name is required: the name of the pin to write, e.g. --name mtcars.', command);
  // Checked before the input file is read, so a bad name fails fast even for a large file.
  const name = checkPinName(rawName);
  const requested = parseOptionalFlag('type', args.values.type, writableType, command) as WritableType | undefined;
  const options = {
    name,
    title: parseOptionalFlag('title', args.values.title, nonEmptyText, command),
    description: stringFlag(args, 'description'),
    metadata: parseOptionalFlag('metadata', args.values.metadata, jsonObject, command),
    tags: parseOptionalFlag('tags', args.values.tags, commaList, command),
    versioned: args.values.unversioned !== true,
    forceIdentical: args.values['force-identical'] === true,
  };
  if (files.length > 1 && requested !== undefined && requested !== 'file') {
    throw new CliUsageError(
      `a ${requested} pin holds one data file, but ${files.length} files were given. Pin them one at a time ` +
        '(one pin each), or pass --type file to upload them unchanged into one file pin.',
      command,
    );
  }
  for (const input of files) await checkInputFile(input);
  const format = files.length === 1 ? dataTypeOfFile(file) : undefined;
  const type: WritableType = requested ?? format ?? 'file';

  const result = await withBoard(args, context, command, args.values.create === true ? 'create' : 'change', async (board) => {
    if (type === 'file') return board.upload(files, options);
    const formatFrom = format ? 'extension' : '--type';
    if (format === undefined || format === type) return writeInputAsIs(board, file, { ...options, type }, formatFrom);
    const content = await decodeInputFile(file, format, name, formatFrom);
    return board.write(valueForType(content, type, file), { ...options, type });
  }).catch((error: unknown) => {
    if (isPinsError(error, 'board-missing')) throw new PinsError('board-missing', `${error.message} Or pass --create to make it with this write.`);
    if (isPinsError(error, 'versioned-pin') && !options.versioned) {
      throw new PinsError('versioned-pin', `${error.message} Drop --unversioned to add a new version, or run \`pinwheel prune ${name} --keep 1\` first.`);
    }
    throw error;
  });

  if (wantsJson(args)) {
    context.output.out(
      toJson({ ...writeResultJson(result), warnings: result.warnings }),
    );
  } else {
    context.output.out(humanResult(result));
  }
  for (const warning of result.warnings) context.output.err(`Note: ${warning}`);
};
