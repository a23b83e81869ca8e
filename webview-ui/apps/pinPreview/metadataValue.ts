// A metadata value as a data scientist reads it. The host sends each value as text: strings as they
// are, anything else as compact JSON, cut with "…" past PREVIEW_LIMITS.maxValueChars. Here an
// object becomes indented key/value rows, a list of records a small table, JSON kept in a string
// (vetiver's prototype) a pretty-printed code block, and a value that was cut a code block
// re-indented as far as it goes. Every piece is built from that capped text, so nothing here can
// grow with the size of the pin.
import { h } from '../../components/index.js';

/** Deeper than this, a value is shown as JSON text. */
const MAX_DEPTH = 4;
/** A list or object whose JSON is at most this long stays on one line when re-indented. */
const INLINE_CHARS = 60;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isRecord(value: Json): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalar(value: Json): value is null | boolean | number | string {
  return value === null || typeof value !== 'object';
}

function parseJson(text: string): { ok: true; value: Json } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as Json };
  } catch {
    return { ok: false };
  }
}

/** JSON kept in a string, e.g. vetiver's `prototype: '{"funny": false, …}'`. */
function jsonInString(text: string): Json | undefined {
  const trimmed = text.trim();
  if (!/^[[{]/.test(trimmed)) return undefined;
  const parsed = parseJson(trimmed);
  return parsed.ok && !isScalar(parsed.value) ? parsed.value : undefined;
}

function scalarText(value: null | boolean | number | string): string {
  return value === null ? 'null' : String(value);
}

function codeBlock(text: string): HTMLElement {
  return h('pre', { className: 'meta-json' }, text);
}

/** Where the bracket opened at `start` closes (strings skipped), or -1 when the text ends first. */
function closingBracket(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i += 1) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') depth += 1;
    else if (char === '}' || char === ']') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/**
 * Compact JSON, possibly cut short, indented two spaces per level; short lists and objects stay on
 * one line. It only follows brackets, commas and strings, so a cut value reads as far as it goes.
 */
export function reindentJson(text: string): string {
  let out = '';
  let depth = 0;
  const newline = (): string => `\n${'  '.repeat(depth)}`;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i] ?? '';
    if (char === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end - 1;
    } else if (char === '{' || char === '[') {
      const close = closingBracket(text, i);
      if (close !== -1 && close - i < INLINE_CHARS) {
        out += inline(text.slice(i, close + 1));
        i = close;
      } else {
        depth += 1;
        out += char + newline();
      }
    } else if (char === '}' || char === ']') {
      depth = Math.max(0, depth - 1);
      out += newline() + char;
    } else if (char === ',') out += `,${newline()}`;
    else if (char === ':') out += ': ';
    else if (!/\s/.test(char)) out += char;
  }
  return out;
}

/** The index just past the string starting at `start` (or the end of a cut text). */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i += 1) {
    if (text[i] === '\\') i += 1;
    else if (text[i] === '"') return i + 1;
  }
  return text.length;
}

/** A short bracketed piece on one line, with a space after each comma and colon. */
function inline(piece: string): string {
  let out = '';
  for (let i = 0; i < piece.length; i += 1) {
    const char = piece[i] ?? '';
    if (char === '"') {
      const end = stringEnd(piece, i);
      out += piece.slice(i, end);
      i = end - 1;
    } else if (char === ',') out += ', ';
    else if (char === ':') out += ': ';
    else if (!/\s/.test(char)) out += char;
  }
  return out;
}

/** A list of records with few keys, e.g. a prototype's columns: one row per record. */
function recordTable(records: { [key: string]: Json }[], depth: number): HTMLElement | undefined {
  const keys = [...new Set(records.flatMap((record) => Object.keys(record)))];
  if (keys.length === 0 || keys.length > 8) return undefined;
  return h(
    'table',
    { className: 'meta-records' },
    h('thead', {}, h('tr', {}, ...keys.map((key) => h('th', {}, key)))),
    h('tbody', {}, ...records.map((record) => h('tr', {}, ...keys.map((key) => h('td', {}, key in record ? structured(record[key] ?? null, depth + 1) : ''))))),
  );
}

function structured(value: Json, depth: number): Node {
  if (typeof value === 'string') {
    const inner = jsonInString(value);
    return inner === undefined ? document.createTextNode(value) : codeBlock(JSON.stringify(inner, null, 2));
  }
  if (isScalar(value)) return document.createTextNode(scalarText(value));
  if (depth >= MAX_DEPTH) return codeBlock(JSON.stringify(value, null, 2));
  if (Array.isArray(value)) {
    if (value.length === 0) return h('span', { className: 'muted' }, 'none');
    if (value.every(isScalar)) return document.createTextNode(value.map((item) => scalarText(item as null | boolean | number | string)).join(', '));
    if (value.every(isRecord)) {
      const table = recordTable(value, depth);
      if (table) return table;
    }
    return keyValueTree(value.map((item, index) => [String(index + 1), item]), depth);
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return h('span', { className: 'muted' }, 'none');
  return keyValueTree(entries, depth);
}

/** Nested key/value rows: each level sits in the value column of the one above, so it is indented. */
function keyValueTree(entries: [string, Json][], depth: number): HTMLElement {
  return h('div', { className: 'meta-tree' }, ...entries.flatMap(([key, value]) => [h('div', { className: 'meta-key' }, key), h('div', { className: 'meta-value' }, structured(value, depth + 1))]));
}

/** One metadata value as the host sent it (see the top of this file). */
export function metadataValue(text: string): Node {
  const parsed = parseJson(text);
  if (parsed.ok) return isScalar(parsed.value) ? document.createTextNode(text) : structured(parsed.value, 0);
  // Compact JSON cut at the preview's limit: as far as it goes, and where the rest is.
  if (/^[[{]/.test(text) && text.endsWith('…')) {
    return h('div', {}, codeBlock(reindentJson(text)), h('p', { className: 'note' }, `Cut at ${text.length} characters: the data.txt tab has all of it.`));
  }
  const inner = jsonInString(text);
  return inner === undefined ? document.createTextNode(text) : codeBlock(JSON.stringify(inner, null, 2));
}
