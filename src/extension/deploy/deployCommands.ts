// Write App…, Write Dockerfile…, Write Kubernetes Manifests…: the same writers as `pinwheel write-app`,
// `write-docker` and `write-k8s` (src/core/deploy), for the pin version picked in the Boards view.
import path from 'node:path';
import * as vscode from 'vscode';
import type { BoardRegistry } from '../boards/boardRegistry.js';
import type { PinTarget, PinTargetResolver } from '../boards/pinTarget.js';
import { errorMessage, showError } from '../showError.js';
import { requireTrustedWorkspace } from '../workspaceTrust.js';

type DeployKind = 'app' | 'docker' | 'k8s';

const KINDS: Record<DeployKind, { title: string; folder: (pin: string) => string; what: string }> = {
  app: { title: 'Write App', folder: (pin) => `deploy/${pin}-app`, what: 'an app folder (npm ci && node app.js)' },
  docker: { title: 'Write Dockerfile', folder: (pin) => `deploy/${pin}-docker`, what: 'a Docker build context' },
  k8s: { title: 'Write Kubernetes Manifests', folder: (pin) => `deploy/${pin}-k8s`, what: 'Kubernetes manifests (kubectl apply -k)' },
};

async function askOutputFolder(kind: DeployKind, target: PinTarget): Promise<string | undefined> {
  const workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!workspace) {
    const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: 'Write Here', title: `${KINDS[kind].title}: output folder` });
    return picked?.[0]?.fsPath;
  }
  const answer = await vscode.window.showInputBox({
    title: `${KINDS[kind].title}: ${target.pin}`,
    prompt: `Output folder for ${KINDS[kind].what}, relative to the workspace folder`,
    value: KINDS[kind].folder(target.pin),
    validateInput: (value) => (value.trim() === '' ? 'Give a folder.' : undefined),
  });
  return answer === undefined ? undefined : path.resolve(workspace, answer.trim());
}

async function write(kind: DeployKind, registry: BoardRegistry, target: PinTarget, outDir: string, overwrite: boolean, image?: string) {
  const deploy = await import('../../core/deploy/index.js');
  const board = await registry.open(target.board);
  const common = { board, name: target.pin, outDir, overwrite, ...(target.version ? { version: target.version } : {}) };
  if (kind === 'app') return deploy.writeApp({ ...common, boardUri: target.board.folder });
  if (kind === 'docker') return deploy.writeDocker(common);
  return deploy.writeK8s({ ...common, ...(image ? { image } : {}) });
}

async function writeDeployFiles(kind: DeployKind, deps: { registry: BoardRegistry; targets: PinTargetResolver }, arg: unknown): Promise<void> {
  const { title } = KINDS[kind];
  if (!requireTrustedWorkspace('write deploy files')) return;
  const target = await deps.targets.resolve(arg, { title, servableOnly: true, withVersion: true });
  if (!target) return;
  const outDir = await askOutputFolder(kind, target);
  if (!outDir) return;
  let image: string | undefined;
  if (kind === 'k8s') {
    const { defaultImageName } = await import('../../core/deploy/index.js');
    const version = target.version ?? (await (await deps.registry.open(target.board)).meta(target.pin)).version;
    image = await vscode.window.showInputBox({ title, prompt: 'Container image the Deployment runs (built from Write Dockerfile…)', value: defaultImageName(target.pin, version) });
    if (image === undefined) return;
  }
  const run = (overwrite: boolean) =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `${title}: ${target.pin}` }, () => write(kind, deps.registry, target, outDir, overwrite, image?.trim() || undefined));
  try {
    let written;
    try {
      written = await run(false);
    } catch (error) {
      if (!/already exists/.test(errorMessage(error))) throw error;
      const replace = 'Replace Files';
      const answer = await vscode.window.showWarningMessage(`${outDir} already holds files from an earlier write. Replace them?`, { modal: true }, replace);
      if (answer !== replace) return;
      written = await run(true);
    }
    const open = 'Open README';
    const answer = await vscode.window.showInformationMessage(`Wrote ${written.files.length} files for ${written.name}@${written.version} to ${written.out}.`, open);
    if (answer === open) {
      const readme = written.files.find((file) => /readme\.md$/i.test(file)) ?? written.files[0];
      if (readme) await vscode.window.showTextDocument(vscode.Uri.file(path.join(written.out, readme)));
    }
  } catch (error) {
    await showError(`${title.toLowerCase()} for ${target.pin}`, error);
  }
}

export function registerDeployCommands(context: vscode.ExtensionContext, deps: { registry: BoardRegistry; targets: PinTargetResolver }): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('pinwheel.writeApp', (arg?: unknown) => writeDeployFiles('app', deps, arg)),
    vscode.commands.registerCommand('pinwheel.writeDockerfile', (arg?: unknown) => writeDeployFiles('docker', deps, arg)),
    vscode.commands.registerCommand('pinwheel.writeKubernetes', (arg?: unknown) => writeDeployFiles('k8s', deps, arg)),
  );
}
