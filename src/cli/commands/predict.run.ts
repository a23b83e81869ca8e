import path from 'node:path';
import { tableToRecords } from '../../core/pins/index.js';
import { CliUsageError } from '../errors.js';
import { dataTypeOfFile, decodeInputFile } from '../inputData.js';
import { wantsJson, type RunCommand } from '../command.js';
import { parseOptionalFlag, positiveWholeNumber } from '../flagValues.js';

/** Rows per request: 10,000 rows of a dozen columns stay far below the default 20 MiB body limit. */
const DEFAULT_BATCH_ROWS = 10_000;

interface ErrorBody { message?: unknown; details?: { row?: unknown; column?: unknown; problem?: unknown }[] }

/** `http://host:8080` and `http://host:8080/` mean `…/predict`; a full endpoint URL is kept. */
export function endpointUrl(raw: string, proba: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CliUsageError(`'${raw}' is not a URL. Give the server's address, e.g. http://127.0.0.1:8080 (as printed by \`pinwheel serve\`).`, 'predict');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CliUsageError(`'${raw}' is not an http(s) URL.`, 'predict');
  const endpoint = proba ? 'predict_proba' : 'predict';
  if (!/\/(predict|predict_proba|invocations)\/?$/.test(url.pathname)) url.pathname = `${url.pathname.replace(/\/$/, '')}/${endpoint}`;
  return url;
}

async function rowsOfFile(file: string): Promise<unknown[]> {
  const format = dataTypeOfFile(file);
  if (!format) throw new CliUsageError(`cannot tell the format of ${path.basename(file)}: use a .csv, .json, .arrow/.feather or .parquet file.`, 'predict');
  const content = await decodeInputFile(file, format, path.basename(file), 'extension');
  if (content.kind === 'table') return tableToRecords(content.table);
  if (Array.isArray(content.value)) return content.value;
  if (typeof content.value === 'object' && content.value !== null) return [content.value];
  throw new CliUsageError(`${path.basename(file)} holds ${JSON.stringify(content.value)}, not rows: use a JSON list of row objects like [{"x": 1}].`, 'predict');
}

function cell(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(8)));
  return typeof value === 'string' ? value : JSON.stringify(value);
}

interface Answer { predict?: unknown[]; predict_proba?: unknown[][]; classes?: unknown[]; '.pred'?: unknown }

/** Posts one batch; `firstRow` numbers the rows of the server's error details as rows of the file. */
async function postBatch(url: URL, rows: unknown[], firstRow: number, totalRows: number): Promise<{ body: unknown; version: string | null }> {
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(rows) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new CliUsageError(`could not reach ${url.origin}${cause ? ` (${cause})` : ''}. Is the server running? Start one with \`pinwheel serve NAME\`.`);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new CliUsageError(`${url} answered ${response.status} with something that is not JSON: ${text.slice(0, 200)}`);
  }
  if (!response.ok) {
    const error = body as ErrorBody;
    const fileRow = (row: unknown) => (typeof row === 'number' ? row + firstRow : row);
    const details = (error.details ?? []).slice(0, 10).map((d) => `  row ${cell(fileRow(d.row))}${d.column == null ? '' : `, column ${cell(d.column)}`}: ${cell(d.problem)}`);
    const message = typeof error.message === 'string' ? error.message : text.slice(0, 500);
    const where = totalRows > rows.length ? ` (rows ${firstRow}–${firstRow + rows.length - 1} of the file)` : '';
    const hint = response.status === 413 ? ' Send smaller batches with --batch-size.' : '';
    throw new CliUsageError(`the server refused the rows${where} (${response.status}): ${message}${hint}${details.length ? `\n${details.join('\n')}` : ''}`);
  }
  return { body, version: response.headers.get('x-model-version') };
}

export const run: RunCommand = async (args, context) => {
  const [rawUrl = '', file = ''] = args.positionals;
  const proba = args.values.proba === true;
  const url = endpointUrl(rawUrl, proba);
  const batchSize = parseOptionalFlag('batch-size', args.values['batch-size'], positiveWholeNumber, 'predict') ?? DEFAULT_BATCH_ROWS;
  const rows = await rowsOfFile(path.resolve(context.cwd, file));
  // Large files go in batches, so no request exceeds the server's body limit.
  const answers: Answer[] = [];
  const versions = new Set<string>();
  for (let start = 0; start < Math.max(rows.length, 1); start += batchSize) {
    const { body, version } = await postBatch(url, rows.slice(start, start + batchSize), start, rows.length);
    answers.push(Array.isArray(body) ? { predict: body } : (body as Answer));
    if (version) versions.add(version);
  }
  const merged: Answer = answers.length === 1 ? (answers[0] as Answer) : {
    ...(answers.every((a) => Array.isArray(a.predict)) ? { predict: answers.flatMap((a) => a.predict ?? []) } : {}),
    ...(answers.every((a) => Array.isArray(a.predict_proba)) ? { predict_proba: answers.flatMap((a) => a.predict_proba ?? []), classes: answers[0]?.classes } : {}),
  };
  if (wantsJson(args)) {
    context.output.out(JSON.stringify(merged));
    return;
  }
  if (Array.isArray(merged.predict_proba)) {
    const classes = merged.classes ?? merged.predict_proba[0]?.map((_, i) => i) ?? [];
    context.output.out(['row', ...classes.map(cell)].join('\t'));
    merged.predict_proba.forEach((probabilities, row) => context.output.out([row, ...probabilities.map(cell)].join('\t')));
  } else {
    const predictions = Array.isArray(merged.predict) ? merged.predict : [merged['.pred']].flat();
    context.output.out('row\tprediction');
    predictions.forEach((prediction, row) => context.output.out(`${row}\t${cell(prediction)}`));
  }
  if (versions.size > 0) {
    const by = versions.size === 1 ? `version ${[...versions][0]}` : `versions ${[...versions].join(', ')} (the server switched versions while predicting)`;
    context.output.err(`(${rows.length} row${rows.length === 1 ? '' : 's'} predicted by ${by})`);
  }
};
