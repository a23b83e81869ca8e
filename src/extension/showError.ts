// One way to tell the user a command failed: what was being done, then the library's own message
// (Pinwheel's errors already say what was wrong and how to fix it). Unexpected errors also go to the log.
import * as vscode from 'vscode';

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function showError(action: string, error: unknown, log?: vscode.OutputChannel): Promise<void> {
  const message = errorMessage(error);
  if (log && error instanceof Error && error.stack && !('code' in error)) log.appendLine(`[error] ${action}: ${error.stack}`);
  await vscode.window.showErrorMessage(`Could not ${action}: ${message}`);
}
