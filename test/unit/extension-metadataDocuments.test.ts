// Compare Versions shows two versions' data.txt in the diff editor through pinwheel-meta: documents.
// They must hold the version's data.txt exactly, and a crafted uri must not read outside the board.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import * as vscode from 'vscode';
import { openBoard, tableFromRecords } from '../../src/core/pins/index.js';
import { MetadataDocuments, metadataUri } from '../../src/extension/pins/metadataDocuments.js';

test('a version\'s metadata document is its data.txt; uris that leave the board are refused', async () => {
  const board = await openBoard('temp');
  try {
    const written = await board.write(tableFromRecords([{ x: 1 }]), { name: 'scores', type: 'csv', title: 'Scores' });
    const folder = (board.storage as unknown as { root: string }).root;
    const entry = { id: folder, name: 'Temp', folder, source: 'setting' as const };
    const documents = new MetadataDocuments();
    const text = await documents.provideTextDocumentContent(metadataUri({ board: entry, pin: 'scores', version: written.version }));
    assert.equal(text, await readFile(path.join(folder, 'scores', written.version, 'data.txt'), 'utf8'));
    assert.match(text, /^title: Scores$/m);
    const crafted = (pin: string, version: string) => vscode.Uri.from({ scheme: 'pinwheel-meta', path: `/${pin}/${version}/data.txt`, query: folder });
    await assert.rejects(documents.provideTextDocumentContent(crafted('scores', '..')), /not a version name/);
    await assert.rejects(documents.provideTextDocumentContent(crafted('..', written.version)));
  } finally {
    await board.dispose();
  }
});
