export type ParsedBody = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * The body as JSON whatever its Content-Type: vetiver's Python client sends data frames with
 * none, R's httr with an empty one, browsers and curl with application/json or form types.
 */
/** `example` is only computed for the error message. */
export function parseJsonBody(raw: unknown, example: () => string, expected = 'a JSON list of rows'): ParsedBody {
  const text = typeof raw === 'string' ? raw : Buffer.isBuffer(raw) ? raw.toString('utf8') : '';
  // A regular expression, not trim(): trim would copy a body of megabytes to look at its ends.
  if (/^\s*$/.test(text)) {
    return { ok: false, message: `the request has no body. Send ${expected}, e.g. ${example()}` };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `the body is not valid JSON (${reason}). Send ${expected}, e.g. ${example()}` };
  }
}
