import path from 'node:path';
import { tableToRecords } from '../../core/pins/index.js';
import { CliUsageError } from '../errors.js';
import { dataTypeOfFile, decodeInputFile } from '../inputData.js';
import { wantsJson, type RunCommand } from '../command.js';

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

export const run: RunCommand = async (args, context) => {
  const [rawUrl = '', file = ''] = args.positionals;
  const proba = args.values.proba === true;
  const url = endpointUrl(rawUrl, proba);
  const rows = await rowsOfFile(path.resolve(context.cwd, file));
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
    const details = (error.details ?? []).slice(0, 10).map((d) => `  row ${cell(d.row)}${d.column == null ? '' : `, column ${cell(d.column)}`}: ${cell(d.problem)}`);
    const message = typeof error.message === 'string' ? error.message : text.slice(0, 500);
    throw new CliUsageError(`the server refused the rows (${response.status}): ${message}${details.length ? `\n${details.join('\n')}` : ''}`);
  }
  if (wantsJson(args)) {
    context.output.out(JSON.stringify(body));
    return;
  }
  const answer = body as { predict?: unknown[]; predict_proba?: unknown[][]; classes?: unknown[]; '.pred'?: unknown };
  const version = response.headers.get('x-model-version');
  if (Array.isArray(answer.predict_proba)) {
    const classes = answer.classes ?? answer.predict_proba[0]?.map((_, i) => i) ?? [];
    context.output.out(['row', ...classes.map(cell)].join('\t'));
    answer.predict_proba.forEach((probabilities, row) => context.output.out([row, ...probabilities.map(cell)].join('\t')));
  } else {
    const predictions = Array.isArray(answer.predict) ? answer.predict : Array.isArray(body) ? body : [answer['.pred']].flat();
    context.output.out('row\tprediction');
    predictions.forEach((prediction, row) => context.output.out(`${row}\t${cell(prediction)}`));
  }
  if (version) context.output.err(`(${rows.length} row${rows.length === 1 ? '' : 's'} predicted by version ${version})`);
};
