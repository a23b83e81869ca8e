import type { WriteResult } from '../core/pins/index.js';
export { formatBytes, formatDate } from '../core/text/displayFormats.js';
/** Where a command writes; main.ts binds it to the process, one place to handle closed pipes. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}

/** Stable JSON for scripts: 2-space indent, dates as ISO-8601, big integers as strings. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2);
}

/** Visible width, so that accented and wide characters do not break alignment too badly. */
function width(text: string): number {
  return [...text].length;
}

const CONTROL_ESCAPES: Record<string, string> = { '\n': '\\n', '\t': '\\t', '\r': '\\r' };
// eslint-disable-next-line no-control-regex -- control characters are exactly what is escaped
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** Newlines, tabs and other control characters as escapes (`\n`, `\t`, `\u{1b}`), so one cell stays on one line. */
export function escapeControl(text: string): string {
  return text.replace(CONTROL_CHARACTERS, (char) => CONTROL_ESCAPES[char] ?? `\\u{${(char.codePointAt(0) ?? 0).toString(16)}}`);
}

export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * Left-aligned columns separated by two spaces; `rightAlign` lists columns (numbers) aligned right.
 * Trailing spaces are trimmed so the output diffs and greps cleanly.
 */
export function formatTable(header: string[], rows: string[][], rightAlign: number[] = []): string {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => width(row[column] ?? ''))));
  return all
    .map((row) =>
      row
        .map((cell, column) => {
          const pad = ' '.repeat((widths[column] ?? 0) - width(cell));
          return rightAlign.includes(column) ? pad + cell : cell + pad;
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function isoOrNull(date: Date | null): string | null {
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The --json fields every command that writes a pin version prints. */
export function writeResultJson(result: WriteResult): Record<string, unknown> {
  return {
    name: result.name,
    version: result.version,
    type: result.meta.type,
    skipped: result.skipped,
    replaced: result.replaced ?? null,
    files: result.meta.files,
    file_sizes: result.meta.fileSizes,
    pin_hash: result.meta.pinHash,
  };
}
