// Child process for board-crash.test.ts: writes to a folder board until told to stop (or killed).
// Usage: node --import tsx board-crash-writer.child.ts '<json config>'
import fs from 'node:fs/promises';
import path from 'node:path';
import { Board } from '../../src/core/pins/board.js';
import { FolderStorage } from '../../src/core/pins/storage/folderStorage.js';

interface Config {
  root: string;
  name: string;
  /** upload-loop: upload `bigFile` plus a counter file forever; json: `count` json writes. */
  mode: 'upload-loop' | 'json';
  bigFile?: string;
  workDir?: string;
  count?: number;
  /** Value written by json mode; `{i}` in strings is replaced by the write number. */
  value?: unknown;
  /** ISO time used as `created` for every json write (to force same-second clashes). */
  created?: string;
  /** Epoch ms to wait for before writing, so that two children start together. */
  startAt?: number;
}

const config = JSON.parse(process.argv[2] ?? '{}') as Config;
const board = new Board(new FolderStorage(config.root));

if (config.startAt) await new Promise((resolve) => setTimeout(resolve, Math.max(0, config.startAt! - Date.now())));

if (config.mode === 'upload-loop') {
  const counter = path.join(config.workDir!, 'counter.txt');
  for (let i = 0; ; i++) {
    await fs.writeFile(counter, `write ${i} by ${process.pid}\n`);
    process.stdout.write(`writing ${i}\n`);
    await board.upload([config.bigFile!, counter], { name: config.name });
  }
} else {
  const versions: string[] = [];
  for (let i = 0; i < (config.count ?? 1); i++) {
    const value = JSON.parse(JSON.stringify(config.value ?? i).replaceAll('{i}', String(i))) as unknown;
    const result = await board.write(value, {
      name: config.name,
      type: 'json',
      forceIdentical: true,
      ...(config.created ? { created: new Date(config.created) } : {}),
    });
    versions.push(result.version);
  }
  process.stdout.write(JSON.stringify(versions));
}
