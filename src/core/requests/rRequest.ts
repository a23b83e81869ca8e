// POST /predict with vetiver-r's client: predict(vetiver_endpoint(url), tibble).
import { endpointUrl, headerLines, type PredictRequest } from './predictRequest.js';

const R_RESERVED = new Set(['if', 'else', 'repeat', 'while', 'function', 'for', 'next', 'break', 'in', 'TRUE', 'FALSE', 'NULL', 'Inf', 'NaN', 'NA', 'NA_integer_', 'NA_real_', 'NA_character_', 'NA_complex_']);

/** A column name as an R argument name: as it is when syntactic, else in backticks. */
export function rName(name: string): string {
  // `...` and `..1` are syntactic but mean the function's extra arguments.
  if (/^([A-Za-z]|\.(?![0-9]))[A-Za-z0-9._]*$/.test(name) && !R_RESERVED.has(name) && !/^\.\.(\.|\d+)$/.test(name)) return name;
  return `\`${name.replace(/[\\`]/g, '\\$&')}\``;
}

/**
 * An R literal for a JSON scalar. JSON's string escapes (\", \\, \n, \uXXXX) mean the same in R,
 * so JSON.stringify quotes strings; missing values become NA, which vetiver-r's client sends as "NA".
 */
export function rLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NA';
  if (value === true) return 'TRUE';
  if (value === false) return 'FALSE';
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'NA';
  if (typeof value === 'string') return JSON.stringify(value);
  // Nested values are not prototype types; send them as their JSON text.
  return JSON.stringify(JSON.stringify(value));
}

export function rRequest(request: PredictRequest): string {
  const columns = [...new Set(request.rows.flatMap((row) => Object.keys(row)))];
  const values = (column: string) => request.rows.map((row) => rLiteral(row[column]));
  const argument = (column: string) => {
    const cells = values(column);
    return `  ${rName(column)} = ${cells.length === 1 ? cells[0] : `c(${cells.join(', ')})`}`;
  };
  return [
    ...headerLines(request).map((line) => `# ${line}`),
    'library(vetiver)',
    '',
    `endpoint <- vetiver_endpoint(${JSON.stringify(endpointUrl(request, 'predict'))})`,
    'new_data <- tibble::tibble(',
    columns.map(argument).join(',\n'),
    ')',
    'predict(endpoint, new_data)',
    '',
  ].join('\n');
}
