// _pins.yaml as pins-r writes it (spec §1.8): pin → version folders ending in '/', oldest first.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { isPinsError } from '../../src/core/pins/errors.js';
import { readManifest, renderManifest } from '../../src/core/pins/manifest.js';
import { FolderStorage } from '../../src/core/pins/storage/folderStorage.js';

test('renders the exact text of pins-r, quoting the pin name y', () => {
  const text = renderManifest({
    x: ['x/20221215T180351Z-c3943/'],
    y: ['y/20221215T180357Z-9ae7a/', 'y/20221215T180400Z-b81d5/'],
  });
  assert.equal(text, "x:\n- x/20221215T180351Z-c3943/\n'y':\n- y/20221215T180357Z-9ae7a/\n- y/20221215T180400Z-b81d5/\n");
});

test('reads a manifest back, and reports none when the board has none', async (t) => {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'pinwheel-manifest-'));
  t.after(() => fs.rm(root, { recursive: true, force: true }));
  const storage = new FolderStorage(root);
  assert.equal(await readManifest(storage), undefined);
  await fs.writeFile(path.join(root, '_pins.yaml'), "x:\n- x/1/\n'y':\n- y/1/\n- y/2/\nempty: []\n");
  assert.deepEqual(await readManifest(storage), { x: ['x/1/'], y: ['y/1/', 'y/2/'], empty: [] });
});

test('a manifest that is not a mapping of lists is reported as corrupt', async (t) => {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'pinwheel-manifest-'));
  t.after(() => fs.rm(root, { recursive: true, force: true }));
  const storage = new FolderStorage(root);
  await fs.writeFile(path.join(root, '_pins.yaml'), '- just\n- a list\n');
  await assert.rejects(readManifest(storage), (error) => isPinsError(error, 'corrupt-metadata') && error.message.includes('_pins.yaml'));
  await fs.writeFile(path.join(root, '_pins.yaml'), 'x:\n  nested: map\n');
  await assert.rejects(readManifest(storage), (error) => isPinsError(error, 'corrupt-metadata') && error.message.includes('"x"'));
});
