// The baseline: the smallest extension that does what activation must do (a tree view and a command),
// with nothing of its own to load. Pinwheel's activation is compared with it in the same run.
'use strict';
const vscode = require('vscode');
exports.activate = (context) => {
  const changed = new vscode.EventEmitter();
  const provider = { onDidChangeTreeData: changed.event, getTreeItem: (item) => item, getChildren: () => [] };
  context.subscriptions.push(vscode.window.createTreeView('baseline.view', { treeDataProvider: provider }), vscode.commands.registerCommand('baseline.hello', () => undefined));
};
exports.deactivate = () => undefined;
