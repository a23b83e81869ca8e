// Cutting long text to a preview's size, saying what was cut.
import type { ExcerptText } from './pinPreview.js';

/** Text cut to `maxChars`; the note names `what` and how much was left out. */
export function excerptText(text: string, maxChars: number, what: string): ExcerptText {
  if (text.length <= maxChars) return { text, truncated: false };
  return {
    text: text.slice(0, maxChars),
    truncated: true,
    note: `Showing the first ${maxChars.toLocaleString('en-US')} of ${text.length.toLocaleString('en-US')} characters of ${what}.`,
  };
}

/** One short value: cut with an ellipsis (the full value stays in the pin). */
export function shortText(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, maxChars - 1)}…`;
}

/** A metadata value as a person reads it: text as is, anything else as compact JSON. */
export function valueText(value: unknown, maxChars: number): string {
  if (typeof value === 'string') return shortText(value, maxChars);
  if (value instanceof Date) return value.toISOString();
  return shortText(JSON.stringify(value) ?? String(value), maxChars);
}
