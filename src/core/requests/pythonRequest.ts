// POST /predict with vetiver-python's client: predict(vetiver_endpoint(url), DataFrame).
import { endpointUrl, headerLines, type PredictRequest } from './predictRequest.js';

/**
 * A Python literal for a JSON value. JSON's string escapes (\", \\, \n, \uXXXX) mean the same in
 * Python, so JSON.stringify quotes strings; only true/false/null are spelt differently.
 */
export function pythonLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'None';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pythonLiteral).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}: ${pythonLiteral(item)}`).join(', ')}}`;
  }
  return JSON.stringify(String(value));
}

export function pythonRequest(request: PredictRequest): string {
  const rows = request.rows.map((row) => `    ${pythonLiteral(row)},`);
  return [
    ...headerLines(request).map((line) => `# ${line}`),
    'import pandas as pd',
    'from vetiver import predict, vetiver_endpoint',
    '',
    `endpoint = vetiver_endpoint(${JSON.stringify(endpointUrl(request, 'predict'))})`,
    'new_data = pd.DataFrame([',
    ...rows,
    '])',
    'predict(endpoint, new_data)',
    '',
  ].join('\n');
}
