// Scalars in the YAML dialect of pins boards. PyYAML and R's yaml package are YAML 1.1
// resolvers, while most JavaScript parsers follow YAML 1.2, and the two disagree about plain
// scalars such as `1e5`, `0123456789012345`, `y` or `on` (spec §1.6). Reading applies
// PyYAML's rules; writing quotes every string that any of these resolvers could take for
// something else, so all of them read back the same value.

export type YamlScalar = string | number | boolean | null;

const NULL_WORDS = new Set(['', '~', 'null', 'Null', 'NULL']);
// PyYAML's booleans. `y` and `n` are YAML 1.1 booleans on paper, but PyYAML reads them as strings.
const TRUE_WORDS = new Set(['yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSE_WORDS = new Set(['no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const DECIMAL_INT = /^[-+]?(?:0|[1-9][0-9]*)$/;
// PyYAML floats need a dot, and an exponent needs a sign: `1e5` and `1.5e5` stay strings.
const DOTTED_FLOAT = /^(?:[-+]?[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+][0-9]+)?$/;
const INFINITY = /^[-+]?\.(?:inf|Inf|INF)$/;
const NOT_A_NUMBER = /^\.(?:nan|NaN|NAN)$/;

/** Whether a plain (unquoted) scalar means null: `~`, `null` or nothing at all. */
export function isPlainNull(text: string): boolean {
  return NULL_WORDS.has(text);
}

/**
 * The value of a plain scalar under PyYAML-style YAML 1.1 rules (simplified: decimal integers
 * only, no sexagesimal or `_` separators). Integers too large to be exact in JavaScript stay
 * strings, so their digits survive.
 */
export function resolvePlainScalar(text: string): YamlScalar {
  if (NULL_WORDS.has(text)) return null;
  if (TRUE_WORDS.has(text)) return true;
  if (FALSE_WORDS.has(text)) return false;
  if (DECIMAL_INT.test(text)) {
    const value = Number(text);
    return Number.isSafeInteger(value) ? value : text;
  }
  if (DOTTED_FLOAT.test(text)) return Number(text);
  if (INFINITY.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (NOT_A_NUMBER.test(text)) return NaN;
  return text;
}

/**
 * A number written so that PyYAML, R's yaml and YAML 1.2 parsers all read the same value:
 * integers plainly, other numbers always with a dot and a signed exponent (`1.0e-7`, not
 * `1e-7`, which PyYAML reads as a string). NaN and infinities use the YAML forms `.nan`/`.inf`.
 */
export function renderNumber(value: number): string {
  if (Number.isNaN(value)) return '.nan';
  if (value === Infinity) return '.inf';
  if (value === -Infinity) return '-.inf';
  if (Object.is(value, -0)) return '-0.0';
  if (Number.isSafeInteger(value)) return String(value);
  const text = String(value);
  const [mantissa = '', exponent] = text.split('e');
  const dotted = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  return exponent === undefined ? dotted : `${dotted}e${exponent}`;
}

// Words some resolver takes for a boolean, null, or (in PyYAML) a merge key or value marker.
const AMBIGUOUS_WORDS = new Set(['y', 'n', 'yes', 'no', 'true', 'false', 'on', 'off', 'null', '~', '<<', '=']);
// Deliberately broad: anything made only of number characters, with at least one digit or dot.
const NUMBER_CHARACTERS = /^[-+0-9._:,eE]+$/;
const PREFIXED_NUMBER = /^[-+]?0[xXoObB]/;
const SPECIAL_FLOAT = /^[-+]?\.?(?:inf|infinity|nan)$/i;
const DATE_PREFIX = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}/;
const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`\s]/;
const DOCUMENT_MARKER_START = /^(?:---|\.\.\.)/;

function couldBeReadAsNonString(text: string): boolean {
  if (text === '' || AMBIGUOUS_WORDS.has(text.toLowerCase())) return true;
  if (NUMBER_CHARACTERS.test(text) && /[0-9.]/.test(text)) return true;
  return PREFIXED_NUMBER.test(text) || SPECIAL_FLOAT.test(text) || DATE_PREFIX.test(text);
}

function breaksPlainSyntax(text: string): boolean {
  return (
    INDICATOR_START.test(text) ||
    DOCUMENT_MARKER_START.test(text) ||
    /\s$/.test(text) ||
    text.includes(': ') ||
    text.includes(' #') ||
    text.endsWith(':')
  );
}

/**
 * Characters that must be escaped: YAML 1.1 only allows printable characters in a stream
 * (PyYAML rejects others), and treats U+0085, U+2028 and U+2029 as line breaks.
 */
function mustEscape(codePoint: number): boolean {
  return (
    codePoint < 0x20 ||
    (codePoint >= 0x7f && codePoint <= 0x9f) ||
    codePoint === 0x2028 ||
    codePoint === 0x2029 ||
    codePoint === 0xfeff ||
    codePoint === 0xfffe ||
    codePoint === 0xffff ||
    (codePoint >= 0xd800 && codePoint <= 0xdfff)
  );
}

const NAMED_ESCAPES: Record<number, string> = {
  0x00: '\\0',
  0x07: '\\a',
  0x08: '\\b',
  0x09: '\\t',
  0x0a: '\\n',
  0x0b: '\\v',
  0x0c: '\\f',
  0x0d: '\\r',
  0x1b: '\\e',
  0x22: '\\"',
  0x5c: '\\\\',
  0x85: '\\N',
  0x2028: '\\L',
  0x2029: '\\P',
};

export class UnwritableStringError extends Error {}

function doubleQuoted(text: string): string {
  let out = '"';
  for (const character of text) {
    const codePoint = character.codePointAt(0) ?? 0;
    if (codePoint >= 0xd800 && codePoint <= 0xdfff) {
      throw new UnwritableStringError('it contains an unpaired UTF-16 surrogate, which cannot be written as UTF-8');
    }
    const named = NAMED_ESCAPES[codePoint];
    if (named !== undefined) out += named;
    else if (!mustEscape(codePoint)) out += character;
    else if (codePoint <= 0xff) out += `\\x${codePoint.toString(16).padStart(2, '0')}`;
    else out += `\\u${codePoint.toString(16).padStart(4, '0')}`;
  }
  return `${out}"`;
}

/**
 * A string as a YAML scalar on one line: plain when every resolver reads it back as this
 * string, single-quoted when it only needs protecting, double-quoted with escapes when it
 * holds line breaks, tabs or other control characters.
 */
export function renderString(text: string): string {
  for (const character of text) {
    if (mustEscape(character.codePointAt(0) ?? 0)) return doubleQuoted(text);
  }
  if (couldBeReadAsNonString(text) || breaksPlainSyntax(text)) return `'${text.replaceAll("'", "''")}'`;
  return text;
}
