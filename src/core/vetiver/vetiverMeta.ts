// vetiver-python's view of a prototype: one example row as a JSON string, written with Python's
// json.dumps (`{"a": 1, "b": true}`) into `user.vetiver_meta.prototype` (new layout) or
// `user.ptype` (old layout) (spec §4.1, §4.2). Pinwheel writes it so Python readers see the
// columns, and reads it to describe vetiver-python model pins.
import type { PrototypeColumn } from './modelSpec.js';

/** The digits of a float as Python's repr writes them: `10.0`, `1e+16`, `1.5e-07`. */
export function pythonFloatRepr(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  if (Object.is(value, -0)) return '-0.0';
  // toExponential() gives the shortest round-tripping digits, as repr does.
  const [mantissa = '', exponentText = '0'] = value.toExponential().split('e');
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace('-', '').replace('.', '');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) {
    const significand = digits.length === 1 ? digits : `${digits[0]}.${digits.slice(1)}`;
    return `${sign}${significand}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1);
  return `${sign}${whole}.${fraction === '' ? '0' : fraction}`;
}

const SHORT_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

/** A JSON string as json.dumps writes it (ensure_ascii: everything outside ' '..'~' escaped). */
export function pythonJsonString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    const code = text.charCodeAt(i);
    if (SHORT_ESCAPES[char] !== undefined) out += SHORT_ESCAPES[char];
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += char;
  }
  return `${out}"`;
}

function pythonJsonValue(column: PrototypeColumn): string {
  const example = column.example;
  if (example === null) return 'null';
  if (typeof example === 'boolean') return example ? 'true' : 'false';
  if (typeof example === 'string') return pythonJsonString(example);
  // pandas holds a 'number' column as float64, so Python writes 10.0 where JavaScript has 10.
  return column.type === 'integer' ? String(example) : pythonFloatRepr(example);
}

/** `user.vetiver_meta.prototype`: one example row, keys in prototype order, as json.dumps writes it. */
export function vetiverPrototypeJson(prototype: readonly PrototypeColumn[]): string {
  return `{${prototype.map((column) => `${pythonJsonString(column.name)}: ${pythonJsonValue(column)}`).join(', ')}}`;
}

type Token = { kind: 'string' | 'number' | 'literal' | 'punct'; text: string; start: number; end: number };

// json.dumps also writes NaN and Infinity for non-finite floats (not strict JSON).
const TOKEN = /\s*("(?:[^"\\]|\\.)*"|-?(?:Infinity|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|NaN|true|false|null|[{}[\],:])/y;

function tokenize(text: string): Token[] | null {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const match = TOKEN.exec(text);
    if (!match) return null;
    const lexeme = match[1] as string;
    const start = match.index + match[0].length - lexeme.length;
    const kind = lexeme.startsWith('"') ? 'string' : /^[{}[\],:]$/.test(lexeme) ? 'punct' : /^(true|false|null)$/.test(lexeme) ? 'literal' : 'number';
    tokens.push({ kind, text: lexeme, start, end: match.index + match[0].length });
  }
  return tokens;
}

function strictJson(text: string): string {
  return text.replace(/("(?:[^"\\]|\\.)*")|-?Infinity|NaN/g, (whole, quoted: string | undefined) => quoted ?? 'null');
}

export interface ParsedVetiverPrototype {
  prototype: PrototypeColumn[];
  notes: string[];
}

/**
 * The columns of a vetiver-python prototype string. Types come from the JSON literals, as
 * pydantic took them from the first row: `10.0` is a float (number), `10` an int (integer).
 * Throws a plain Error with the reason when the text is not a JSON object; the caller says where.
 */
export function parseVetiverPrototype(text: string): ParsedVetiverPrototype {
  const tokens = tokenize(text);
  let parsed: unknown;
  try {
    if (tokens === null) throw new Error('unexpected characters');
    parsed = JSON.parse(strictJson(text));
  } catch (error) {
    throw new Error(`it is not valid JSON (${(error as Error).message})`, { cause: error });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed) || tokens === null) {
    throw new Error(`it holds ${Array.isArray(parsed) ? 'a list' : String(parsed)}, not an object of column names and example values`);
  }
  const prototype: PrototypeColumn[] = [];
  const notes: string[] = [];
  // Walk the top-level object: key, ':', value; a nested value spans to its matching bracket.
  let i = 1;
  while (i < tokens.length - 1) {
    const key = tokens[i];
    const value = tokens[i + 2];
    if (!key || key.kind !== 'string' || !value) break;
    const name = JSON.parse(key.text) as string;
    let end = i + 2;
    if (value.text === '{' || value.text === '[') {
      let depth = 0;
      for (; end < tokens.length; end++) {
        const token = tokens[end] as Token;
        if (token.text === '{' || token.text === '[') depth++;
        if (token.text === '}' || token.text === ']') depth--;
        if (depth === 0) break;
      }
      const raw = text.slice(value.start, tokens[end]?.end ?? text.length).trim();
      prototype.push({ name, type: 'string', example: JSON.stringify(JSON.parse(strictJson(raw))) });
      notes.push(`The example of column "${name}" is a nested value (${raw.length > 40 ? `${raw.slice(0, 40)}…` : raw}); it is shown as JSON text.`);
    } else if (value.kind === 'string') {
      prototype.push({ name, type: 'string', example: JSON.parse(value.text) as string });
    } else if (value.text === 'true' || value.text === 'false') {
      prototype.push({ name, type: 'boolean', example: value.text === 'true' });
    } else if (value.text === 'null') {
      prototype.push({ name, type: 'string', example: null, nullable: true });
      notes.push(`Column "${name}" has no example value in the stored prototype, so its type is unknown (shown as string).`);
    } else if (/^-?\d+$/.test(value.text)) {
      prototype.push({ name, type: 'integer', example: Number(value.text) });
    } else {
      const number = Number(value.text);
      prototype.push(Number.isFinite(number) ? { name, type: 'number', example: number } : { name, type: 'number', example: null, nullable: true });
    }
    i = end + 2;
  }
  return { prototype, notes };
}
