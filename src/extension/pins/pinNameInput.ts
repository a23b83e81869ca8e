// The pin-name question of Pin Model… and Pin Data…: suggested from the file name, checked as it is
// typed with pins' own rules, and an existing name is allowed but said (it adds a version).
import path from 'node:path';
import * as vscode from 'vscode';
import type { BoardEntry } from '../boards/boardEntry.js';
import type { BoardRegistry } from '../boards/boardRegistry.js';
import { errorMessage } from '../showError.js';

/** A valid pin name from a file name: `Ads Model v2.onnx` → `ads_model_v2`. */
function nameFromFile(file: string, fallback: string): string {
  return path.basename(file, path.extname(file)).toLowerCase().replace(/[^a-z0-9_.-]+/g, '_').replace(/^[^a-z0-9]+|_+$/g, '') || fallback;
}

/** The trimmed name, or undefined when the user cancelled. */
export async function askPinName(registry: BoardRegistry, board: BoardEntry, options: { title: string; file: string; fallback: string }): Promise<string | undefined> {
  const [{ checkPinName }, opened] = await Promise.all([import('../../core/pins/index.js'), registry.open(board)]);
  const existing = new Set(await opened.list());
  const name = await vscode.window.showInputBox({
    title: options.title,
    prompt: 'Pin name (it becomes a folder name: no / or \\, not starting with a dot)',
    value: nameFromFile(options.file, options.fallback),
    validateInput: (value) => {
      try {
        checkPinName(value.trim());
      } catch (error) {
        return errorMessage(error);
      }
      return existing.has(value.trim()) ? { message: `"${value.trim()}" exists on ${board.name}: this adds a new version of it.`, severity: vscode.InputBoxValidationSeverity.Info } : undefined;
    },
  });
  return name?.trim();
}
