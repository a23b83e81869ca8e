// `npm start`: (re)creates the built-in demo board in ./demo-board with the project's own code,
// then shows it through the real `pinwheel` CLI, so a newcomer sees every part working.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { writeDemoBoard } from '../src/core/demo/demoBoard.js';
import { openBoard } from '../src/core/pins/index.js';

const repoRoot = path.resolve(import.meta.dirname, '..');
const boardDir = path.join(repoRoot, 'demo-board');
const marker = path.join(boardDir, '.pinwheel-demo');

// Only ever delete a folder this script made.
if (existsSync(boardDir)) {
  if (!existsSync(marker)) {
    console.error(`${boardDir} exists but was not made by npm start; move it away and run npm start again.`);
    process.exit(1);
  }
  await fs.rm(boardDir, { recursive: true, force: true });
}
await fs.mkdir(boardDir, { recursive: true });
await fs.writeFile(marker, 'Made by `npm start`; deleted and rebuilt by it.\n');
const board = await openBoard(boardDir);
await writeDemoBoard(board);

const cli = path.join(repoRoot, 'bin', 'pinwheel.js');
if (!existsSync(path.join(repoRoot, 'dist', 'cli.js'))) {
  spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs')], { stdio: 'inherit' });
}

function show(...args: string[]): void {
  console.log(`\n$ pinwheel ${args.join(' ')}`);
  const result = spawnSync(process.execPath, [cli, ...args, '--board', 'demo-board'], { cwd: repoRoot, encoding: 'utf8' });
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  if (result.status !== 0) process.exitCode = 1;
}

console.log(`Demo board written to ${boardDir}`);
show('list');
show('versions', 'ads');
show('meta', 'ads');
show('read', 'ads_parquet');
show('prune', 'ads', '--keep', '1', '--dry-run');
console.log(`
Try it yourself (the board is a plain folder that pins-python and pins-r can read too):
  npx pinwheel search likes --board demo-board
  npx pinwheel read ads --version <version> --json --board demo-board
  npx pinwheel write my.csv --name my_data --board demo-board
Python: pins.board_folder("demo-board").pin_read("ads")   R: pins::board_folder("demo-board") |> pins::pin_read("ads")`);
