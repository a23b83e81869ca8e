// Checks a message from a webview against the contract. A webview is a web page: whatever it
// sends is input, checked like any other before the host acts on it.
import type { z } from 'zod';
import type { FromWebview, WebviewViewType } from '../../../webview-ui/contract/apps.js';
import { FROM_WEBVIEW_SCHEMAS } from '../../../webview-ui/contract/schemas.js';

export type CheckedMessage<V extends WebviewViewType> = { ok: true; message: FromWebview<V> } | { ok: false; problem: string };

function preview(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/** The message, typed, or one log line saying which webview sent what and why it was ignored. */
export function checkWebviewMessage<V extends WebviewViewType>(viewType: V, message: unknown): CheckedMessage<V> {
  const parsed = FROM_WEBVIEW_SCHEMAS[viewType].safeParse(message);
  if (parsed.success) return { ok: true, message: parsed.data as FromWebview<V> };
  return {
    ok: false,
    problem: `[webview ${viewType}] ignored a message that is not in the message contract (webview-ui/contract): ${describeIssues(parsed.error)}. The message was ${preview(message)}`,
  };
}
