// How one server looks in the status bar: what it serves and on which port; click for its actions.
import * as vscode from 'vscode';
import type { ServerInfo } from './serverInfo.js';
import { shortVersion } from '../../core/text/displayFormats.js';

export function createServerStatusItem(id: string): vscode.StatusBarItem {
  const item = vscode.window.createStatusBarItem(`pinwheel.server.${id}`, vscode.StatusBarAlignment.Left, 50);
  item.name = 'Pinwheel Predict Server';
  item.command = { command: 'pinwheel.serverActions', title: 'Server Actions…', arguments: [id] };
  return item;
}

export function renderServerStatusItem(item: vscode.StatusBarItem, info: ServerInfo): void {
  const served = info.version ? `${info.pin}@${shortVersion(info.version)}` : info.pin;
  const where = `board "${info.boardName}" (${info.boardFolder})`;
  switch (info.state) {
    case 'starting':
      item.text = `$(loading~spin) ${served} starting…`;
      item.tooltip = `Starting a predict server for ${info.pin}${info.version ? ` version ${info.version}` : ' (latest version)'} from ${where}.`;
      item.backgroundColor = undefined;
      break;
    case 'running':
      item.text = `$(radio-tower) ${served} :${info.port}`;
      item.tooltip = `Serving ${info.pin} version ${info.version} from ${where} at ${info.url}${info.startupMs === null ? '' : ` (ready in ${info.startupMs} ms)`}.\nClick for API docs, requests, switching version, restart and stop.`;
      item.backgroundColor = undefined;
      break;
    case 'crashed':
      item.text = `$(error) ${served} crashed`;
      item.tooltip = `The predict server for ${info.pin} stopped unexpectedly. Click to restart it or to see its log.`;
      item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
      break;
    case 'stopping':
      item.text = `$(debug-stop) ${served} stopping…`;
      item.tooltip = `Stopping the predict server for ${info.pin}: finishing the requests in flight.`;
      item.backgroundColor = undefined;
      break;
  }
  item.show();
}
