// POST /predict as a curl command line for POSIX shells (bash, zsh, sh).
import { endpointUrl, headerLines, type PredictRequest } from './predictRequest.js';

/** Single quotes keep everything literal in a POSIX shell; a quote inside becomes '\''. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export function curlRequest(request: PredictRequest): string {
  return [
    ...headerLines(request).map((line) => `# ${line}`),
    `curl -sS -X POST ${shellQuote(endpointUrl(request, 'predict'))} \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  --data-raw ${shellQuote(JSON.stringify(request.rows))}`,
    '',
  ].join('\n');
}
