// Runs the shared BoardStorage contract for every backend available today.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FolderStorage } from '../../src/core/pins/storage/folderStorage.js';
import { TempFolderStorage } from '../../src/core/pins/storage/tempStorage.js';
import { storageContractSuite } from './board-storage-contract.suite.js';

storageContractSuite('folder', async () => {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'pinwheel-contract-'));
  return { storage: new FolderStorage(root), cleanup: () => fs.rm(root, { recursive: true, force: true }) };
});

storageContractSuite('temp', async () => {
  const storage = await TempFolderStorage.create();
  return { storage, cleanup: () => storage.dispose() };
});

// Flushing to disk changes timing only; every guarantee of the contract must hold the same.
storageContractSuite('folder (durable)', async () => {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'pinwheel-contract-'));
  return { storage: new FolderStorage(root, { durable: true }), cleanup: () => fs.rm(root, { recursive: true, force: true }) };
});
