// Activation with the stubbed vscode: every command package.json declares (palette, menus, welcome
// buttons) is registered, so none answers "command not found". (That activation never loads
// onnxruntime, and how long it takes, is `npm run bench:extension`'s job.)
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import * as vscode from 'vscode';
import packageJson from '../../package.json' with { type: 'json' };
import { activate, deactivate } from '../../src/extension/main.js';
import { repoRoot } from '../support/sharedFixtures.js';
import { resetStub, stub } from '../support/vscode/stub.js';

test('activation registers every command package.json declares, and the preview panel serializer', async () => {
  resetStub();
  const storage = await mkdtemp(path.join(os.tmpdir(), 'pinwheel-activation-'));
  const subscriptions: { dispose(): unknown }[] = [];
  const memento = { get: () => undefined, update: async () => undefined, keys: () => [] };
  const context = {
    subscriptions,
    extensionPath: repoRoot,
    extensionUri: vscode.Uri.file(repoRoot),
    globalStorageUri: vscode.Uri.file(storage),
    globalState: memento,
    workspaceState: memento,
  } as unknown as import('vscode').ExtensionContext;
  try {
    activate(context);
    const declared = packageJson.contributes.commands.map((command) => command.command).sort();
    assert.deepEqual([...stub.commands.keys()].filter((id) => id.startsWith('pinwheel.')).sort(), declared);
    assert.deepEqual(stub.panelSerializers, ['pinwheel.pinPreview']);
    const welcomeCommands = packageJson.contributes.viewsWelcome.flatMap((welcome) => [...welcome.contents.matchAll(/\(command:([\w.]+)/g)].map((match) => match[1]!));
    for (const command of welcomeCommands.filter((id) => id.startsWith('pinwheel.'))) assert.ok(stub.commands.has(command), `${command} (a welcome button)`);
  } finally {
    await deactivate();
    subscriptions.forEach((subscription) => subscription.dispose());
    await rm(storage, { recursive: true, force: true });
  }
});
