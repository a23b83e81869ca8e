// What every Pinwheel webview may do: run its own script and load files from dist/webview and
// media, nothing else of the extension or the workspace.
import * as vscode from 'vscode';

export function webviewResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')];
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: webviewResourceRoots(extensionUri) };
}

/**
 * Panels drop their page when hidden (retainContextWhenHidden costs memory per panel); apps keep
 * what they show in the webview state and redraw from it when shown again.
 */
export function webviewPanelOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return { ...webviewOptions(extensionUri), retainContextWhenHidden: false, enableFindWidget: true };
}
