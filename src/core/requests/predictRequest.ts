// What every "Copy Request as …" snippet is built from: where the server is, which model it serves,
// and the rows to send. The builders next to this file turn it into curl, Python, R or a .http file.

export interface PredictRequest {
  /** The server's base URL, e.g. http://127.0.0.1:51234 (a trailing slash is ignored). */
  baseUrl: string;
  pin: string;
  /** The version whose prototype gave the example rows. */
  version: string;
  /** Request rows: column name → value (JSON types only). */
  rows: readonly Record<string, unknown>[];
  /** Classifiers also answer POST /predict_proba. */
  classifier: boolean;
  /** Said in the snippet's comment, e.g. that no server runs at baseUrl yet and how to start one. */
  note?: string;
}

export function endpointUrl(request: PredictRequest, endpoint: 'predict' | 'predict_proba'): string {
  return `${request.baseUrl.replace(/\/+$/, '')}/${endpoint}`;
}

/** The comment lines above a snippet, without the comment marker. */
export function headerLines(request: PredictRequest): string[] {
  const lines = [`Predictions from ${request.pin} (example row from the prototype of version ${request.version}).`];
  if (request.note) lines.push(...request.note.split('\n'));
  return lines;
}
