// The requests as a .http file (the REST Client extension's format; JetBrains' HTTP client reads it too).
import { headerLines, type PredictRequest } from './predictRequest.js';

export function httpRequest(request: PredictRequest): string {
  const body = JSON.stringify(request.rows, null, 2);
  const post = (title: string, endpoint: string) => [`### ${title}`, `POST {{baseUrl}}/${endpoint}`, 'Content-Type: application/json', '', body, ''];
  return [
    ...headerLines(request).map((line) => `# ${line}`),
    `@baseUrl = ${request.baseUrl.replace(/\/+$/, '')}`,
    '',
    ...post('One prediction per row', 'predict'),
    ...(request.classifier ? post('Class probabilities per row', 'predict_proba') : []),
  ].join('\n');
}
