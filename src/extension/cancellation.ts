// VS Code cancels with a CancellationToken, src/core with an AbortSignal: one bridge between them.
import type * as vscode from 'vscode';

/** An AbortSignal aborted when `token` is cancelled (or already aborted if it was). */
export function abortSignalOf(token: vscode.CancellationToken): AbortSignal {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  else {
    const listener = token.onCancellationRequested(() => {
      listener.dispose();
      controller.abort();
    });
  }
  return controller.signal;
}

/** True for what an aborted signal throws (the user pressed Cancel), not a failure to report. */
export function isCancellation(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}
