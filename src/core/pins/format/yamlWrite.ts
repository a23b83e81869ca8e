// A small block-style YAML emitter for metadata: mappings, lists, strings, finite and
// non-finite numbers, booleans and null — the layout PyYAML and R's yaml produce (lists under
// a key are not indented, `{}`/`[]` for empty collections), with every scalar written so that
// PyYAML, R's yaml and YAML 1.2 parsers read back the same value (see yamlScalars.ts).
import { PinsError } from '../errors.js';
import { renderNumber, renderString, UnwritableStringError } from './yamlScalars.js';

/** YAML parsers refuse implicit keys longer than 1024 characters; longer ones use `? key`. */
const MAX_IMPLICIT_KEY = 1000;
const INDENT = 2;

type Entries = [string, unknown][];

class Emitter {
  private readonly lines: string[] = [];
  private readonly open = new Set<unknown>();

  constructor(private readonly rootLabel: string) {}

  text(): string {
    return this.lines.map((line) => `${line}\n`).join('');
  }

  /** Writes a top-level value: a mapping's entries, a list's items, or one scalar. */
  document(value: unknown): void {
    const normalised = this.normalise(value, this.rootLabel);
    if (isNonEmptyMapping(normalised)) {
      this.mapping(Object.entries(normalised), 0, this.rootLabel);
    } else if (Array.isArray(normalised) && normalised.length > 0) {
      this.sequence(normalised, 0, this.rootLabel);
    } else {
      this.lines.push(this.inline(normalised, this.rootLabel));
    }
  }

  /** Entries given in order (data.txt keys follow pins-r's order, not JavaScript's). */
  mapping(entries: Entries, indent: number, path: string): void {
    const pad = ' '.repeat(indent);
    for (const [key, rawValue] of entries) {
      if (rawValue === undefined) continue;
      const childPath = path === '' ? key : `${path}.${key}`;
      const value = this.normalise(rawValue, childPath);
      const keyText = this.scalarText(key, `the key ${JSON.stringify(key)} in ${path || 'the top level'}`);
      if (keyText.length > MAX_IMPLICIT_KEY) {
        this.lines.push(`${pad}? ${keyText}`);
        this.compactValue(value, indent, ': ', childPath);
      } else if (isNonEmptyMapping(value)) {
        this.lines.push(`${pad}${keyText}:`);
        this.mapping(Object.entries(value), indent + INDENT, childPath);
      } else if (isNonEmptyList(value)) {
        this.lines.push(`${pad}${keyText}:`);
        this.sequence(value, indent, childPath);
      } else {
        this.lines.push(`${pad}${keyText}: ${this.inline(value, childPath)}`);
      }
      this.open.delete(rawValue);
    }
  }

  private sequence(items: unknown[], indent: number, path: string): void {
    items.forEach((rawItem, index) => {
      const itemPath = `${path}[${index}]`;
      // Like JSON, a missing list item becomes null.
      const item = rawItem === undefined ? null : this.normalise(rawItem, itemPath);
      this.compactValue(item, indent, '- ', itemPath);
      this.open.delete(rawItem);
    });
  }

  /** Writes `value` after a `- ` or `: ` marker, nesting collections compactly (`- a: 1`). */
  private compactValue(value: unknown, indent: number, marker: string, path: string): void {
    const pad = ' '.repeat(indent);
    if (!isNonEmptyMapping(value) && !isNonEmptyList(value)) {
      this.lines.push(`${pad}${marker}${this.inline(value, path)}`);
      return;
    }
    const first = this.lines.length;
    if (isNonEmptyMapping(value)) this.mapping(Object.entries(value), indent + INDENT, path);
    else this.sequence(value as unknown[], indent + INDENT, path);
    this.lines[first] = pad + marker + (this.lines[first] ?? '').slice(indent + INDENT);
  }

  private inline(value: unknown, path: string): string {
    if (value === null || value === undefined) return 'null';
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    if (typeof value === 'number') return renderNumber(value);
    if (typeof value === 'string') return this.scalarText(value, path);
    if (Array.isArray(value)) return '[]';
    return '{}';
  }

  private scalarText(text: string, where: string): string {
    try {
      return renderString(text);
    } catch (error) {
      if (error instanceof UnwritableStringError) throw unwritable(where, error.message);
      throw error;
    }
  }

  /**
   * Checks a value can be written and converts the few JavaScript types YAML has no word for:
   * a Date becomes its ISO text. Cycles and class instances are refused, naming the path.
   */
  private normalise(value: unknown, path: string): unknown {
    if (value instanceof Date) {
      if (Number.isNaN(value.getTime())) throw unwritable(path, 'it is an invalid Date');
      return value.toISOString();
    }
    if (value === null || ['string', 'number', 'boolean', 'undefined'].includes(typeof value)) return value;
    if (typeof value !== 'object') {
      throw unwritable(path, `a ${typeof value} has no YAML form; convert it to a string or a number first`);
    }
    if (!Array.isArray(value) && !isMapping(value)) {
      const kind = (value as object).constructor?.name ?? 'object';
      throw unwritable(path, `a ${kind} has no YAML form; use plain objects, arrays, strings, numbers, booleans or null`);
    }
    if (this.open.has(value)) throw unwritable(path, 'it contains itself (a circular reference)');
    this.open.add(value);
    return value;
  }
}

function unwritable(path: string, problem: string): PinsError {
  return new PinsError('invalid-argument', `Cannot write the metadata value at ${path || 'the top level'}: ${problem}.`);
}

function isMapping(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Keys whose value is undefined are left out, as JSON.stringify does. */
function isNonEmptyMapping(value: unknown): value is Record<string, unknown> {
  return isMapping(value) && Object.values(value).some((entry) => entry !== undefined);
}

function isNonEmptyList(value: unknown): value is unknown[] {
  return Array.isArray(value) && value.length > 0;
}

/** YAML for any plain value (used for `_pins.yaml`); see the header for the dialect. */
export function renderYaml(value: unknown): string {
  const emitter = new Emitter('');
  emitter.document(value);
  return emitter.text();
}

/** A top-level mapping whose keys keep the given order. */
export function renderYamlEntries(entries: Entries): string {
  const emitter = new Emitter('');
  emitter.mapping(entries, 0, '');
  return emitter.text();
}
