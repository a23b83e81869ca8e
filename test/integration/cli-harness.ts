/**
 * Runs the real, bundled `pinwheel` CLI (node bin/pinwheel.js) as a child process, the way a
 * user would. The bundle is rebuilt once if it is missing or older than the sources; a lock
 * directory keeps test files running in parallel from building at the same time.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, rmdir, stat, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { runProcess } from '../support/runProcess.js';
import { repoRoot } from '../support/sharedFixtures.js';

const bundle = path.join(repoRoot, 'dist', 'cli.js');
const bin = path.join(repoRoot, 'bin', 'pinwheel.js');
const lock = path.join(repoRoot, 'dist', '.cli-build.lock');

async function newestSourceTime(): Promise<number> {
  const files = (await readdir(path.join(repoRoot, 'src'), { recursive: true })).map((f) => path.join(repoRoot, 'src', f));
  files.push(path.join(repoRoot, 'scripts', 'build.mjs'), path.join(repoRoot, 'package.json'));
  const times = await Promise.all(files.map(async (f) => (await stat(f)).mtimeMs));
  return Math.max(...times);
}

async function bundleIsFresh(): Promise<boolean> {
  const built = await stat(bundle).catch(() => undefined);
  return built !== undefined && built.mtimeMs >= (await newestSourceTime());
}

async function takeLock(): Promise<void> {
  await mkdir(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      await mkdir(lock);
      return;
    } catch {
      const held = await stat(lock).catch(() => undefined);
      // A lock left by a killed run is older than any real build.
      if (held && Date.now() - held.mtimeMs > 60_000) await rmdir(lock).catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Builds dist/cli.js with the project's build script if it is missing or stale. */
export async function ensureCliBuilt(): Promise<void> {
  if (await bundleIsFresh()) return;
  await takeLock();
  try {
    if (await bundleIsFresh()) return;
    const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(build.status, 0, `node scripts/build.mjs failed:\n${build.stdout}${build.stderr}`);
  } finally {
    await rmdir(lock).catch(() => undefined);
  }
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `pinwheel …args` with a clean environment (no PINWHEEL_BOARD / PINWHEEL_DEBUG from the caller). */
export async function pinwheel(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  const env = { ...process.env };
  delete env.PINWHEEL_BOARD;
  delete env.PINWHEEL_DEBUG;
  delete env.NODE_OPTIONS;
  const { code, stdout, stderr } = await runProcess(process.execPath, [bin, ...args], { cwd: options.cwd ?? repoRoot, env: { ...env, ...options.env } });
  return { code, stdout, stderr };
}

/** Runs a command that must succeed with --json and returns the parsed stdout. */
export async function pinwheelJson(args: string[], options?: { cwd?: string }): Promise<unknown> {
  const result = await pinwheel([...args, '--json'], options);
  assert.equal(result.code, 0, `pinwheel ${args.join(' ')} --json failed (${result.code}):\n${result.stderr}`);
  return JSON.parse(result.stdout) as unknown;
}

/** Runs a command that must succeed and returns its stdout. */
export async function pinwheelOk(args: string[], options?: { cwd?: string }): Promise<string> {
  const result = await pinwheel(args, options);
  assert.equal(result.code, 0, `pinwheel ${args.join(' ')} failed (${result.code}):\n${result.stderr}`);
  return result.stdout;
}

/**
 * A user error: exit status 1, nothing on stdout, and on stderr a single paragraph (no blank
 * line, no stack frame) that mentions every `expected` piece.
 */
export function assertUserError(result: CliResult, ...expected: (string | RegExp)[]): void {
  const context = `stderr was:\n${result.stderr}\nstdout was:\n${result.stdout}`;
  assert.equal(result.code, 1, `expected exit status 1, got ${result.code}; ${context}`);
  assert.equal(result.stdout, '', context);
  const message = result.stderr.trim();
  assert.ok(message.length > 0, 'expected a message on stderr');
  assert.doesNotMatch(message, /\n\s*\n/, `expected one paragraph; ${context}`);
  assert.doesNotMatch(message, /^\s+at .+[:(]/m, `expected no stack trace; ${context}`);
  for (const piece of expected) {
    if (typeof piece === 'string') assert.ok(message.includes(piece), `expected the message to mention ${JSON.stringify(piece)}; ${context}`);
    else assert.match(message, piece, context);
  }
}

/** A fresh folder under the OS temp dir; `cleanup` removes every folder made. */
export function tempFolders(prefix: string) {
  const made: string[] = [];
  return {
    async make(): Promise<string> {
      const dir = await mkdtemp(path.join(os.tmpdir(), `pinwheel-${prefix}-`));
      made.push(dir);
      return dir;
    },
    async cleanup(): Promise<void> {
      await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
    },
  };
}

export const VERSION_NAME = /^\d{8}T\d{6}Z-[0-9a-f]{5}$/;
