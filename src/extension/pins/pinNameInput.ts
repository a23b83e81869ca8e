// The pin-name question of Pin Model… and Pin Data…: suggested from the file name, checked as it is
// typed with pins' own rules, and an existing name is allowed but said (it adds a version), with a
// warning when that pin holds another kind of thing.
import path from 'node:path';
import * as vscode from 'vscode';
import type { BoardEntry } from '../boards/boardEntry.js';
import type { PinKind, PinKindInfo } from '../../core/vetiver/pinKindTypes.js';
import type { BoardRegistry } from '../boards/boardRegistry.js';
import { errorMessage } from '../showError.js';

/** A valid pin name from a file name: `Ads Model v2.onnx` → `ads_model_v2`. */
function nameFromFile(file: string, fallback: string): string {
  return path.basename(file, path.extname(file)).toLowerCase().replace(/[^a-z0-9_.-]+/g, '_').replace(/^[^a-z0-9]+|_+$/g, '') || fallback;
}

/** What the new version will hold: its kind (as pinKindOf says), in words for the warning. */
export interface NewVersionKind {
  kind: PinKind;
  what: string;
}

/**
 * The trimmed name, or undefined when the user cancelled. An existing pin of another kind (a model
 * over a table…) is allowed but warned about: its readers would get the new kind.
 */
export async function askPinName(registry: BoardRegistry, board: BoardEntry, options: { title: string; file: string; fallback: string; writes: NewVersionKind }): Promise<string | undefined> {
  const [{ checkPinName }, { pinKindOf }, opened] = await Promise.all([import('../../core/pins/index.js'), import('../../core/vetiver/pinKind.js'), registry.open(board)]);
  const existing = new Set(await opened.list());
  const kinds = new Map<string, Promise<PinKindInfo | undefined>>();
  const kindOf = (pin: string) => {
    if (!kinds.has(pin)) kinds.set(pin, opened.meta(pin).then(pinKindOf, () => undefined));
    return kinds.get(pin)!;
  };
  const name = await vscode.window.showInputBox({
    title: options.title,
    prompt: 'Pin name (it becomes a folder name: no / or \\, not starting with a dot)',
    value: nameFromFile(options.file, options.fallback),
    validateInput: async (value) => {
      const name = value.trim();
      try {
        checkPinName(name);
      } catch (error) {
        return errorMessage(error);
      }
      if (!existing.has(name)) return undefined;
      const current = await kindOf(name);
      if (current && current.kind !== options.writes.kind) {
        return {
          message: `"${name}" is ${/^[aeiou]|^onnx/i.test(current.label) ? 'an' : 'a'} ${current.label} pin on ${board.name}: a new version holding ${options.writes.what} would change what its readers get (pin_read, previews, prototypes taken from it). Choose another name unless you mean to replace it.`,
          severity: vscode.InputBoxValidationSeverity.Warning,
        };
      }
      return { message: `"${name}" exists on ${board.name}: this adds a new version of it.`, severity: vscode.InputBoxValidationSeverity.Info };
    },
  });
  return name?.trim();
}
