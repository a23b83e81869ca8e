// Read-only documents holding a version's data.txt, for the native diff editor (Compare Versions):
// pinwheel-meta:/<pin>/<version>/data.txt?<board folder>.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as vscode from 'vscode';
import type { PinTarget } from '../boards/pinTarget.js';

export const METADATA_SCHEME = 'pinwheel-meta';

export function metadataUri(target: PinTarget & { version: string }): vscode.Uri {
  return vscode.Uri.from({ scheme: METADATA_SCHEME, path: `/${target.pin}/${target.version}/data.txt`, query: target.board.folder });
}

export class MetadataDocuments implements vscode.TextDocumentContentProvider {
  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const [pin = '', version = ''] = uri.path.split('/').filter(Boolean);
    const { checkPinName, isVersionName } = await import('../../core/pins/index.js');
    // The uri could be typed by anyone: names are checked so it cannot read outside the board.
    checkPinName(pin);
    // Version folders are pins' names (20240101T120000Z-ab12c) or a legacy folder name; never `.`/`..`.
    if (!isVersionName(version) && !/^\w[\w.-]*$/.test(version)) throw new Error(`"${version}" is not a version name.`);
    return readFile(path.join(uri.query, pin, version, 'data.txt'), 'utf8');
  }
}
