// Pin Model from ONNX File…: the model file, a sample of the training data (the prototype), the pin's
// name, title and description, each a quick input that checks the answer before going on.
import path from 'node:path';
import * as vscode from 'vscode';
import type { BoardEntry } from '../boards/boardEntry.js';
import type { BoardRegistry } from '../boards/boardRegistry.js';
import type { PinTargetResolver } from '../boards/pinTarget.js';
import { pinsWithKinds } from '../boards/pinsWithKinds.js';
import { abortSignalOf, isCancellation } from '../cancellation.js';
import { errorMessage, showError } from '../showError.js';
import { askPinName } from './pinNameInput.js';
import { requireTrustedWorkspace } from '../workspaceTrust.js';

async function pickSample(registry: BoardRegistry, board: BoardEntry, title: string): Promise<{ file?: string; pin?: string } | undefined> {
  const tables = (await pinsWithKinds(await registry.open(board))).filter((pin) => pin.kind?.kind === 'table').map((pin) => pin.name);
  const items: (vscode.QuickPickItem & { file?: boolean; pin?: string })[] = [
    { label: '$(file) Choose a Data File…', description: 'csv, json, arrow or parquet: a sample of the training rows', file: true },
    ...tables.map((pin) => ({ label: `$(table) ${pin}`, description: `data pin on ${board.name}`, pin })),
  ];
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'The prototype: a sample of the data the model was trained on (its columns and types define the API)' });
  if (!picked) return undefined;
  if (picked.pin) return { pin: picked.pin };
  const { DATA_FILE_EXTENSIONS } = await import('../../core/pins/index.js');
  const files = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Use as Prototype', title: `${title}: the prototype sample`, filters: { 'Data files': DATA_FILE_EXTENSIONS } });
  return files?.[0] ? { file: files[0].fsPath } : undefined;
}

export function registerPinModelCommand(context: vscode.ExtensionContext, deps: { registry: BoardRegistry; targets: PinTargetResolver; revealPin(board: BoardEntry, pin: string): Promise<void> }): void {
  const title = 'Pin Model from ONNX File';
  context.subscriptions.push(
    vscode.commands.registerCommand('pinwheel.pinModel', async (arg?: unknown) => {
      if (!requireTrustedWorkspace('pin a model')) return;
      const fromExplorer = arg instanceof vscode.Uri ? arg : undefined;
      const board = await deps.targets.resolveBoard(fromExplorer ? undefined : arg, title);
      if (!board) return;
      let modelFile = fromExplorer?.fsPath;
      if (!modelFile) {
        const picked = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Pin Model', title: `${title}: the .onnx file`, filters: { 'ONNX models': ['onnx'] } });
        modelFile = picked?.[0]?.fsPath;
      }
      if (!modelFile) return;
      const [{ readFile }, onnx] = await Promise.all([import('node:fs/promises'), import('../../core/onnx/index.js')]);
      let modelBytes: Uint8Array;
      try {
        modelBytes = new Uint8Array(await readFile(modelFile));
        onnx.readOnnxModelInfo(modelBytes);
      } catch (error) {
        await showError(`read ${path.basename(modelFile)} as an ONNX model`, error);
        return;
      }
      const sample = await pickSample(deps.registry, board, title);
      if (!sample) return;
      const name = await askPinName(deps.registry, board, { title, file: modelFile, fallback: 'model', writes: { kind: 'model', what: 'an ONNX model' } });
      if (!name) return;
      const pinTitle = await vscode.window.showInputBox({ title, prompt: 'Title (optional)', placeHolder: `${name}: a pinned ONNX model` });
      if (pinTitle === undefined) return;
      const description = await vscode.window.showInputBox({ title, prompt: 'Description (optional; empty: described from the model file)' });
      if (description === undefined) return;
      await pinWithPrototype(deps, board, { modelBytes, modelFile, sample, name, title: pinTitle.trim(), description: description.trim() });
    }),
  );
}

async function pinWithPrototype(
  deps: { registry: BoardRegistry; revealPin(board: BoardEntry, pin: string): Promise<void> },
  board: BoardEntry,
  answers: { modelBytes: Uint8Array; modelFile: string; sample: { file?: string; pin?: string }; name: string; title: string; description: string },
  exclude?: string[],
): Promise<void> {
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Pinning ${answers.name} on ${board.name}`, cancellable: true },
    async (progress, token) => {
      const [{ pinModel, isModelError }, { sampleFromFile, sampleFromPin }] = await Promise.all([import('../../core/vetiver/index.js'), import('./sampleTable.js')]);
      const opened = await deps.registry.open(board);
      progress.report({ message: 'reading the prototype sample…' });
      const sample = answers.sample.file ? await sampleFromFile(answers.sample.file) : await sampleFromPin(opened, answers.sample.pin!);
      if (token.isCancellationRequested) return 'cancelled' as const;
      progress.report({ message: 'writing the new version…' });
      try {
        return await pinModel(opened, {
          signal: abortSignalOf(token),
          model: answers.modelBytes,
          name: answers.name,
          prototype: sample.table,
          prototypeSource: sample.source,
          ...(exclude ? { exclude } : {}),
          ...(answers.title ? { title: answers.title } : {}),
          ...(answers.description ? { description: answers.description } : {}),
        });
      } catch (error) {
        if (isCancellation(error)) return 'cancelled' as const;
        // The model takes fewer columns than the sample has: ask which columns are not inputs.
        if (isModelError(error, 'prototype-mismatch') && !exclude) return { mismatch: errorMessage(error), columns: sample.table.columns.map((column) => column.name) };
        throw error;
      }
    },
  ).then(
    (value) => value,
    async (error: unknown) => {
      await showError(`pin ${answers.name}`, error);
      return undefined;
    },
  );
  if (!result) return;
  if (result === 'cancelled') {
    void vscode.window.showInformationMessage(`Cancelled: nothing was pinned as ${answers.name}.`);
    return;
  }
  if ('mismatch' in result) {
    const picked = await vscode.window.showQuickPick(result.columns.map((label) => ({ label })), {
      title: 'Which sample columns are NOT model inputs? (the outcome, IDs…)',
      placeHolder: result.mismatch.replace(/--features|--exclude/g, 'these columns'),
      canPickMany: true,
    });
    if (!picked || picked.length === 0) return;
    await pinWithPrototype(deps, board, answers, picked.map((item) => item.label));
    return;
  }
  const notes = result.notes.length > 0 ? ` ${result.notes.join(' ')}` : '';
  const message = result.skipped ? `${answers.name}: the model is identical to the latest version ${result.version}; nothing written.` : `Pinned ${answers.name} version ${result.version} on ${board.name}.${notes}`;
  deps.registry.refresh(board);
  await deps.revealPin(board, answers.name);
  const serve = 'Serve Version';
  const answer = await vscode.window.showInformationMessage(message, serve);
  if (answer === serve) await vscode.commands.executeCommand('pinwheel.serveVersion', { board, pin: answers.name, version: result.version });
}
