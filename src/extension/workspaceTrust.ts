// Serving and writing run code and change files: they need a trusted workspace. Browsing does not.
import * as vscode from 'vscode';

/** True when the workspace is trusted; otherwise says why the action is refused and offers to manage trust. */
export function requireTrustedWorkspace(action: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  const manage = 'Manage Workspace Trust';
  void vscode.window
    .showWarningMessage(`Pinwheel cannot ${action} in Restricted Mode: serving models and writing files need a trusted workspace. Browsing boards works without trust.`, manage)
    .then((answer) => {
      if (answer === manage) void vscode.commands.executeCommand('workbench.trust.manage');
    });
  return false;
}
