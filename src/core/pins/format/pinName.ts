// Pin names become directory names on every operating system a board may be shared with, so
// the rules are pins' own (no '/', no '\', not `_pins.yaml`, spec §2.13) plus whatever Windows,
// macOS or Linux would refuse or misread as a path.
import { PinsError } from '../errors.js';

const MAX_NAME_BYTES = 255;
const WINDOWS_FORBIDDEN = /[<>:"|?*]/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is rejected
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const WINDOWS_DEVICE_NAMES = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
// eslint-disable-next-line no-control-regex -- see CONTROL_CHARACTERS
const REPLACEABLE = /[/\\<>:"|?*\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** A name in the spirit of the rejected one, or a generic example when nothing is left. */
function suggestName(name: string): string {
  let candidate = name.replace(REPLACEABLE, '-');
  // Each repair can expose another problem (`_pins.yaml.` → `_pins.yaml`), so repeat a little.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    // Also no leading '-': a name like "-x" would read as an option on a command line.
    candidate = candidate.replace(/^[-.\s]+/, '');
    while (utf8Length(candidate) > MAX_NAME_BYTES) candidate = [...candidate].slice(0, -1).join('');
    candidate = candidate.replace(/[.\s]+$/, '');
    if (candidate === '_pins.yaml') candidate = 'pins-yaml';
    if (WINDOWS_DEVICE_NAMES.test(candidate)) candidate = candidate.replace(/^[^.]*/, (device) => `${device}-pin`);
    if (problemWith(candidate) === null) return candidate;
  }
  return 'my-pin';
}

function problemWith(name: string): string | null {
  if (name === '') return 'is empty';
  if (name === '_pins.yaml') return 'is reserved: `_pins.yaml` is the board manifest written by pins-r';
  if (name === '.' || name === '..') return 'is a path to a folder, not a name';
  if (name.includes('/') || name.includes('\\')) {
    return 'contains a slash: pin names cannot contain "/" or "\\" (pins uses them to separate folders)';
  }
  if (name.startsWith('.')) return 'starts with ".": such folders are hidden and are never listed as pins';
  if (CONTROL_CHARACTERS.test(name)) return 'contains a control character (such as a newline or tab)';
  if (WINDOWS_FORBIDDEN.test(name)) {
    return 'contains a character that Windows does not allow in file names (< > : " | ? *)';
  }
  if (/[.\s]$/.test(name)) return 'ends with a dot or a space, which Windows silently removes from folder names';
  if (WINDOWS_DEVICE_NAMES.test(name)) return 'is a reserved device name on Windows (like CON, NUL or COM1)';
  const bytes = utf8Length(name);
  if (bytes > MAX_NAME_BYTES) return `is ${bytes} bytes long; folder names can be at most ${MAX_NAME_BYTES} bytes`;
  return null;
}

/** Returns the name unchanged, or throws PinsError('invalid-name') saying which rule it broke. */
export function checkPinName(name: string): string {
  const problem = problemWith(name);
  if (problem !== null) {
    throw new PinsError(
      'invalid-name',
      `The pin name ${JSON.stringify(name)} ${problem}. Pin names become folder names; ` +
        `try ${JSON.stringify(suggestName(name))} instead.`,
    );
  }
  return name;
}
